/**
 * Output for CI systems: SARIF 2.1.0 (`--format sarif`, for code-scanning uploads) and GitHub
 * Actions workflow commands (`--format github`, annotations on the pull request). Both are made
 * from the same {@link FileReport}s as the text and JSON output.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, PROBLEMS, type ProblemKind } from '../../core/src/index';
import type { FileReport, ReportDiagnostic, ReportRange } from './report';
import { printable } from './printable';

/** One file of the run: a zone file that was checked, or a file it `$INCLUDE`s. */
export interface CheckedArtifact {
	/** The path as the reports name it (as given, or relative to the working directory). */
	readonly file: string;
	readonly analysisTarget: boolean;
}

export interface SarifTool {
	readonly version: string;
	readonly homepage: string;
}

/** The base that relative artifact URIs are resolved against: the working directory of the run. */
export const SARIF_URI_BASE = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function sarifLevel(severity: string): SarifLevel {
	return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'off' ? 'none' : 'note';
}

/** A path relative to the working directory as a URI reference (`zones/a%20b.zone`), or an absolute `file:` URI outside it. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
	const absolute = path.resolve(cwd, file);
	const relative = path.relative(cwd, absolute);
	if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
	return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SARIF_URI_BASE };
}

/** SARIF regions are one-based; columns count UTF-16 code units (as LSP positions do) and the end column is exclusive. */
function region(range: ReportRange): Record<string, number> {
	return {
		startLine: range.start.line + 1,
		startColumn: range.start.character + 1,
		endLine: range.end.line + 1,
		endColumn: range.end.character + 1,
	};
}

interface SarifRule {
	id: string;
	shortDescription: { text: string };
	helpUri: string;
	defaultConfiguration: { level: SarifLevel; enabled?: boolean };
}

/** Every rule, then every problem code of the core: each result's ruleId is one of them. */
function driverRules(homepage: string): SarifRule[] {
	const rules: SarifRule[] = ALL_RULES.map((rule) => ({
		id: rule.id,
		shortDescription: { text: rule.description },
		helpUri: `${homepage}#${rule.id.toLowerCase()}`,
		defaultConfiguration: rule.defaultLevel === 'off' ? { level: 'none', enabled: false } : { level: sarifLevel(rule.defaultLevel) },
	}));
	for (const [code, kind] of Object.entries(PROBLEMS) as [string, ProblemKind][]) {
		if (rules.some((rule) => rule.id === code)) continue;
		rules.push({
			id: code,
			shortDescription: { text: kind.meaning.charAt(0).toUpperCase() + kind.meaning.slice(1) + '.' },
			helpUri: `${homepage}#problem-codes`,
			defaultConfiguration: { level: sarifLevel(kind.severity) },
		});
	}
	return rules;
}

/** The SARIF 2.1.0 log of one run, as stable pretty-printed JSON (keys and order do not depend on timing). */
export function formatSarif(
	reports: readonly FileReport[],
	artifacts: readonly CheckedArtifact[],
	tool: SarifTool,
	cwd = process.cwd(),
): string {
	const rules = driverRules(tool.homepage);
	const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
	const artifactIndex = new Map<string, number>();
	const sarifArtifacts: Record<string, unknown>[] = [];
	const indexOf = (file: string): number => {
		const key = path.resolve(cwd, file);
		let index = artifactIndex.get(key);
		if (index === undefined) {
			index = sarifArtifacts.length;
			artifactIndex.set(key, index);
			sarifArtifacts.push({ location: artifactLocation(file, cwd) });
		}
		return index;
	};
	for (const artifact of artifacts) {
		const index = indexOf(artifact.file);
		if (artifact.analysisTarget) sarifArtifacts[index].roles = ['analysisTarget'];
	}
	const location = (file: string): Record<string, unknown> => ({ ...artifactLocation(file, cwd), index: indexOf(file) });

	const results: Record<string, unknown>[] = [];
	for (const report of reports) {
		for (const d of report.diagnostics) {
			let index = ruleIndex.get(d.code);
			if (index === undefined) {
				// A code the catalogue does not list yet: list it anyway, so every ruleId resolves.
				index = rules.length;
				ruleIndex.set(d.code, index);
				rules.push({
					id: d.code,
					shortDescription: { text: d.code },
					helpUri: `${tool.homepage}#problem-codes`,
					defaultConfiguration: { level: sarifLevel(d.severity) },
				});
			}
			results.push(sarifResult(report.file, d, index, location));
		}
	}

	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'zone-sentinel',
						version: tool.version,
						semanticVersion: /^\d+\.\d+\.\d+/.test(tool.version) ? tool.version : undefined,
						informationUri: tool.homepage,
						rules,
					},
				},
				originalUriBaseIds: { [SARIF_URI_BASE]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
				columnKind: 'utf16CodeUnits',
				artifacts: sarifArtifacts,
				results,
			},
		],
	};
	return JSON.stringify(log, null, 2);
}

