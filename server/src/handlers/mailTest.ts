/**
 * The `zoneSentinel/testMailExchangers` request: the editor asks, the server runs the SMTP test of
 * a document's mail domains (smtp/src/) and answers with the report. Transcript lines and
 * progress go to the client as `zoneSentinel/smtpTranscript` notifications while the test runs;
 * cancelling the request closes the open connection and skips the rest.
 *
 * The request's types and names live in protocol/src/mailTest.ts, shared with the VS Code client.
 * It takes the one request path (documentRequest.ts): a test asked about a version that was
 * replaced before its analysis was ready gets `ContentModified`, as every document request does.
 */
import { type CancellationToken, type Connection, NotificationType, RequestType } from 'vscode-languageserver';
import {
	SMTP_TRANSCRIPT_METHOD,
	type SmtpTranscriptParams,
	TEST_MAIL_EXCHANGERS_METHOD,
	type TestMailExchangersParams,
	type TestMailExchangersResult,
} from '../../../protocol/src/index';
import type { ZoneAnalysis } from '../../../core/src/index';
import { documentRequest } from '../documentRequest';
import { formatError } from '../runSafe';
import type { ServerState } from '../serverState';
import { fileNameOf } from '../service/fileNames';
import {
	formatMarkdown,
	formatText,
	formatTranscriptLine,
	type MailTestHooks,
	parseSmtpSettings,
	planMailTests,
	runMailTests,
	toJson,
} from '../../../smtp/src/index';

export type { SmtpTranscriptParams, TestMailExchangersParams, TestMailExchangersResult };

export const TestMailExchangersRequest = new RequestType<TestMailExchangersParams, TestMailExchangersResult, void>(
	TEST_MAIL_EXCHANGERS_METHOD,
);
export const SmtpTranscriptNotification = new NotificationType<SmtpTranscriptParams>(SMTP_TRANSCRIPT_METHOD);

interface MailTestDependencies {
	readonly log: (message: string) => void;
	/** The raw `zoneSentinel` settings section for the document (its `smtp` object is read). */
	readonly configuration: (uri: string) => Promise<unknown>;
}

const failed = (error: string): TestMailExchangersResult => ({
	ok: false,
	error,
	summaries: [error],
	accepting: 0,
	markdown: `# Mail exchanger test\n\n${error}\n`,
	text: error,
	report: null,
});

const NOT_OPEN = failed('Open the zone file first: only open documents can be tested.');
const FAILED = failed('The test failed; see the Zone Sentinel log.');

export function registerMailTestRequest(state: ServerState): void {
	const { connection } = state;
	const deps: MailTestDependencies = { log: state.log, configuration: (uri) => state.settings.raw(uri) };
	connection.onRequest(TestMailExchangersRequest, (params, token) =>
		documentRequest<TestMailExchangersResult>(state, params?.uri, token, {
			errorMessage: 'Error while testing mail exchangers',
			compute: (_document, analysis) => testMailExchangers(connection, deps, analysis, params, token),
			empty: NOT_OPEN,
			failed: FAILED,
		}),
	);
}

async function testMailExchangers(
	connection: Connection,
	deps: MailTestDependencies,
	analysis: ZoneAnalysis,
	params: TestMailExchangersParams,
	token: CancellationToken,
): Promise<TestMailExchangersResult> {
	const plans = planMailTests(analysis.model, params.owner);
	if (typeof plans === 'string') return failed(plans);

	const section = await deps.configuration(params.uri).catch((error: unknown) => {
		deps.log(formatError('Could not read the zoneSentinel.smtp settings; using defaults', error));
		return undefined;
	});
	const raw = typeof section === 'object' && section !== null ? (section as Record<string, unknown>).smtp : undefined;
	const { options, problems } = parseSmtpSettings(raw);
	problems.forEach((problem) => deps.log(problem));

	const run = streamedRun(connection, params.testId, token);
	try {
		const result = await runMailTests(plans, { ...options, send: params.send === true }, run.hooks);
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
		run.dispose();
	}
}

/**
 * The hooks of an SMTP run that a request starts: its transcript lines and progress go to the client
 * tagged with the request's `testId`, and cancelling the request aborts the run.
 */
export function streamedRun(
	connection: Connection,
	testId: string | undefined,
	token: CancellationToken,
): { readonly hooks: MailTestHooks; dispose(): void } {
	const notify = (message: Omit<SmtpTranscriptParams, 'testId'>): void => {
		connection.sendNotification(SmtpTranscriptNotification, { testId: testId ?? '', ...message }).catch(() => undefined);
	};
	const controller = new AbortController();
	const subscription = token.onCancellationRequested(() => controller.abort());
	return {
		hooks: {
			signal: controller.signal,
			onTranscript: (line) => notify({ line: formatTranscriptLine(line) }),
			onProgress: (progress) => notify({ progress }),
		},
		dispose: () => subscription.dispose(),
	};
}
