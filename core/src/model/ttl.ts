/**
 * TTL values: plain seconds (`3600`) or BIND units (`1w2d3h4m5s`, any case), RFC 2308 / BIND.
 */

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/** Largest TTL that fits the 32-bit field. */
export const MAX_TTL_FIELD = 0xffffffff;

/**
 * Parses a TTL. Returns the number of seconds, or `undefined` when the text is not a TTL.
 * Values above 2^32 − 1 are not TTLs; callers decide how to treat values above 2^31 − 1.
 */
export function parseTtl(text: string): number | undefined {
	return parseTtlAt(text, 0, text.length);
}

/** {@link parseTtl} of `text.slice(start, end)`, without making that string (a word of the zone text). */
export function parseTtlAt(text: string, start: number, end: number): number | undefined {
	if (end <= start) return undefined;
	let total = 0;
	let value = 0;
	let digits = 0;
	let sawUnit = false;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code >= 0x30 && code <= 0x39) {
			value = value * 10 + (code - 0x30);
			digits++;
			continue;
		}
		const unit = UNIT_SECONDS[String.fromCharCode(code | 0x20)];
		if (unit === undefined || digits === 0) return undefined;
		total += value * unit;
		value = 0;
		digits = 0;
		sawUnit = true;
	}
	if (digits > 0) {
		// BIND reads a trailing number after units as seconds (`1h30` = 5430).
		total += value;
	} else if (!sawUnit) {
		return undefined;
	}
	return total <= MAX_TTL_FIELD ? total : undefined;
}

/** True when the text has the shape of a TTL (starts with a digit), whether or not it is valid. */
export function looksLikeTtl(text: string): boolean {
	return looksLikeTtlAt(text, 0);
}

/** {@link looksLikeTtl} of the word of `text` that starts at `start`. */
export function looksLikeTtlAt(text: string, start: number): boolean {
	const code = text.charCodeAt(start);
	return code >= 0x30 && code <= 0x39;
}

/** Formats seconds for people, e.g. 93784 → `1d 2h 3m 4s`. */
export function formatTtl(seconds: number): string {
	if (seconds === 0) return '0s';
	const parts: string[] = [];
	let rest = seconds;
	for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
		if (rest >= size) {
			parts.push(`${Math.floor(rest / size)}${unit}`);
			rest %= size;
		}
	}
	return parts.join(' ');
}
