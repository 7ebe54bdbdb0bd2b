/**
 * `spfRecordType`: a record of the SPF type (99). RFC 7208 §3.1 removed it: receivers only query
 * TXT. An SPF-type record beside a TXT one is dead weight; alone, the domain has no SPF at all.
 * Quick fix, when the name has no `v=spf1` TXT: **Change the type to TXT**.
 *
 * Bad:  `@ SPF "v=spf1 mx -all"`
 * Good: `@ TXT "v=spf1 mx -all"`
 */
import { replaceField } from '../edits/recordEdits';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { fieldSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const spfRecordType: Rule = {
	id: 'spfRecordType',
	defaultLevel: 'warning',
	description: 'A record of the obsolete SPF type (99): receivers query only TXT for SPF.',
	reference: 'RFC 7208 §3.1',
	reads: ['mailAuthRecords'],
	check(context) {
		const { model } = context;
		const spf = mailAuthRecords(model).spf;
		for (const record of model.records) {
			if (record.type !== TypeCode.SPF) continue;
			const typeField = record.rdataField - 1;
			const hasTxt = spf.has(record.ownerKey);
			context.report({
				...fieldSpan(model, record, typeField),
				message: hasTxt
					? `The SPF record type is obsolete (RFC 7208 §3.1) and ${record.owner} has a v=spf1 TXT record already: remove this one.`
					: `The SPF record type is obsolete (RFC 7208 §3.1): receivers query only TXT, so ${record.owner} has no SPF policy. Publish it as TXT.`,
				fixes:
					hasTxt || record.generated
						? []
						: [{ title: 'Change the type to TXT', edits: [replaceField(model, record, typeField, 'TXT')], preferred: true }],
			});
		}
	},
};
