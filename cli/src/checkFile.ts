/**
 * The work `check` does for one zone file, without printing: find its configuration, read it,
 * analyse it, apply fixes. The result ({@link FileOutcome}) is plain data, so a worker thread can
 * make it and the main thread print it, in the order of the files, whatever thread made it.
 */
import { constants as bufferConstants } from 'node:buffer';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	type AnalysisOptions,
	type PolicyFile,
	analyzeZone,
	CLI_GENERATE_LIMITS,
	DEFAULT_RULE_OPTIONS,
	type WorkspaceIndex,
	workspaceFactsOf,
	type ZoneAnalysis,
	type ZoneFacts,
} from '../../core/src/index';
import {
	committedVersion,
	type ConfiguredPolicyPath,
	createIncludeReader,
	type FileConfig,
	readMtaStsPolicy,
	readZoneFile,
} from '../../server/src/index';
import type { CheckArguments } from './checkArguments';
import type { CheckedArtifact } from './ciFormats';
import type { CliConfigs } from './configFile';
import { planFixes, unifiedDiff, writeFixedFile } from './fixes';
import { printable } from './printable';
import { type FileReport, toFileReports } from './report';

/**
 * Zone files are read whole, into one string: the CLI checks any file Node can hold as one (the
 * editor's `MAX_ZONE_CHARACTERS` is for a document kept open and analysed on every edit), and
 * refuses a larger one unread, from its size. 511 MiB on Node 20.
 */
const MiB = 1024 * 1024;
const MAX_ZONE_BYTES = Math.floor(bufferConstants.MAX_STRING_LENGTH / MiB) * MiB;

/** Fix passes per file at most: each pass applies what the previous one made possible. */
const MAX_FIX_PASSES = 5;

/** What checking one zone file gave. */
export interface FileOutcome {
	/** The problems of its configuration file, when that is invalid (printed once per configuration file). */
	readonly configProblems?: { readonly file: string; readonly lines: readonly string[] };
	/** Lines for stderr, in order (notes and errors, already escaped). */
	readonly messages: readonly string[];
	/** Something went wrong that makes the exit status 2. */
	readonly failed: boolean;
	/** The file was analysed (counts in the summary). */
	readonly checked: boolean;
	readonly reports: readonly FileReport[];
	readonly artifacts: readonly CheckedArtifact[];
	/** `--fix --dry-run`: the unified diff for stdout. */
	readonly diff?: string;
}

class OutcomeBuilder {
	configProblems: FileOutcome['configProblems'];
	readonly messages: string[] = [];
	failed = false;
	diff: string | undefined;
	note(message: string): void {
		this.messages.push(`zone-sentinel: ${printable(message)}`);
	}
	fail(message: string): void {
		this.note(message);
		this.failed = true;
	}
	finish(checked?: { reports: FileReport[]; artifacts: CheckedArtifact[] }): FileOutcome {
		return {
			...(this.configProblems ? { configProblems: this.configProblems } : {}),
			messages: this.messages,
			failed: this.failed,
			checked: checked !== undefined,
			reports: checked?.reports ?? [],
			artifacts: checked?.artifacts ?? [],
			...(this.diff !== undefined ? { diff: this.diff } : {}),
		};
	}
}

/**
 * Checks one zone file (`explicit`: named on the command line rather than found in a folder);
 * `workspace`: the other zones given, which answer for its MX hosts outside itself.
 */
export function checkZoneFile(
	file: string,
	explicit: boolean,
	args: CheckArguments,
	configs: CliConfigs,
	workspace?: WorkspaceIndex,
): FileOutcome {
	const outcome = new OutcomeBuilder();
	const found = configs.for(file);
	if ('invalid' in found) {
		// A zone is never checked with settings other than the ones its project asked for.
		outcome.configProblems = { file: found.invalid, lines: found.lines };
		outcome.fail(`${file}: not checked: its configuration file ${found.invalid} is invalid.`);
		return outcome.finish();
	}
	const read = readZoneFile(file, MAX_ZONE_BYTES);
	if (!('text' in read)) {
		// Found by the folder walk under a zone-like name (`cache.db`): not ours, and no reason to fail.
		if ('binary' in read && !explicit) outcome.note(`note: ${file}: ${read.binary}, not a zone file; skipped.`);
		else outcome.fail('binary' in read ? `${file}: ${read.binary}, not a zone file.` : read.error);
		return outcome.finish();
	}
	// Read once: each fix pass analyses the text again with the same surroundings.
	const context: FileContext = {
		config: found.config,
		workspace,
		...mtaStsPolicyOf(file, args, found.config),
		previousVersion: args.serialSince === undefined ? undefined : previousVersionOf(file, args.serialSince, outcome),
	};
	let checked = checkFile(file, read.text, args, context);
	if (args.fix) {
		const reanalyse = (text: string): ZoneAnalysis => checkFile(file, text, args, context).analysis;
		const fixed = applyFixes(file, read, checked.analysis, reanalyse, args, outcome);
		// What is reported (and decides the exit status) is what is left after the fixes.
		if (fixed !== undefined) checked = checkFile(file, fixed, args, context);
		notePolicyFixes(file, checked.analysis, outcome);
	}
	return outcome.finish(checked);
}

