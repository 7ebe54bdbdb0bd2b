/**
 * The `zoneSentinel/testMailExchangers` request: the editor asks, the server runs the SMTP test of
 * a document's mail domains (server/src/smtp/) and answers with the report. Transcript lines and
 * progress go to the client as `zoneSentinel/smtpTranscript` notifications while the test runs;
 * cancelling the request closes the open connection and skips the rest.
 *
 * The VS Code client duplicates these few types in client/src/mailTest.ts (it may not import
 * server code); keep the two in step.
 */
import { CancellationToken, Connection, NotificationType, RequestType } from 'vscode-languageserver';
import type { ZoneAnalysis } from './analysis';
import { formatError, runSafe } from './runSafe';
import { runMailTests } from './smtp/mxTest';
import { parseSmtpSettings } from './smtp/options';
import { planMailTests } from './smtp/plan';
import { formatMarkdown, formatText, formatTranscriptLine, toJson } from './smtp/report';

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

export const TestMailExchangersRequest = new RequestType<TestMailExchangersParams, TestMailExchangersResult, void>('zoneSentinel/testMailExchangers');
export const SmtpTranscriptNotification = new NotificationType<SmtpTranscriptParams>('zoneSentinel/smtpTranscript');

export interface MailTestDependencies {
	readonly log: (message: string) => void;
	/** The shared analysis of the open document's current version; `undefined` when it is not open. */
	readonly analysisOf: (uri: string) => Promise<ZoneAnalysis | undefined>;
	/** The raw `zoneSentinel` settings section for the document (its `smtp` object is read). */
	readonly configuration: (uri: string) => Promise<unknown>;
}

const failed = (error: string): TestMailExchangersResult => ({ ok: false, error, summaries: [error], accepting: 0, markdown: `# Mail exchanger test\n\n${error}\n`, text: error, report: null });

export function registerMailTestRequest(connection: Connection, deps: MailTestDependencies): void {
	connection.onRequest(TestMailExchangersRequest, (params, token) =>
		runSafe(deps.log, () => testMailExchangers(connection, deps, params, token), failed('The test failed; see the Zone Sentinel log.'), 'Error while testing mail exchangers', token),
	);
}

async function testMailExchangers(connection: Connection, deps: MailTestDependencies, params: TestMailExchangersParams, token: CancellationToken): Promise<TestMailExchangersResult> {
	const analysis = await deps.analysisOf(params.uri);
	if (!analysis) return failed('Open the zone file first: only open documents can be tested.');
	const plans = planMailTests(analysis.model, params.owner);
	if (typeof plans === 'string') return failed(plans);

	const section = await deps.configuration(params.uri).catch((error: unknown) => {
		deps.log(formatError('Could not read the zoneSentinel.smtp settings; using defaults', error));
		return undefined;
	});
	const raw = typeof section === 'object' && section !== null ? (section as Record<string, unknown>).smtp : undefined;
	const { options, problems } = parseSmtpSettings(raw);
	problems.forEach((problem) => deps.log(problem));

	const testId = params.testId ?? '';
	const notify = (message: Omit<SmtpTranscriptParams, 'testId'>): void => {
		connection.sendNotification(SmtpTranscriptNotification, { testId, ...message }).catch(() => undefined);
	};
	const controller = new AbortController();
	const subscription = token.onCancellationRequested(() => controller.abort());
	try {
		const result = await runMailTests(plans, { ...options, send: params.send === true }, {
			signal: controller.signal,
			onTranscript: (line) => notify({ line: formatTranscriptLine(line) }),
			onProgress: (progress) => notify({ progress }),
		});
		const file = fileNameOf(params.uri);
		return {
			ok: result.ok,
			summaries: result.domains.map((domain) => domain.summary),
			accepting: result.domains.reduce((sum, domain) => sum + domain.exchangers.filter((x) => x.verdict === 'accepts').length, 0),
			markdown: formatMarkdown(result, `Mail exchanger test of ${file}`),
			text: formatText(result),
			report: toJson(result, params.uri),
		};
	} finally {
		subscription.dispose();
	}
}

/** The last path segment of a URI, decoded when possible, for the report's title. */
function fileNameOf(uri: string): string {
	const last = uri.replace(/[?#].*$/, '').slice(uri.lastIndexOf('/') + 1);
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}
