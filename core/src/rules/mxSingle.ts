/**
 * `mxSingle`: an owner has exactly one real exchange host (and no null MX). When that one host is
 * down, senders queue and, after their retry period, bounce (RFC 5321 §4.5.4.1). A second exchanger
 * on another host and network keeps mail flowing.
 *
 * Hosts are counted by name in the mail model: the same host at two preferences is one, and a
 * placeholder (`backup-mx.invalid.`, see mxPlaceholderTarget) is none. A host with one A and one
 * AAAA record is one dual-stack machine, so it stays a warning; only addresses of ONE family on
 * different networks (one name for several machines, e.g. a load-balanced pair) lower the finding to
 * information.
 *
 * Bad:  `@ MX 10 mx1`
 * Good: `@ MX 10 mx1` and `@ MX 20 mx2.example.net.`
 */
import { recordSpan } from '../model/zoneModel';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { hostNetworks, mailDomains } from '../model/mail/mailDomain';
import { defineRule, type RuleFix } from './rule';

export const mxSingle = defineRule({
	id: 'mxSingle',
	defaultLevel: 'warning',
	description: 'A mail domain has only one MX record: when that host is down, mail is queued by senders and eventually bounced.',
	reference: 'RFC 5321 §5.1',
	options: [...BACKUP_MX_FIX_OPTIONS],
	reads: ['mailNetworks'],
	check(context) {
		const { model } = context;
		const { mxNetworkPrefixV4: v4, mxNetworkPrefixV6: v6 } = context.options;
		for (const domain of mailDomains(model)) {
			if (domain.hasNullMx || domain.realHosts.length !== 1) continue;
			const [host] = domain.realHosts;
			const only = domain.firstExchangers[domain.hosts.indexOf(host)];
			const networks = hostNetworks(model, host, v4, v6);
			const fixes = (): readonly RuleFix[] => backupMxFixes(model, domain.exchangers, context.options);
			if (networks.severalMachines) {
				const [family, count] = networks.ipv4.size > 1 ? ['IPv4', networks.ipv4.size] : ['IPv6', networks.ipv6.size];
				context.report({
					...recordSpan(only.record),
					severity: 'information',
					message: `${only.record.owner} has one MX, ${only.exchange}, but its ${family} addresses are on ${count} different networks, so the name is several machines and has some redundancy. A second MX host would still survive the host itself failing.`,
					fixes,
				});
				continue;
			}
			const dualStack =
				host.ipv4.length > 0 && host.ipv6.length > 0 ? ' Its IPv4 and IPv6 addresses reach the same server, which is no backup.' : '';
			const placeholder = domain.hosts.length > domain.realHosts.length ? '; the placeholder beside it delivers nothing' : '';
			context.report({
				...recordSpan(only.record),
				message: `${only.record.owner} has only one mail exchanger (${only.exchange}${placeholder}).${dualStack} When it is down, senders queue mail and bounce it after a few days. Add a backup MX on another host and network, with a higher preference number than ${only.preference}.`,
				fixes,
			});
		}
	},
});
