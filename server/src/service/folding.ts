/**
 * Folding ranges of the open document: records and directives whose parentheses span several lines
 * (a multi-line SOA, a DKIM key), blocks of two or more comment-only lines, and runs of records of
 * one owner over several lines. Editors keep one range per start line, so where two start on the
 * same line (an owner whose first record is a multi-line SOA) the larger one is sent.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { MAX_OUTLINE_SYMBOLS, ownerRuns, TokenKind, type ZoneAnalysis } from '../../../core/src/index';

/** At most `limit` ranges (the client's `rangeLimit`, else {@link MAX_OUTLINE_SYMBOLS}), in line order. */
export function getFoldingRanges(document: TextDocument, analysis: ZoneAnalysis, limit = MAX_OUTLINE_SYMBOLS): FoldingRange[] {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return [];
	// Largest range per start line.
	const byStart = new Map<number, FoldingRange>();
	const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
		if (endLine <= startLine) return;
		const earlier = byStart.get(startLine);
		if (earlier === undefined || earlier.endLine < endLine)
			byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
	};
	const lineOf = (offset: number): number => document.positionAt(offset).line;

	const { entries, tokens } = file.syntax;
	for (let i = 0; i < entries.length; i++) {
		const entry = entries.get(i);
		add(lineOf(entry.start), lineOf(entry.end));
	}
	for (const run of ownerRuns(model)) {
		const { records } = run;
		if (records.length > 1) add(lineOf(records[0].entry.start), lineOf(records[records.length - 1].entry.end), FoldingRangeKind.Region);
	}
	for (const [startLine, endLine] of commentBlocks(tokens)) add(startLine, endLine, FoldingRangeKind.Comment);

	const ranges = [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
	return ranges.length > limit ? ranges.slice(0, limit) : ranges;
}

/**
 * Runs of two or more lines that hold only a comment, as [first line, last line]. Lines are counted
 * by newline tokens, so no offset is converted: one pass over the tokens.
 */
function commentBlocks(tokens: { readonly count: number; kind(index: number): TokenKind }): [number, number][] {
	const blocks: [number, number][] = [];
	let line = 0;
	let lineHasWords = false;
	let blockStart = -1;
	let blockEnd = -1;
	for (let i = 0; i < tokens.count; i++) {
		const kind = tokens.kind(i);
		if (kind === TokenKind.Newline) {
			line++;
			lineHasWords = false;
			continue;
		}
		if (kind === TokenKind.Whitespace) continue;
		if (kind === TokenKind.Comment && !lineHasWords) {
			if (blockStart !== -1 && blockEnd === line - 1) blockEnd = line;
			else {
				if (blockEnd > blockStart) blocks.push([blockStart, blockEnd]);
				blockStart = blockEnd = line;
			}
			continue;
		}
		lineHasWords = true;
	}
	if (blockEnd > blockStart) blocks.push([blockStart, blockEnd]);
	return blocks;
}
