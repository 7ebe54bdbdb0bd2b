/**
 * Format Document and Format Selection: the core's column alignment ({@link formatZone}) as LSP
 * text edits. Each edit replaces one run of blanks, so no name, TTL, class, RDATA or comment moves
 * inside an edit. Tabs or spaces come from the request's `FormattingOptions`: many zone files are
 * laid out with tabs, and an editor set to tabs gets tab stops, not spaces.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { type FormatAlignment, formatZone, type ZoneAnalysis } from '../../../core/src/index';
import { toLineRange } from './convert';

/**
 * The last answer per analysis (one per document version): format-on-save and a second Format
 * Document of an unchanged version ask the same again.
 */
const lastAnswers = new WeakMap<ZoneAnalysis, { readonly key: string; readonly edits: TextEdit[] }>();

/** The edits that format the document, or only those wholly inside `range` (Format Selection); a shared array, not to be changed. */
export function getFormattingEdits(
	document: TextDocument,
	analysis: ZoneAnalysis,
	options: FormattingOptions,
	align: FormatAlignment,
	range?: Range,
): TextEdit[] {
	const offsets = range ? { start: document.offsetAt(range.start), end: document.offsetAt(range.end) } : undefined;
	const key = JSON.stringify([align, options.insertSpaces, options.tabSize, offsets?.start, offsets?.end]);
	const last = lastAnswers.get(analysis);
	if (last?.key === key) return last.edits;
	const edits = formatZone(analysis.model, { align, insertSpaces: options.insertSpaces, tabSize: options.tabSize, range: offsets }).map(
		(edit) => ({ range: toLineRange(document, edit.start, edit.end), newText: edit.newText }),
	);
	lastAnswers.set(analysis, { key, edits });
	return edits;
}
