/**
 * Folding ranges of the open document: records and directives whose parentheses span several lines
 * (a multi-line SOA, a DKIM key), blocks of two or more comment-only lines, and runs of records of
 * one owner over several lines. Editors keep one range per start line, so where two start on the
 * same line (an owner whose first record is a multi-line SOA) the larger one is sent. Lines are
 * counted from the tokens in one pass, so no offset goes through the document's own conversion.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { MAX_FOLDING_RANGES, ownerRuns, TokenKind, type TokenStream, type ZoneAnalysis } from '../../../core/src/index';

/** The last answer per analysis (one per document version): editors ask again after each change they show. */
const lastAnswers = new WeakMap<ZoneAnalysis, { readonly limit: number; readonly ranges: FoldingRange[] }>();

/** At most `limit` ranges (the client's `rangeLimit`, else {@link MAX_FOLDING_RANGES}), in line order; a shared array, not to be changed. */
export function getFoldingRanges(document: TextDocument, analysis: ZoneAnalysis, limit = MAX_FOLDING_RANGES): FoldingRange[] {
	const last = lastAnswers.get(analysis);
	if (last?.limit === limit) return last.ranges;
	const ranges = foldingRangesOf(document, analysis, limit);
	lastAnswers.set(analysis, { limit, ranges });
	return ranges;
}

function foldingRangesOf(_document: TextDocument, analysis: ZoneAnalysis, limit: number): FoldingRange[] {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return [];
	const { entries, tokens } = file.syntax;
	const { lineStarts, comments } = scanLines(tokens);
	// The largest range per start line, by start line: ranges come out in line order, with no sort.
	const endByStart = new Int32Array(lineStarts.length).fill(-1);
	const kindByStart = new Uint8Array(lineStarts.length);
	const add = (startLine: number, endLine: number, kind: number): void => {
		if (endLine > startLine && endLine > endByStart[startLine]) {
			endByStart[startLine] = endLine;
			kindByStart[startLine] = kind;
		}
	};
	// Entries (and runs) are in file order, so their offsets only grow: a cursor finds their lines.
	const entryLines = new LineCursor(lineStarts);
	for (let i = 0; i < entries.length; i++) add(entryLines.lineOf(entries.startOf(i)), entryLines.lineOf(entries.endOf(i)), NONE);
	const runLines = new LineCursor(lineStarts);
	const runs = ownerRuns(model);
	for (let run = 0; run < runs.length; run++) {
		if (runs.size(run) === 1) continue;
		add(runLines.lineOf(entries.startOf(runs.first(run).entryIndex)), runLines.lineOf(entries.endOf(runs.last(run).entryIndex)), REGION);
	}
	for (const [startLine, endLine] of comments) add(startLine, endLine, COMMENT);

	const ranges: FoldingRange[] = [];
	for (let line = 0; line < endByStart.length && ranges.length < limit; line++) {
		const endLine = endByStart[line];
		if (endLine === -1) continue;
		const kind = KINDS[kindByStart[line]];
		ranges.push(kind ? { startLine: line, endLine, kind } : { startLine: line, endLine });
	}
	return ranges;
}

const NONE = 0,
	REGION = 1,
	COMMENT = 2;
const KINDS: readonly (FoldingRangeKind | undefined)[] = [undefined, FoldingRangeKind.Region, FoldingRangeKind.Comment];

/** The line of offsets asked in increasing order, in amortised constant time. */
class LineCursor {
	#line = 0;
	constructor(private readonly lineStarts: Uint32Array) {}

	lineOf(offset: number): number {
		const starts = this.lineStarts;
		if (offset < starts[this.#line]) this.#line = 0;
		while (this.#line + 1 < starts.length && starts[this.#line + 1] <= offset) this.#line++;
		return this.#line;
	}
}

/**
 * One pass over the tokens: where each line starts (after each newline token, so the lines are the
 * document's: `\n`, `\r\n` and a lone `\r`), and the runs of two or more lines that hold only a
 * comment, as [first line, last line].
 */
function scanLines(tokens: TokenStream): { lineStarts: Uint32Array; comments: [number, number][] } {
	const starts: number[] = [0];
	const comments: [number, number][] = [];
	let lineHasWords = false;
	let blockStart = -1;
	let blockEnd = -1;
	for (let i = 0; i < tokens.count; i++) {
		const kind = tokens.kind(i);
		if (kind === TokenKind.Newline) {
			starts.push(tokens.end(i));
			lineHasWords = false;
			continue;
		}
		if (kind === TokenKind.Whitespace) continue;
		const line = starts.length - 1;
		if (kind === TokenKind.Comment && !lineHasWords) {
			if (blockStart !== -1 && blockEnd === line - 1) blockEnd = line;
			else {
				if (blockEnd > blockStart) comments.push([blockStart, blockEnd]);
				blockStart = blockEnd = line;
			}
			continue;
		}
		lineHasWords = true;
	}
	if (blockEnd > blockStart) comments.push([blockStart, blockEnd]);
	return { lineStarts: Uint32Array.from(starts), comments };
}
