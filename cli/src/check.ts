/**
 * `zone-sentinel check`: the editor's analysis without an editor, for CI and the terminal.
 * Output is compiler-style text, one stable JSON document, SARIF 2.1.0 or GitHub workflow commands; see `USAGE` for exit codes.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	analyzeZone,
	type IncludeResolver,
	MAX_ZONE_CHARACTERS,
	WorkspaceIndex,
	workspaceFactsOf,
	type ZoneFacts,
} from '../../core/src/index';
import { createIncludeReader, findZoneFiles, readZoneFile } from '../../server/src/index';
import { UsageError } from './argumentCursor';
import { type CheckArguments, parseCheckArguments, USAGE } from './checkArguments';
import { type CheckedArtifact, formatGithub, formatSarif } from './ciFormats';
import { readManifest } from './manifest';
import { printable } from './printable';
import { type FileReport, formatJson, formatText, toFileReports } from './report';

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

	const zones: { file: string; text: string }[] = [];
	for (const { file, explicit } of files) {
		const text = readZoneFile(file, MAX_ZONE_BYTES);
		if (typeof text !== 'string') {
			if ('binary' in text && !explicit) {
				// Found by the folder walk under a zone-like name (`cache.db`): not ours, and no reason to fail.
				process.stderr.write(`zone-sentinel: note: ${printable(file)}: ${text.binary}, not a zone file; skipped.\n`);
			} else {
				fail('binary' in text ? `${file}: ${text.binary}, not a zone file.` : text.error);
			}
			continue;
		}
		zones.push({ file, text });
	}

	// Every zone given is the workspace of the others: an MX host in a sibling zone is resolved there.
	const workspace = zones.length > 1 ? workspaceOf(zones, args) : undefined;
	const reports: FileReport[] = [];
	const artifacts: CheckedArtifact[] = [];
	for (const { file, text } of zones) {
		const checked = checkFile(file, text, args, workspace);
		reports.push(...checked.reports);
		artifacts.push(...checked.artifacts);
	}
	const checkedCount = zones.length;

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

/** The reports, and the files read: the zone file and every file it `$INCLUDE`s (SARIF lists them as artifacts). */
function checkFile(
	file: string,
	text: string,
	args: CheckArguments,
	workspace?: WorkspaceIndex,
): { reports: FileReport[]; artifacts: CheckedArtifact[] } {
	const analysis = analyzeZone(fileIdOf(file), text, {
		...modelOptions(file, args),
		ruleLevels: args.ruleLevels,
		ruleOptions: args.ruleOptions,
		workspace,
	});
	const artifacts: CheckedArtifact[] = [{ file, analysisTarget: true }];
	for (const included of analysis.model.files.slice(1)) {
		if (included.id.startsWith('file:'))
			artifacts.push({ file: path.relative(process.cwd(), fileURLToPath(included.id)), analysisTarget: false });
	}
	return { reports: toFileReports(file, text, analysis), artifacts };
}

/** The id of a zone file in the analysis: its absolute file URL, as the include reader names included files. */
function fileIdOf(file: string): string {
	return pathToFileURL(path.resolve(file)).href;
}

/** How a file is read into a model: its origin, and includes relative to (and confined to) its directory unless --include-outside. */
function modelOptions(file: string, args: CheckArguments): { origin?: string; fileName: string; resolveInclude?: IncludeResolver } {
	const directory = path.dirname(path.resolve(file));
	const resolveInclude = args.followIncludes
		? createIncludeReader(args.includeOutside ? path.parse(directory).root : directory)
		: undefined;
	return { origin: args.origin, fileName: file, resolveInclude };
}

/** The zones given, as the resolver each of them uses for names outside itself. */
function workspaceOf(zones: readonly { file: string; text: string }[], args: CheckArguments): WorkspaceIndex {
	const facts: ZoneFacts[] = [];
	for (const { file, text } of zones) {
		const found = workspaceFactsOf(fileIdOf(file), text, modelOptions(file, args));
		if (found) facts.push(found);
	}
	return new WorkspaceIndex(facts);
}

function summaryLine(fileCount: number, reports: readonly FileReport[]): string {
	const count = (severity: string): number =>
		reports.reduce((sum, report) => sum + report.diagnostics.filter((d) => d.severity === severity).length, 0);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(fileCount, 'zone file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}.`;
}