function sarifResult(
	file: string,
	d: ReportDiagnostic,
	ruleIndex: number,
	location: (file: string) => Record<string, unknown>,
): Record<string, unknown> {
	const result: Record<string, unknown> = {
		ruleId: d.code,
		ruleIndex,
		level: sarifLevel(d.severity),
		message: { text: d.message },
		locations: [{ physicalLocation: { artifactLocation: location(file), region: region(d.range) } }],
	};
	if (d.related?.length) {
		result.relatedLocations = d.related.map((related, id) => ({
			id,
			physicalLocation: { artifactLocation: location(related.file), region: region(related.range) },
			message: { text: related.message },
		}));
	}
	if (d.fixes?.length) {
		result.fixes = d.fixes.map((fix) => {
			const byFile = new Map<string, { deletedRegion: Record<string, number>; insertedContent: { text: string } }[]>();
			for (const edit of fix.edits) {
				const replacements = byFile.get(edit.file) ?? [];
				replacements.push({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } });
				byFile.set(edit.file, replacements);
			}
			const placeholder = fix.placeholder === undefined ? '' : ` (replace ${fix.placeholder}, or give --backup-host)`;
			return {
				description: { text: fix.title + placeholder },
				artifactChanges: [...byFile].map(([edited, replacements]) => ({ artifactLocation: location(edited), replacements })),
			};
		});
	}
	return result;
}

/** Workflow-command escaping of the message (the part after `::`). */
function escapeData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command escaping of a property value (`file=…`, `title=…`). */
function escapeProperty(text: string): string {
	return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A path relative to the working directory with `/` separators, as GitHub matches annotations to files. */
function githubPath(file: string, cwd: string): string {
	const relative = path.relative(cwd, path.resolve(cwd, file));
	return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative.split(path.sep).join('/');
}

/**
 * One GitHub Actions workflow command per diagnostic, e.g.
 * `::error file=zones/a.zone,line=5,col=7,endLine=5,endColumn=17,title=invalidIpv4Address::…`.
 * Lines and columns are one-based; `endColumn` is the column of the last character (inclusive).
 */
export function formatGithub(reports: readonly FileReport[], cwd = process.cwd()): string {
	const lines: string[] = [];
	for (const report of reports) {
		for (const d of report.diagnostics) {
			const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
			const { start, end } = d.range;
			const line = start.line + 1;
			const col = start.character + 1;
			const endLine = end.line + 1;
			const endColumn = endLine === line ? Math.max(col, end.character) : Math.max(1, end.character);
			const properties = [
				`file=${escapeProperty(printable(githubPath(report.file, cwd)))}`,
				`line=${line}`,
				`col=${col}`,
				`endLine=${endLine}`,
				`endColumn=${endColumn}`,
				`title=${escapeProperty(d.code)}`,
			];
			lines.push(`::${command} ${properties.join(',')}::${escapeData(printable(d.message, true))}`);
		}
	}
	return lines.join('\n');
}
