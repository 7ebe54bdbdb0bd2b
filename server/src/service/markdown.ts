/**
 * Small text helpers shared by hovers and code lenses: inline code that survives any name,
 * ordinals, plurals, durations and links to the RFCs the registry cites.
 */
import { formatTtl } from '../../../core/src/index';

/** Inline code for any text, e.g. a name with a backtick in it gets a longer fence. */
export function code(text: string): string {
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
	const fence = '`'.repeat(longest + 1);
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${text}${pad}${fence}`;
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`… */
export function ordinal(n: number): string {
	const tens = n % 100;
	if (tens >= 11 && tens <= 13) return `${n}th`;
	switch (n % 10) {
		case 1:
			return `${n}st`;
		case 2:
			return `${n}nd`;
		case 3:
			return `${n}rd`;
		default:
			return `${n}th`;
	}
}

/** `1 mail exchanger`, `3 mail exchangers`. */
export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Seconds for people: `30 seconds`, `3600 seconds (1h)`, `93784 seconds (1d 2h 3m 4s)`. */
export function describeSeconds(seconds: number): string {
	const exact = plural(seconds, 'second');
	return seconds < 60 ? exact : `${exact} (${formatTtl(seconds)})`;
}

/**
 * Turns every `RFC nnnn` (optionally `§x.y`) of a registry reference into a link, e.g.
 * `RFC 5321 §5.1` → `[RFC 5321 §5.1](https://www.rfc-editor.org/rfc/rfc5321#section-5.1)`.
 */
export function rfcLinks(reference: string): string {
	return reference.replace(/RFC (\d+)(?: §([\d.]+))?/g, (match: string, rfc: string, section: string | undefined) => {
		const anchor = section === undefined ? '' : `#section-${section.replace(/\.$/, '')}`;
		return `[${match}](https://www.rfc-editor.org/rfc/rfc${rfc}${anchor})`;
	});
}
