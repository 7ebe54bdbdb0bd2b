/**
 * The one analysis entry point shared by the language server and the CLI, so both report exactly
 * the same problems: build the model (parse, lower, follow includes), then run the rules.
 */
import { type GenerateLimits, MAX_MESSAGE_LENGTH, MAX_PROBLEMS_PER_FILE, MAX_ZONE_CHARACTERS } from './limits';
import { buildZoneModel, buildZoneModelInSteps, type IncludeResolver } from './model/lower';
import { PROBLEMS, type ProblemCode } from './problems';
import { finish, type Steps } from './steps';
import { type IncludeContext, type PolicyFile, type PreviousVersion, recordSpan, type ZoneModel } from './model/zoneModel';
import { nameKey } from './model/domainName';
import { TypeCode } from './model/rrTypes/typeCodes';
import type { WorkspaceIndex, ZoneFacts } from './model/workspace/workspaceIndex';
import { zoneFactsOf } from './model/workspace/zoneFacts';
import type { RuleOptions } from './rules/rule';
import { type RuleLevels, type RuleProblem, ruleSteps } from './rules/runRules';
import { serialNotIncremented } from './rules/serialNotIncremented';
import { FRAGMENT_CONSEQUENCES, isZoneWithoutSoa } from './rules/zoneShape';

export interface AnalysisOptions {
	/** Origin to use when the file has no `$ORIGIN` (setting or `--origin`). */
	readonly origin?: string;
	/** Path or URI of the file, for the origin-from-file-name guess. */
	readonly fileName?: string;
	readonly resolveInclude?: IncludeResolver;
	readonly ruleLevels?: RuleLevels;
	/** MX network prefix lengths and backup hosts; defaults when absent. */
	readonly ruleOptions?: RuleOptions;
	/** Analyse the file as a fragment included at this point of a zone (its origin and TTLs). */
	readonly includedAt?: IncludeContext;
	/** The other zones of the workspace: MX hosts outside this zone are resolved from them. */
	readonly workspace?: WorkspaceIndex;
	/** The apex domain's MTA-STS policy file (`.well-known/mta-sts.txt` beside the zone), when there is one. */
	readonly mtaStsPolicy?: PolicyFile;
	/**
	 * Why the policy file that settings named (not the default beside the zone) could not be read,
	 * a sentence: reported as `mtaStsPolicyUnreadable`, so a wrong path is never silent.
	 */
	readonly mtaStsPolicyProblem?: string;
	/**
	 * The text of an earlier version of the main file and what names it (`HEAD`): with
	 * `serialNotIncremented` on, the serial must have grown since it if the records changed.
	 */
	readonly previousVersion?: { readonly revision: string; readonly text: string };
	/** Longer text is refused with one `zoneTooLarge` problem; {@link MAX_ZONE_CHARACTERS} (the editor's) when absent. */
	readonly maxZoneCharacters?: number;
	/** What `$GENERATE` may make: `EDITOR_GENERATE_LIMITS` when absent. */
	readonly generateLimits?: GenerateLimits;
}

export interface ZoneAnalysis {
	readonly model: ZoneModel;
	/** Syntax, model and rule problems, in file order; rule problems may carry fixes. */
	readonly problems: readonly RuleProblem[];
}

export function analyzeZone(id: string, text: string, options: AnalysisOptions = {}): ZoneAnalysis {
	return finish(analyzeZoneInSteps(id, text, options));
}

/**
 * {@link analyzeZone} as steps: it yields while building the model (see {@link buildZoneModelInSteps})
 * and the earlier version's, after them, and after each rule, and returns the same analysis. The core does no scheduling; the caller decides when to take the next step.
 */
export function* analyzeZoneInSteps(id: string, text: string, options: AnalysisOptions = {}): Steps<ZoneAnalysis> {
	if (text.length > (options.maxZoneCharacters ?? MAX_ZONE_CHARACTERS)) return tooLarge(id, text, options);
	const built = yield* buildZoneModelInSteps(id, text, options);
	yield;
	const previousVersion = yield* previousVersionOf(id, options);
	const model: ZoneModel =
		options.workspace || options.mtaStsPolicy || previousVersion
			? { ...built, workspace: options.workspace, mtaStsPolicy: options.mtaStsPolicy, previousVersion }
			: built;
	// A file with no SOA says so once (soaMissing); what follows from reading a fragment on its own
	// (no TTL, no origin) would only be false errors beside it.
	const modelProblems = isZoneWithoutSoa(model) ? model.problems.filter((p) => !FRAGMENT_CONSEQUENCES.has(p.code)) : model.problems;
	const problems = modelProblems.map(withSyntaxFix);
	yield* ruleSteps(model, problems, options.ruleLevels, options.ruleOptions);
	if (options.mtaStsPolicyProblem !== undefined) problems.push(policyProblem(model, options.mtaStsPolicyProblem));
	problems.sort((a, b) => a.file - b.file || a.start - b.start || a.end - b.end);
	for (let i = 0; i < problems.length; i++) {
		if (problems[i].message.length > MAX_MESSAGE_LENGTH) problems[i] = { ...problems[i], message: shortened(problems[i].message) };
	}
	return { model, problems: problems.length > MAX_PROBLEMS_PER_FILE ? capped(problems) : problems };
}

