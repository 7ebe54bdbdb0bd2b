/**
 * The invariants every fuzz case is checked against, in process:
 * - the analysis never throws and finishes within a budget derived from the input size;
 * - the token layer is lossless, for the main file and every included file;
 * - every problem's span lies inside its file, on token boundaries, starting and ending on a
 *   significant token (a word, a quoted string or a parenthesis), and so does every related span;
 *   the LSP ranges convert back to the same offsets;
 * - printing every record the model accepts and reading the lines back gives the same records;
 * - every quick fix applies cleanly, changes only its own range, and adds no error;
 * - hovers and code lenses never throw and stay inside the document;
 * - the navigation services keep their ranges in place, and a rename adds no error (navigationInvariants.ts).
 * `checkCase` returns the violations as sentences; an empty list means the case passed.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { analyzeZone, type ZoneAnalysis } from '../../core/src/analysis';
import { buildZoneModel, type IncludeResolver } from '../../core/src/model/lower';
import { nameKey } from '../../core/src/model/domainName';
import { MAX_GENERATE_RECORDS } from '../../core/src/limits';
import { printRecord, printRecordWords } from '../../core/src/model/printRecord';
import type { ResourceRecord, ZoneModel } from '../../core/src/model/zoneModel';
import { PLAIN_LSP_CLIENT } from '../../server/src/service/clientCommands';
import { getCodeActions } from '../../server/src/service/codeActions';
import { getCodeLenses } from '../../server/src/service/codeLens';
import { getHover } from '../../server/src/service/hover';
import { shownAt, toDiagnostics } from '../../server/src/service/validation';
import type { ZoneSyntax } from '../../core/src/syntax/parser';
import { TokenKind, type TokenStream } from '../../core/src/syntax/scanner';
import { checkNavigation } from './navigationInvariants';
import type { FuzzCase } from './zoneGrammar';

/** The main file's id and name in the in-memory workspace. */
export const MAIN_ID = 'mem:///zones/self.zone';

/** What one case cost and covered, for the run's statistics. */
export interface CaseResult {
	readonly failures: string[];
	readonly milliseconds: number;
	readonly records: number;
	readonly problems: number;
	readonly roundTripped: number;
	readonly fixesApplied: number;
}

/** The time budget of one analysis: a constant, plus a cost per character read and per possible `$GENERATE` record. */
export function budgetMs(characters: number, generateDirectives: number): number {
	// Measured: about 0.2 µs per character and 5 µs per generated record on the reference machine;
	// the budget allows 50× that, plus 250 ms for GC pauses and a cold JIT.
	return 250 + characters * 0.01 + generateDirectives * MAX_GENERATE_RECORDS * 0.02;
}

