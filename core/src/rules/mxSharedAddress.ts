/**
 * `mxSharedAddress`: different exchanges of one owner resolve, through the zone's A/AAAA records,
 * to the same address (in either family): two names, one machine, no redundancy. Reported while the
 * owner has fewer than two servers in the mail model; an exchanger outside the zone counts as one,
 * so adding a real backup (the quick fix) settles it, and a placeholder under `.invalid` counts as
 * none.
 *
 * Bad:  `MX 10 mx1`, `MX 20 mx2`, `mx1 A 192.0.2.25`, `mx2 A 192.0.2.25`
 * Good: `mx2 A 198.51.100.25` (another host, on another network)
 */
import { recordSpan } from '../model/zoneModel';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { addressPlace, mailDomains } from '../model/mail/mailDomain';
import { defineRule } from './rule';

export const mxSharedAddress = defineRule({
	id: 'mxSharedAddress',
	defaultLevel: 'warning',
	description: 'Different mail exchangers of one name resolve to the same address: two names, one server.',
	reference: 'RFC 5321 §5.1',
	options: [...BACKUP_MX_FIX_OPTIONS],
	reads: ['mailNetworks'],
	check(context) {
		for (const domain of mailDomains(context.model)) {
			if (domain.sharedAddresses.length === 0 || domain.servers >= 2) continue;
			// One set of fixes for the owner: computing them per finding made this rule quadratic.
			const fixes = backupMxFixes(context.model, domain.exchangers, context.options);
			for (const { exchanger: mx, firstExchanger: first, address } of domain.sharedAddresses) {
				context.report({
					...recordSpan(mx.record),
					message: `${mx.exchange} has the same address as ${first.exchange} (${address.text}): they are one server, so this MX adds no redundancy. Point it at another host, or add a backup MX elsewhere.`,
					related: [{ ...addressPlace(address), message: `${mx.exchange} → ${address.text}` }],
					fixes,
				});
			}
		}
	},
});
