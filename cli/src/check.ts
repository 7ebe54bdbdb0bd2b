/**
 * `zone-sentinel check`: the editor's analysis without an editor, for CI and the terminal.
 * Output is compiler-style text, one stable JSON document, SARIF 2.1.0 or GitHub workflow commands; see `USAGE` for exit codes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeZone, MAX_ZONE_CHARACTERS } from '../../core/src/index';
import { createIncludeReader, kindOf, openForReading, readAtMost } from '../../server/src/index';
import { UsageError } from './argumentCursor';
import { binaryKind } from './binaryContent';
import { type CheckArguments, parseCheckArguments, USAGE } from './checkArguments';
import { type CheckedArtifact, formatGithub, formatSarif } from './ciFormats';
import { readManifest } from './manifest';
import { printable } from './printable';
import { type FileReport, formatJson, formatText, toFileReports } from './report';
import { findZoneFiles } from './zoneFiles';

/** Zone files are read whole; larger files are refused unread (the analysis refuses longer text too). */
const MAX_ZONE_BYTES = MAX_ZONE_CHARACTERS;

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

	const checkedFiles: CheckedFile[] = [];
	for (const { file, explicit } of files) {
		const text = readZone(file);
		if (typeof text !== 'string') {
			if ('binary' in text && !explicit) {
				// Found by the folder walk under a zone-like name (`cache.db`): not ours, and no reason to fail.
				process.stderr.write(`zone-sentinel: note: ${printable(file)}: ${text.binary}, not a zone file; skipped.\n`);
			} else {
				fail('binary' in text ? `${file}: ${text.binary}, not a zone file.` : text.error);
			}
			continue;
		}
		checkedFiles.push(checkFile(file, text, args));
	}
	const checked = withoutIncludedFiles(checkedFiles);
	const checkedCount = checked.length;
	const reports = checked.flatMap((one) => one.reports);
	const artifacts = checked.flatMap((one) => one.artifacts);

	if (args.format === 'json') {
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

/** One zone file checked: its reports, the files read for it (SARIF artifacts) and the real paths it `$INCLUDE`s. */
interface CheckedFile {
	readonly file: string;
	readonly reports: FileReport[];
	readonly artifacts: CheckedArtifact[];
	/** Real path of the file itself, when it can be found. */
	readonly realPath: string | undefined;
	/** Real paths of every file it includes, directly or through other includes. */
	readonly includes: ReadonlySet<string>;
}

/**
 * Leaves out a file that another checked zone includes: it is a fragment, checked in that zone's
 * state (origin, $TTL), and its findings are reported through the zone. Files that include each
 * other (a cycle, reported as such) are both kept, so nothing goes unreported.
 */
function withoutIncludedFiles(checked: readonly CheckedFile[]): CheckedFile[] {
	const includedBy = new Map<string, CheckedFile[]>();
	for (const one of checked) {
		for (const included of one.includes) {
			if (included === one.realPath) continue;
			const list = includedBy.get(included);
			if (list) list.push(one);
			else includedBy.set(included, [one]);
		}
	}
	return checked.filter((one) => {
		if (one.realPath === undefined) return true;
		const includer = includedBy.get(one.realPath)?.find((other) => other.realPath === undefined || !one.includes.has(other.realPath));
		if (includer === undefined) return true;
		process.stderr.write(
			`zone-sentinel: note: ${printable(one.file)} is included by ${printable(includer.file)}; checked as part of it.\n`,
		);
		return false;
	});
}

/** The reports, and the files read: the zone file and every file it `$INCLUDE`s (SARIF lists them as artifacts). */
function checkFile(file: string, text: string, args: CheckArguments): CheckedFile {
	// Includes are read relative to, and confined to, the zone file's directory (or anywhere with --include-outside).
	const directory = path.dirname(path.resolve(file));
	const resolveInclude = args.followIncludes
		? createIncludeReader(args.includeOutside ? path.parse(directory).root : directory)
		: undefined;
	const analysis = analyzeZone(pathToFileURL(path.resolve(file)).href, text, {
		origin: args.origin,
		fileName: file,
		resolveInclude,
		ruleLevels: args.ruleLevels,
		ruleOptions: args.ruleOptions,
	});
	const artifacts: CheckedArtifact[] = [{ file, analysisTarget: true }];
	const includes = new Set<string>();
	for (const included of analysis.model.files.slice(1)) {
		if (!included.id.startsWith('file:')) continue;
		const includedPath = fileURLToPath(included.id);
		includes.add(includedPath);
		artifacts.push({ file: path.relative(process.cwd(), includedPath), analysisTarget: false });
	}
	return { file, reports: toFileReports(file, text, analysis), artifacts, realPath: realPathOf(file), includes };
}

function realPathOf(file: string): string | undefined {
	try {
		return fs.realpathSync(file);
	} catch {
		return undefined;
	}
}

function readZone(file: string): string | { error: string } | { binary: string } {
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
		return binary === undefined ? data.toString('utf8') : { binary };
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
