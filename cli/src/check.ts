/**
 * `zone-sentinel check`: the editor's analysis without an editor, for CI and the terminal.
 * Output is compiler-style text, one stable JSON document, SARIF 2.1.0 or GitHub workflow commands; see `USAGE` for exit codes.
 * The files are checked on worker threads (`--jobs`), and reported in a stable order whatever the number.
 */
import * as os from 'node:os';
import { UsageError } from './argumentCursor';
import { type CheckArguments, parseCheckArguments, USAGE } from './checkArguments';
import { WorkspaceIndex, type ZoneFacts } from '../../core/src/index';
import { findZoneFiles } from '../../server/src/index';
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
	const files: { file: string; explicit: boolean }[] = [];
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
	const zones: ZoneFacts[] = [];
	if (files.length > 1) {
		const configs = new CliConfigs();
		for (const { file } of files) {
			const facts = zoneFactsOfFile(file, args, configs);
			if (facts) zones.push(facts);
		}
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
	return checkFile(file, text, args).reports;
}
