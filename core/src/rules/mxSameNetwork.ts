/**
 * `mxSameNetwork`: in one address family, every exchange of one owner that has in-zone addresses of
 * that family sits in one network (by default the same IPv4 /24 or IPv6 /48; see the prefix-length
 * settings). A network or data-centre outage takes them all down together for that family. Families
 * are compared separately (from the mail model): two dual-stack hosts in one /24 and one /48 share
 * fate in both, and hosts in one /24 but different /48s still share fate for senders that reach them
 * over IPv4. Reported only when at least two exchanges have addresses of the family and every one is
 * known: in this zone or in another zone of the workspace (a backup no zone here answers for is
 * presumably elsewhere, which is what the quick fix adds); a placeholder under `.invalid` is no such
 * backup.
 *
 * Bad:  `mx1 A 192.0.2.25`, `mx2 A 192.0.2.26`
 * Good: `mx1 A 192.0.2.25`, `mx2 A 198.51.100.25`
 */
import { recordSpan } from '../model/zoneModel';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { addressPlace, type DomainFamily, domainNetworks, hostSourceNote, mailDomains } from '../model/mail/mailDomain';
import { defineRule, type RuleFinding } from './rule';

export const mxSameNetwork = defineRule({
	id: 'mxSameNetwork',
	defaultLevel: 'warning',
	description: 'All mail exchangers of one name are on the same network (in IPv4 or IPv6), so one outage takes them all down.',
	reference: 'RFC 5321 §5.1',
	options: [...BACKUP_MX_FIX_OPTIONS],
	reads: ['mailNetworks'],
	check(context) {
		const { model } = context;
		const { mxNetworkPrefixV4: v4, mxNetworkPrefixV6: v6 } = context.options;
		for (const domain of mailDomains(model)) {
			if (domain.realHosts.length < 2 || domain.realHosts.some((host) => host.source === 'unknown')) continue;
			const networks = domainNetworks(model, domain, v4, v6);
			const families = [networks.ipv4, networks.ipv6].filter((family) => family.hosts.length > 0);
			// One shared address is mxSharedAddress's finding; here the hosts differ but the network does not.
			const shared = families.filter((family) => family.hosts.length >= 2 && family.networks.size === 1 && family.addresses >= 2);
			if (shared.length === 0) continue;
			const hostsWithAddresses = domain.realHosts.filter((host) => host.ipv4.length > 0 || host.ipv6.length > 0);
			const clauses = shared.map(
				(family) => `${quantity(family.addresses)} ${family.family} addresses are in ${[...family.networks.values()][0]}`,
			);
			const everyFamily = shared.length === families.length && shared.every((family) => family.hosts.length === hostsWithAddresses.length);
			let consequence: string;
			if (!everyFamily) {
				const over = shared.map((family) => family.family).join(' or ');
				consequence = `senders that reach them over ${over} lose all mail when that network is down`;
			} else if (shared.length === 1) consequence = 'an outage of that network stops all mail';
			else consequence = 'one outage of those networks (one site, one upstream) stops all mail';
			const [first] = shared[0].hosts;
			const firstMx = domain.firstExchangers[domain.hosts.indexOf(first)];
			const related: Exclude<RuleFinding['related'], undefined>[number][] = [];
			for (const family of shared) relatedOf(family, first, related);
			context.report({
				...recordSpan(firstMx.record),
				message: `${everyFamily ? `All ${hostsWithAddresses.length}` : 'The'} mail exchangers of ${domain.owner} share a network: ${clauses.join(', and ')}, so ${consequence}. Put a backup MX on a different network.`,
				related,
				fixes: backupMxFixes(model, domain.exchangers, context.options),
			});
		}
	},
});

function quantity(count: number): string {
	return count === 2 ? 'both' : `all ${count}`;
}

/** One related location per other host of the family: its first address there. */
function relatedOf(
	family: DomainFamily,
	first: DomainFamily['hosts'][number],
	related: Exclude<RuleFinding['related'], undefined>[number][],
): void {
	for (const host of family.hosts) {
		if (host === first && family.hosts.length > 1) continue;
		const address = family.family === 'IPv4' ? host.ipv4[0] : host.ipv6[0];
		related.push({ ...addressPlace(address), message: `${host.name} → ${address.text}${hostSourceNote(host)}` });
	}
}
