/**
 * `dmarcMultipleRecords`: two or more `v=DMARC1` records at one `_dmarc` name. Receivers then
 * apply no DMARC policy at all (RFC 7489 §6.6.3): keep one.
 *
 * Bad:  `_dmarc TXT "v=DMARC1; p=none"` and `_dmarc TXT "v=DMARC1; p=reject"`
 * Good: `_dmarc TXT "v=DMARC1; p=reject"`
 */
import { isDmarcText } from '../model/mail/auth/dmarc';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const dmarcMultipleRecords: Rule = {
	id: 'dmarcMultipleRecords',
	defaultLevel: 'error',
	description: 'A _dmarc name has more than one DMARC record, so receivers apply no DMARC policy at all.',
	reference: 'RFC 7489 §6.6.3',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).dmarc.values()) {
			const real = records.filter((dmarc) => isDmarcText(dmarc.txt.text));
			if (real.length < 2) continue;
			const first = real[0].txt.record;
			for (const dmarc of real.slice(1)) {
				context.report({
					...recordSpan(dmarc.txt.record),
					message: `${first.owner} has ${real.length} DMARC records; receivers then apply no DMARC policy at all (RFC 7489 §6.6.3). Keep one.`,
					related: [{ ...recordSpan(first), message: 'the first DMARC record' }],
				});
			}
		}
	},
};
