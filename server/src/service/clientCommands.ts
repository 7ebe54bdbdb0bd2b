/**
 * Commands that run in the client, not in the server: the language server only names them in code
 * lenses and code actions. The VS Code client (client/src/extension.ts) registers them and says so
 * in its `initializationOptions`; other editors never receive them, because a lens or an action
 * naming a command the editor does not have is a button that does nothing.
 */
import type { TextEdit } from 'vscode-languageserver-types';

/** Talks SMTP to the mail exchangers of an owner. Arguments: one {@link TestSmtpArguments}. */
export const TEST_SMTP_COMMAND = 'zoneSentinel.testSmtp';

/** Asks for a backup host and applies an "Add backup MX record" edit. Arguments: one {@link AddBackupMxArguments}. */
export const ADD_BACKUP_MX_COMMAND = 'zoneSentinel.addBackupMx';

export interface TestSmtpArguments {
	readonly uri: string;
	/** Absolute owner name whose MX set is tested, e.g. `example.com.`. */
	readonly owner: string;
}

export interface AddBackupMxArguments {
	readonly uri: string;
	/** The document version the edits were computed for; the client refuses to apply them to another. */
	readonly version: number;
	/** Edits of `uri` whose new text contains `placeholder`. */
	readonly edits: readonly TextEdit[];
	/** The text to replace with the host the user types, e.g. `backup-mx.invalid.`. */
	readonly placeholder: string;
}

/** What the connected client can do beyond plain LSP, from its `initializationOptions`. */
export interface ClientFeatures {
	/** The client has {@link ADD_BACKUP_MX_COMMAND}: it can ask the user for a host name. */
	readonly askForHost: boolean;
	/** The client has {@link TEST_SMTP_COMMAND}. */
	readonly testSmtp: boolean;
}

export const PLAIN_LSP_CLIENT: ClientFeatures = Object.freeze({ askForHost: false, testSmtp: false });

/**
 * Reads `{ supportsAskForHost: true, supportsTestSmtp: true }` from `initializationOptions`.
 * The client's name is not enough: any other extension or editor built on VS Code reports the
 * same name without having registered our commands.
 */
export function clientFeaturesOf(initializationOptions: unknown): ClientFeatures {
	if (typeof initializationOptions !== 'object' || initializationOptions === null) return PLAIN_LSP_CLIENT;
	const options = initializationOptions as Record<string, unknown>;
	return Object.freeze({ askForHost: options.supportsAskForHost === true, testSmtp: options.supportsTestSmtp === true });
}
