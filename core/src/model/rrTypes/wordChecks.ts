/**
 * Checks of single RDATA words shared by the field parsers: decimal numbers, character strings,
 * hex runs and escapes.
 */
import { isHex } from './encodings';
import type { RdataProblem, RdataWords } from './rdataWords';

/** Parses a decimal number without sign or units, up to `max`. */
export function parseUnsigned(text: string, max: number): number | undefined {
	const length = text.length;
	if (length === 0 || length > 10) return undefined;
	let value = 0;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x30 || code > 0x39) return undefined;
		value = value * 10 + (code - 0x30);
	}
	return value <= max ? value : undefined;
}

/**
 * A <character-string> holds at most 255 octets once escapes are decoded (RFC 1035 §3.3); `\DDD`
 * must be at most 255. Counts without allocating: TXT is a common type. Returns the octets counted
 * (up to a broken escape).
 */
export function checkCharacterString(text: string, quoted: boolean, index: number, problems: RdataProblem[], limit: number): number {
	const start = quoted ? 1 : 0;
	const end = quoted ? text.length - 1 : text.length;
	let octets = 0;
	for (let i = start; i < end; i++) {
		let code = text.charCodeAt(i);
		if (code === 0x5c) {
			if (i + 1 >= end) {
				// A lone trailing backslash: the scanner keeps it, BIND refuses it.
				problems.push({ code: 'invalidEscape', message: 'A backslash at the end of the string escapes nothing.', from: index, to: index });
				return octets;
			}
			const d1 = text.charCodeAt(i + 1) - 0x30;
			if (d1 >= 0 && d1 <= 9) {
				const d2 = text.charCodeAt(i + 2) - 0x30;
				const d3 = text.charCodeAt(i + 3) - 0x30;
				if (i + 3 >= end || !(d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9) || d1 * 100 + d2 * 10 + d3 > 255) {
					problems.push({
						code: 'invalidEscape',
						message: `'${text.slice(i, Math.min(end, i + 4))}' is not a valid escape: use \\DDD with three digits up to 255, or \\X.`,
						from: index,
						to: index,
					});
					return octets;
				}
				octets++;
				i += 3;
				continue;
			}
			i++;
			code = text.charCodeAt(i);
		}
		octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
	}
	if (octets > limit) {
		problems.push({
			code: 'characterStringTooLong',
			message: `This string is ${octets} octets; a <character-string> holds at most 255.`,
			from: index,
			to: index,
		});
	}
	return octets;
}

/** RDATA holds at most 65535 octets (RFC 1035 §3.2.1); BIND refuses more ("ran out of space"). */
export const MAX_RDATA_OCTETS = 0xffff;

/** Reports words `from`..`to` when what they encode is more than RDATA can hold. */
export function checkRdataOctets(octets: number, from: number, to: number, problems: RdataProblem[]): void {
	if (octets <= MAX_RDATA_OCTETS) return;
	problems.push({
		code: 'rdataTooLong',
		message: `This RDATA is at least ${octets} octets; RDATA holds at most 65535 (RFC 1035 §3.2.1), so the record cannot be loaded.`,
		from,
		to,
	});
}

export function joinWords(words: RdataWords, from: number): string {
	let joined = '';
	for (let i = from; i < words.count; i++) joined += words.text(i);
	return joined;
}

export function evenHexDigits(text: string): boolean {
	const digits = text.replace(/\./g, '');
	return digits.length > 0 && digits.length % 2 === 0 && isHex(digits);
}

/** True when the word ends in an odd run of backslashes, e.g. `a\` (the scanner stops a word before a line end). */
export function endsInLoneBackslash(text: string): boolean {
	let backslashes = 0;
	for (let i = text.length - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
	return backslashes % 2 === 1;
}
