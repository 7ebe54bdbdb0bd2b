/**
 * `mxSharedAddress`: different exchanges of one owner resolve, through the zone's A/AAAA records,
 * to the same address: two names, one machine, no redundancy.
 *
 * Bad:  `MX 10 mx1`, `MX 20 mx2`, `mx1 A 192.0.2.25`, `mx2 A 192.0.2.25`
 * Good: `mx2 A 198.51.100.25` (another host, on another network)
 */
import { recordSpan } from '../model/zoneModel';
import { addressOctets } from '../model/ipNetwork';
import { backupMxFixes } from './backupMxFix';
import { addressRecords, mailFacts } from './mailExchangers';
import type { Rule } from './rule';

export const mxSharedAddress: Rule = {
	id: 'mxSharedAddress',
	defaultLevel: 'warning',
	description: 'Different mail exchangers of one name resolve to the same address: two names, one server.',
	reference: 'RFC 5321 §5.1',
	check(context) {
		const facts = mailFacts(context.model, context.byOwner);
		for (const exchangers of facts.exchangersByOwner.values()) {
			const seen = new Map<string, { exchange: string; address: string }>();
			const reported = new Set<string>();
			for (const mx of exchangers) {
				if (mx.isNull || reported.has(mx.exchangeKey)) continue;
				for (const address of addressRecords(facts, mx.exchangeKey)) {
					const text = String(address.rdata[0]);
					const key = addressOctets(text)?.join('.') ?? text;
					const earlier = seen.get(key);
					if (earlier && earlier.exchange !== mx.exchangeKey) {
						reported.add(mx.exchangeKey);
						context.report({
							...recordSpan(mx.record),
							message: `${mx.exchange} has the same address as another exchanger of ${mx.record.owner} (${text}): they are one server, so this MX adds no redundancy.`,
							related: [{ ...recordSpan(address), message: `${mx.exchange} → ${text}` }],
							fixes: backupMxFixes(context.model, exchangers, context.options),
						});
						break;
					}
					if (!earlier) seen.set(key, { exchange: mx.exchangeKey, address: text });
				}
			}
		}
	},
};
