/**
 * MTA-STS policy files (RFC 8461 §3.2): the `mta-sts.txt` a domain serves at
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`, kept beside the zone in a repository. Lines
 * of `key: value`; `version: STSv1`, `mode`, one or more `mx` patterns and `max_age` are required.
 * The parser never throws; what breaks the format becomes a problem on its line.
 */
import { fullyQualified, nameKey } from '../../domainName';

export interface PolicyLine {
	/** Zero-based line, and the characters of the value on it. */
	readonly line: number;
	readonly start: number;
	readonly end: number;
}

export interface MtaStsPolicy {
	readonly mode: string | undefined;
	/** Seconds senders cache the policy; `undefined` when missing or not a valid number. */
	readonly maxAge: number | undefined;
	readonly mx: readonly (PolicyLine & { readonly pattern: string })[];
	readonly problems: readonly (PolicyLine & { readonly message: string })[];
}

/** The longest max_age RFC 8461 §3.2 allows: one year. */
const MAX_AGE_LIMIT = 31557600;

export function parseMtaStsPolicy(text: string): MtaStsPolicy {
	const lines = text.split(/\r\n|\n|\r/);
	const problems: (PolicyLine & { message: string })[] = [];
	const mx: (PolicyLine & { pattern: string })[] = [];
	const seen = new Map<string, number>();
	let mode: string | undefined;
	let maxAge: number | undefined;
	lines.forEach((raw, line) => {
		if (raw.trim() === '') return;
		const colon = raw.indexOf(':');
		const whole = { line, start: 0, end: raw.length };
		if (colon <= 0) {
			problems.push({ ...whole, message: `'${raw.trim()}' is not a 'key: value' line.` });
			return;
		}
		const key = raw.slice(0, colon).trim();
		const valueStart = colon + 1 + (raw.length - colon - 1 - raw.slice(colon + 1).trimStart().length);
		const value = raw.slice(colon + 1).trim();
		const at = { line, start: valueStart, end: valueStart + value.length };
		if (key !== 'mx' && seen.has(key)) problems.push({ ...whole, message: `'${key}' appears twice.` });
		seen.set(key, line);
		switch (key) {
			case 'version':
				if (value !== 'STSv1') problems.push({ ...at, message: `'version: ${value}' must be 'version: STSv1'.` });
				if (line !== 0 && [...seen.values()].some((other) => other < line))
					problems.push({ ...whole, message: "'version: STSv1' must be the first line." });
				break;
			case 'mode':
				mode = value;
				if (!['enforce', 'testing', 'none'].includes(value))
					problems.push({ ...at, message: `'mode: ${value}' is not enforce, testing or none.` });
				break;
			case 'max_age':
				if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_AGE_LIMIT)
					problems.push({ ...at, message: `'max_age: ${value}' must be a number of seconds up to ${MAX_AGE_LIMIT} (one year).` });
				else maxAge = Number(value);
				break;
			case 'mx':
				if (!/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\.?$/.test(value))
					problems.push({ ...at, message: `'mx: ${value}' is not a host name or a '*.' wildcard pattern.` });
				else mx.push({ ...at, pattern: value });
				break;
			default:
				// Unknown keys are ignored by senders (RFC 8461 §3.2 allows extensions).
				break;
		}
	});
	for (const key of ['version', 'mode', 'max_age'])
		if (!seen.has(key)) problems.push({ line: 0, start: 0, end: 0, message: `The policy has no '${key}:' line.` });
	if (mode !== 'none' && mx.length === 0 && !problems.some((p) => p.message.includes("'mx:")))
		problems.push({ line: 0, start: 0, end: 0, message: "The policy has no 'mx:' line: senders can deliver to no exchanger." });
	return { mode, maxAge, mx, problems };
}

/** RFC 8461 §4.1: an exact host name, or `*.example.net` for exactly one more label on the left. */
export function matchesMxPattern(pattern: string, exchangeKey: string): boolean {
	const key = nameKey(fullyQualified(pattern));
	if (!key.startsWith('*.')) return key === exchangeKey;
	const dot = exchangeKey.indexOf('.');
	return dot > 0 && exchangeKey.slice(dot + 1) === key.slice(2);
}
