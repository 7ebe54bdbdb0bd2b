/**
 * Offset edits that quick fixes are made of: insert a record line in the style of its neighbour,
 * remove a record's whole lines, replace one word. Every edit touches only the bytes it means to;
 * line ends follow the file (LF or CRLF).
 */
import { EntryKind } from '../syntax/parser';
import { TokenKind } from '../syntax/scanner';
import type { ResourceRecord, ZoneModel } from '../model/zoneModel';
import type { OffsetEdit } from './offsetEdit';

/** The file's own line end: the first one it uses, else LF. */
export function lineEndOf(text: string): string {
	// Stops at the first line end: a search for '\n' would read all of a CR-only file for every fix.
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x0a) return '\n';
		if (code === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
	}
	return '\n';
}

/**
 * True when a line can be inserted right after the record without changing another record:
 * - every `(` of the record is closed (an entry whose `(` is never closed runs to the end of the
 *   file, so the new line would become part of it);
 * - no `zone-sentinel-disable-next-line` comment on its lines names the next record (the new line
 *   would take the suppression from it).
 */
export function canInsertAfter(model: ZoneModel, record: ResourceRecord): boolean {
	const tokens = model.files[record.file].syntax.tokens;
	const entry = record.entry;
	let depth = 0;
	for (let i = tokens.tokenAt(entry.lineStart); i < entry.endToken; i++) {
		const kind = tokens.kind(i);
		if (kind === TokenKind.LParen) depth++;
		else if (kind === TokenKind.RParen && depth > 0) depth--;
		else if (kind === TokenKind.Comment && tokens.tokenText(i).includes(SUPPRESSION)) return false;
	}
	return depth === 0;
}

/** The comment that silences rules on the next record (see suppressions.ts). */
const SUPPRESSION = 'zone-sentinel-disable-next-line';

/** True when a suppression comment sits on the record's lines: it names the record after it. */
function holdsSuppression(model: ZoneModel, record: ResourceRecord): boolean {
	const tokens = model.files[record.file].syntax.tokens;
	const entry = record.entry;
	for (let i = tokens.tokenAt(entry.lineStart); i < entry.endToken; i++) {
		if (tokens.kind(i) === TokenKind.Comment && tokens.tokenText(i).includes(SUPPRESSION)) return true;
	}
	return false;
}

/** Offset just after the line end that closes the record's entry (or the end of the text). */
function afterEntry(model: ZoneModel, record: ResourceRecord): number {
	const tokens = model.files[record.file].syntax.tokens;
	const endToken = record.entry.endToken;
	return endToken < tokens.count ? tokens.end(endToken) : tokens.text.length;
}

/**
 * True when removing the record's lines leaves the records after it as they were: the next record
 * line neither inherits this record's owner (it starts with a blank) nor its TTL (it has none and
 * no `$TTL` applies), and no suppression comment on the removed lines names it. Removal fixes are
 * offered only then.
 */
export function canRemoveRecordLines(model: ZoneModel, record: ResourceRecord): boolean {
	if (holdsSuppression(model, record)) return false;
	const entries = model.files[record.file].syntax.entries;
	const ownEntry = record.entry;
	for (let i = record.entryIndex + 1; i < entries.length; i++) {
		const next = entries.get(i);
		// Directives between them ($ORIGIN, $TTL) do not end owner inheritance.
		if (next.kind !== EntryKind.Record) continue;
		if (next.blankOwner && !ownEntry.blankOwner) return false;
		return recordsByEntry(model).get(`${record.file}:${i}`)?.ttlSource !== 'previous';
	}
	return true;
}

const entryRecords = new WeakMap<ZoneModel, Map<string, ResourceRecord>>();

/** The model's records by `file:entryIndex`, built once per model. */
function recordsByEntry(model: ZoneModel): Map<string, ResourceRecord> {
	let map = entryRecords.get(model);
	if (!map) {
		map = new Map();
		for (const record of model.records) map.set(`${record.file}:${record.entryIndex}`, record);
		entryRecords.set(model, map);
	}
	return map;
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
		// Only the leading blanks: a '(' may stand between them and the first word.
		const indent = entry.blankOwner ? tokens.tokenText(tokens.tokenAt(entry.lineStart)) : '';
		const words = Array.from(entry.fields.subarray(0, template.typeField + 1), (token) => tokens.tokenText(token));
		line = indent + [...words, rdata.join(' ')].join(separator);
	}
	const at = afterEntry(model, template);
	// A file without a final line end needs one before the new line.
	const last = text.charCodeAt(text.length - 1);
	const needsBreak = at === text.length && at > 0 && last !== 0x0a && last !== 0x0d;
	return { file: template.file, start: at, end: at, newText: (needsBreak ? eol : '') + line + (needsBreak ? '' : eol) };
}
