/**
 * `spfPtrMechanism`: an SPF record uses `ptr`, which RFC 7208 §5.5 says SHOULD NOT be used: it is
 * slow, costs receivers many lookups, and some skip it. Name the senders with `a`, `mx` or
 * `ip4:`/`ip6:` instead.
 *
 * Bad:  `@ TXT "v=spf1 ptr -all"`
 * Good: `@ TXT "v=spf1 mx -all"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const spfPtrMechanism: Rule = {
	id: 'spfPtrMechanism',
	defaultLevel: 'warning',
	description: "An SPF record uses the deprecated 'ptr' mechanism; name the senders with a, mx, ip4 or ip6.",
	reference: 'RFC 7208 §5.5',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).spf.values()) {
			for (const spf of records) {
				for (const term of spf.terms) {
					if (term.error || term.kind !== 'mechanism' || term.name !== 'ptr') continue;
					context.report({
						...textSpan(spf.txt, term.from, term.to),
						message:
							"SPF: 'ptr' should not be used (RFC 7208 §5.5): it is slow, costs receivers many lookups, and some ignore it. Use a, mx, ip4: or ip6: for the same senders.",
					});
				}
			}
		}
	},
};
