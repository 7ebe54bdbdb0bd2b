/**
 * "Zone Sentinel: Test Mail Exchangers" (palette) and the "Test SMTP" code lens. The SMTP test
 * runs in the language server (request `zoneSentinel/testMailExchangers`); this side only asks
 * for consent, shows progress with a Cancel button, streams the transcript into the
 * "Zone Sentinel: SMTP" output channel, and shows the report rendered (the Markdown preview of a
 * read-only document, which never asks to be saved) and a notification.
 */
import {
	type CancellationToken,
	commands,
	Disposable,
	EventEmitter,
	type OutputChannel,
	ProgressLocation,
	type TextDocumentContentProvider,
	Uri,
	ViewColumn,
	window,
	workspace,
} from 'vscode';
import { type LanguageClient, NotificationType, RequestType } from 'vscode-languageclient/node';

import {
	SMTP_TRANSCRIPT_METHOD,
	type SmtpTranscriptParams,
	TEST_MAIL_EXCHANGERS_METHOD,
	TEST_SMTP_COMMAND,
	type TestMailExchangersParams,
	type TestMailExchangersResult,
	type TestSmtpArguments,
} from '../../protocol/src/index';

const TestMailExchangersRequest = new RequestType<TestMailExchangersParams, TestMailExchangersResult, void>(TEST_MAIL_EXCHANGERS_METHOD);
const SmtpTranscriptNotification = new NotificationType<SmtpTranscriptParams>(SMTP_TRANSCRIPT_METHOD);

/** Arguments of the "Test SMTP" lens; the palette passes none. */
type TestArguments = Partial<TestSmtpArguments>;

type TranscriptListener = (params: SmtpTranscriptParams) => void;

/** What the SMTP commands share: the transcript channel and the listeners of the tests under way. */
export interface MailTestUi extends Disposable {
	readonly client: LanguageClient;
	readonly output: OutputChannel;
	readonly listeners: Map<string, TranscriptListener>;
}

/** The transcript channel, its notification listener and the report documents; dispose to remove them. */
export function createMailTestUi(client: LanguageClient): MailTestUi {
	const output = window.createOutputChannel('Zone Sentinel: SMTP');
	const listeners = new Map<string, TranscriptListener>();
	const disposable = Disposable.from(
		output,
		reports,
		workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
		client.onNotification(SmtpTranscriptNotification, (params) => listeners.get(params.testId)?.(params)),
	);
	return {
		client,
		output,
		listeners,
		dispose: (): void => {
			disposable.dispose();
		},
	};
}

/** Registers "Test Mail Exchangers" (palette) and the "Test SMTP" lens command; dispose to remove them. */
export function registerMailTestCommands(ui: MailTestUi): Disposable {
	const run = (args?: TestArguments): Promise<void> => testMailExchangers(ui, args);
	return Disposable.from(
		commands.registerCommand('zoneSentinel.testMailExchangers', run),
		commands.registerCommand(TEST_SMTP_COMMAND, run),
	);
}

let nextTestId = 1;

/** The zone file a command works on: the lens's, else the active editor's when it is a zone file. */
export function zoneUriOf(args: TestArguments | undefined): string | undefined {
	const editor = window.activeTextEditor;
	return args?.uri ?? (editor?.document.languageId === 'dns-zone' ? editor.document.uri.toString() : undefined);
}

async function testMailExchangers(ui: MailTestUi, args: TestArguments | undefined): Promise<void> {
	const { output } = ui;
	const uri = zoneUriOf(args);
	if (uri === undefined) {
		void window.showWarningMessage('Open a DNS zone file to test its mail exchangers.');
		return;
	}
	// A zone from an untrusted folder could point us at any host: connect only when the user agrees.
	if (!workspace.isTrusted) {
		const choice = await window.showWarningMessage(
			'This workspace is not trusted. Testing its mail exchangers opens SMTP connections to the hosts this zone file names. Connect anyway?',
			{ modal: true },
			'Connect',
		);
		if (choice !== 'Connect') return;
	}
	const result = await runTest(ui, { uri, owner: args?.owner, send: false });
	if (!result) return;
	if (result.error !== undefined) {
		void window.showWarningMessage(`Zone Sentinel: ${result.error}`);
		return;
	}
	await showReport(result.markdown, 'SMTP test');
	const actions = ['Show Transcript', ...(result.accepting > 0 ? ['Send Test Message…'] : [])];
	const summary = result.summaries.join(' ');
	const choice = await (result.ok ? window.showInformationMessage(summary, ...actions) : window.showWarningMessage(summary, ...actions));
	if (choice === 'Show Transcript') output.show(true);
	if (choice !== 'Send Test Message…') return;

	// A real message reaches a real mailbox: ask once more, in a modal that names the recipient.
	const recipients = recipientsOf(result.report);
	const confirm = await window.showWarningMessage(
		'Send a real test message?',
		{
			modal: true,
			detail: `Zone Sentinel will send one message to ${recipients || 'the test recipient'} through each of the ${result.accepting} mail exchanger(s) that accepted it. Someone will receive ${result.accepting === 1 ? 'it' : 'them'}.`,
		},
		'Send',
	);
	if (confirm !== 'Send') return;
	const sent = await runTest(ui, { uri, owner: args?.owner, send: true });
	if (!sent) return;
	await showReport(sent.markdown, 'SMTP test');
	const message = sent.summaries.join(' ');
	void (sent.ok ? window.showInformationMessage(message, 'Show Transcript') : window.showWarningMessage(message, 'Show Transcript')).then(
		(c) => {
			if (c) output.show(true);
		},
	);
}

