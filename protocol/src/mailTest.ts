/**
 * The contract of the `zoneSentinel/testMailExchangers` request and its transcript notification,
 * shared by the language server (server/src/handlers/mailTest.ts) and the VS Code client
 * (client/src/mailTest.ts). Plain types and names only: this folder imports nothing.
 */

export const TEST_MAIL_EXCHANGERS_METHOD = 'zoneSentinel/testMailExchangers';
export const SMTP_TRANSCRIPT_METHOD = 'zoneSentinel/smtpTranscript';

export interface TestMailExchangersParams {
	readonly uri: string;
	/** Absolute owner whose MX set to test, e.g. `example.com.`; absent: every owner with MX, else the apex. */
	readonly owner?: string;
	/** Chosen by the client; echoed in every transcript notification of this test. */
	readonly testId?: string;
	/** Send a real test message through each accepting exchanger. Only after the user confirmed. */
	readonly send?: boolean;
}

export interface TestMailExchangersResult {
	/** False when a problem was found, or the test could not run (`error`). */
	readonly ok: boolean;
	/** Why nothing was tested, e.g. no MX records; absent when the test ran. */
	readonly error?: string;
	/** The summary sentence of each domain, for a notification. */
	readonly summaries: readonly string[];
	/** How many exchangers accepted the recipient (so a test message could be sent through them). */
	readonly accepting: number;
	readonly markdown: string;
	readonly text: string;
	/** The `smtp-test --format json` document. */
	readonly report: unknown;
}

export interface SmtpTranscriptParams {
	readonly testId: string;
	/** A formatted transcript line, e.g. `…Z mx1.example.com. [127.0.0.1:2525] S: 220 mx1 ESMTP`. */
	readonly line?: string;
	/** A progress message, e.g. `mx2.example.net. (2 of 3)`. */
	readonly progress?: string;
}

/** Which drills a document allows: its mail domains with a backup, each backup in delivery order. */
export const FAILOVER_DRILL_PLAN_METHOD = 'zoneSentinel/failoverDrillPlan';
/** Runs one failover drill (smtp/src/drill.ts); transcript lines come as {@link SMTP_TRANSCRIPT_METHOD}. */
export const RUN_FAILOVER_DRILL_METHOD = 'zoneSentinel/runFailoverDrill';

export interface FailoverDrillPlanParams {
	readonly uri: string;
	/** Absolute owner, e.g. `example.com.`; absent: every owner with MX, else the apex. */
	readonly owner?: string;
}

export interface DrillBackup {
	/** Absolute host name, e.g. `mx2.example.com.` */
	readonly exchange: string;
	readonly preference: number;
	/** Where the message goes instead of the host's own addresses (`zoneSentinel.smtp.hostOverrides`), e.g. `127.0.0.1:2526`. */
	readonly override?: string;
}

export interface DrillDomain {
	/** Absolute, e.g. `example.com.` */
	readonly domain: string;
	/** The primary, which a drill treats as down and never contacts. */
	readonly primary: string;
	/** The backups in delivery order (never empty). */
	readonly backups: readonly DrillBackup[];
	/** MAIL FROM and RCPT TO from the settings, `{domain}` replaced. */
	readonly sender: string;
	readonly recipient: string;
}

export interface FailoverDrillPlanResult {
	/** Why no drill can run, e.g. no backup. */
	readonly error?: string;
	readonly domains: readonly DrillDomain[];
}

export interface RunFailoverDrillParams {
	readonly uri: string;
	/** The domain to drill, from {@link DrillDomain.domain}. */
	readonly domain: string;
	readonly testId?: string;
	/** `imap://user@host:port/INBOX` or `pop3://user@host:port` (imaps:, pop3s:); never holds a password. */
	readonly mailbox: string;
	/** The mailbox password: used for the login only, never logged nor reported. */
	readonly password: string;
	/** The backup to send through; absent: the first one in delivery order. */
	readonly via?: string;
	/** Override the settings' MAIL FROM / RCPT TO for this drill. */
	readonly sender?: string;
	readonly recipient?: string;
}

export interface RunFailoverDrillResult {
	/** `delivered` | `queued` | `rejected` | `failed`; absent when the drill could not start (`error`). */
	readonly verdict?: 'delivered' | 'queued' | 'rejected' | 'failed';
	readonly error?: string;
	/** The mailbox refused the login: a stored password is wrong. */
	readonly loginRefused: boolean;
	readonly cancelled: boolean;
	readonly summary: string;
	readonly markdown: string;
	readonly text: string;
	/** The `smtp-test --drill --format json` document. */
	readonly report: unknown;
}