/** Reads `$INCLUDE` from the case's in-memory workspace; `self.zone` is the main text. */
export function inMemoryResolver(fuzz: FuzzCase): IncludeResolver {
	return (includePath) => {
		const name = includePath.replace(/^\.\//, '');
		if (name === 'self.zone') return { id: MAIN_ID, text: fuzz.text };
		const text = fuzz.includes[name];
		return text === undefined ? { error: `file not found (${name}).` } : { id: `mem:///zones/${name}`, text };
	};
}

/** Runs the analysis the way the CLI and the server do, with the in-memory workspace. */
export function analyseCase(fuzz: FuzzCase): ZoneAnalysis {
	return analyzeZone(MAIN_ID, fuzz.text, { fileName: 'self.zone', resolveInclude: inMemoryResolver(fuzz) });
}

/**
 * `timing`: also hold the analysis to {@link budgetMs} (the long run, `npm run fuzz`, does; tests do
 * not, since a busy machine is not a finding: time belongs in `npm run bench` and test/perf).
 */
export function checkCase(fuzz: FuzzCase, options: { maxFixes?: number; timing?: boolean } = {}): CaseResult {
	const failures: string[] = [];
	let analysis: ZoneAnalysis;
	let milliseconds: number;
	try {
		({ analysis, milliseconds } = timed(() => analyseCase(fuzz)));
	} catch (error) {
		return {
			failures: [`the analysis threw: ${describe(error)}`],
			milliseconds: 0,
			records: 0,
			problems: 0,
			roundTripped: 0,
			fixesApplied: 0,
		};
	}
	const { model } = analysis;
	const characters = model.files.reduce((sum, file) => sum + file.syntax.tokens.text.length, 0);
	const generateDirectives = model.files.reduce((sum, file) => sum + countGenerate(file.syntax.tokens.text), 0);
	const budget = budgetMs(characters, generateDirectives);
	if (options.timing === true && milliseconds > budget) {
		// One retry, so that a GC pause or a JIT deoptimisation is not reported as a finding.
		const again = timed(() => analyseCase(fuzz)).milliseconds;
		if (again > budget)
			failures.push(
				`the analysis took ${milliseconds.toFixed(0)} ms and ${again.toFixed(0)} ms, over the budget of ${budget.toFixed(0)} ms for ${characters} characters`,
			);
	}
	guard(failures, 'token layer', () => checkTokens(model, failures));
	guard(failures, 'problem spans', () => checkProblemSpans(analysis, failures));
	const document = TextDocument.create(MAIN_ID, 'dns-zone', 1, fuzz.text);
	guard(failures, 'LSP ranges', () => checkDiagnosticRanges(document, analysis, failures));
	let roundTripped = 0;
	guard(failures, 'round trip', () => {
		roundTripped = checkRoundTrip(model, failures);
	});
	let fixesApplied = 0;
	guard(failures, 'quick fixes', () => {
		fixesApplied = checkQuickFixes(fuzz, document, analysis, failures, options.maxFixes ?? 6);
	});
	guard(failures, 'hover and code lens', () => checkHoverAndLenses(document, analysis, failures));
	guard(failures, 'navigation', () => checkNavigation(document, analysis, (text) => analyseCase({ ...fuzz, text }), failures));
	return { failures, milliseconds, records: model.records.length, problems: analysis.problems.length, roundTripped, fixesApplied };
}

/**
 * Linear time, checked by scaling: the case's text repeated to about 32 KB and to four times that
 * must take at most about four times as long (a quadratic rule takes sixteen). Returns a failure.
 */
export function checkScaling(fuzz: FuzzCase): string | undefined {
	if (fuzz.text.length === 0) return undefined;
	const copies = Math.max(1, Math.ceil(32768 / (fuzz.text.length + 1)));
	const separator = fuzz.text.endsWith('\n') || fuzz.text.endsWith('\r') ? '' : '\n';
	const small: FuzzCase = { ...fuzz, text: (fuzz.text + separator).repeat(copies) };
	const large: FuzzCase = { ...fuzz, text: (fuzz.text + separator).repeat(copies * 4) };
	const best = (c: FuzzCase): number => Math.min(timed(() => analyseCase(c)).milliseconds, timed(() => analyseCase(c)).milliseconds);
	// Four times the input may take 4× the time; allow 10× plus 40 ms of noise before calling it
	// superlinear, and only when three measurements agree (a GC pause or a busy machine is not a finding).
	let message: string | undefined;
	for (let attempt = 0; attempt < 3; attempt++) {
		const t1 = best(small);
		const t4 = best(large);
		if (t4 <= t1 * 10 + 40) return undefined;
		message ??= `time is not linear in the input: ${small.text.length} characters take ${t1.toFixed(1)} ms, ${large.text.length} take ${t4.toFixed(1)} ms`;
	}
	return message;
}

function timed<T>(run: () => T): { analysis: T; milliseconds: number } {
	const start = process.hrtime.bigint();
	const analysis = run();
	return { analysis, milliseconds: Number(process.hrtime.bigint() - start) / 1e6 };
}

function countGenerate(text: string): number {
	return text.match(/\$generate/gi)?.length ?? 0;
}

function guard(failures: string[], what: string, check: () => void): void {
	try {
		check();
	} catch (error) {
		failures.push(`${what}: threw ${describe(error)}`);
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error);
}

/** Lossless and well-formed: tokens cover the text exactly, none is empty, line ends are line ends. */
function checkTokens(model: ZoneModel, failures: string[]): void {
	model.files.forEach((file, index) => {
		const tokens = file.syntax.tokens;
		let joined = '';
		for (let i = 0; i < tokens.count; i++) {
			const text = tokens.tokenText(i);
			if (text.length === 0) return void failures.push(`file ${index}: token ${i} is empty`);
			const kind = tokens.kind(i);
			if (kind === TokenKind.Newline && text !== '\n' && text !== '\r\n' && text !== '\r')
				failures.push(`file ${index}: newline token ${JSON.stringify(text)}`);
			if (kind !== TokenKind.Newline && kind !== TokenKind.Quoted && /[\r\n]/.test(text))
				failures.push(`file ${index}: token ${i} (kind ${kind}) holds a line end`);
			joined += text;
		}
		if (joined !== tokens.text) failures.push(`file ${index}: the tokens do not give back the text`);
		if (tokens.starts[tokens.count] !== tokens.text.length)
			failures.push(`file ${index}: the end sentinel is ${tokens.starts[tokens.count]}, not ${tokens.text.length}`);
	});
}

const SIGNIFICANT = new Set([TokenKind.Word, TokenKind.Quoted, TokenKind.LParen, TokenKind.RParen]);

/**
 * A span lies inside its file, on token boundaries, and starts and ends on significant tokens. A
 * file with no significant token at all (empty, or only comments) has nothing to point at: a
 * finding about the whole file (noRecords) is then the empty span at its start. `withinWords`: the
 * span may start and end inside a word or string (a finding about one SPF term or DMARC tag).
 */
function spanProblem(tokens: TokenStream, start: number, end: number, withinWords = false): string | undefined {
	const length = tokens.text.length;
	if (start === 0 && end === 0 && !hasSignificantToken(tokens)) return undefined;
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end)
		return `span ${start}-${end} is not inside 0-${length} or is empty`;
	const first = tokens.tokenAt(start);
	const last = tokens.tokenAt(end - 1);
	const inside = (token: number, offset: number): boolean =>
		withinWords &&
		(tokens.kind(token) === TokenKind.Quoted || tokens.kind(token) === TokenKind.Word) &&
		offset > tokens.start(token) &&
		offset < tokens.end(token);
	if ((tokens.start(first) !== start && !inside(first, start)) || (tokens.end(last) !== end && !inside(last, end)))
		return `span ${start}-${end} cuts a token`;
	if (!SIGNIFICANT.has(tokens.kind(first)) || !SIGNIFICANT.has(tokens.kind(last)))
		return `span ${start}-${end} (${JSON.stringify(tokens.text.slice(start, end).slice(0, 60))}) starts or ends on a blank, line end or comment`;
	return undefined;
}