/** The zone's MTA-STS policy: `--mta-sts-policy`, else the configuration file's `mtaSts.policyFile`, else beside it. */
function mtaStsPolicyOf(
	file: string,
	args: CheckArguments,
	config: FileConfig | undefined,
): Pick<FileContext, 'mtaStsPolicy' | 'mtaStsPolicyProblem'> {
	const configured: ConfiguredPolicyPath | undefined =
		args.mtaStsPolicy !== undefined
			? { path: args.mtaStsPolicy, from: '--mta-sts-policy' }
			: config?.mtaStsPolicyFile !== undefined
				? { path: config.mtaStsPolicyFile, from: `mtaSts.policyFile of ${path.relative(process.cwd(), config.file) || config.file}` }
				: undefined;
	const { policy, problem } = readMtaStsPolicy(path.resolve(file), configured);
	return { mtaStsPolicy: policy, mtaStsPolicyProblem: problem };
}

/**
 * Says which fixes `--fix` left because they edit the MTA-STS policy file: a choice, not an
 * oversight (the policy is published on a web server, and must be before the zone's new `id`).
 */
function notePolicyFixes(file: string, analysis: ZoneAnalysis, outcome: OutcomeBuilder): void {
	for (const problem of analysis.problems) {
		for (const fix of problem.fixes ?? []) {
			if (fix.policyEdits === undefined || fix.policyEdits.length === 0) continue;
			outcome.note(
				`${file}: not applied: ${problem.code}: ${fix.title}. --fix never edits the MTA-STS policy file; apply it in the editor, or by hand (--format json and sarif list its edits), and publish the policy before the zone.`,
			);
		}
	}
}

/** The file as of `revision` for `--serial-since`; nothing for a file new since then; a failure (exit 2) when git cannot tell. */
function previousVersionOf(file: string, revision: string, outcome: OutcomeBuilder): FileContext['previousVersion'] {
	const found = committedVersion(file, revision);
	if ('text' in found) return { revision, text: found.text };
	if ('noRepository' in found) outcome.fail(`${file}: --serial-since ${revision}: ${found.noRepository}.`);
	else if ('error' in found) outcome.fail(`${file}: --serial-since ${revision}: ${found.error}`);
	return undefined;
}

/** What a zone file is checked with besides its text and the flags. */
export interface FileContext {
	/** Its configuration file's settings. */
	readonly config?: FileConfig;
	/** The other zones given, which answer for its MX hosts outside itself. */
	readonly workspace?: WorkspaceIndex;
	/** The MTA-STS policy beside it (`.well-known/mta-sts.txt`), or the one `--mta-sts-policy` or the configuration file names. */
	readonly mtaStsPolicy?: PolicyFile;
	/** Why the policy file named could not be read (`mtaStsPolicyUnreadable`). */
	readonly mtaStsPolicyProblem?: string;
	/** Its version at the `--serial-since` revision, when it has one there. */
	readonly previousVersion?: { readonly revision: string; readonly text: string };
}

/**
 * The reports, and the files read: the zone file and every file it `$INCLUDE`s (SARIF lists them as
 * artifacts). Each setting is the flag's, else the configuration file's, else the default.
 */
