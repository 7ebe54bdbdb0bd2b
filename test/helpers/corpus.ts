/**
 * Shared helpers for the corpus-agreement test: locate the read-only corpus beside the repo, read the
 * oracle verdicts (BIND named-checkzone, Knot kzonecheck, ldns-read-zone) and run one file through
 * the core the way the oracle ran the tools (origin from the oracle, includes relative to the zone's
 * directory, confined to the corpus).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeZone } from '../../core/src/analysis';
import type { IncludeResolver } from '../../core/src/model/lower';
import type { ZoneProblem } from '../../core/src/model/zoneModel';
import { CORPUS } from './paths';

/** `../shared/corpus` relative to the repository root (or to `repoRoot` when given). */
export function corpusRoot(repoRoot?: string): string {
	return repoRoot === undefined ? CORPUS : path.resolve(repoRoot, '..', 'shared', 'corpus');
}

export function corpusAvailable(root: string = corpusRoot()): boolean {
	return fs.existsSync(path.join(root, 'oracle.tsv'));
}

// `string & {}` keeps the two known verdicts in completions while allowing others.
export type Verdict = 'ACCEPT' | 'REJECT' | (string & {});

export interface OracleRow {
	/** Path relative to the corpus root. */
	readonly file: string;
	readonly origin: string;
	readonly named: Verdict;
	readonly namedMessage: string;
	readonly knot: Verdict;
	readonly knotMessage: string;
	readonly ldns: Verdict;
	readonly ldnsMessage: string;
}

/** Reads `oracle.tsv` (tab-separated, header line, no quoting). */
export function readOracle(root: string = corpusRoot()): OracleRow[] {
	const lines = fs.readFileSync(path.join(root, 'oracle.tsv'), 'utf8').split('\n');
	const header = lines[0].split('\t');
	const column = (name: string): number => {
		const index = header.indexOf(name);
		if (index === -1) throw new Error(`oracle.tsv has no column '${name}'`);
		return index;
	};
	const c = {
		file: column('file'),
		origin: column('origin'),
		named: column('named_checkzone'),
		namedMessage: column('named_msg'),
		knot: column('kzonecheck'),
		knotMessage: column('kz_msg'),
		ldns: column('ldns_read_zone'),
		ldnsMessage: column('ldns_msg'),
	};
	const rows: OracleRow[] = [];
	for (const line of lines.slice(1)) {
		if (line === '') continue;
		const cells = line.split('\t');
		rows.push({
			file: cells[c.file],
			origin: cells[c.origin],
			named: cells[c.named],
			namedMessage: cells[c.namedMessage],
			knot: cells[c.knot],
			knotMessage: cells[c.knotMessage],
			ldns: cells[c.ldns],
			ldnsMessage: cells[c.ldnsMessage],
		});
	}
	return rows;
}

/** True when all three tools agree on `verdict`. */
export function allThree(row: OracleRow, verdict: 'ACCEPT' | 'REJECT'): boolean {
	return row.named === verdict && row.knot === verdict && row.ldns === verdict;
}

/**
 * Reads `$INCLUDE` files relative to the including file's directory (the oracle ran every tool with
 * the zone's directory as working directory), never outside the corpus.
 */
export function corpusIncludeResolver(root: string): IncludeResolver {
	const confined = path.resolve(root) + path.sep;
	return (includePath, fromFileId) => {
		const target = path.resolve(path.dirname(fromFileId), includePath);
		if (!target.startsWith(confined)) return { error: 'file not found' };
		try {
			if (fs.statSync(target).isDirectory()) return { error: 'not a file' };
			return { id: target, text: fs.readFileSync(target, 'utf8') };
		} catch {
			return { error: 'file not found' };
		}
	};
}

export interface CorpusResult {
	readonly row: OracleRow;
	readonly errors: readonly ZoneProblem[];
	readonly milliseconds: number;
	/** Set when the analysis threw (it never should). */
	readonly crash?: string;
}

/** Reads a corpus file as an editor would: UTF-8 (invalid bytes become U+FFFD). */
export function readCorpusFile(root: string, file: string): string {
	return fs.readFileSync(path.join(root, file), 'utf8');
}

/** Analyses one corpus file with the oracle's origin; returns its error-severity problems and time. */
export function runCorpusFile(root: string, row: OracleRow): CorpusResult {
	const fileName = path.join(root, row.file);
	const text = readCorpusFile(root, row.file);
	const started = process.hrtime.bigint();
	try {
		const { problems } = analyzeZone(fileName, text, { origin: row.origin, fileName, resolveInclude: corpusIncludeResolver(root) });
		const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
		return { row, errors: problems.filter((p) => p.severity === 'error'), milliseconds };
	} catch (error) {
		const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
		return { row, errors: [], milliseconds, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
	}
}

/** `file:line:col code message` of a problem, for the disagreement list. */
export function describeProblem(root: string, result: CorpusResult, problem: ZoneProblem | undefined): string {
	if (problem === undefined) return '';
	let line = 0;
	let column = 0;
	try {
		const text = readCorpusFile(root, result.row.file);
		if (problem.file === 0) {
			const before = text.slice(0, problem.start);
			line = before.split('\n').length;
			column = problem.start - before.lastIndexOf('\n');
		}
	} catch {
		// Position is informational only.
	}
	const where = problem.file === 0 ? `${line}:${column}` : `include#${problem.file}`;
	return `${where} ${problem.code}: ${problem.message}`;
}