function hasSignificantToken(tokens: TokenStream): boolean {
	for (let i = 0; i < tokens.count; i++) if (SIGNIFICANT.has(tokens.kind(i))) return true;
	return false;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

/** Rules about the text inside TXT records, whose findings point at one term of a string. */
const TEXT_RULES = /^(spf|dmarc|dkim|mtaSts|tlsRpt)[A-Z]/;

function checkProblemSpans(analysis: ZoneAnalysis, failures: string[]): void {
	const { model } = analysis;
	const allText = model.files.map((file) => file.syntax.tokens.text).join('\n');
	for (const problem of analysis.problems) {
		const label = `${problem.code} (${problem.message.slice(0, 80)})`;
		const file = model.files[problem.file];
		if (!file) {
			failures.push(`${label}: file ${problem.file} does not exist`);
			continue;
		}
		const wrong = spanProblem(file.syntax.tokens, problem.start, problem.end, TEXT_RULES.test(problem.code));
		if (wrong) failures.push(`${label}: ${wrong}`);
		if (!/^[a-z][A-Za-z0-9]*$/.test(problem.code)) failures.push(`${label}: the code is not a camelCase id`);
		if (!SEVERITIES.has(problem.severity)) failures.push(`${label}: severity ${String(problem.severity)}`);
		for (const bad of ['undefined', 'NaN', '[object ']) {
			if (problem.message.includes(bad) && !allText.includes(bad)) failures.push(`${label}: the message contains '${bad}'`);
		}
		for (const related of problem.related ?? []) {
			// The fuzzer analyses one zone at a time: a place in another zone of the workspace is a bug here.
			if ('elsewhere' in related) {
				failures.push(`${label}, related '${related.message}': points into another zone without a workspace`);
				continue;
			}
			const relatedFile = model.files[related.file];
			const relatedWrong = relatedFile
				? spanProblem(relatedFile.syntax.tokens, related.start, related.end)
				: `file ${related.file} does not exist`;
			if (relatedWrong) failures.push(`${label}, related '${related.message}': ${relatedWrong}`);
		}
		for (const fix of problem.fixes ?? []) {
			for (const edit of fix.edits) {
				const editFile = model.files[edit.file];
				if (!editFile || edit.start < 0 || edit.end < edit.start || edit.end > editFile.syntax.tokens.text.length)
					failures.push(`${label}, fix '${fix.title}': edit ${edit.start}-${edit.end} is outside file ${edit.file}`);
			}
		}
	}
}

function checkDiagnosticRanges(document: TextDocument, analysis: ZoneAnalysis, failures: string[]): void {
	const diagnostics = toDiagnostics(document, analysis);
	// The document's own problems where they are, and those of included files on their $INCLUDE line.
	const shown = analysis.problems.flatMap((problem) => {
		const span = shownAt(analysis, problem);
		return span === undefined ? [] : [{ problem, span }];
	});
	if (diagnostics.length !== shown.length)
		failures.push(`${diagnostics.length} diagnostics for ${shown.length} problems shown in the document`);
	diagnostics.forEach((diagnostic, i) => {
		if (!shown[i]) return;
		const { problem, span } = shown[i];
		const start = document.offsetAt(diagnostic.range.start);
		const end = document.offsetAt(diagnostic.range.end);
		if (start !== span.start || end !== span.end)
			failures.push(`${problem.code}: range ${JSON.stringify(diagnostic.range)} is offsets ${start}-${end}, not ${span.start}-${span.end}`);
	});
}

/** The comparable content of a record: owner, TTL, class, type and typed RDATA (names by key). */
function recordKey(record: ResourceRecord): string {
	const rdata = record.rdata.map((value) => (typeof value === 'string' ? nameKey(value) : String(value)));
	return JSON.stringify([record.ownerKey, record.ttl, record.class, record.type, rdata]);
}

/**
 * Prints every accepted record and reads the lines back as one zone, after a first record that
 * keeps the origin unknown (so relative names stay relative, as they were). Returns how many
 * records made the trip.
 */
function checkRoundTrip(model: ZoneModel, failures: string[]): number {
	const originals: { record: ResourceRecord; line: string }[] = [];
	for (const record of model.records) {
		const line = printRecord(model, record);
		if (line !== undefined) originals.push({ record, line });
	}
	if (originals.length === 0) return 0;
	const text = [`rt--first.invalid. 0 ${model.zoneClass} TXT first`, ...originals.map((o) => o.line)].join('\n') + '\n';
	const again = buildZoneModel('mem:///round-trip.zone', text);
	const errors = again.problems.filter((problem) => problem.severity === 'error');
	if (errors.length > 0) {
		const problem = errors[0];
		const line = text.slice(text.lastIndexOf('\n', problem.start) + 1, text.indexOf('\n', problem.start));
		failures.push(`round trip: the printed line ${JSON.stringify(line)} gives ${problem.code}: ${problem.message}`);
		return 0;
	}
	const records = again.records.slice(1);
	if (records.length !== originals.length) {
		failures.push(`round trip: ${originals.length} printed records read back as ${records.length}`);
		return 0;
	}
	for (let i = 0; i < records.length; i++) {
		const { record, line } = originals[i];
		const reprinted = printRecord(again, records[i]);
		if (recordKey(records[i]) !== recordKey(record) || reprinted !== line) {
			failures.push(
				`round trip: ${JSON.stringify(line)} reads back as ${recordKey(records[i])} (printed ${JSON.stringify(reprinted)}), not ${recordKey(record)}`,
			);
			return i;
		}
		const words = JSON.stringify(printRecordWords(model, record));
		const wordsAgain = JSON.stringify(printRecordWords(again, records[i]));
		if (wordsAgain !== words) {
			// The same line can hide a different word split, e.g. after a word ending in a backslash.
			failures.push(`round trip: the words ${words} read back as ${wordsAgain}`);
			return i;
		}
	}
	return records.length;
}

/** Applies each quick fix as a client would and checks the result. Returns how many were applied. */
function checkQuickFixes(fuzz: FuzzCase, document: TextDocument, analysis: ZoneAnalysis, failures: string[], maxFixes: number): number {
	const text = fuzz.text;
	const diagnostics = toDiagnostics(document, analysis);
	const errorsBefore = errorCounts(analysis);
	const lineEnds = new Set(text.match(/\r\n|\r|\n/g) ?? ['\n']);
	let applied = 0;
	for (const diagnostic of diagnostics) {
		if (applied >= maxFixes) break;
		const actions = getCodeActions(document, analysis, { diagnostics: [diagnostic] }, PLAIN_LSP_CLIENT);
		for (const action of actions) {
			const label = `fix '${action.title}' for ${String(diagnostic.code)} at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
			const changes = action.edit?.changes;
			if (!changes) {
				failures.push(`${label}: no edit`);
				continue;
			}
			const edits = changes[document.uri];
			if (!edits) continue; // the fix edits an included file
			const fixed = applyChecked(document, analysis.model.files[0].syntax, edits, label, lineEnds, failures);
			if (fixed === undefined) continue;
			applied++;
			const after = analyzeZone(MAIN_ID, fixed, { fileName: 'self.zone', resolveInclude: inMemoryResolver({ ...fuzz, text: fixed }) });
			// Counted by code: a message may name things the fix changed (e.g. a suggested host name).
			for (const [code, count] of errorCounts(after)) {
				// Known limitation: of two identical CNAME (or DNAME) records the model keeps one, so a fix
				// on it leaves the other unchanged, and they differ afterwards.
				if (code === 'cnameAndOtherData' && foldsAliases(analysis)) continue;
				if (count > (errorsBefore.get(code) ?? 0)) {
					const example = after.problems.find((problem) => problem.code === code && problem.severity === 'error');
					failures.push(
						`${label}: adds the error ${code} (${count} after, ${errorsBefore.get(code) ?? 0} before): ${example?.message.slice(0, 200)}`,
					);
				}
			}
		}
	}
	return applied;
}

/** True when the zone has more CNAME/DNAME lines than CNAME/DNAME records: identical ones were folded. */
function foldsAliases(analysis: ZoneAnalysis): boolean {
	const { model } = analysis;
	let lines = 0;
	for (const file of model.files) {
		const { tokens, entries } = file.syntax;
		for (const entry of entries) {
			for (let i = 0; i < Math.min(4, entry.fields.length); i++) {
				const word = tokens.tokenText(entry.fields[i]).toUpperCase();
				if (word === 'CNAME' || word === 'DNAME') {
					lines++;
					break;
				}
			}
		}
	}
	return lines > model.records.filter((record) => record.type === 5 || record.type === 39).length;
}

function errorCounts(analysis: ZoneAnalysis): Map<string, number> {
	const counts = new Map<string, number>();
	for (const problem of analysis.problems) if (problem.severity === 'error') counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
	return counts;
}

/** Applies LSP edits after checking that each is a clean edit of one record; returns the new text. */
function applyChecked(
	document: TextDocument,
	syntax: ZoneSyntax,
	edits: readonly TextEdit[],
	label: string,
	lineEnds: ReadonlySet<string>,
	failures: string[],
): string | undefined {
	const { tokens, entries } = syntax;
	const text = document.getText();
	const spans = edits
		.map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }))
		.sort((a, b) => a.start - b.start);
	for (let i = 0; i < spans.length; i++) {
		const { start, end, newText } = spans[i];
		if (i > 0 && start < spans[i - 1].end) return void failures.push(`${label}: edits overlap`);
		const atBoundary = (offset: number): boolean => offset === text.length || tokens.start(tokens.tokenAt(offset)) === offset;
		if (!atBoundary(start) || !atBoundary(end)) return void failures.push(`${label}: the edit ${start}-${end} cuts a token`);
		if (start === end && start > 0 && start < text.length && !/[\r\n]/.test(text[start - 1])) {
			// An insertion adds whole lines, so it goes at the start of a line (or at the end of the text).
			return void failures.push(`${label}: inserts in the middle of a line at ${start}`);
		}
		if (start < end) {
			// A removal or a replacement stays within one record: it overlaps at most one entry.
			let overlapping = 0;
			for (const entry of entries) if (entry.lineStart < end && entry.end > start) overlapping++;
			if (overlapping > 1) return void failures.push(`${label}: the edit ${start}-${end} reaches into ${overlapping} records`);
		}
		const ends = newText.match(/\r\n|\r|\n/g) ?? [];
		if (ends.some((eol) => !lineEnds.has(eol)))
			failures.push(`${label}: inserts line ends the file does not use (${JSON.stringify(ends)})`);
	}
	let expected = '';
	let from = 0;
	for (const span of spans) {
		expected += text.slice(from, span.start) + span.newText;
		from = span.end;
	}
	expected += text.slice(from);
	const result = TextDocument.applyEdits(document, [...edits]);
	if (result !== expected) return void failures.push(`${label}: applying the edits changed bytes outside them`);
	return result;
}

function checkHoverAndLenses(document: TextDocument, analysis: ZoneAnalysis, failures: string[]): void {
	const text = document.getText();
	const length = text.length;
	const inside = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean =>
		document.offsetAt(range.start) <= document.offsetAt(range.end) && range.end.line < document.lineCount;
	// Every word start of short texts, a sample of longer ones, and the ends.
	const step = Math.max(1, Math.floor(length / 40));
	for (let offset = 0; offset <= length; offset += step) {
		const hover = getHover(document, analysis, document.positionAt(offset));
		if (hover?.range && !inside(hover.range))
			failures.push(`hover at ${offset}: range ${JSON.stringify(hover.range)} is outside the document`);
	}
	getHover(document, analysis, { line: document.lineCount + 5, character: 3 });
	for (const lens of getCodeLenses(document, analysis)) {
		if (!inside(lens.range)) failures.push(`code lens ${JSON.stringify(lens.command?.title)}: range outside the document`);
	}
}
