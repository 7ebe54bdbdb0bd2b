/**
 * Commands that run in the client, not in the server: the language server only names them in code
 * lenses and code actions. The VS Code client (client/src/extension.ts) registers them and says so
 * in its `initializationOptions` ({@link InitializationOptions}); other editors never receive them,
 * because a lens or an action naming a command the editor does not have is a button that does
 * nothing. Imports nothing.
 */

/** Talks SMTP to the mail exchangers of an owner. Arguments: one {@link TestSmtpArguments}. */
export const TEST_SMTP_COMMAND = 'zoneSentinel.testSmtp';

/** Runs a failover drill of an owner's MX set (asks for the mailbox, consent, password). Arguments: one {@link TestSmtpArguments}. */
export const RUN_FAILOVER_DRILL_COMMAND = 'zoneSentinel.runFailoverDrill';

/** Asks for a backup host and applies an "Add backup MX record" edit. Arguments: one {@link AddBackupMxArguments}. */
export const ADD_BACKUP_MX_COMMAND = 'zoneSentinel.addBackupMx';

export interface TestSmtpArguments {
	readonly uri: string;
	/** Absolute owner name whose MX set is tested, e.g. `example.com.`. */
	readonly owner: string;
}

/** An LSP `TextEdit` (zero-based lines and UTF-16 characters), spelled out: this folder imports nothing. */
export interface ProtocolTextEdit {
	readonly range: {
		readonly start: { readonly line: number; readonly character: number };
		readonly end: { readonly line: number; readonly character: number };
	};
	readonly newText: string;
}

export interface AddBackupMxArguments {
	readonly uri: string;
	/** The document version the edits were computed for; the client refuses to apply them to another. */
	readonly version: number;
	/** Edits of `uri` whose new text contains `placeholder`. */
	readonly edits: readonly ProtocolTextEdit[];
	/** The text to replace with the host the user types, e.g. `backup-mx.invalid.`. */
	readonly placeholder: string;
}
