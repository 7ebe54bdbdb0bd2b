/**
 * What counts as a backup mail host (the `zoneSentinel.backupHosts` setting and `--backup-host`).
 * protocol/src/hostName.ts holds the same check for the VS Code client, which may not import the
 * core; test/unit/settings.test.ts checks that both accept exactly the same names.
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
