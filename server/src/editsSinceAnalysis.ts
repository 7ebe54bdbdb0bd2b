/**
 * The lines edited since a document's last analysis, so a request about another line can be
 * answered from that analysis at once instead of waiting for the next one.
 *
 * The edits are kept as one hull: lines above it are identical in both texts, lines below it are
 * identical but moved by `lineDelta` lines and `charDelta` UTF-16 units. A view of the analysed
 * text is then a document whose offsets are the analysed text's and whose positions are the
 * current document's, so answers made with it carry ranges already shifted through the edits.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EntryKind, type EntryTable } from '../../core/src/index';

/**
 * Characters whose edit can change how other lines read: parentheses (an entry spanning lines),
 * quotes, comments and escapes (which hide or reveal parentheses), and `$` (directives such as
 * `$ORIGIN` and `$TTL` shape every following line).
 */
const CONTEXT_CHARACTERS = /[()";\\$]/;

interface Hull {
	/** First and last edited line in the current text. */
	readonly startLine: number;
	readonly endLine: number;
	/** Current text's lines below the hull minus the analysed text's. */
	readonly lineDelta: number;
}

export class EditsSinceAnalysis {
	#hull: Hull | undefined;
	/** An edit may have changed other lines' meaning (see {@link CONTEXT_CHARACTERS}), or replaced the whole text. */
	#contextChanged = false;

	/** Called with each change before it is applied to `document`. */
	record(document: TextDocument, change: TextDocumentContentChangeEvent): void {
		if (!('range' in change)) {
			this.#contextChanged = true;
			return;
		}
		// A client may send the range backwards; the document applies it as if sorted.
		const [start, end] = isBefore(change.range.end, change.range.start)
			? [change.range.end, change.range.start]
			: [change.range.start, change.range.end];
		const removed = document.getText({ start, end });
		if (CONTEXT_CHARACTERS.test(change.text) || CONTEXT_CHARACTERS.test(removed)) this.#contextChanged = true;
		// Editing a directive's value (`$TTL 3600` → `$TTL 60`) changes every line after it.
		if (/^\$/m.test(document.getText({ start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } })))
			this.#contextChanged = true;
		// An edit beside a CR may join or split a CRLF pair: the lines then move by other than the text's line breaks.
		const offset = document.offsetAt(start);
		const text = document.getText();
		if (
			(text.charCodeAt(offset - 1) === 0x0d && (change.text.startsWith('\n') || removed.startsWith('\n'))) ||
			(text.charCodeAt(document.offsetAt(end)) === 0x0a && (change.text.endsWith('\r') || removed.endsWith('\r')))
		)
			this.#contextChanged = true;
		const insertedLines = lineBreaks(change.text);
		const hull = this.#hull;
		const startLine = Math.min(start.line, hull?.startLine ?? start.line);
		const endBefore = Math.max(end.line, hull?.endLine ?? end.line);
		this.#hull = {
			startLine,
			endLine: endBefore + insertedLines - (end.line - start.line),
			lineDelta: (hull?.lineDelta ?? 0) + insertedLines - (end.line - start.line),
		};
	}

	/**
	 * The analysed text seen through the current document's positions, when `position` lies outside
	 * the edited lines widened to their whole entries (and the records continuing their owner);
	 * `undefined` when the request must wait for a new analysis.
	 */
	viewAt(current: TextDocument, analysedText: string, entries: EntryTable, position: Position): TextDocument | undefined {
		return this.viewOutside(current, analysedText, entries, [{ start: position, end: position }]);
	}

	/** {@link viewAt} for requests about ranges (a code action's, its fix's edits): each must lie outside the edited lines. */
	viewOutside(current: TextDocument, analysedText: string, entries: EntryTable, ranges: readonly Range[]): TextDocument | undefined {
		const hull = this.#hull;
		if (this.#contextChanged) return undefined;
		if (hull === undefined) return current;
		const charDelta = current.getText().length - analysedText.length;
		// The hull's first line starts at the same offset in both texts; the line after it is moved by charDelta.
		const hullStart = current.offsetAt({ line: hull.startLine, character: 0 });
		const afterHull = current.offsetAt({ line: hull.endLine + 1, character: 0 }) - charDelta;
		let firstLine = hull.startLine;
		let lastLine = hull.endLine;
		// An entry that starts above the hull and runs into it (parentheses) is edited too.
		const above = entries.lastStartingAtOrBefore(hullStart);
		if (above !== -1) {
			const entry = entries.get(above);
			if (entry.lineStart < hullStart && entry.end > hullStart) firstLine = current.positionAt(entry.lineStart).line;
		}
		// So is an entry that runs out of it, and the records after it that take its owner (a blank owner).
		let last = entries.lastStartingAtOrBefore(Math.max(afterHull - 1, 0));
		let end = last === -1 ? afterHull : Math.max(afterHull, entries.get(last).end);
		while (last !== -1 && last + 1 < entries.length) {
			const next = entries.get(last + 1);
			// The owner carries over `$TTL`, `$ORIGIN` and `$INCLUDE` to the next blank-owner record.
			if (next.kind === EntryKind.Directive) {
				last++;
				continue;
			}
			if (!next.blankOwner) break;
			end = Math.max(end, next.end);
			last++;
		}
		if (end > afterHull) lastLine = current.positionAt(end + charDelta).line;
		// A client may send a range backwards.
		const touches = (range: Range): boolean =>
			Math.min(range.start.line, range.end.line) <= lastLine && Math.max(range.start.line, range.end.line) >= firstLine;
		if (ranges.some(touches)) return undefined;
		return analysedView(current, analysedText, hullStart, charDelta);
	}
}

function isBefore(a: Position, b: Position): boolean {
	return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** `\r\n`, `\r` and `\n` each end a line, as in LSP. */
function lineBreaks(text: string): number {
	return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * A document with the analysed text's offsets and the current document's positions, valid outside
 * the edited lines: below `hullStart` both texts agree; further down they differ by `charDelta`.
 */
function analysedView(current: TextDocument, analysedText: string, hullStart: number, charDelta: number): TextDocument {
	const offsetAt = (position: Position): number => {
		const offset = current.offsetAt(position);
		return offset < hullStart ? offset : offset - charDelta;
	};
	return {
		uri: current.uri,
		languageId: current.languageId,
		version: current.version,
		lineCount: current.lineCount,
		getText: (range) => (range === undefined ? analysedText : analysedText.slice(offsetAt(range.start), offsetAt(range.end))),
		positionAt: (offset) => current.positionAt(offset < hullStart ? offset : offset + charDelta),
		offsetAt,
		// Lines are the current document's, and those outside the edits read the same in both texts.
		getLineRange: (line) => current.getLineRange(line),
		getEOLCharacters: (line) => current.getEOLCharacters(line),
	};
}
