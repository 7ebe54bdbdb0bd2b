/**
 * Document synchronisation that clamps each incremental change to the document, as VS Code does
 * with positions it is given: a line past the end is the end of the document, a character past the
 * end of its line is the end of that line. The text-document library takes such a range as it is
 * and leaves holes in its line offsets, so every later position of that document would be `NaN`
 * until the client sent the whole text again.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { type Position, TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The `TextDocuments` configuration of the server: the library's documents, with clamped changes.
 * `beforeChange` sees each change as it is applied (clamped), with the document still as before it.
 */
export function clampedTextDocuments(beforeChange: (document: TextDocument, change: TextDocumentContentChangeEvent) => void = () => {}) {
	return {
		create: TextDocument.create,
		update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
			// One at a time: each change's range refers to the text the changes before it made.
			for (const change of changes) {
				const applied = 'range' in change ? clamped(document, change) : change;
				beforeChange(document, applied);
				TextDocument.update(document, [applied], version);
			}
			return document;
		},
	};
}

function clamped(
	document: TextDocument,
	change: Extract<TextDocumentContentChangeEvent, { range: unknown }>,
): TextDocumentContentChangeEvent {
	return { ...change, range: { start: clampedPosition(document, change.range.start), end: clampedPosition(document, change.range.end) } };
}

/** The position itself when it lies in the document; else the nearest one that does. */
function clampedPosition(document: TextDocument, position: Position): Position {
	const line = Number.isFinite(position.line) ? position.line : 0;
	const character = Number.isFinite(position.character) ? position.character : 0;
	return document.positionAt(document.offsetAt({ line, character }));
}
