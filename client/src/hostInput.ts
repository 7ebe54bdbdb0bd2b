/**
 * Checks the backup host a user types for the "Add backup MX record" quick fix. Kept free of
 * `vscode` imports so it can be unit-tested; it accepts exactly what the server accepts for the
 * `zoneSentinel.backupHosts` setting (server/src/ruleOptions.ts, compared by a test), which the
 * client cannot import.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The host as an absolute name (trailing dot added), or `undefined` when it is not a host name. */
export function normaliseHostInput(text: string): string | undefined {
	const trimmed = text.trim();
	const bare = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
	if (bare.length === 0 || bare.length > 253) return undefined;
	const labels = bare.split('.');
	if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
	// A top-level label is never all digits (RFC 3696 §2): this is an address, and MX needs a name.
	if (/^[0-9]+$/.test(labels[labels.length - 1])) return undefined;
	return bare + '.';
}

/** The message the input box shows under invalid text, or `undefined` when the text is fine. */
export function hostInputError(text: string): string | undefined {
	if (text.trim() === '') return 'Enter the host name of the backup mail exchanger.';
	if (normaliseHostInput(text) !== undefined) return undefined;
	if (/^[0-9.]+$|:/.test(text.trim())) return 'An MX record needs a host name, not an IP address (RFC 5321 §5.1).';
	return 'Not a host name: use letters, digits and hyphens in at least two dot-separated labels, e.g. backup-mx.example.net.';
}
