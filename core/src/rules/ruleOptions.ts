/**
 * Validation of the rule options that users give twice, as settings (`zoneSentinel.backupHosts`,
 * `zoneSentinel.mx.networkPrefixV4/V6`) and as CLI flags (`--backup-host`, `--mx-prefix-v4/v6`), so
 * that both accept exactly the same values.
 */

/** Bounds of the MX network prefix lengths: a whole IPv4 or IPv6 address at most, one bit at least. */
export const PREFIX_BOUNDS = { v4: { min: 1, max: 32 }, v6: { min: 1, max: 128 } } as const;

/** The prefix length as a number when `value` is an integer within the family's bounds, else `undefined`. */
export function parsePrefixLength(value: unknown, family: 'v4' | 'v6'): number | undefined {
	const number = typeof value === 'string' && /^[0-9]{1,3}$/.test(value.trim()) ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) return undefined;
	const { min, max } = PREFIX_BOUNDS[family];
	return number >= min && number <= max ? number : undefined;
}
