/**
 * `mxDuplicateTarget`: two MX records of one owner name the same exchange (compared as DNS names:
 * case-insensitive, escapes decoded). Either an exact duplicate, or the same host at two
 * preferences, which looks like a backup and is not one.
 *
 * Bad:  `@ MX 10 mx1` and `@ MX 20 MX1.example.com.`
 * Good: `@ MX 10 mx1` and `@ MX 20 mx2.example.net.`
 */
import { recordSpan } from '../model/zoneModel';
import { mailFacts } from '../model/mail/mailExchangers';
import { canRemoveRecordLines, removeRecordLines } from '../edits/recordEdits';
import type { Rule } from './rule';

export const mxDuplicateTarget: Rule = {
	id: 'mxDuplicateTarget',
	defaultLevel: 'warning',
	description: 'Two MX records of one name point at the same exchange: the "backup" is the primary.',
	reference: 'RFC 5321 §5.1',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		for (const exchangers of mailFacts(model).exchangersByOwner.values()) {
			const inFileOrder = [...exchangers].sort((a, b) => a.record.file - b.record.file || a.record.entryIndex - b.record.entryIndex);
			const firstByExchange = new Map<string, (typeof exchangers)[number]>();
			for (const mx of inFileOrder) {
				if (mx.isNull) continue;
				const first = firstByExchange.get(mx.exchangeKey);
				if (!first) {
					firstByExchange.set(mx.exchangeKey, mx);
					continue;
				}
				const message =
					first.preference === mx.preference
						? `Duplicate MX record: ${mx.record.owner} already has MX ${mx.preference} ${first.exchange}.`
						: `MX ${mx.preference} ${mx.exchange} names the same host as MX ${first.preference}: the backup is the primary, so there is no redundancy. Point it at a different host.`;
				context.report({
					...recordSpan(mx.record),
					message,
					related: [{ ...recordSpan(first.record), message: `the first MX for ${first.exchange}` }],
					fixes:
						mx.record.generated || !canRemoveRecordLines(model, mx.record)
							? []
							: [
									{
										title: 'Remove duplicate MX record',
										edits: [removeRecordLines(model, mx.record)],
										preferred: true,
										// An identical record adds nothing to the RRset; at another preference, removing it is a choice.
										safe: first.preference === mx.preference,
									},
								],
				});
			}
		}
	},
};
