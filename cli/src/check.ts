/**
 * `zone-sentinel check`: the editor's analysis without an editor, for CI and the terminal.
 * Output is compiler-style text, one stable JSON document, SARIF 2.1.0 or GitHub workflow commands; see `USAGE` for exit codes.
 * The files are checked on worker threads (`--jobs`), and reported in a stable order whatever the number.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from './argumentCursor';
import { type CheckArguments, parseCheckArguments, USAGE } from './checkArguments';
import { WorkspaceIndex, type ZoneFacts } from '../../core/src/index';
import { findZoneFiles, readMtaStsPolicyBeside } from '../../server/src/index';
import { checkFile, checkZoneFile, type FileOutcome, zoneFactsOfFile } from './checkFile';
import { checkInWorkers } from './checkWorkers';
import { type CheckedArtifact, formatGithub, formatSarif } from './ciFormats';
import { CliConfigs } from './configFile';
import { readManifest } from './manifest';
import { printable } from './printable';
import { type FileReport, formatJson, formatText } from './report';

/** Fewer files than this per thread are checked with fewer threads (a handful of zones: none). */
const FILES_PER_THREAD = 16;

/** How often the progress line is redrawn at most (ms). */
const PROGRESS_INTERVAL_MS = 100;

/** Runs `check` with the words after it; the exit status. */
export function checkMain(argv: readonly string[]): number | Promise<number> {
	let args;
	try {
		args = parseCheckArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`zone-sentinel: ${error.message}\n\n${USAGE}\n`);
		return 2;
	}
	if (args === 'help') {
		process.stdout.write(USAGE + '\n');
		return 0;
	}
	return check(args);
}

async function check(args: CheckArguments): Promise<number> {
	let files: { file: string; explicit: boolean }[] = [];
	let ioError = false;
	const fail = (message: string): void => {
		process.stderr.write(`zone-sentinel: ${printable(message)}\n`);
		ioError = true;
	};
	for (const given of args.paths) {
		const found = findZoneFiles(given);
		for (const error of found.errors) fail(error);
		for (const file of found.files) files.push({ file, explicit: found.explicit });
	}

	// Every zone given is the workspace of the others: an MX host in a sibling zone is resolved there.
	// A file another one includes is a fragment of it, checked (and fixed) only as part of it.
	const zones: ZoneFacts[] = [];
	if (files.length > 1) {
		const configs = new CliConfigs();
		const includesOf = new Map<string, ReadonlySet<string>>();
		for (const { file } of files) {
			const { zone, includes } = zoneFactsOfFile(file, args, configs);
			if (zone) zones.push(zone);
			includesOf.set(file, new Set(includes));
		}
		files = withoutFragments(files, includesOf);
	}
	const progress = progressLine(files.length);
	// A thread costs a start-up and a warm-up of its own: one per FILES_PER_THREAD files at most, and none for one job.
	const jobs = Math.min(args.jobs ?? os.availableParallelism(), Math.ceil(files.length / FILES_PER_THREAD));
	let outcomes: FileOutcome[];
	if (jobs <= 1) {
		const configs = new CliConfigs();
		const workspace = zones.length > 0 ? new WorkspaceIndex(zones) : undefined;
		outcomes = files.map(({ file, explicit }, index) => {
			const outcome = checkZoneFile(file, explicit, args, configs, workspace);
			progress.update(index + 1);
			return outcome;
		});
	} else {
		outcomes = await checkInWorkers(files, args, jobs, progress.update, zones);
	}
	progress.clear();

	const reports: FileReport[] = [];
	const artifacts: CheckedArtifact[] = [];
	let checkedCount = 0;
	const printedConfigs = new Set<string>();
	for (const outcome of outcomes) {
		if (outcome.configProblems && !printedConfigs.has(outcome.configProblems.file)) {
			printedConfigs.add(outcome.configProblems.file);
			for (const line of outcome.configProblems.lines) process.stderr.write(line + '\n');
		}
		for (const message of outcome.messages) process.stderr.write(message + '\n');
		if (outcome.diff !== undefined) process.stdout.write(outcome.diff);
		if (outcome.failed) ioError = true;
		if (outcome.checked) checkedCount++;
		reports.push(...outcome.reports);
		artifacts.push(...outcome.artifacts);
	}

	if (args.dryRun) {
		process.stderr.write(summaryLine(checkedCount, reports) + ' (after the fixes above)\n');
	} else if (args.format === 'json') {
		process.stdout.write(formatJson(reports) + '\n');
	} else if (args.format === 'sarif') {
		process.stdout.write(formatSarif(reports, artifacts, readManifest()) + '\n');
	} else {
		const output = args.format === 'github' ? formatGithub(reports) : formatText(reports);
		if (output) process.stdout.write(output + '\n');
		process.stderr.write(summaryLine(checkedCount, reports) + '\n');
	}
	if (ioError) return 2;
	return reports.some((report) => report.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/**
 * Leaves out a file that another file given includes: it is a fragment, checked in that zone's
 * state (origin, $TTL), and its findings are reported through the zone. Files that include each
 * other (a cycle, reported as such) are both kept, so nothing goes unreported.
 */
function withoutFragments<T extends { file: string }>(files: readonly T[], includesOf: ReadonlyMap<string, ReadonlySet<string>>): T[] {
	const realPaths = new Map(files.map(({ file }) => [file, realPathOf(file)]));
	const includers = new Map<string, string[]>();
	for (const { file } of files) {
		for (const included of includesOf.get(file) ?? []) {
			if (included === realPaths.get(file)) continue;
			const list = includers.get(included);
			if (list) list.push(file);
			else includers.set(included, [file]);
		}
	}
	return files.filter(({ file }) => {
		const real = realPaths.get(file);
		if (real === undefined) return true;
		const includer = includers.get(real)?.find((other) => {
			const otherReal = realPaths.get(other);
			return otherReal === undefined || !includesOf.get(file)?.has(otherReal);
		});
		if (includer === undefined) return true;
		process.stderr.write(`zone-sentinel: note: ${printable(file)} is included by ${printable(includer)}; checked as part of it.\n`);
		return false;
	});
}

function realPathOf(file: string): string | undefined {
	try {
		return fs.realpathSync(file);
	} catch {
		return undefined;
	}
}

/** `checking zone files: 1234/10000` on stderr when it is a terminal, redrawn in place; nothing otherwise. */
function progressLine(total: number): { update: (done: number) => void; clear: () => void } {
	const tty = process.stderr.isTTY === true && total > 1;
	let shown = false;
	let last = 0;
	return {
		update(done) {
			if (!tty || (Date.now() - last < PROGRESS_INTERVAL_MS && done < total)) return;
			last = Date.now();
			shown = true;
			process.stderr.write(`\rchecking zone files: ${done}/${total}\x1b[K`);
		},
		clear() {
			if (shown) process.stderr.write('\r\x1b[K');
		},
	};
}

function summaryLine(fileCount: number, reports: readonly FileReport[]): string {
	const count = (severity: string): number =>
		reports.reduce((sum, report) => sum + report.diagnostics.filter((d) => d.severity === severity).length, 0);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(fileCount, 'zone file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}.`;
}

/** The reports for one zone file's text, exactly as `check` makes them (the robustness tests compare them with the server's). */
export function checkText(file: string, text: string, args: CheckArguments): FileReport[] {
	return checkFile(file, text, args, { mtaStsPolicy: readMtaStsPolicyBeside(path.resolve(file)) }).reports;
}
