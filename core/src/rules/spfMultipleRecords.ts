/**
 * `spfMultipleRecords`: two or more `v=spf1` TXT records at one name. Receivers then return
 * permerror (RFC 7208 §4.5) and SPF fails for all the domain's mail. Merge them into one record.
 *
 * Bad:  `@ TXT "v=spf1 mx -all"` and `@ TXT "v=spf1 include:_spf.example.net -all"`
 * Good: `@ TXT "v=spf1 mx include:_spf.example.net -all"`
 *
 * Quick fix, where the merge is well-defined (see spfMergeFix.ts): "Merge into one SPF record".
 */
import { recordSpan } from '../model/zoneModel';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import type { Rule } from './rule';
import { spfMergeFix } from './spfMergeFix';

export const spfMultipleRecords: Rule = {
	id: 'spfMultipleRecords',
	defaultLevel: 'error',
	description: 'A name has more than one SPF (v=spf1) TXT record, so receivers return permerror and SPF fails for all its mail.',
	reference: 'RFC 7208 §4.5',
	reads: ['mailAuthRecords', 'mailFacts'],
	check(context) {
		for (const records of mailAuthRecords(context.model).spf.values()) {
			if (records.length < 2) continue;
			const first = records[0].txt.record;
			const title = records.length === 2 ? 'Merge into one SPF record' : 'Merge into the first SPF record';
			for (const spf of records.slice(1)) {
				const fix = spfMergeFix(context.model, records[0], spf, title);
				context.report({
					...recordSpan(spf.txt.record),
					message: `${first.owner} has ${records.length} SPF records; receivers treat that as a permanent error (RFC 7208 §4.5) and SPF fails for all of its mail. Merge them into one v=spf1 record.`,
					related: [{ ...recordSpan(first), message: 'the first SPF record' }],
					fixes: fix ? [fix] : undefined,
				});
			}
		}
	},
};
