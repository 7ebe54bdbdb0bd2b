/**
 * `dkimWeakKey`: a DKIM RSA key shorter than 2048 bits. Receivers refuse keys under 1024 bits
 * (RFC 8301 §3.2: an error, signatures with it fail) and 1024-bit keys are within reach of
 * factoring (a warning); RFC 8301 asks signers for at least 2048. Use a 2048-bit RSA or an Ed25519 key.
 *
 * Bad:  a `p=` holding a 512- or 1024-bit RSA key
 * Good: a 2048-bit RSA key, or `k=ed25519` (RFC 8463)
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { DKIM_RECOMMENDED_BITS as RECOMMENDED_BITS, DKIM_REFUSED_BELOW_BITS as REFUSED_BELOW_BITS } from '../model/mail/auth/dkim';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const dkimWeakKey: Rule = {
	id: 'dkimWeakKey',
	defaultLevel: 'warning',
	description: 'A DKIM RSA key is shorter than 2048 bits (under 1024 bits receivers refuse it).',
	reference: 'RFC 8301 §3.2',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).dkim.values()) {
			for (const dkim of records) {
				const bits = dkim.rsaBits;
				if (bits === undefined || bits >= RECOMMENDED_BITS || !dkim.keyTag) continue;
				const refused = bits < REFUSED_BELOW_BITS;
				context.report({
					...textSpan(dkim.txt, dkim.keyTag.valueFrom, dkim.keyTag.to),
					severity: refused ? 'error' : undefined,
					message: refused
						? `DKIM: this RSA key is ${bits} bits; receivers refuse keys under ${REFUSED_BELOW_BITS} bits (RFC 8301 §3.2), so every signature with it fails. Publish a ${RECOMMENDED_BITS}-bit RSA or an Ed25519 key.`
						: `DKIM: this RSA key is ${bits} bits; RFC 8301 §3.2 asks for at least ${RECOMMENDED_BITS}. Publish a ${RECOMMENDED_BITS}-bit RSA or an Ed25519 key.`,
				});
			}
		}
	},
};
