/**
 * The CLI and the language server must report the same diagnostics for the same text. Each case is
 * written to one folder on disk (its include files beside it), checked by the CLI's own per-file
 * function (`checkText`, in process) and by the server over a real LSP connection (opened, pulled,
 * closed), and the two lists are compared: code, severity, message, range and related information.
 * A few cases also go through the real CLI process (`bin/zone-sentinel.js --format json`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ALL_RULES } from '../../core/src/index';
import { type CheckArguments, parseCheckArguments } from '../../cli/src/checkArguments';
import { checkText } from '../../cli/src/check';
import type { FileReport, ReportDiagnostic } from '../../cli/src/report';
import type { LspTestClient } from '../helpers/lspHarness';
import { REPO_ROOT } from '../helpers/paths';
import type { FuzzCase } from './zoneGrammar';

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

/** One diagnostic as both sides can express it. */
interface Comparable {
	readonly code: string;
	readonly severity: string;
	readonly message: string;
	readonly range: string;
	readonly related: string;
}

const rangeText = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
	`${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

function fromCli(diagnostic: ReportDiagnostic): Comparable {
	return {
		code: diagnostic.code,
		severity: diagnostic.severity,
		message: diagnostic.message,
		range: rangeText(diagnostic.range),
		related: (diagnostic.related ?? []).map((r) => `${rangeText(r.range)} ${r.message}`).join('; '),
	};
}

function fromServer(diagnostic: Diagnostic): Comparable {
	return {
		code: String(diagnostic.code),
		severity: SEVERITY_NAMES[diagnostic.severity ?? 0] ?? String(diagnostic.severity),
		message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
		range: rangeText(diagnostic.range),
		related: (diagnostic.relatedInformation ?? []).map((r) => `${rangeText(r.location.range)} ${r.message}`).join('; '),
	};
}

const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.id));

/** The first difference between the two lists, or `undefined` when they are the same. */
function difference(cli: readonly Comparable[], server: readonly Comparable[]): string | undefined {
	for (let i = 0; i < Math.max(cli.length, server.length); i++) {
		const a = JSON.stringify(cli[i]);
		const b = JSON.stringify(server[i]);
		if (a !== b) return `diagnostic ${i + 1} of ${cli.length} (CLI) / ${server.length} (server): CLI ${a ?? 'none'}, server ${b ?? 'none'}`;
	}
	return undefined;
}

/** Writes a case into `folder` (main file `self.zone`, its includes, a `sub/` folder) and returns the text as read back. */
export function writeCase(folder: string, fuzz: FuzzCase): { file: string; text: string } {
	for (const entry of fs.readdirSync(folder)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
	fs.mkdirSync(path.join(folder, 'sub'));
	for (const [name, text] of Object.entries(fuzz.includes)) fs.writeFileSync(path.join(folder, name), text);
	const file = path.join(folder, 'self.zone');
	fs.writeFileSync(file, fuzz.text);
	// Read back as the CLI does: text that is not valid UTF-16 (a lone surrogate) was written as U+FFFD.
	return { file, text: fs.readFileSync(file, 'utf8') };
}

/**
 * Compares the CLI and the server on one case. `client` must be initialized with `folder` as its
 * workspace folder (so both follow includes from the same folder). Returns the failures.
 */
export async function compareCase(
	client: LspTestClient,
	folder: string,
	fuzz: FuzzCase,
	options: { spawn?: boolean } = {},
): Promise<string[]> {
	const { file, text } = writeCase(folder, fuzz);
	const args = parseCheckArguments(['--format', 'json', file]) as CheckArguments;
	const reports = checkText(file, text, args);
	const cli = reports[0].diagnostics.map(fromCli);
	const uri = pathToFileURL(file).href;
	await client.open(uri, text);
	let pulled: Diagnostic[];
	try {
		pulled = await client.pull(uri);
	} finally {
		await client.close(uri);
	}
	// What included files hold stands on the $INCLUDE line in the editor (see server/src/service/validation.ts)
	// and in the included file's own report in the CLI: the same findings, counted by code.
	const fromIncluded = (d: Diagnostic): boolean =>
		d.relatedInformation?.[0]?.message.startsWith('Found here, in the included file') === true;
	const server = pulled.filter((d) => !fromIncluded(d)).map(fromServer);
	const failures: string[] = [];
	const shownFromIncludes = (diagnostics: readonly { code: string; severity: string }[]): string =>
		diagnostics
			.filter((d) => d.severity !== 'error' || RULE_IDS.has(d.code))
			.map((d) => d.code)
			.sort()
			.join();
	const cliIncluded = shownFromIncludes(reports.slice(1).flatMap((report) => report.diagnostics));
	const serverIncluded = shownFromIncludes(pulled.filter(fromIncluded).map(fromServer));
	if (cliIncluded !== serverIncluded) failures.push(`included files: CLI [${cliIncluded}], server [${serverIncluded}]`);
	// By design the editor refuses `$GENERATE` ranges the CLI expands (EDITOR_GENERATE_LIMITS and
	// CLI_GENERATE_LIMITS, core/src/limits.ts), and the CLI then reports what the records hold: that
	// is the one difference expected, so such a case is not compared further.
	const hasRefusal = (diagnostics: readonly Comparable[]): boolean => diagnostics.some((d) => d.code === 'generateTooLarge');
	if (hasRefusal(server) && !hasRefusal(cli)) return failures;
	const inProcess = difference(cli, server);
	if (inProcess) failures.push(`CLI (in process) and server differ: ${inProcess}`);
	if (options.spawn) {
		const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', '--format', 'json', file], {
			cwd: folder,
			encoding: 'utf8',
		});
		let reports: FileReport[] = [];
		try {
			reports = JSON.parse(result.stdout) as FileReport[];
		} catch {
			failures.push(`the CLI printed no JSON (exit ${result.status}): ${result.stderr.slice(0, 300)}`);
		}
		const own = reports.find((report) => report.file === file);
		const spawned = (own?.diagnostics ?? []).map(fromCli);
		const differs = difference(spawned, server);
		if (differs) failures.push(`CLI (process) and server differ: ${differs}`);
		const anyError = reports.some((report) => report.diagnostics.some((d) => d.severity === 'error'));
		if (result.status !== (anyError ? 1 : 0))
			failures.push(`the CLI exited ${result.status}, but ${anyError ? 'found' : 'found no'} errors`);
	}
	return failures;
}
