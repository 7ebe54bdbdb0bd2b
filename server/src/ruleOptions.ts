/**
 * Validation of the rule options that users give twice, as settings (`zoneSentinel.backupHosts`,
 * `zoneSentinel.mx.networkPrefixV4/V6`) and as CLI flags (`--backup-host`, `--mx-prefix-v4/v6`), so
 * that both accept exactly the same values.
 */

/** A letter-digit-hyphen label (RFC 1123 §2.1): no leading or trailing hyphen, 1–63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * A backup mail host as an absolute name, e.g. `backup-mx.example.net` → `backup-mx.example.net.`,
 * or `undefined` when the text is not a host name. A host name has at least two labels, fits 253
 * characters, and is not an IP address (a top-level label is never all digits, RFC 3696 §2).
 */
export function normaliseHostName(text: string): string | undefined {
	const trimmed = text.trim();
	const bare = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
	if (bare.length === 0 || bare.length > 253) return undefined;
	const labels = bare.split('.');
	if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
	if (/^[0-9]+$/.test(labels[labels.length - 1])) return undefined;
	return bare + '.';
}

/** Bounds of the MX network prefix lengths: a whole IPv4 or IPv6 address at most, one bit at least. */
export const PREFIX_BOUNDS = { v4: { min: 1, max: 32 }, v6: { min: 1, max: 128 } } as const;

/** The prefix length as a number when `value` is an integer within the family's bounds, else `undefined`. */
export function parsePrefixLength(value: unknown, family: 'v4' | 'v6'): number | undefined {
	const number = typeof value === 'string' && /^[0-9]{1,3}$/.test(value.trim()) ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) return undefined;
	const { min, max } = PREFIX_BOUNDS[family];
	return number >= min && number <= max ? number : undefined;
}
