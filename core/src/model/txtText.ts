/**
 * The text of a TXT record as receivers read it: its <character-string>s decoded (`\"`, `\\`,
 * `\DDD`) and joined without separators (RFC 7208 §3.3, RFC 7489 §6.4), with the source offset of
 * every character, so a finding about one SPF term or DMARC tag points at exactly those characters,
 * inside a multi-string or multi-line record too.
 */
import type { ResourceRecord, SourceSpan, ZoneModel } from './zoneModel';

export interface TxtText {
	readonly record: ResourceRecord;
	readonly text: string;
	/** `starts[i]`, `ends[i]`: where character `i` of {@link text} is written in the file (an escape is several characters). */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	/** Where the record's text ends (after the last string). */
	readonly end: number;
}

/** The decoded text of a TXT (or SPF) record; `undefined` for a generated record or one in RFC 3597 form. */
export function txtText(model: ZoneModel, record: ResourceRecord): TxtText | undefined {
	if (record.generated) return undefined;
	const decoded = decode(model, record, undefined);
	return decoded && new DecodedTxt(model, record, decoded.text, decoded.end);
}

/**
 * A decoded text whose source positions are worked out on first use: only a finding needs them
 * (see {@link textSpan}), and writing two numbers per character of every DKIM key cost more than
 * decoding it.
 */
class DecodedTxt implements TxtText {
	#positions: { readonly starts: Int32Array; readonly ends: Int32Array } | undefined;

	constructor(
		private readonly model: ZoneModel,
		readonly record: ResourceRecord,
		readonly text: string,
		readonly end: number,
	) {}

	get starts(): Int32Array {
		return this.positions().starts;
	}
	get ends(): Int32Array {
		return this.positions().ends;
	}

	private positions(): { readonly starts: Int32Array; readonly ends: Int32Array } {
		if (this.#positions) return this.#positions;
		const tokens = this.model.files[this.record.file].syntax.tokens;
		const fields = this.record.entry.fields;
		let capacity = 0;
		for (let f = this.record.rdataField; f < fields.length; f++) capacity += tokens.end(fields[f]) - tokens.start(fields[f]);
		// Every character of the text comes from at least one character of the file, so the file's length bounds it.
		const positions = { starts: new Int32Array(capacity), ends: new Int32Array(capacity) };
		decode(this.model, this.record, positions);
		const length = this.text.length;
		return (this.#positions = { starts: positions.starts.subarray(0, length), ends: positions.ends.subarray(0, length) });
	}
}

/** Decodes the record's strings; fills `positions` (where each character is written) when given. */
function decode(
	model: ZoneModel,
	record: ResourceRecord,
	positions: { readonly starts: Int32Array; readonly ends: Int32Array } | undefined,
): { text: string; end: number } | undefined {
	const tokens = model.files[record.file].syntax.tokens;
	const fields = record.entry.fields;
	const starts = positions?.starts;
	const ends = positions?.ends;
	let length = 0;
	const parts: string[] = [];
	let end = record.entry.end;
	for (let f = record.rdataField; f < fields.length; f++) {
		const raw = tokens.tokenText(fields[f]);
		const base = tokens.start(fields[f]);
		if (f === record.rdataField && raw === '\\#') return undefined;
		const quoted = raw.length >= 2 && raw.charCodeAt(0) === 0x22 && raw.charCodeAt(raw.length - 1) === 0x22;
		const from = quoted ? 1 : 0;
		const to = quoted ? raw.length - 1 : raw.length;
		if (!raw.includes('\\', from)) {
			// No escapes (nearly every string): one slice, and each character is its own source position.
			parts.push(raw.slice(from, to));
			if (starts && ends) {
				for (let i = from; i < to; i++, length++) {
					starts[length] = base + i;
					ends[length] = base + i + 1;
				}
			}
		} else {
			let part = '';
			for (let i = from; i < to; i++, length++) {
				if (starts) starts[length] = base + i;
				const code = raw.charCodeAt(i);
				if (code !== 0x5c || i + 1 >= to) {
					part += raw[i];
				} else if (isDigit(raw, i + 1) && isDigit(raw, i + 2) && isDigit(raw, i + 3) && i + 3 < to) {
					part += String.fromCharCode(Number(raw.slice(i + 1, i + 4)));
					i += 3;
				} else {
					part += raw[i + 1];
					i += 1;
				}
				if (ends) ends[length] = base + i + 1;
			}
			parts.push(part);
		}
		end = base + to;
	}
	return { text: parts.join(''), end };
}

function isDigit(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= 0x30 && code <= 0x39;
}

/** The source span of characters `from`…`to` (exclusive) of the text; the whole record when that is empty (an empty record). */
export function textSpan(txt: TxtText, from: number, to: number): SourceSpan {
	const length = txt.text.length;
	if (to <= from || from >= length) return { file: txt.record.file, start: txt.record.entry.start, end: txt.record.entry.end };
	return { file: txt.record.file, start: txt.starts[from], end: txt.ends[Math.min(to, length) - 1] };
}

/** An SPF record's start: `v=spf1`, then a space or the end (RFC 7208 §4.5, case-insensitive). */
export const SPF_RECORD_START = /^v=spf1(?: |$)/i;

/**
 * Whether a TXT record may hold mail authentication (SPF, DMARC, DKIM, …) and is worth decoding:
 * its owner has an underscore label, or its first string starts `v=spf1`. Most TXT records are neither.
 */
export function mayBeMailAuthText(model: ZoneModel, record: ResourceRecord): boolean {
	const key = record.ownerKey;
	if (key.charCodeAt(0) === 0x5f || key.includes('._')) return true;
	const fields = record.entry.fields;
	if (record.generated || record.rdataField >= fields.length) return false;
	return /^"?v=spf1/i.test(model.files[record.file].syntax.tokens.tokenText(fields[record.rdataField]));
}

/** A DMARC record's start: `v=DMARC1`, then `;`, space or the end (receivers discard other TXT at `_dmarc`). */
export const DMARC_RECORD_START = /^v\s*=\s*DMARC1\s*(?:;|$)/;
