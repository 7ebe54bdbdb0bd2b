/**
 * Checks what a user types for "Run Failover Drill" (the mailbox URL, the password). Kept free of
 * `vscode` imports so it can be unit-tested; the server checks both again (smtp/src/mailbox.ts).
 */

/** Why the text is not a mailbox URL the drill takes, or `undefined`; the server checks it fully. */
export function mailboxInputError(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return 'Enter a mailbox URL such as imap://user@mail.example.com/INBOX or pop3://user@mail.example.com.';
	}
	if (!/^(imap|imaps|pop3|pop3s):$/.test(url.protocol)) return 'Use imap:, imaps:, pop3: or pop3s:.';
	// The URL is remembered in the workspace state: a password there would be stored in clear text.
	if (url.password !== '') return 'Leave the password out of the URL: Zone Sentinel asks for it and keeps it in the secret storage.';
	if (url.username === '') return 'Name the mailbox user: imap://user@host/INBOX.';
	return undefined;
}

/** The password as the mailbox clients can send it (smtp/src/mailbox.ts `mailboxPasswordError`). */
export function passwordInputError(text: string): string | undefined {
	return /^[\x20-\x7e]{1,255}$/.test(text) ? undefined : 'The password must be 1 to 255 printable ASCII characters.';
}
