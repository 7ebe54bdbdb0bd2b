/**
 * Folding ranges of the open document: records and directives whose parentheses span several lines
 * (a multi-line SOA, a DKIM key), blocks of two or more comment-only lines, and runs of records of
 * one owner over several lines. Editors keep one range per start line, so where two start on the
 * same line (an owner whose first record is a multi-line SOA) the larger one is sent. Lines are
 * counted from the tokens in one pass, so no offset goes through the document's own conversion.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { lineOfOffset, MAX_FOLDING_RANGES, ownerRuns, TokenKind, type TokenStream, type ZoneAnalysis } from '../../../core/src/index';

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
	const lines = new LineScanner(tokens);
	const runs = ownerRuns(model);
	const ranges: FoldingRange[] = [];
	// Ranges are found in line order (entries, then the owner run an entry starts, then comment blocks
	// up to the next entry), so the first `limit` are known before the end of a large zone is read.
	// Of ranges starting on one line, the largest is kept, the first found on a tie.
	let pendingStart = -1;
	let pendingEnd = -1;
	let pendingKind = NONE;
	const flush = (): void => {
		if (pendingStart === -1) return;
		const kind = KINDS[pendingKind];
		ranges.push(kind ? { startLine: pendingStart, endLine: pendingEnd, kind } : { startLine: pendingStart, endLine: pendingEnd });
		pendingStart = -1;
	};
	const add = (startLine: number, endLine: number, kind: number): void => {
		if (endLine <= startLine) return;
		if (startLine !== pendingStart) {
			flush();
			pendingStart = startLine;
			pendingEnd = endLine;
			pendingKind = kind;
		} else if (endLine > pendingEnd) {
			pendingEnd = endLine;
			pendingKind = kind;
		}
	};
	const addCommentsBefore = (line: number): void => {
		for (let block = lines.nextCommentBlock(line); block !== undefined; block = lines.nextCommentBlock(line))
			add(block[0], block[1], COMMENT);
	};
	let run = 0;
	for (let i = 0; i < entries.length && ranges.length < limit; i++) {
		const startLine = lines.lineOf(entries.startOf(i));
		addCommentsBefore(startLine);
		add(startLine, lines.lineOf(entries.endOf(i)), NONE);
		while (run < runs.length && runs.first(run).entryIndex < i) run++;
		for (; run < runs.length && runs.first(run).entryIndex === i; run++) {
			if (runs.size(run) > 1) add(startLine, lines.lineOf(entries.endOf(runs.last(run).entryIndex)), REGION);
		}
	}
	if (ranges.length < limit) addCommentsBefore(Infinity);
	flush();
	return ranges.length > limit ? ranges.slice(0, limit) : ranges;
}

const NONE = 0,
	REGION = 1,
	COMMENT = 2;
const KINDS: readonly (FoldingRangeKind | undefined)[] = [undefined, FoldingRangeKind.Region, FoldingRangeKind.Comment];

/**
 * The lines of the tokens, read only as far as asked: where each line starts (after each newline
 * token, so the lines are the document's: `\n`, `\r\n` and a lone `\r`), and the runs of two or more
 * lines that hold only a comment, as [first line, last line].
 */
class LineScanner {
	readonly #starts: number[] = [0];
	/** Next token to read. */
	#token = 0;
	#lineHasWords = false;
	#blockStart = -1;
	#blockEnd = -1;
	/** Comment blocks whose last line is known, in line order, from `#nextBlock` on. */
	readonly #blocks: [number, number][] = [];
	#nextBlock = 0;

	constructor(private readonly tokens: TokenStream) {}

	/** The line of `offset`: lines are read until the one after it starts. */
	lineOf(offset: number): number {
		const starts = this.#starts;
		while (starts[starts.length - 1] <= offset && this.#token < this.tokens.count) this.#readLine();
		return lineOfOffset(starts, offset);
	}

	/** The next comment block starting before line `line`, once its last line is known; `undefined` when there is none (yet). */
	nextCommentBlock(line: number): [number, number] | undefined {
		if (line === Infinity) while (this.#token < this.tokens.count) this.#readLine();
		if (this.#token >= this.tokens.count) this.#endBlock();
		const block = this.#blocks[this.#nextBlock];
		if (block === undefined || block[0] >= line) return undefined;
		this.#nextBlock++;
		return block;
	}

	/** Reads the tokens of one line, through its newline. */
	#readLine(): void {
		const tokens = this.tokens;
		const kinds = tokens.kinds;
		for (; this.#token < tokens.count; this.#token++) {
			const kind = kinds[this.#token];
			if (kind === TokenKind.Newline) {
				const ended = this.#starts.length - 1;
				this.#starts.push(tokens.end(this.#token++));
				this.#lineHasWords = false;
				// A block that the line just ended did not extend is complete.
				if (this.#blockStart !== -1 && this.#blockEnd < ended) this.#endBlock();
				return;
			}
			if (kind === TokenKind.Whitespace) continue;
			const line = this.#starts.length - 1;
			if (kind === TokenKind.Comment && !this.#lineHasWords) {
				if (this.#blockStart !== -1 && this.#blockEnd === line - 1) this.#blockEnd = line;
				else {
					this.#endBlock();
					this.#blockStart = this.#blockEnd = line;
				}
				continue;
			}
			this.#lineHasWords = true;
		}
	}

	#endBlock(): void {
		if (this.#blockStart !== -1 && this.#blockEnd > this.#blockStart) this.#blocks.push([this.#blockStart, this.#blockEnd]);
		this.#blockStart = this.#blockEnd = -1;
	}
}
