/**
 * Binary encodings used in RDATA presentation formats, checked the way BIND decodes them:
 * base64 (RFC 4648 §4, padded), base32hex without padding (RFC 4648 §7, NSEC3), hex, and the
 * octets of a <character-string> once `\X` and `\DDD` escapes are decoded (RFC 1035 §5.1).
 * Every function is total: it returns `undefined` (or a reason) instead of throwing.
 */

/** Value of a base64 digit, or -1. */
function base64Digit(code: number): number {
	if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
	if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 26; // a-z
	if (code >= 0x30 && code <= 0x39) return code - 0x30 + 52; // 0-9
	if (code === 0x2b) return 62; // +
	if (code === 0x2f) return 63; // /
	return -1;
}

/**
 * Number of octets the base64 text decodes to, or `undefined` when it is not valid base64:
 * only the base64 alphabet, complete groups of four, `=` padding only at the end (at most two), and
 * the unused bits before the padding zero (as BIND requires).
 */
export function base64Length(text: string): number | undefined {
	const length = text.length;
	if (length % 4 !== 0) return undefined;
	let padding = 0;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x3d /* = */) {
			padding++;
			continue;
		}
		if (padding > 0 || base64Digit(code) === -1) return undefined;
	}
	if (padding > 2) return undefined;
	if (padding > 0) {
		const last = base64Digit(text.charCodeAt(length - padding - 1));
		if (padding === 1 && (last & 0x03) !== 0) return undefined;
		if (padding === 2 && (last & 0x0f) !== 0) return undefined;
	}
	return (length / 4) * 3 - padding;
}

/** Value of a base32hex digit (`0-9`, `A-V`, any case), or -1. */
function base32HexDigit(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	const upper = code & ~0x20;
	if (upper >= 0x41 && upper <= 0x56) return upper - 0x41 + 10;
	return -1;
}

/**
 * Number of octets unpadded base32hex decodes to (RFC 4648 §7 without `=`), or `undefined` when
 * a character is not base32hex, the length cannot end a quantum (1, 3 or 6 digits left over) or the
 * unused trailing bits are not zero — the checks of BIND's `isc_base32hexnp_decodestring`.
 */
export function base32HexLength(text: string, from = 0, to = text.length): number | undefined {
	const digits = to - from;
	for (let i = from; i < to; i++) if (base32HexDigit(text.charCodeAt(i)) === -1) return undefined;
	const rest = digits % 8;
	if (rest === 1 || rest === 3 || rest === 6) return undefined;
	if (rest !== 0) {
		const last = base32HexDigit(text.charCodeAt(to - 1));
		const mask = rest === 2 ? 0x03 : rest === 4 ? 0x0f : rest === 5 ? 0x01 : 0x07;
		if ((last & mask) !== 0) return undefined;
	}
	return Math.floor(digits / 8) * 5 + [0, 0, 1, 0, 2, 3, 0, 4][rest];
}

/** True for an (unsigned) run of hex digits, possibly empty. */
export function isHex(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i) | 0x20;
		if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
	}
	return true;
}

/** Decodes hex (even length, already checked) into octets. */
export function hexBytes(text: string): Uint8Array {
	const bytes = new Uint8Array(text.length >>> 1);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(i * 2, 2), 16);
	return bytes;
}

/**
 * The octets of presentation text with `\X` and `\DDD` escapes decoded (characters above U+007F
 * count as their UTF-8 octets). Returns a reason instead when an escape is broken: `\DDD` above 255
 * or a backslash at the very end.
 */
export function decodeEscapes(text: string): number[] | { error: string } {
	const out: number[] = [];
	const length = text.length;
	for (let i = 0; i < length; i++) {
		let code = text.charCodeAt(i);
		if (code === 0x5c) {
			if (i + 1 >= length) return { error: 'a backslash at the end escapes nothing' };
			const d1 = text.charCodeAt(i + 1) - 0x30;
			if (d1 >= 0 && d1 <= 9) {
				const d2 = text.charCodeAt(i + 2) - 0x30;
				const d3 = text.charCodeAt(i + 3) - 0x30;
				if (!(d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9))
					return { error: `'\\${text.slice(i + 1, i + 4)}' is not a \\DDD escape (three digits)` };
				const value = d1 * 100 + d2 * 10 + d3;
				if (value > 255) return { error: `'\\${text.slice(i + 1, i + 4)}' is above \\255` };
				out.push(value);
				i += 3;
				continue;
			}
			i++;
			code = text.charCodeAt(i);
		}
		pushUtf8(out, text, i, code);
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) i++;
	}
	return out;
}

function pushUtf8(out: number[], text: string, i: number, code: number): void {
	if (code < 0x80) out.push(code);
	else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
	else if (code >= 0xd800 && code <= 0xdbff) {
		const point = text.codePointAt(i) ?? code;
		out.push(0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
	} else out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}

/** True when the octets are well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
export function isUtf8(bytes: ArrayLike<number>): boolean {
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i];
		let extra: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if ((b & 0xe0) === 0xc0) {
			extra = 1;
			min = 0x80;
		} else if ((b & 0xf0) === 0xe0) {
			extra = 2;
			min = 0x800;
		} else if ((b & 0xf8) === 0xf0) {
			extra = 3;
			min = 0x10000;
		} else return false;
		let point = b & (0x3f >> extra);
		for (let k = 1; k <= extra; k++) {
			const next = bytes[i + k];
			if (next === undefined || (next & 0xc0) !== 0x80) return false;
			point = (point << 6) | (next & 0x3f);
		}
		if (point < min || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return false;
		i += extra + 1;
	}
	return true;
}
