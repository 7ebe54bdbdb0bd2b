/**
 * The one analysis entry point shared by the language server and the CLI, so both report exactly
 * the same problems: build the model (parse, lower, follow includes), then run the rules.
 */
import { buildZoneModel, IncludeResolver } from './model/lower';
import type { ZoneModel } from './model/zoneModel';
import type { RuleOptions } from './rules/rule';
import { RuleLevels, RuleProblem, runRules } from './rules/runRules';

export interface AnalysisOptions {
	/** Origin to use when the file has no `$ORIGIN` (setting or `--origin`). */
	readonly origin?: string;
	/** Path or URI of the file, for the origin-from-file-name guess. */
	readonly fileName?: string;
	readonly resolveInclude?: IncludeResolver;
	readonly ruleLevels?: RuleLevels;
	/** MX network prefix lengths and backup hosts; defaults when absent. */
	readonly ruleOptions?: RuleOptions;
}

export interface ZoneAnalysis {
	readonly model: ZoneModel;
	/** Syntax, model and rule problems, in file order; rule problems may carry fixes. */
	readonly problems: readonly RuleProblem[];
}

export function analyzeZone(id: string, text: string, options: AnalysisOptions = {}): ZoneAnalysis {
	const model = buildZoneModel(id, text, options);
	const problems = [...model.problems, ...runRules(model, options.ruleLevels, options.ruleOptions)];
	problems.sort((a, b) => a.file - b.file || a.start - b.start || a.end - b.end);
	return { model, problems };
}
