/**
 * `mtaStsPolicyMissingMx`: an exchanger of the apex domain matches no `mx:` pattern of its MTA-STS
 * policy (the `.well-known/mta-sts.txt` beside the zone; wildcards as RFC 8461 §4.1 says: `*.`
 * stands for exactly one label). In `mode: enforce`, senders that honour the policy refuse to
 * deliver to that exchanger, exactly when it matters: a backup not listed receives nothing while
 * the primary is down (a warning); in `mode: testing` they only report it (information).
 *
 * Bad:  `@ MX 20 backup.example.net.` with only `mx: mail.example.com` in the policy
 * Good: `mx: backup.example.net` added to the policy
 *
 * Quick fix (mtaStsPolicyFix.ts): add the `mx:` line to the policy file and change the `_mta-sts` id.
 */
import { mtaStsCoverage } from '../model/mail/auth/mtaStsCoverage';
import { fieldSpan } from '../model/zoneModel';
import { mtaStsPolicyFix } from './mtaStsPolicyFix';
import type { Rule } from './rule';

export const mtaStsPolicyMissingMx: Rule = {
	id: 'mtaStsPolicyMissingMx',
	defaultLevel: 'warning',
	description: "An exchanger matches no mx: line of the domain's MTA-STS policy, so in enforce mode senders refuse to deliver to it.",
	reference: 'RFC 8461 §4.1',
	check(context) {
		const { model } = context;
		const coverage = mtaStsCoverage(model);
		if (!coverage) return;
		const { policyFile, policy, fileName: name } = coverage;
		if (policy.mode !== 'enforce' && policy.mode !== 'testing') return;
		for (const { host, exchanger: mx, matchedBy } of coverage.hosts) {
			if (matchedBy) continue;
			const patterns = policy.mx.map((line) => line.pattern).join(', ') || 'none';
			const first = policy.mx[0];
			const fix = mtaStsPolicyFix(coverage, host.name);
			context.report({
				...fieldSpan(model, mx.record, mx.record.rdataField + 1),
				severity: policy.mode === 'testing' ? 'information' : undefined,
				message:
					policy.mode === 'enforce'
						? `${host.name} matches no mx: line of the MTA-STS policy (${name}: ${patterns}); in enforce mode senders refuse to deliver to it, so it is no backup. Add 'mx: ${host.name.slice(0, -1)}' to the policy.`
						: `${host.name} matches no mx: line of the MTA-STS policy (${name}: ${patterns}); in testing mode senders deliver but report it. Add 'mx: ${host.name.slice(0, -1)}' before switching to enforce.`,
				related: first
					? [
							{
								elsewhere: {
									fileId: policyFile.fileId,
									start: { line: first.line, character: 0 },
									end: { line: first.line, character: first.end },
								},
								message: 'the policy',
							},
						]
					: undefined,
				fixes: fix ? [fix] : undefined,
			});
		}
	},
};
