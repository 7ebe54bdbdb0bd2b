/**
 * `dkimSyntax`: a TXT record at `<selector>._domainkey.<domain>` is not a valid DKIM key record
 * (RFC 6376 §3.6.1): `v=` not first or not `DKIM1`, no `p=`, a `p=` that is not base64 or holds no
 * key of its type, an unknown `k=` (rsa or ed25519, RFC 8463), a bad `h=`, `s=` or `t=`, a tag twice.
 * Receivers cannot verify the domain's signatures, so DKIM fails. An unknown tag is ignored by
 * receivers: a warning. `p=` with nothing after it is a revoked key, which is valid.
 *
 * Bad:  `mail._domainkey TXT "v=DKIM1; k=rsa; p=not base64!"`
 * Good: `mail._domainkey TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const dkimSyntax: Rule = {
	id: 'dkimSyntax',
	defaultLevel: 'error',
	description: 'A DKIM key record (<selector>._domainkey TXT) is not valid: bad tags, no key, a key that is not base64 or not of its type.',
	reference: 'RFC 6376 §3.6.1, RFC 8463',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).dkim.values()) {
			for (const dkim of records) {
				for (const problem of dkim.problems) {
					context.report({
						...textSpan(dkim.txt, problem.from, problem.to),
						message: `DKIM: ${problem.message}`,
						severity: problem.ignored ? 'warning' : undefined,
					});
				}
			}
		}
	},
};
