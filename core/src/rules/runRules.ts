/**
 * Runs the enabled rules over a model and collects their findings as problems, dropping the ones
 * silenced by a `; zone-sentinel-disable-next-line <ruleId>` comment.
 */
import { MAX_RULE_PROBLEMS } from '../limits';
import { finish, type Steps } from '../steps';
import type { ZoneModel, ZoneProblem } from '../model/zoneModel';
import { mailAuthRecordsInSteps } from '../model/mail/auth/authRecords';
import { mailDomainsInSteps, mailNetworksInSteps } from '../model/mail/mailDomain';
import { mailFactsInSteps } from '../model/mail/mailExchangers';
import { type OwnerIndex, ownerIndex } from '../model/recordIndex';
import { ALL_RULES } from './index';
import {
	DEFAULT_RULE_OPTIONS,
	type RuleContext,
	type RuleFix,
	type RuleLevel,
	type RuleOptionKey,
	type RuleOptions,
	type SharedPart,
} from './rule';
import { findSuppressions, isSuppressed } from './suppressions';

/** Rule levels by id; ids not present use the rule's default. */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;

/** A problem found by a rule, with the fixes it offers. */
export interface RuleProblem extends ZoneProblem {
	readonly fixes?: readonly RuleFix[];
}

export function runRules(model: ZoneModel, levels: RuleLevels = {}, options: RuleOptions = DEFAULT_RULE_OPTIONS): RuleProblem[] {
	const problems: RuleProblem[] = [];
	finish(ruleSteps(model, problems, levels, options));
	return problems;
}

/**
 * {@link runRules} one rule at a time: pushes each rule's findings to `problems` and yields after
 * it (and after indexing the owners, and while making the shared parts a rule reads before it, see
 * `Rule.reads`), so a caller (the language server) can answer other requests between rules.
 */
export function* ruleSteps(
	model: ZoneModel,
	problems: RuleProblem[],
	levels: RuleLevels = {},
	options: RuleOptions = DEFAULT_RULE_OPTIONS,
): Steps<void> {
	const suppressions = findSuppressions(model);
	let byOwner: OwnerIndex | undefined;
	for (const rule of ALL_RULES) {
		const level = levels[rule.id] ?? rule.defaultLevel;
		if (level === 'off') continue;
		if (byOwner === undefined) {
			// Indexing a big zone's owners is a step of its own.
			byOwner = ownerIndex(model);
			yield;
		}
		// The shared parts it reads, in steps of their own (at once when an earlier rule made them).
		for (const part of rule.reads ?? []) yield* sharedPartSteps(model, part, options);
		const context: RuleContext<RuleOptionKey> = {
			model,
			byOwner,
			options,
			report(finding) {
				// The analysis shows the first 10,000 problems of a file; keeping millions would only cost memory.
				if (problems.length >= MAX_RULE_PROBLEMS) return;
				if (isSuppressed(suppressions, rule.id, finding)) return;
				// A configured level replaces the default; a rule's own lower severity applies only at the default.
				const severity = levels[rule.id] !== undefined ? level : (finding.severity ?? level);
				const problem = {
					code: rule.id,
					severity: severity,
					message: finding.message,
					file: finding.file,
					start: finding.start,
					end: finding.end,
					related: finding.related,
					fixes: typeof finding.fixes === 'function' ? undefined : finding.fixes,
				};
				if (typeof finding.fixes === 'function') lazyFixes(problem, finding.fixes);
				problems.push(problem);
			},
		};
		rule.check(context);
		yield;
	}
}

/** Makes `problem.fixes` on first read (then a plain value, so copies and JSON see an array). */
function lazyFixes(problem: { fixes?: readonly RuleFix[] }, make: () => readonly RuleFix[]): void {
	Object.defineProperty(problem, 'fixes', {
		configurable: true,
		enumerable: true,
		get() {
			const fixes = make();
			Object.defineProperty(problem, 'fixes', { value: fixes, enumerable: true, writable: false, configurable: false });
			return fixes;
		},
	});
}

/** Makes one shared part of the model in steps; nothing to do when it is made already. */
function* sharedPartSteps(model: ZoneModel, part: SharedPart, options: RuleOptions): Steps<void> {
	switch (part) {
		case 'mailAuthRecords':
			yield* mailAuthRecordsInSteps(model);
			return;
		case 'mailFacts':
			yield* mailFactsInSteps(model);
			return;
		case 'mailDomains':
			yield* mailDomainsInSteps(model);
			return;
		case 'mailNetworks':
			yield* mailNetworksInSteps(model, options.mxNetworkPrefixV4, options.mxNetworkPrefixV6);
			return;
	}
}
