/**
 * Cursor markers for hover and code lens tests: `|` in an inline zone marks the cursor, e.g.
 * `@ MX 2|0 mx2` puts it on the preference. The marker is removed from the text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

/** Lines joined with `\n`, plus a final line end, for minimal inline zones. */
export function zone(...lines: string[]): string {
	return lines.join('\n') + '\n';
}

/** The text without its one `|` marker, as a document, and the marker's position. */
export function withCursor(marked: string, uri = 'file:///zones/example.com.zone'): { document: TextDocument; position: Position } {
	const offset = marked.indexOf('|');
	if (offset === -1 || marked.indexOf('|', offset + 1) !== -1) throw new Error('mark the cursor with exactly one |');
	const document = TextDocument.create(uri, 'dns-zone', 1, marked.slice(0, offset) + marked.slice(offset + 1));
	return { document, position: document.positionAt(offset) };
}
