/**
 * What the client tells the server when it starts (`initializationOptions`), and the
 * `zoneSentinel/trustChanged` notification that updates the trust later. Imports nothing.
 */

export interface InitializationOptions {
	/** The client has `zoneSentinel.addBackupMx` (ADD_BACKUP_MX_COMMAND): it can ask the user for a host name. */
	readonly supportsAskForHost?: boolean;
	/** The client has `zoneSentinel.testSmtp` (TEST_SMTP_COMMAND). */
	readonly supportsTestSmtp?: boolean;
	/** The client has `zoneSentinel.runFailoverDrill` (RUN_FAILOVER_DRILL_COMMAND). */
	readonly supportsFailoverDrill?: boolean;
	/**
	 * `false` in an untrusted workspace: the server then never reads `$INCLUDE`d files. Clients that
	 * do not say are trusted, as editors without workspace trust are.
	 */
	readonly workspaceTrusted?: boolean;
}

/** The client's workspace became trusted (or not). Params: {@link TrustChangedParams}. */
export const TRUST_CHANGED_METHOD = 'zoneSentinel/trustChanged';

export interface TrustChangedParams {
	readonly trusted: boolean;
}
