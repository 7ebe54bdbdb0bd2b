/**
 * `zone-sentinel check`: the editor's analysis without an editor, for CI and the terminal.
 * Output is compiler-style text, one stable JSON document, SARIF 2.1.0 or GitHub workflow commands; see `USAGE` for exit codes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeZone, DEFAULT_RULE_OPTIONS, MAX_ZONE_CHARACTERS, type ZoneAnalysis } from '../../core/src/index';
import { createIncludeReader, type FileConfig, kindOf, openForReading, readAtMost } from '../../server/src/index';
import { UsageError } from './argumentCursor';
import { binaryKind } from './binaryContent';
import { type CheckArguments, parseCheckArguments, USAGE } from './checkArguments';
import { CliConfigs } from './configFile';
import { type CheckedArtifact, formatGithub, formatSarif } from './ciFormats';
import { planFixes, unifiedDiff, writeFixedFile } from './fixes';
import { readManifest } from './manifest';
import { printable } from './printable';
import { type FileReport, formatJson, formatText, toFileReports } from './report';
import { findZoneFiles } from './zoneFiles';

/** Zone files are read whole; larger files are refused unread (the analysis refuses longer text too). */
const MAX_ZONE_BYTES = MAX_ZONE_CHARACTERS;

/** Fix passes per file at most: each pass applies what the previous one made possible. */
const MAX_FIX_PASSES = 5;

/** Runs `check` with the words after it; the exit status. */
export function checkMain(argv: readonly string[]): number {
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

function check(args: CheckArguments): number {
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

	const reports: FileReport[] = [];
	const artifacts: CheckedArtifact[] = [];
	let checkedCount = 0;
	const configs = new CliConfigs();
	for (const { file, explicit } of files) {
		const found = configs.for(file);
		if ('invalid' in found) {
			// A zone is never checked with settings other than the ones its project asked for.
			for (const line of found.lines) process.stderr.write(line + '\n');
			fail(`${file}: not checked: its configuration file ${found.invalid} is invalid.`);
			continue;
		}
		const read = readZone(file);
		if (!('text' in read)) {
			if ('binary' in read && !explicit) {
				// Found by the folder walk under a zone-like name (`cache.db`): not ours, and no reason to fail.
				process.stderr.write(`zone-sentinel: note: ${printable(file)}: ${read.binary}, not a zone file; skipped.\n`);
			} else {
				fail('binary' in read ? `${file}: ${read.binary}, not a zone file.` : read.error);
			}
			continue;
		}
		let checked = checkFile(file, read.text, args, found.config);
		if (args.fix) {
			const fixed = applyFixes(file, read, checked.analysis, (text) => checkFile(file, text, args, found.config).analysis, args, fail);
			// What is reported (and decides the exit status) is what is left after the fixes.
			if (fixed !== undefined) checked = checkFile(file, fixed, args, found.config);
		}
		checkedCount++;
		reports.push(...checked.reports);
		artifacts.push(...checked.artifacts);
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

/** The reports for one zone file's text, exactly as `check` makes them (the robustness tests compare them with the server's). */
export function checkText(file: string, text: string, args: CheckArguments): FileReport[] {
	return checkFile(file, text, args).reports;
}

/**
 * The reports, and the files read: the zone file and every file it `$INCLUDE`s (SARIF lists them as
 * artifacts). Each setting is the flag's, else the configuration file's, else the default.
 */
function checkFile(
	file: string,
	text: string,
	args: CheckArguments,
	config?: FileConfig,
): { reports: FileReport[]; artifacts: CheckedArtifact[]; analysis: ZoneAnalysis } {
	// Includes are read relative to, and confined to, the zone file's directory (or anywhere with --include-outside).
	const directory = path.dirname(path.resolve(file));
	const resolveInclude =
		(args.followIncludes ?? config?.includes.follow ?? true)
			? createIncludeReader((args.includeOutside ?? config?.includes.outside ?? false) ? path.parse(directory).root : directory)
			: undefined;
	const analysis = analyzeZone(pathToFileURL(path.resolve(file)).href, text, {
		origin: args.origin ?? config?.origin,
		fileName: file,
		resolveInclude,
		ruleLevels: { ...config?.rules, ...args.ruleLevels },
		ruleOptions: { ...DEFAULT_RULE_OPTIONS, ...config?.options, ...args.ruleOptions },
	});
	const artifacts: CheckedArtifact[] = [{ file, analysisTarget: true }];
	for (const included of analysis.model.files.slice(1)) {
		if (included.id.startsWith('file:'))
			artifacts.push({ file: path.relative(process.cwd(), fileURLToPath(included.id)), analysisTarget: false });
	}
	return { reports: toFileReports(file, text, analysis), artifacts, analysis };
}

/** `check --fix`: the fixed text once written (or, with --dry-run, printed as a diff); `undefined` when nothing changed. */
function applyFixes(
	file: string,
	read: { text: string; data: Buffer },
	analysis: ZoneAnalysis,
	reanalyse: (text: string) => ZoneAnalysis,
	args: CheckArguments,
	fail: (message: string) => void,
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
		process.stdout.write(unifiedDiff(file.split(path.sep).join('/').replace(/^\.\//, ''), read.text, text));
		return text;
	}
	// Invalid UTF-8 read as text would be written back as U+FFFD: the file must round-trip byte for byte.
	if (!Buffer.from(read.text, 'utf8').equals(read.data)) {
		fail(`${file}: not valid UTF-8; not fixed.`);
		return undefined;
	}
	const error = writeFixedFile(file, read.data, text);
	if (error !== undefined) {
		fail(error);
		return undefined;
	}
	const count = applied.length;
	process.stderr.write(
		`zone-sentinel: ${printable(file)}: fixed ${count} problem${count === 1 ? '' : 's'} (${printable(applied.join('; '))}).\n`,
	);
	return text;
}

function readZone(file: string): { text: string; data: Buffer } | { error: string } | { binary: string } {
	let fd: number | undefined;
	try {
		// Opened once and judged as opened: a FIFO or device named on the command line must not block the run.
		fd = openForReading(file, { followLastLink: true });
		const stat = fs.fstatSync(fd);
		if (kindOf(stat) !== undefined) return { error: `${file}: not a regular file; not checked.` };
		const tooLarge = (size: number): { error: string } => ({
			error: `${file}: ${(size / 1048576).toFixed(1)} MiB is over the limit of ${MAX_ZONE_BYTES / 1048576} MiB per zone file; not checked.`,
		});
		if (stat.size > MAX_ZONE_BYTES) return tooLarge(stat.size);
		// One byte over the limit tells a file that grew while being read.
		const data = readAtMost(fd, MAX_ZONE_BYTES + 1);
		if (data.length > MAX_ZONE_BYTES) return tooLarge(data.length);
		const binary = binaryKind(data);
		return binary === undefined ? { text: data.toString('utf8'), data } : { binary };
	} catch (error) {
		return { error: `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).` };
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

function summaryLine(fileCount: number, reports: readonly FileReport[]): string {
	const count = (severity: string): number =>
		reports.reduce((sum, report) => sum + report.diagnostics.filter((d) => d.severity === severity).length, 0);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(fileCount, 'zone file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}.`;
}