/** The earlier version's model, read only when its rule is on (it costs a second model), as the main file is read but without includes. */
function* previousVersionOf(id: string, options: AnalysisOptions): Steps<PreviousVersion | undefined> {
	const given = options.previousVersion;
	if (given === undefined || (options.ruleLevels?.[serialNotIncremented.id] ?? serialNotIncremented.defaultLevel) === 'off')
		return undefined;
	if (given.text.length > (options.maxZoneCharacters ?? MAX_ZONE_CHARACTERS)) return undefined;
	const model = yield* buildZoneModelInSteps(id, given.text, {
		origin: options.origin,
		fileName: options.fileName,
		includedAt: options.includedAt,
		generateLimits: options.generateLimits,
	});
	return { revision: given.revision, model };
}

/** The unreadable policy file, on the apex `_mta-sts` record that makes senders fetch the policy, else at the start of the file. */
function policyProblem(model: ZoneModel, message: string): RuleProblem {
	const apexKey = model.origin === undefined ? undefined : nameKey(`_mta-sts.${model.origin}`);
	const record = apexKey === undefined ? undefined : model.records.find((r) => r.type === TypeCode.TXT && r.ownerKey === apexKey);
	const where = record ? recordSpan(record) : { file: 0, start: 0, end: 0 };
	return { code: 'mtaStsPolicyUnreadable' satisfies ProblemCode, severity: PROBLEMS.mtaStsPolicyUnreadable.severity, message, ...where };
}

/** Syntax problems with one certain repair carry it as a fix, like rule findings (the editor and `check --fix` apply it). */
function withSyntaxFix(problem: RuleProblem): RuleProblem {
	if (problem.code !== ('byteOrderMark' satisfies ProblemCode)) return problem;
	const edit = { file: problem.file, start: problem.start, end: problem.end, newText: '' };
	return { ...problem, fixes: [{ title: 'Remove the byte-order mark', edits: [edit], preferred: true, safe: true }] };
}

const SEVERITY_RANK: Readonly<Record<RuleProblem['severity'], number>> = { hint: 0, information: 1, warning: 2, error: 3 };

/**
 * What a zone file tells the other zones of a workspace, built from the model alone, without
 * running the rules: its names' addresses, aliases and PTRs (`undefined` when its apex is unknown),
 * and the ids of the files it `$INCLUDE`s (which are fragments of it, not zones of their own).
 */
export function workspaceFactsOf(
	id: string,
	text: string,
	options: AnalysisOptions = {},
): { readonly zone: ZoneFacts | undefined; readonly includes: readonly string[] } {
	if (text.length > (options.maxZoneCharacters ?? MAX_ZONE_CHARACTERS)) return { zone: undefined, includes: [] };
	const model = buildZoneModel(id, text, options);
	return { zone: zoneFactsOf(model), includes: model.files.slice(1).map((file) => file.id) };
}

/** The first {@link MAX_PROBLEMS_PER_FILE} problems of each file, then a count of the rest (as severe as the worst of them). */
function capped(problems: readonly RuleProblem[]): RuleProblem[] {
	const kept: RuleProblem[] = [];
	for (let i = 0; i < problems.length;) {
		const file = problems[i].file;
		let end = i;
		while (end < problems.length && problems[end].file === file) end++;
		const stop = Math.min(end, i + MAX_PROBLEMS_PER_FILE);
		for (let k = i; k < stop; k++) kept.push(problems[k]);
		if (stop < end) {
			let severity: RuleProblem['severity'] = 'hint';
			for (let k = stop; k < end; k++) if (SEVERITY_RANK[problems[k].severity] > SEVERITY_RANK[severity]) severity = problems[k].severity;
			const first = problems[stop];
			kept.push({
				code: 'tooManyProblems' satisfies ProblemCode,
				severity,
				message: `Zone Sentinel reports the first ${MAX_PROBLEMS_PER_FILE} problems of a file; ${end - stop} more were found and are not shown.`,
				file,
				start: first.start,
				end: first.end,
			});
		}
		i = end;
	}
	return kept;
}

/** The analysis of a zone over the size limit: no records, one error on its first line. */
function tooLarge(id: string, text: string, options: AnalysisOptions): ZoneAnalysis {
	const model = buildZoneModel(id, '', { ...options, resolveInclude: undefined });
	let end = 0;
	while (end < text.length && end < 200 && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
	const megabytes = (n: number): string => (n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1);
	const problem: RuleProblem = {
		code: 'zoneTooLarge' satisfies ProblemCode,
		severity: PROBLEMS.zoneTooLarge.severity,
		message: `This zone is ${megabytes(text.length)} MiB of text; Zone Sentinel checks zones of up to ${megabytes(options.maxZoneCharacters ?? MAX_ZONE_CHARACTERS)} MiB and checked nothing here.`,
		file: 0,
		start: 0,
		end: Math.max(end, Math.min(1, text.length)),
	};
	return { model, problems: [problem] };
}

/** The first and last 400 characters of a long message, with the number left out between them. */
function shortened(message: string): string {
	const keep = 400;
	return `${message.slice(0, keep)}[… ${message.length - 2 * keep} characters left out …]${message.slice(-keep)}`;
}
