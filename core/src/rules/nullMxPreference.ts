/**
 * `nullMxPreference`: a null MX (exchange `.`) must have preference 0 (RFC 7505 §3).
 *
 * Bad:  `@ MX 10 .`
 * Good: `@ MX 0 .`
 */
import { fieldSpan } from '../model/zoneModel';
import { mailFacts } from '../model/mail/mailExchangers';
import { replaceField } from '../edits/recordEdits';
import type { Rule } from './rule';

export const nullMxPreference: Rule = {
	id: 'nullMxPreference',
	defaultLevel: 'warning',
	description: 'A null MX (exchange ".") has a preference other than 0.',
	reference: 'RFC 7505 §3',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		for (const exchangers of mailFacts(model).exchangersByOwner.values()) {
			for (const mx of exchangers) {
				if (!mx.isNull || mx.preference === 0) continue;
				context.report({
					...fieldSpan(model, mx.record, mx.record.rdataField),
					message: `A null MX must have preference 0 (RFC 7505 §3), not ${mx.preference}.`,
					fixes: mx.record.generated
						? []
						: [
								{
									title: 'Set preference to 0',
									edits: [replaceField(model, mx.record, mx.record.rdataField, '0')],
									preferred: true,
									safe: true,
								},
							],
				});
			}
		}
	},
};
