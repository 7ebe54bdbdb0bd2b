/**
 * `mxSharedAddress`: different exchanges of one owner resolve, through the zone's A/AAAA records,
 * to the same address: two names, one machine, no redundancy. Reported while the owner has fewer
 * than two independent servers; an exchanger outside the zone counts as independent, so adding a
 * real backup (the quick fix) settles it.
 *
 * Bad:  `MX 10 mx1`, `MX 20 mx2`, `mx1 A 192.0.2.25`, `mx2 A 192.0.2.25`
 * Good: `mx2 A 198.51.100.25` (another host, on another network)
 */
import { recordSpan } from '../model/zoneModel';
import { addressKey } from '../model/ipNetwork';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { addressOf, addressRecords, isInZone, type MailExchanger, mailFacts } from '../model/mail/mailExchangers';
import { defineRule } from './rule';

export const mxSharedAddress = defineRule({
	id: 'mxSharedAddress',
	defaultLevel: 'warning',
	description: 'Different mail exchangers of one name resolve to the same address: two names, one server.',
	reference: 'RFC 5321 §5.1',
	options: [...BACKUP_MX_FIX_OPTIONS],
	check(context) {
		const facts = mailFacts(context.model);
		for (const exchangers of facts.exchangersByOwner.values()) {
			// Group the exchangers into servers: two exchangers sharing any address are one server.
			const serverOfAddress = new Map<string, MailExchanger>();
			const shared: { mx: MailExchanger; first: MailExchanger; address: (typeof exchangers)[number]['record'] }[] = [];
			let servers = 0;
			const seen = new Set<string>();
			for (const mx of exchangers) {
				if (mx.isNull || seen.has(mx.exchangeKey)) continue;
				seen.add(mx.exchangeKey);
				const addresses = addressRecords(facts, mx.exchangeKey);
				if (addresses.length === 0) {
					// Outside the zone (or unresolved here): assume another server.
					if (!isInZone(facts, mx.exchangeKey)) servers++;
					continue;
				}
				let sharedWith: { first: MailExchanger; address: (typeof addresses)[number] } | undefined;
				for (const address of addresses) {
					// An address in RFC 3597 form has no value to compare.
					if (addressOf(address) === undefined) continue;
					const key = addressKey(String(address.value(0)));
					const first = serverOfAddress.get(key);
					if (first && !sharedWith) sharedWith = { first, address };
					if (!first) serverOfAddress.set(key, mx);
				}
				if (sharedWith) shared.push({ mx, ...sharedWith });
				else servers++;
			}
			if (shared.length === 0 || servers >= 2) continue;
			// One set of fixes for the owner: computing them per finding made this rule quadratic.
			const fixes = backupMxFixes(context.model, exchangers, context.options);
			for (const { mx, first, address } of shared) {
				context.report({
					...recordSpan(mx.record),
					message: `${mx.exchange} has the same address as ${first.exchange} (${String(address.value(0))}): they are one server, so this MX adds no redundancy. Point it at another host, or add a backup MX elsewhere.`,
					related: [{ ...recordSpan(address), message: `${mx.exchange} → ${String(address.value(0))}` }],
					fixes,
				});
			}
		}
	},
});
