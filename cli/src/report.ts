/**
 * Turns an analysis into per-file reports with LSP-style zero-based ranges, and prints them as
 * compiler-style text (`file:line:col: severity code: message`, one-based) or as stable JSON.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinePosition, RuleFix, ZoneAnalysis } from '../../core/src/index';
import { positionSourceForText, toRange, type PositionSource } from '../../server/src/index';
import { printable } from './printable';

export interface ReportRange {
	readonly start: LinePosition;
	readonly end: LinePosition;
}

export interface ReportDiagnostic {
	readonly code: string;
	readonly severity: 'error' | 'warning' | 'information' | 'hint';
	readonly message: string;
	readonly range: ReportRange;
	readonly related?: readonly { readonly file: string; readonly range: ReportRange; readonly message: string }[];
	/** The quick fixes the editor offers, as edits (e.g. with `--backup-host`, an MX line to insert). */
	readonly fixes?: readonly ReportFix[];
}

export interface ReportFix {
	readonly title: string;
	/** In the zone's files, and in the MTA-STS policy file (the "add exchanger to policy" fix, which `check --fix` never applies). */
	readonly edits: readonly { readonly file: string; readonly range: ReportRange; readonly newText: string }[];
	/** Text in the edits to replace before use, e.g. `backup-mx.invalid.` when no `--backup-host` is given. */
	readonly placeholder?: string;
}

/** One entry of the JSON output. Keep this shape stable: other tools read it. */
export interface FileReport {
	readonly file: string;
	readonly origin: string | null;
	readonly diagnostics: readonly ReportDiagnostic[];
}

/**
 * One report for the zone file and one for each included file that has problems.
 * `displayPath` is the path as the user gave it; included files are shown relative to the cwd.
 */
export function toFileReports(displayPath: string, text: string, analysis: ZoneAnalysis): FileReport[] {
	const { model, problems } = analysis;
	// Built only for files that have problems: a clean million-line zone needs no line table. The
	// positions are the language server's (server/src/service/convert.ts), so both report the same.
	const sources = new Map<number, PositionSource>();
	const positionSource = (file: number): PositionSource => {
		let source = sources.get(file);
		if (!source) {
			source = positionSourceForText(file === 0 ? text : model.files[file].syntax.tokens.text);
			sources.set(file, source);
		}
		return source;
	};
	const name = (file: number): string => (file === 0 ? displayPath : displayName(model.files[file].id));
	const range = (file: number, start: number, end: number): ReportRange => toRange(positionSource(file), start, end);

	// An edit of the MTA-STS policy file is in offsets of the policy text the analysis read (see codeActions.ts).
	const policy = model.mtaStsPolicy;
	let policySource: PositionSource | undefined;
	const policyEdits = (edits: RuleFix['policyEdits']): ReportFix['edits'] => {
		if (policy === undefined || edits === undefined || edits.length === 0) return [];
		const source = (policySource ??= positionSourceForText(policy.text));
		return edits
			.filter((e) => e.fileId === policy.fileId)
			.map((e) => ({ file: displayName(e.fileId), range: toRange(source, e.start, e.end), newText: e.newText }));
	};

	const byFile = new Map<number, ReportDiagnostic[]>([[0, []]]);
	for (const problem of problems) {
		const diagnostic: ReportDiagnostic = {
			code: problem.code,
			severity: problem.severity,
			message: problem.message,
			range: range(problem.file, problem.start, problem.end),
			...(problem.related?.length
				? {
						related: problem.related.map((r) =>
							'elsewhere' in r
								? { file: displayName(r.elsewhere.fileId), range: { start: r.elsewhere.start, end: r.elsewhere.end }, message: r.message }
								: { file: name(r.file), range: range(r.file, r.start, r.end), message: r.message },
						),
					}
				: {}),
			...(problem.fixes?.length
				? {
						fixes: problem.fixes.map((fix) => ({
							title: fix.title,
							edits: [
								...fix.edits.map((e) => ({ file: name(e.file), range: range(e.file, e.start, e.end), newText: e.newText })),
								...policyEdits(fix.policyEdits),
							],
							...(fix.placeholder !== undefined ? { placeholder: fix.placeholder } : {}),
						})),
					}
				: {}),
		};
		const list = byFile.get(problem.file);
		if (list) list.push(diagnostic);
		else byFile.set(problem.file, [diagnostic]);
	}
	return [...byFile.entries()].map(([file, diagnostics]) => ({ file: name(file), origin: model.origin ?? null, diagnostics }));
}

/** A file the CLI read, by its id (a file URL), as a path relative to the working directory. */
export function displayName(fileId: string): string {
	return fileId.startsWith('file:') ? path.relative(process.cwd(), fileURLToPath(fileId)) : fileId;
}

/** Compiler-style lines; every piece that comes from the zone or a path goes through {@link printable}. */
export function formatText(reports: readonly FileReport[]): string {
	const lines: string[] = [];
	const where = (file: string, position: LinePosition): string => `${printable(file)}:${position.line + 1}:${position.character + 1}`;
	for (const report of reports) {
		for (const d of report.diagnostics) {
			lines.push(`${where(report.file, d.range.start)}: ${d.severity} ${d.code}: ${printable(d.message)}`);
			for (const related of d.related ?? [])
				lines.push(`  ${where(related.file, related.range.start)}: note: ${printable(related.message)}`);
			for (const fix of d.fixes ?? []) {
				const placeholder = fix.placeholder === undefined ? '' : ` (replace ${printable(fix.placeholder)}, or give --backup-host)`;
				lines.push(`  ${where(report.file, d.range.start)}: fix: ${printable(fix.title)}${placeholder}`);
			}
		}
	}
	return lines.join('\n');
}

export function formatJson(reports: readonly FileReport[]): string {
	return JSON.stringify(reports, null, 2);
}
