/**
 * `mtaStsPolicySyntax`: the MTA-STS policy file beside the zone (`.well-known/mta-sts.txt`, RFC 8461
 * §3.2) is not valid: no `version: STSv1` first, a `mode` other than enforce/testing/none, no or a
 * bad `max_age` (at most one year), an `mx` that is no host name or `*.` pattern, no `mx` at all, a
 * line that is no `key: value`. Senders then treat the domain as having no policy. Reported on the
 * `_mta-sts` record (which makes senders fetch the policy), pointing at the policy's line.
 *
 * Bad:  `mode: enforced`
 * Good: `mode: enforce`
 */
import { apexMtaSts } from '../model/mail/auth/authRecords';
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const mtaStsPolicySyntax: Rule = {
	id: 'mtaStsPolicySyntax',
	defaultLevel: 'error',
	description: 'The MTA-STS policy file beside the zone (.well-known/mta-sts.txt) is not valid, so senders ignore the policy.',
	reference: 'RFC 8461 §3.2',
	check(context) {
		const found = apexMtaSts(context.model);
		if (!found) return;
		const { policyFile: policy, record } = found;
		for (const problem of found.policy.problems) {
			context.report({
				...recordSpan(record.txt.record),
				message: `MTA-STS policy (${policy.fileId.slice(policy.fileId.lastIndexOf('/') + 1)}, line ${problem.line + 1}): ${problem.message}`,
				related: [
					{
						elsewhere: {
							fileId: policy.fileId,
							start: { line: problem.line, character: problem.start },
							end: { line: problem.line, character: problem.end },
						},
						message: problem.message,
					},
				],
			});
		}
	},
};