export function checkFile(
	file: string,
	text: string,
	args: CheckArguments,
	context: FileContext = {},
): { reports: FileReport[]; artifacts: CheckedArtifact[]; analysis: ZoneAnalysis } {
	const { config } = context;
	const analysis = analyzeZone(fileIdOf(file), text, {
		...modelOptions(file, args, config),
		// --serial-since asks for the serial check: at error, unless a level was set for it.
		ruleLevels: { ...(args.serialSince === undefined ? {} : { serialNotIncremented: 'error' }), ...config?.rules, ...args.ruleLevels },
		ruleOptions: { ...DEFAULT_RULE_OPTIONS, ...config?.options, ...args.ruleOptions },
		workspace: context.workspace,
		mtaStsPolicy: context.mtaStsPolicy,
		mtaStsPolicyProblem: context.mtaStsPolicyProblem,
		previousVersion: context.previousVersion,
	});
	const artifacts: CheckedArtifact[] = [{ file, analysisTarget: true }];
	for (const included of analysis.model.files.slice(1)) {
		if (included.id.startsWith('file:'))
			artifacts.push({ file: path.relative(process.cwd(), fileURLToPath(included.id)), analysisTarget: false });
	}
	return { reports: toFileReports(file, text, analysis), artifacts, analysis };
}

/** The id of a zone file in the analysis: its absolute file URL, as the include reader names included files. */
function fileIdOf(file: string): string {
	return pathToFileURL(path.resolve(file)).href;
}

/**
 * How a file is read into a model: its origin, and includes confined to its directory unless
 * --include-outside, their relative paths read as BIND reads them unless --include-relative-to says otherwise.
 */
function modelOptions(file: string, args: CheckArguments, config: FileConfig | undefined): AnalysisOptions {
	const directory = path.dirname(path.resolve(file));
	const root = (args.includeOutside ?? config?.includes.outside ?? false) ? path.parse(directory).root : directory;
	const relativeTo = args.includeRelativeTo ?? config?.includes.relativeTo ?? 'zoneFile';
	const resolveInclude = (args.followIncludes ?? config?.includes.follow ?? true) ? createIncludeReader(root, file, relativeTo) : undefined;
	return {
		origin: args.origin ?? config?.origin,
		fileName: file,
		resolveInclude,
		maxZoneCharacters: Infinity,
		generateLimits: CLI_GENERATE_LIMITS,
	};
}

/**
 * What a zone file tells the others given with it, read as its check reads it: its names'
 * addresses, aliases and PTRs (`zone`), and the real paths of the files it includes. Nothing for
 * a file that cannot be read (its check reports that).
 */
export function zoneFactsOfFile(
	file: string,
	args: CheckArguments,
	configs: CliConfigs,
): { readonly zone: ZoneFacts | undefined; readonly includes: readonly string[] } {
	const found = configs.for(file);
	if ('invalid' in found) return { zone: undefined, includes: [] };
	const read = readZoneFile(file, MAX_ZONE_BYTES);
	if (!('text' in read)) return { zone: undefined, includes: [] };
	const { zone, includes } = workspaceFactsOf(fileIdOf(file), read.text, modelOptions(file, args, found.config));
	return { zone, includes: includes.filter((id) => id.startsWith('file:')).map((id) => fileURLToPath(id)) };
}

/** `check --fix`: the fixed text once written (or, with --dry-run, as a diff); `undefined` when nothing changed. */
function applyFixes(
	file: string,
	read: { text: string; data: Buffer },
	analysis: ZoneAnalysis,
	reanalyse: (text: string) => ZoneAnalysis,
	args: CheckArguments,
	outcome: OutcomeBuilder,
): string | undefined {
	const backupHostGiven = args.ruleOptions.backupHosts !== undefined;
	// A fix can make another one possible (a name that gets its dot duplicates another MX, or leaves a
	// single one a backup may be added to): a few passes, each on the analysis of the text so far.
	const applied: string[] = [];
	let text = read.text;
	for (let pass = 0, current = analysis; pass < MAX_FIX_PASSES; pass++, current = reanalyse(text)) {
		const plan = planFixes(text, current, backupHostGiven);
		if (plan.applied.length === 0) break;
		applied.push(...plan.applied);
		text = plan.text;
	}
	if (applied.length === 0) return undefined;
	if (args.dryRun) {
		outcome.diff = unifiedDiff(file.split(path.sep).join('/').replace(/^\.\//, ''), read.text, text);
		return text;
	}
	// Invalid UTF-8 read as text would be written back as U+FFFD: the file must round-trip byte for byte.
	if (!Buffer.from(read.text, 'utf8').equals(read.data)) {
		outcome.fail(`${file}: not valid UTF-8; not fixed.`);
		return undefined;
	}
	const error = writeFixedFile(file, read.data, text);
	if (error !== undefined) {
		outcome.fail(error);
		return undefined;
	}
	const count = applied.length;
	outcome.note(`${file}: fixed ${count} problem${count === 1 ? '' : 's'} (${applied.join('; ')}).`);
	return text;
}
