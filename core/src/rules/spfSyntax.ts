/**
 * `spfSyntax`: a term of an SPF record breaks the grammar of RFC 7208: an unknown mechanism
 * (`inlcude:`), a bad qualifier, an `ip4`/`ip6` address or prefix length that is not one, a domain
 * that is not fully qualified, a bad macro, characters outside visible ASCII, `redirect` or `exp`
 * twice. Receivers return permerror, so SPF fails for all the domain's mail. A `redirect=` beside an
 * `all` is never used (RFC 7208 §6.1): a warning. Reported on the exact term, inside a multi-string
 * TXT too.
 *
 * Bad:  `@ TXT "v=spf1 ip4:192.0.2.300 -all"`
 * Good: `@ TXT "v=spf1 ip4:192.0.2.30 -all"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const spfSyntax: Rule = {
	id: 'spfSyntax',
	defaultLevel: 'error',
	description:
		'A term of an SPF record is not valid SPF (unknown mechanism, bad address or prefix, bad domain or macro), so receivers return permerror.',
	reference: 'RFC 7208 §4.6, §5, §6, §7',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).spf.values()) {
			for (const spf of records) {
				const seen = new Map<string, number>();
				let all: number | undefined;
				for (const term of spf.terms) {
					// Positions only for a finding: finding where each character of a record sits costs two typed arrays it keeps.
					if (term.error) {
						context.report({ ...textSpan(spf.txt, term.from, term.to), message: `SPF: ${term.error}` });
						continue;
					}
					if (term.kind === 'mechanism' && term.name === 'all') all ??= term.from;
					if (term.kind !== 'modifier' || (term.name !== 'redirect' && term.name !== 'exp')) continue;
					if (seen.has(term.name)) {
						context.report({
							...textSpan(spf.txt, term.from, term.to),
							message: `SPF: '${term.name}=' appears twice; receivers return permerror (RFC 7208 §6).`,
						});
						continue;
					}
					seen.set(term.name, term.from);
				}
				const redirect = spf.terms.find((term) => term.kind === 'modifier' && term.name === 'redirect' && !term.error);
				if (redirect && all !== undefined) {
					context.report({
						...textSpan(spf.txt, redirect.from, redirect.to),
						severity: 'warning',
						message: `SPF: this record has an 'all' mechanism, so 'redirect=${redirect.value ?? ''}' is never used (RFC 7208 §6.1). Remove one of them.`,
					});
				}
			}
		}
	},
};
