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