function runTest(ui: MailTestUi, params: TestMailExchangersParams): Thenable<TestMailExchangersResult | undefined> {
	const title = `Testing mail exchangers${params.owner ? ` of ${params.owner}` : ''}${params.send ? ' and sending a test message' : ''}`;
	const messages = { cancelled: 'Mail exchanger test cancelled.', failed: 'Zone Sentinel could not test the mail exchangers' };
	return withTranscript(ui, title, params.uri, messages, (testId, token) =>
		ui.client.sendRequest(TestMailExchangersRequest, { ...params, testId }, token),
	);
}

/**
 * Runs one server request of an SMTP command with a cancellable progress notification, its transcript
 * lines streamed into the output channel; `undefined` when cancelled or failed (both said in a notification).
 */
export function withTranscript<R>(
	ui: MailTestUi,
	title: string,
	uri: string,
	messages: { readonly cancelled: string; readonly failed: string },
	send: (testId: string, token: CancellationToken) => Promise<R>,
): Thenable<R | undefined> {
	const { output, listeners } = ui;
	const testId = String(nextTestId++);
	return window.withProgress(
		{ location: ProgressLocation.Notification, title, cancellable: true },
		async (progress, token: CancellationToken) => {
			listeners.set(testId, (event) => {
				if (event.line !== undefined) output.appendLine(event.line);
				if (event.progress !== undefined) progress.report({ message: event.progress });
			});
			output.appendLine(`--- ${new Date().toISOString()} ${title}: ${uri}`);
			try {
				return await send(testId, token);
			} catch (error) {
				if (token.isCancellationRequested) {
					output.appendLine('--- cancelled');
					void window.showInformationMessage(messages.cancelled);
				} else {
					void window.showErrorMessage(`${messages.failed}: ${error instanceof Error ? error.message : String(error)}`);
				}
				return undefined;
			} finally {
				listeners.delete(testId);
			}
		},
	);
}

/** The scheme of the read-only report documents: `zone-sentinel-report:/SMTP test 1.md`. */
const REPORT_SCHEME = 'zone-sentinel-report';

/** The reports of this session, served as read-only documents (the latest ones; older ones are dropped). */
class ReportDocuments implements TextDocumentContentProvider {
	static readonly KEPT = 20;
	readonly #texts = new Map<string, string>();
	readonly #changed = new EventEmitter<Uri>();
	readonly onDidChange = this.#changed.event;
	#count = 0;

	add(markdown: string, title: string): Uri {
		const uri = Uri.from({ scheme: REPORT_SCHEME, path: `/${title} ${++this.#count}.md` });
		this.#texts.set(uri.toString(), markdown);
		if (this.#texts.size > ReportDocuments.KEPT) this.#texts.delete(this.#texts.keys().next().value!);
		return uri;
	}

	provideTextDocumentContent(uri: Uri): string {
		return this.#texts.get(uri.toString()) ?? 'This report is no longer kept: run the test again.';
	}

	dispose(): void {
		this.#changed.dispose();
	}
}

const reports = new ReportDocuments();

/** Shows the report rendered beside the zone file; as Markdown source when the preview is not available (markdown extension disabled). */
export async function showReport(markdown: string, title: string): Promise<void> {
	const uri = reports.add(markdown, title);
	try {
		await commands.executeCommand('markdown.showPreviewToSide', uri);
	} catch {
		const document = await workspace.openTextDocument(uri);
		await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preview: true, preserveFocus: true });
	}
}

/** The distinct RCPT TO addresses of the JSON report, e.g. `postmaster@example.com`. */
function recipientsOf(report: unknown): string {
	const domains = (report as { domains?: { recipient?: unknown }[] } | null)?.domains ?? [];
	return [...new Set(domains.map((domain) => domain.recipient).filter((r): r is string => typeof r === 'string'))].join(', ');
}
