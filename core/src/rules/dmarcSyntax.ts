/**
 * `dmarcSyntax`: a TXT record at `_dmarc.<domain>` is not a valid DMARC record (RFC 7489 §6.3):
 * not starting with `v=DMARC1` (receivers discard it), no `p=`, a policy, alignment mode,
 * percentage, interval or failure option that is not one, a report address that is not a
 * `mailto:` or `https:` URI, a tag twice. An unknown tag is ignored by receivers: a warning.
 *
 * Bad:  `_dmarc TXT "v=DMARC1; p=bogus"`
 * Good: `_dmarc TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const dmarcSyntax: Rule = {
	id: 'dmarcSyntax',
	defaultLevel: 'error',
	description: 'A TXT record at _dmarc.<domain> is not a valid DMARC record (v=DMARC1 first, p= required, valid tag values).',
	reference: 'RFC 7489 §6.3',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).dmarc.values()) {
			for (const dmarc of records) {
				for (const problem of dmarc.problems) {
					context.report({
						...textSpan(dmarc.txt, problem.from, problem.to),
						message: `DMARC: ${problem.message}`,
						severity: problem.ignored ? 'warning' : undefined,
					});
				}
			}
		}
	},
};
