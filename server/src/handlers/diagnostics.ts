/**
 * Diagnostics, served both ways, chosen by the client's capabilities: pull
 * (`textDocument/diagnostic`, VS Code) when the client has `textDocument.diagnostic`, else push
 * (`textDocument/publishDiagnostics`, once the queued edits are read) for editors without pull support. Also what
 * follows from documents changing and closing.
 */
import {
	CodeLensRefreshRequest,
	type DocumentDiagnosticReport,
	DocumentDiagnosticReportKind,
	type DiagnosticServerCancellationData,
	LSPErrorCodes,
	ResponseError,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentRequest } from '../documentRequest';
import { formatError, safeHandler } from '../runSafe';
import type { ServerState } from '../serverState';

/**
 * Runs `task` once the connection has handled the messages it has already read. vscode-jsonrpc
 * handles one queued message per `setImmediate`, scheduled after the current handler returns, so a
 * second hop lands behind the next queued message: a burst of didChange read together gives one
 * analysis, of the last version, and nothing waits when no other message is queued.
 */
function afterQueuedMessages(task: () => void): { cancel(): void } {
	let immediate = setImmediate(() => {
		immediate = setImmediate(task);
	});
	return { cancel: () => clearImmediate(immediate) };
}

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

export interface DiagnosticsHandle {
	/**
	 * Something besides the text changed (settings, folders, trust, an included file): have the open
	 * documents re-validated, all of them or those named by `uris`.
	 */
	readonly changed: (uris?: readonly string[]) => void;
}

export function registerDiagnostics(state: ServerState): DiagnosticsHandle {
	const { connection, documents, log, service } = state;
	const pendingPushes = new Map<string, { cancel(): void }>();

	// Pull model: the client asks when it wants diagnostics, so no debounce is needed here. A pull
	// about a replaced version asks the client to pull again (VS Code does), instead of analysing it.
	connection.languages.diagnostics.on((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<DocumentDiagnosticReport, DiagnosticServerCancellationData>(state, uri, token, {
			errorMessage: `Error while computing diagnostics for ${String(uri)}`,
			compute: (document, zone) => ({ kind: DocumentDiagnosticReportKind.Full, items: service.validate(document, zone) }),
			empty: EMPTY_REPORT,
			stale: () =>
				new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; pull its diagnostics again.', { retriggerRequest: true }),
		});
	});

	// Push model: validate once the queued changes are applied, and drop results for versions already replaced.
	function schedulePush(document: TextDocument): void {
		cancelPush(document.uri);
		const { uri, version } = document;
		pendingPushes.set(
			uri,
			afterQueuedMessages(
				safeHandler(log, `Error while publishing diagnostics for ${uri}`, async () => {
					pendingPushes.delete(uri);
					const settings = await state.settings.get(uri);
					const current = documents.get(uri);
					if (!current || current.version !== version) return;
					// Made in slices: requests are answered meanwhile; a newer version drops it (and pushes its own).
					const zone = await state.analysisOfAsync(current, settings);
					if (zone === undefined || documents.get(uri) !== current || current.version !== version) return;
					await connection.sendDiagnostics({ uri, version, diagnostics: service.validate(current, zone) });
				}),
			),
		);
	}

	function cancelPush(uri: string): void {
		pendingPushes.get(uri)?.cancel();
		pendingPushes.delete(uri);
	}

	function changed(uris?: readonly string[]): void {
		// Lens titles count networks with the configured prefix lengths, so they change with the settings too.
		if (state.client.codeLensRefresh) {
			connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => log(formatError('Code lens refresh failed', error)));
		}
		// Inlay hints follow their settings and the zone (an MX rank changes with the owner's other MX).
		if (state.client.inlayHintRefresh) {
			connection.languages.inlayHint.refresh().catch((error: unknown) => log(formatError('Inlay hint refresh failed', error)));
		}
		if (!state.client.pullDiagnostics) {
			const documentsToPush = uris === undefined ? documents.all() : uris.flatMap((uri) => documents.get(uri) ?? []);
			documentsToPush.forEach(schedulePush);
		} else if (state.client.diagnosticsRefresh) {
			connection.languages.diagnostics.refresh().catch((error: unknown) => log(formatError('Diagnostics refresh failed', error)));
		}
	}

	documents.onDidChangeContent(
		safeHandler(log, 'Error while handling a document change', (change) => {
			if (!state.client.pullDiagnostics) schedulePush(change.document);
		}),
	);

	documents.onDidClose(
		safeHandler(log, 'Error while closing a document', async (event) => {
			const { uri } = event.document;
			cancelPush(uri);
			state.forget(uri);
			// Pull clients clear closed documents themselves; push clients need an empty list.
			if (!state.client.pullDiagnostics) await connection.sendDiagnostics({ uri, diagnostics: [] });
		}),
	);

	connection.onShutdown(
		safeHandler(log, 'Error while shutting down', () => {
			for (const uri of [...pendingPushes.keys()]) cancelPush(uri);
		}),
	);

	return { changed };
}
