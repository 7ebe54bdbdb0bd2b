/**
 * Checks the backup host a user types for the "Add backup MX record" quick fix. Kept free of
 * `vscode` imports so it can be unit-tested; the rule itself is shared with the server's
 * `zoneSentinel.backupHosts` setting (protocol/src/hostName.ts).
 */

import { normaliseHostName } from '../../protocol/src/index';

/** The host as an absolute name (trailing dot added), or `undefined` when it is not a host name. */
export function normaliseHostInput(text: string): string | undefined {
	return normaliseHostName(text);
}

/** The message the input box shows under invalid text, or `undefined` when the text is fine. */
export function hostInputError(text: string): string | undefined {
	if (text.trim() === '') return 'Enter the host name of the backup mail exchanger.';
	if (normaliseHostInput(text) !== undefined) return undefined;
	if (/^[0-9.]+$|:/.test(text.trim())) return 'An MX record needs a host name, not an IP address (RFC 5321 §5.1).';
	return 'Not a host name: use letters, digits and hyphens in at least two dot-separated labels, e.g. backup-mx.example.net.';
}
