/**
 * `mtaStsRecordSyntax`: a TXT record at `_mta-sts.<domain>` is not a valid MTA-STS record (RFC 8461
 * §3.1): `v=STSv1` not first, or no `id=` of 1 to 32 letters and digits. Senders then ignore the
 * domain's policy (and a changed policy is only fetched again when `id` changes).
 *
 * Bad:  `_mta-sts TXT "v=STSv1; id=2026-12-01"`
 * Good: `_mta-sts TXT "v=STSv1; id=20261201T000000"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { missingTagProblem, tagOf, valueProblem, versionProblem } from '../model/mail/auth/tagList';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const mtaStsRecordSyntax: Rule = {
	id: 'mtaStsRecordSyntax',
	defaultLevel: 'error',
	description: 'An MTA-STS record (_mta-sts TXT) is not valid: v=STSv1 first, id= of 1 to 32 letters and digits.',
	reference: 'RFC 8461 §3.1',
	reads: ['mailAuthRecords'],
	check(context) {
		for (const records of mailAuthRecords(context.model).mtaSts.values()) {
			for (const list of records) {
				const problems = [...list.problems];
				const version = versionProblem(list, 'STSv1', 'MTA-STS');
				if (version) problems.push(version);
				const id = tagOf(list, 'id');
				if (!id) problems.push(missingTagProblem(list, "The MTA-STS record has no 'id=': senders ignore it."));
				else if (!/^[A-Za-z0-9]{1,32}$/.test(id.value)) {
					problems.push(valueProblem(id, `'id=${id.value}' must be 1 to 32 letters and digits (RFC 8461 §3.1).`));
				}
				for (const problem of problems)
					context.report({ ...textSpan(list.txt, problem.from, problem.to), message: `MTA-STS: ${problem.message}` });
			}
		}
	},
};
