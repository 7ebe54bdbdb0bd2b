/**
 * `nullMxNotAlone`: a null MX (`MX 0 .`, RFC 7505) says "this domain accepts no mail" and must be
 * the only MX of its owner; beside other MX records it contradicts them.
 *
 * Bad:  `@ MX 0 .` and `@ MX 10 mx1`
 * Good: `@ MX 0 .` alone
 */
import { recordSpan } from '../model/zoneModel';
import { mailFacts } from '../model/mail/mailExchangers';
import { canRemoveRecordLines, removeRecordLines } from '../edits/recordEdits';
import type { Rule } from './rule';

/** The other MX records listed as related information of one finding. */
const MAX_RELATED = 10;

export const nullMxNotAlone: Rule = {
	id: 'nullMxNotAlone',
	defaultLevel: 'warning',
	description: 'A null MX ("MX 0 .": no mail accepted) shares its name with other MX records.',
	reference: 'RFC 7505 §3',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		for (const exchangers of mailFacts(model).exchangersByOwner.values()) {
			const nulls = exchangers.filter((mx) => mx.isNull);
			const others = exchangers.filter((mx) => !mx.isNull);
			if (nulls.length === 0 || others.length === 0) continue;
			// One list for every null MX of the owner, and a short one: a list per finding made this
			// rule quadratic (thousands of null MX records beside thousands of others ran out of memory).
			const related = others
				.slice(0, MAX_RELATED)
				.map((mx) => ({ ...recordSpan(mx.record), message: `MX ${mx.preference} ${mx.exchange}` }));
			for (const nullMx of nulls) {
				context.report({
					...recordSpan(nullMx.record),
					message: `A null MX says ${nullMx.record.owner} accepts no mail, but it also has ${others.length} other MX record${others.length === 1 ? '' : 's'} (RFC 7505 §3). Keep one or the other.`,
					related,
					fixes:
						nullMx.record.generated || !canRemoveRecordLines(model, nullMx.record)
							? []
							: [{ title: 'Remove the null MX record', edits: [removeRecordLines(model, nullMx.record)] }],
				});
			}
		}
	},
};
