/**
 * `mxSameNetwork`: every exchange of one owner that has in-zone addresses sits in one network (by
 * default the same IPv4 /24 or IPv6 /48; see the prefix-length settings). A network or data-centre
 * outage takes them all down together. Reported only when at least two exchanges have addresses and
 * none lies outside the zone (such a backup is presumably elsewhere, which is what the quick fix adds).
 *
 * Bad:  `mx1 A 192.0.2.25`, `mx2 A 192.0.2.26`
 * Good: `mx1 A 192.0.2.25`, `mx2 A 198.51.100.25`
 */
import { recordSpan } from '../model/zoneModel';
import { networkLabel } from '../model/ipNetwork';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { addressOf, addressRecords, isInZone, mailFacts, networksOf } from '../model/mail/mailExchangers';
import { defineRule } from './rule';

export const mxSameNetwork = defineRule({
	id: 'mxSameNetwork',
	defaultLevel: 'warning',
	description: 'All mail exchangers of one name are on the same network, so one outage takes them all down.',
	reference: 'RFC 5321 §5.1',
	options: ['mxNetworkPrefixV4', 'mxNetworkPrefixV6', ...BACKUP_MX_FIX_OPTIONS],
	check(context) {
		const facts = mailFacts(context.model);
		const { mxNetworkPrefixV4: v4, mxNetworkPrefixV6: v6 } = context.options;
		for (const exchangers of facts.exchangersByOwner.values()) {
			if (exchangers.some((mx) => !mx.isNull && !isInZone(facts, mx.exchangeKey))) continue;
			const withAddresses = [...new Map(exchangers.filter((mx) => !mx.isNull).map((mx) => [mx.exchangeKey, mx])).values()]
				// Only addresses with a known value can be compared (not RFC 3597 data).
				.map((mx) => ({ mx, addresses: addressRecords(facts, mx.exchangeKey).filter((record) => addressOf(record) !== undefined) }))
				.filter((entry) => entry.addresses.length > 0);
			if (withAddresses.length < 2) continue;
			const all = withAddresses.flatMap((entry) => entry.addresses);
			const networks = networksOf(all, v4, v6);
			const distinctAddresses = new Set(all.map((record) => String(record.value(0)).toLowerCase()));
			// One shared address is mxSharedAddress's finding; here the hosts differ but the network does not.
			if (networks.size !== 1 || distinctAddresses.size < 2) continue;
			const network = networkLabel(String(all[0].value(0)), v4, v6);
			const [first, ...others] = withAddresses;
			context.report({
				...recordSpan(first.mx.record),
				message: `All ${withAddresses.length} mail exchangers of ${first.mx.record.owner} are in ${network}: an outage of that network stops all mail. Put a backup MX on a different network.`,
				related: others.map((entry) => ({
					...recordSpan(entry.addresses[0]),
					message: `${entry.mx.exchange} → ${String(entry.addresses[0].value(0))}`,
				})),
				fixes: backupMxFixes(context.model, exchangers, context.options),
			});
		}
	},
});
