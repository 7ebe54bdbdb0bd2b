/**
 * Offset edits that quick fixes are made of: insert a record line in the style of its neighbour,
 * remove a record's whole lines, replace one word. Every edit touches only the bytes it means to;
 * line ends follow the file (LF or CRLF).
 */
import { TokenKind } from '../syntax/scanner';
import type { ResourceRecord, ZoneModel } from '../model/zoneModel';
import type { OffsetEdit } from './rule';

/** The file's own line end: the first one it uses, else LF. */
export function lineEndOf(text: string): string {
	const lf = text.indexOf('\n');
	if (lf > 0 && text.charCodeAt(lf - 1) === 0x0d) return '\r\n';
	if (lf === -1 && text.includes('\r')) return '\r';
	return '\n';
}

/** Offset just after the line end that closes the record's entry (or the end of the text). */
function afterEntry(model: ZoneModel, record: ResourceRecord): number {
	const tokens = model.files[record.file].syntax.tokens;
	const endToken = record.entry.endToken;
	return endToken < tokens.count ? tokens.end(endToken) : tokens.text.length;
}

/** Removes the record's whole lines, comments on them included, and nothing else. */
export function removeRecordLines(model: ZoneModel, record: ResourceRecord): OffsetEdit {
	return { file: record.file, start: record.entry.lineStart, end: afterEntry(model, record), newText: '' };
}

/** Replaces one word of a record (e.g. its preference) with `newText`. */
export function replaceField(model: ZoneModel, record: ResourceRecord, fieldIndex: number, newText: string): OffsetEdit {
	const tokens = model.files[record.file].syntax.tokens;
	const token = record.entry.fields[fieldIndex];
	return { file: record.file, start: tokens.start(token), end: tokens.end(token), newText };
}

/**
 * A new line after `template`'s record that copies the template's layout (owner notation, TTL and
 * class presence, tabs or spaces) and replaces the RDATA words with `rdata`. A multi-line template
 * is written on one line with the same leading fields.
 */
export function insertRecordLike(model: ZoneModel, template: ResourceRecord, rdata: readonly string[]): OffsetEdit {
	const file = model.files[template.file];
	const { tokens } = file.syntax;
	const text = tokens.text;
	const entry = template.entry;
	const eol = lineEndOf(text);
	const firstRdata = entry.fields[template.rdataField];
	let line: string;
	// Copy the template's text only when it is one plain line: no line breaks, no parentheses.
	const singleLine = !/[()\r\n]/.test(text.slice(entry.lineStart, entry.end));
	if (singleLine && template.rdataField + rdata.length === entry.fields.length) {
		// Keep every blank and word of the template up to its RDATA, then the new words with the template's separators.
		line = text.slice(entry.lineStart, tokens.start(firstRdata));
		for (let i = 0; i < rdata.length; i++) {
			const token = entry.fields[template.rdataField + i];
			line += rdata[i];
			if (i + 1 < rdata.length) line += text.slice(tokens.end(token), tokens.start(entry.fields[template.rdataField + i + 1]));
		}
	} else {
		// Rebuild the leading words on one line; the template's own text may hold a '(' or line breaks.
		const firstWord = entry.fields[0];
		const separator = tokens.kind(firstWord + 1) === TokenKind.Whitespace ? tokens.tokenText(firstWord + 1) : ' ';
		const indent = entry.blankOwner ? text.slice(entry.lineStart, tokens.start(firstWord)) : '';
		const words = Array.from(entry.fields.subarray(0, template.typeField + 1), (token) => tokens.tokenText(token));
		line = indent + [...words, rdata.join(' ')].join(separator);
	}
	const at = afterEntry(model, template);
	// A file without a final line end needs one before the new line.
	const needsBreak = at === text.length && at > 0 && !/[\r\n]$/.test(text);
	return { file: template.file, start: at, end: at, newText: (needsBreak ? eol : '') + line + (needsBreak ? '' : eol) };
}
