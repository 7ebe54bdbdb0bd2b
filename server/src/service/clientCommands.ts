/**
 * Commands that run in the client, not in the server: the language server only names them in code
 * lenses and code actions. Their names and arguments are the protocol's (protocol/src/commands.ts);
 * this module reads which of them the client has from its `initializationOptions`.
 */
import {
	ADD_BACKUP_MX_COMMAND,
	RUN_FAILOVER_DRILL_COMMAND,
	TEST_SMTP_COMMAND,
	type InitializationOptions,
} from '../../../protocol/src/index';

export { ADD_BACKUP_MX_COMMAND, RUN_FAILOVER_DRILL_COMMAND, TEST_SMTP_COMMAND };
export type { AddBackupMxArguments, TestSmtpArguments } from '../../../protocol/src/index';

/** What the connected client can do beyond plain LSP, from its `initializationOptions`. */
export interface ClientFeatures {
	/** The client has {@link ADD_BACKUP_MX_COMMAND}: it can ask the user for a host name. */
	readonly askForHost: boolean;
	/** The client has {@link TEST_SMTP_COMMAND}. */
	readonly testSmtp: boolean;
	/** The client has {@link RUN_FAILOVER_DRILL_COMMAND}; absent: it has not. */
	readonly failoverDrill?: boolean;
}

export const PLAIN_LSP_CLIENT: ClientFeatures = Object.freeze({ askForHost: false, testSmtp: false });

/**
 * Reads `{ supportsAskForHost: true, supportsTestSmtp: true }` from `initializationOptions`.
 * The client's name is not enough: any other extension or editor built on VS Code reports the
 * same name without having registered our commands.
 */
export function clientFeaturesOf(initializationOptions: unknown): ClientFeatures {
	if (typeof initializationOptions !== 'object' || initializationOptions === null) return PLAIN_LSP_CLIENT;
	const options = initializationOptions as Record<keyof InitializationOptions, unknown>;
	return Object.freeze({
		askForHost: options.supportsAskForHost === true,
		testSmtp: options.supportsTestSmtp === true,
		failoverDrill: options.supportsFailoverDrill === true,
	});
}
