/**
 * Format Document and Format Selection: the core's column alignment ({@link formatZone}) as LSP
 * text edits. Each edit replaces one run of blanks, so no name, TTL, class, RDATA or comment moves
 * inside an edit. Tabs or spaces come from the request's `FormattingOptions`: many zone files are
 * laid out with tabs, and an editor set to tabs gets tab stops, not spaces.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { type FormatAlignment, formatZone, type ZoneAnalysis } from '../../../core/src/index';
import { toRange } from './convert';

/** The edits that format the document, or only those wholly inside `range` (Format Selection). */
export function getFormattingEdits(
	document: TextDocument,
	analysis: ZoneAnalysis,
	options: FormattingOptions,
	align: FormatAlignment,
	range?: Range,
): TextEdit[] {
	const edits = formatZone(analysis.model, {
		align,
		insertSpaces: options.insertSpaces,
		tabSize: options.tabSize,
		range: range ? { start: document.offsetAt(range.start), end: document.offsetAt(range.end) } : undefined,
	});
	return edits.map((edit) => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
}
