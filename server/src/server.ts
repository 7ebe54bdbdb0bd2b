/**
 * The LSP glue: the capabilities, and the table of handlers. It only wires requests to the
 * language service; no zone-file knowledge lives here.
 *
 * - handlers/diagnostics.ts: diagnostics, pulled or pushed; documents changing and closing
 * - handlers/documentFeatures.ts: hover, code lenses, code actions
 * - handlers/navigation.ts: Outline, folding, selection ranges, definition, references, highlights, links, rename
 * - handlers/editingAids.ts: completion, inlay hints, workspace symbols
 * - handlers/semanticTokens.ts, handlers/zoneSummary.ts, handlers/mailTest.ts
 * - handlers/configuration.ts: settings, workspace folders, workspace trust
 * - handlers/watchedFiles.ts: watching the files zones include and the workspace's zone files
 * - handlers/workspaceIndex.ts: the workspace's zone files, indexed in the background (sibling zones, fragments)
 *
 * They share one {@link ServerState} (documents, analyses, settings, workspace), and every request
 * about a document takes the one path of documentRequest.ts, with its one staleness rule.
 */
import { CodeActionKind, type Connection, type InitializeParams, type InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';
import { INCREMENT_SERIAL_COMMAND, SERVER_NAME } from '../../protocol/src/index';
import { registerConfigFiles } from './handlers/configFile';
import { registerConfiguration, trustOf } from './handlers/configuration';
import { registerWillSaveRegistration } from './handlers/willSaveRegistration';
import { type DiagnosticsHandle, registerDiagnostics } from './handlers/diagnostics';
import { registerDocumentFeatures } from './handlers/documentFeatures';
import { registerEditingAids } from './handlers/editingAids';
import { registerFailoverDrillRequests } from './handlers/failoverDrill';
import { registerMailTestRequest } from './handlers/mailTest';
import { registerNavigation } from './handlers/navigation';
import { registerSemanticTokens } from './handlers/semanticTokens';
import { registerWatchedFiles } from './handlers/watchedFiles';
import { registerWorkspaceIndex } from './handlers/workspaceIndex';
import { registerZoneSummary } from './handlers/zoneSummary';
import { runSafe } from './runSafe';
import { clientFeaturesOf } from './service/clientCommands';
import { COMPLETION_TRIGGER_CHARACTERS } from './service/completion';
import { SEMANTIC_TOKENS_LEGEND } from './service/semanticTokens';
import { INCREMENT_SERIAL_KIND } from './service/serial';
import { ServerState } from './serverState';

export { SETTLE_MS } from './documentRequest';
export { TRUST_CHANGED_NOTIFICATION } from './handlers/configuration';

/** Registers every handler on `connection` and starts listening; the state is returned for tests that look inside. */
export function startServer(connection: Connection): ServerState {
	const state = new ServerState(connection);

	connection.onInitialize((params, token) =>
		runSafe(state.log, () => initialize(state, params), { capabilities: {} }, 'Error while initializing the Zone Sentinel server', token),
	);

	// The handler table: one module per request family.
	const diagnostics = registerDiagnostics(state);
	const workspaceIndex = registerWorkspaceIndex(state, diagnostics);
	// Settings (the client's or a configuration file's) decide whether saves are to be intercepted too.
	const willSave = registerWillSaveRegistration(state);
	const settingsMayHaveChanged: DiagnosticsHandle = {
		changed: (uris) => {
			diagnostics.changed(uris);
			willSave.update();
		},
	};
	registerConfiguration(state, settingsMayHaveChanged.changed, workspaceIndex.rebuild);
	registerConfigFiles(state);
	registerWatchedFiles(state, settingsMayHaveChanged, workspaceIndex.filesChanged);
	// A fragment open beside the zone that includes it is read in that zone's state: when the zone changes, so may it.
	state.onContextChanged = diagnostics.changed;
	registerDocumentFeatures(state);
	registerNavigation(state);
	registerEditingAids(state);
	registerSemanticTokens(state);
	registerZoneSummary(state);
	// "Test mail exchangers": the SMTP test runs in this process.
	registerMailTestRequest(state);
	registerFailoverDrillRequests(state);

	state.documents.listen(connection);
	connection.listen();
	return state;
}

/** Reads what the client can do and answers the server's capabilities. */
function initialize(state: ServerState, params: InitializeParams): InitializeResult {
	const capabilities = params.capabilities;
	state.client = {
		pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
		diagnosticsRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
		configuration: capabilities.workspace?.configuration === true,
		workspaceFolders: capabilities.workspace?.workspaceFolders === true,
		codeLensRefresh: capabilities.workspace?.codeLens?.refreshSupport === true,
		watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
		watchedFilesRelativePatterns: capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
		workDoneProgress: capabilities.window?.workDoneProgress === true,
		foldingRangeLimit: positiveInteger(capabilities.textDocument?.foldingRange?.rangeLimit),
		completionSnippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
		inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true,
		willSaveRegistration:
			capabilities.textDocument?.synchronization?.dynamicRegistration === true &&
			capabilities.textDocument.synchronization.willSaveWaitUntil === true,
	};
	state.workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
	state.clientFeatures = clientFeaturesOf(params.initializationOptions);
	state.workspaceTrusted = trustOf(params.initializationOptions);
	const result: InitializeResult = {
		capabilities: {
			// Registered later, only while wanted, when the client allows it (handlers/willSaveRegistration.ts).
			textDocumentSync: {
				openClose: true,
				change: TextDocumentSyncKind.Incremental,
				willSaveWaitUntil: !state.client.willSaveRegistration,
			},
			hoverProvider: true,
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, INCREMENT_SERIAL_KIND] },
			executeCommandProvider: { commands: [INCREMENT_SERIAL_COMMAND] },
			codeLensProvider: { resolveProvider: false },
			semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
			documentSymbolProvider: { label: 'Zone Sentinel' },
			foldingRangeProvider: true,
			selectionRangeProvider: true,
			definitionProvider: true,
			referencesProvider: true,
			documentHighlightProvider: true,
			documentLinkProvider: { resolveProvider: false },
			renameProvider: { prepareProvider: true },
			documentFormattingProvider: true,
			documentRangeFormattingProvider: true,
			completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
			inlayHintProvider: { resolveProvider: false },
			workspaceSymbolProvider: { resolveProvider: false },
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
		},
		serverInfo: { name: SERVER_NAME },
	};
	if (state.client.pullDiagnostics) {
		result.capabilities.diagnosticProvider = { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false };
	}
	return result;
}

function positiveInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
