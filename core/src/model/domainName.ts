/**
 * Domain names in presentation format (RFC 1035 §5.1): `@`, relative and absolute names, escapes.
 *
 * Names are kept as presentation strings, e.g. `www.example.com.`; comparisons use {@link nameKey},
 * which lower-cases ASCII letters (RFC 4343) and normalises escapes, so `MAIL.example.com.` and
 * `mail.ex\097mple.com.` are the same name.
 */

const BACKSLASH = 0x5c,
	DOT = 0x2e;
const NOT_A_KEY = /[A-Z\\]/;

/** True when the name ends with an unescaped dot, e.g. `mail.example.com.` (but not `a\.`). */
export function isAbsoluteName(text: string): boolean {
	return isAbsoluteNameAt(text, 0, text.length);
}

/** {@link isAbsoluteName} of `text.slice(start, end)`, without making that string (e.g. a word of the zone text). */
export function isAbsoluteNameAt(text: string, start: number, end: number): boolean {
	if (end <= start || text.charCodeAt(end - 1) !== DOT) return false;
	let backslashes = 0;
	for (let i = end - 2; i >= start && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
	return backslashes % 2 === 0;
}

/**
 * A host name written without the root's dot, as SPF, DMARC, MTA-STS and settings write them, made
 * absolute: `example.net` → `example.net.` (never relative to a zone).
 */
export function fullyQualified(name: string): string {
	return isAbsoluteName(name) ? name : name + '.';
}

/**
 * Makes a name absolute: `@` is the origin, a name without a trailing dot gets the origin appended,
 * e.g. `www` under `example.com.` → `www.example.com.`. Returns `undefined` for a relative name when
 * the origin is unknown.
 */
export function absoluteName(text: string, origin: string | undefined): string | undefined {
	if (text === '@') return origin;
	if (isAbsoluteName(text)) return text;
	if (origin === undefined) return undefined;
	return origin === '.' ? text + '.' : text + '.' + origin;
}

/**
 * `name` relative to `origin`, both absolute: `@` for the origin itself, e.g. `www.example.com.`
 * under `example.com.` → `www`; `undefined` when the name is not below the origin.
 */
export function relativeName(name: string, origin: string): string | undefined {
	if (nameKey(name) === nameKey(origin)) return '@';
	if (origin === '.') return name.slice(0, -1);
	const suffix = '.' + origin;
	if (name.length <= suffix.length) return undefined;
	const prefix = name.slice(0, -suffix.length);
	// The dot before the origin must be a real one, not the end of an escape such as `a\.`.
	if (nameKey(name.slice(-suffix.length)) !== nameKey(suffix) || !isAbsoluteName(prefix + '.')) return undefined;
	return prefix;
}

/** Why a name is not a valid domain name; see {@link checkName}. */
export type NameError = 'emptyLabel' | 'labelTooLong' | 'nameTooLong' | 'badEscape';

/**
 * Checks label lengths (≤ 63 octets), the wire length (≤ 255 octets, RFC 1035 §2.3.4), empty labels
 * and `\DDD` escapes (≤ 255). `text` should be absolute; a relative name is checked as far as it goes.
 */
export function checkName(text: string): NameError | undefined {
	const length = text.length;
	// An empty name (a quoted owner `""`) is not the root: that is written `.`.
	if (length === 0) return 'emptyLabel';
	// Fast path: a short name without escapes or doubled dots cannot break any limit.
	if (length <= 63 && text.indexOf('\\') === -1 && text.indexOf('..') === -1) {
		return length > 1 && text.charCodeAt(0) === DOT ? 'emptyLabel' : undefined;
	}
	if (text === '.') return undefined;
	let labelLength = 0;
	let wireLength = 1; // the root label
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code === DOT) {
			if (labelLength === 0) return 'emptyLabel';
			wireLength += labelLength + 1;
			labelLength = 0;
			continue;
		}
		if (code === BACKSLASH) {
			if (isDigit(text.charCodeAt(i + 1))) {
				if (!isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) return 'badEscape';
				if (Number(text.slice(i + 1, i + 4)) > 255) return 'badEscape';
				i += 3;
			} else if (i + 1 >= length) {
				return 'badEscape';
			} else {
				i++;
			}
		}
		labelLength++;
		if (labelLength > 63) return 'labelTooLong';
	}
	if (labelLength > 0) wireLength += labelLength + 1;
	return wireLength > 255 ? 'nameTooLong' : undefined;
}

/**
 * Octets of a valid name in uncompressed wire form (each label's length octet and octets, then the
 * root octet), as named stores it in RDATA: `mx1.example.com.` → 17, `.` → 1. Escapes count as the
 * octet they stand for, other characters as their UTF-8 octets. A relative name is counted as if it
 * ended at the root, which is no more than it is once made absolute.
 */
export function nameWireLength(text: string): number {
	let octets = 1; // the root label
	let labelLength = 0;
	const length = text.length;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code === DOT) {
			if (labelLength > 0) octets += labelLength + 1;
			labelLength = 0;
			continue;
		}
		if (code === BACKSLASH && i + 1 < length) {
			i += isDigit(text.charCodeAt(i + 1)) ? 3 : 1;
			labelLength++;
			continue;
		}
		labelLength += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
	}
	return labelLength > 0 ? octets + labelLength + 1 : octets;
}

/** Human-readable text for a {@link NameError}. */
export function nameErrorMessage(error: NameError, text: string): string {
	switch (error) {
		case 'emptyLabel':
			return `'${text}' has an empty label (two dots in a row, or a leading dot).`;
		case 'labelTooLong':
			return `'${text}' has a label longer than 63 octets (RFC 1035 §2.3.4).`;
		case 'nameTooLong':
			return `'${text}' is longer than 255 octets in wire format (RFC 1035 §2.3.4).`;
		case 'badEscape':
			return `'${text}' has an invalid escape: use \\X or \\DDD with DDD ≤ 255.`;
	}
}

/**
 * The comparison key of a name: ASCII lower case, escapes of ordinary characters removed, and
 * `\DDD` of letters and digits decoded. Names with the same key are the same DNS name.
 */
export function nameKey(text: string): string {
	// Most names are already keys; returning the same string saves a copy per owner.
	if (!NOT_A_KEY.test(text)) return text;
	if (text.indexOf('\\') === -1) return text.toLowerCase();
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code !== BACKSLASH) {
			out += text[i];
			continue;
		}
		let value: number;
		if (isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
			value = Number(text.slice(i + 1, i + 4));
			i += 3;
		} else {
			value = text.charCodeAt(i + 1);
			i += 1;
		}
		// Keep dots and non-printables escaped (as \DDD) so the key still splits on real dots.
		const printable = value > 0x20 && value < 0x7f && value !== DOT && value !== BACKSLASH;
		out += printable ? String.fromCharCode(value) : '\\' + String(value).padStart(3, '0');
	}
	return out.toLowerCase();
}

/** True when `name` equals `ancestor` or lies below it; both are keys of absolute names. */
export function isSubdomainKey(name: string, ancestor: string): boolean {
	if (ancestor === '.') return true;
	if (name === ancestor) return true;
	return (
		name.endsWith(ancestor) &&
		name.charCodeAt(name.length - ancestor.length - 1) === DOT &&
		!isEscapedAt(name, name.length - ancestor.length - 1)
	);
}

function isEscapedAt(text: string, index: number): boolean {
	let backslashes = 0;
	for (let i = index - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
	return backslashes % 2 === 1;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}
