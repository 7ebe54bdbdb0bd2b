/**
 * `tlsRptSyntax`: a TXT record at `_smtp._tls.<domain>` is not a valid TLS-RPT record (RFC 8460
 * §3): `v=TLSRPTv1` not first, no `rua=`, a report address that is not `mailto:` or `https:`.
 * Senders then send no reports of the TLS failures they meet delivering to the domain, which is
 * how a broken MTA-STS or DANE setup on a backup would be noticed.
 *
 * Bad:  `_smtp._tls TXT "v=TLSRPTv1; rua=tlsrpt@example.com"`
 * Good: `_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { missingTagProblem, reportUriProblems, tagOf, versionProblem } from '../model/mail/auth/tagList';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const tlsRptSyntax: Rule = {
	id: 'tlsRptSyntax',
	defaultLevel: 'error',
	description: 'A TLS-RPT record (_smtp._tls TXT) is not valid: v=TLSRPTv1 first, rua= with mailto: or https: addresses.',
	reference: 'RFC 8460 §3',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).tlsRpt.values()) {
			for (const list of records) {
				const problems = [...list.problems];
				const version = versionProblem(list, 'TLSRPTv1', 'TLS-RPT');
				if (version) problems.push(version);
				const rua = tagOf(list, 'rua');
				if (rua) problems.push(...reportUriProblems(rua));
				else problems.push(missingTagProblem(list, "The TLS-RPT record has no 'rua=': senders have nowhere to send reports."));
				for (const problem of problems)
					context.report({ ...textSpan(list.txt, problem.from, problem.to), message: `TLS-RPT: ${problem.message}` });
			}
		}
	},
};
