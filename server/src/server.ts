/**
 * The LSP glue: capabilities, the document store, the caches and the settings. It only wires
 * requests to the language service; no zone-file knowledge lives here.
 *
 * Diagnostics are served both ways, chosen by the client's capabilities: pull
 * (`textDocument/diagnostic`, VS Code) when the client has `textDocument.diagnostic`, else push
 * (`textDocument/publishDiagnostics`, debounced) for editors without pull support.
 */
import {
	CodeAction,
	CodeActionKind,
	CodeLens,
	CodeLensRefreshRequest,
	Connection,
	Diagnostic,
	DocumentDiagnosticReport,
	DocumentDiagnosticReportKind,
	InitializeParams,
	InitializeResult,
	TextDocuments,
	TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './documentCache';
import { createIncludeReader, includeRootFor } from './includeReader';
import { formatError, runSafe, safeHandler } from './runSafe';
import { ClientFeatures, clientFeaturesOf, PLAIN_LSP_CLIENT } from './service/clientCommands';
import { createLanguageService, ParsedZone } from './service/languageService';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_SECTION, ZoneSettings } from './settings';

/** Delay between the last edit and the pushed diagnostics, so typing does not trigger a run per key. */
export const PUSH_DEBOUNCE_MS = 200;

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/** Registers every handler on `connection` and starts listening. */
export function startServer(connection: Connection): void {
	const log = (message: string): void => {
		try {
			connection.console.error(message);
		} catch {
			// The connection is gone (e.g. a refresh request rejected during shutdown): nowhere to log to.
		}
	};
	const documents = new TextDocuments(TextDocument);
	const service = createLanguageService();
	const analyses = new DocumentCache<ParsedZone>();
	const settingsByUri = new Map<string, Promise<ZoneSettings>>();
	const pendingPushes = new Map<string, ReturnType<typeof setTimeout>>();

	let pullDiagnostics = false;
	let refreshSupport = false;
	let configurationSupport = false;
	let workspaceFoldersSupport = false;
	let workspaceFolders: string[] = [];
	let codeLensRefreshSupport = false;
	// Commands the client registered (VS Code: ask for a backup host, test SMTP); none for other editors.
	let clientFeatures: ClientFeatures = PLAIN_LSP_CLIENT;
	// Clients without `workspace/configuration` send their settings with didChangeConfiguration instead.
	let pushedSettings = DEFAULT_SETTINGS;

	connection.onInitialize((params, token) =>
		runSafe(log, () => initialize(params), { capabilities: {} }, 'Error while initializing the Zone Sentinel server', token),
	);

	function initialize(params: InitializeParams): InitializeResult {
		const capabilities = params.capabilities;
		pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
		refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
		configurationSupport = capabilities.workspace?.configuration === true;
		workspaceFoldersSupport = capabilities.workspace?.workspaceFolders === true;
		codeLensRefreshSupport = capabilities.workspace?.codeLens?.refreshSupport === true;
		workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
		clientFeatures = clientFeaturesOf(params.initializationOptions);
		const result: InitializeResult = {
			capabilities: {
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
				codeLensProvider: { resolveProvider: false },
				workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			},
			serverInfo: { name: 'zone-sentinel' },
		};
		if (pullDiagnostics) {
			result.capabilities.diagnosticProvider = { identifier: 'zone-sentinel', interFileDependencies: false, workspaceDiagnostics: false };
		}
		return result;
	}

	connection.onInitialized(
		safeHandler(log, 'Error after initialization', () => {
			if (!workspaceFoldersSupport) return;
			connection.workspace.onDidChangeWorkspaceFolders(
				safeHandler(log, 'Error while changing workspace folders', (event) => {
					const removed = new Set(event.removed.map((folder) => folder.uri));
					workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
					// Include roots may have moved; recompute on the next request.
					analyses.clear();
					diagnosticsChanged();
				}),
			);
		}),
	);

	// The VS Code client sends this because of `synchronize.configurationSection`; registering it
	// dynamically as well would make it send every change twice.
	connection.onDidChangeConfiguration(
		safeHandler(log, 'Error while changing settings', (params) => {
			settingsByUri.clear();
			if (!configurationSupport) pushedSettings = parseSettings(sectionOf(params.settings));
			diagnosticsChanged();
		}),
	);

	/** Settings for one document, pulled once and kept until the configuration changes or it closes. */
	function getSettings(uri: string): Promise<ZoneSettings> {
		if (!configurationSupport) return Promise.resolve(pushedSettings);
		let settings = settingsByUri.get(uri);
		if (!settings) {
			settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(parseSettings, (error: unknown) => {
				log(formatError(`Could not read the ${SETTINGS_SECTION} settings for ${uri}; using defaults`, error));
				return DEFAULT_SETTINGS;
			});
			settingsByUri.set(uri, settings);
		}
		return settings;
	}

	/** The shared analysis of the current version of `document` with these settings: one per (uri, version, settings). */
	function analysisOf(document: TextDocument, settings: ZoneSettings): ParsedZone {
		return analyses.get(document, JSON.stringify(settings), () => {
			const root = includeRootFor(document.uri, workspaceFolders);
			return service.parse(document, settings, { resolveInclude: root === undefined ? undefined : createIncludeReader(root) });
		});
	}

	/** Diagnostics of the current version of `document`, from the shared analysis of that version. */
	function validate(document: TextDocument, settings: ZoneSettings): Diagnostic[] {
		return service.validate(document, analysisOf(document, settings));
	}

	/**
	 * Runs a document request against the current version's analysis. The settings are awaited
	 * first and the document read after, so the answer always matches the latest text.
	 */
	function withAnalysis<T>(uri: string, compute: (document: TextDocument, zone: ParsedZone, settings: ZoneSettings) => T, empty: T): Promise<T> {
		return getSettings(uri).then((settings) => {
			const document = documents.get(uri);
			return document ? compute(document, analysisOf(document, settings), settings) : empty;
		});
	}

	connection.onHover((params, token) =>
		runSafe(
			log,
			() => withAnalysis(params.textDocument.uri, (document, zone, settings) => service.getHover(document, zone, params.position, settings) ?? null, null),
			null,
			`Error while computing the hover for ${params.textDocument.uri}`,
			token,
		),
	);

	connection.onCodeLens((params, token) =>
		runSafe(
			log,
			() => withAnalysis<CodeLens[]>(params.textDocument.uri, (document, zone, settings) => service.getCodeLenses(document, zone, settings, clientFeatures), []),
			[],
			`Error while computing code lenses for ${params.textDocument.uri}`,
			token,
		),
	);

	connection.onCodeAction((params, token) =>
		runSafe(
			log,
			() => withAnalysis<CodeAction[]>(params.textDocument.uri, (document, zone) => service.getCodeActions(document, zone, params.context, clientFeatures), []),
			[],
			`Error while computing code actions for ${params.textDocument.uri}`,
			token,
		),
	);

	// Pull model: the client asks when it wants diagnostics, so no debounce is needed here.
	connection.languages.diagnostics.on((params, token) =>
		runSafe(
			log,
			async (): Promise<DocumentDiagnosticReport> => {
				const settings = await getSettings(params.textDocument.uri);
				// Read the document after the settings arrive, so the report matches its latest version.
				const document = documents.get(params.textDocument.uri);
				if (!document) return EMPTY_REPORT;
				return { kind: DocumentDiagnosticReportKind.Full, items: validate(document, settings) };
			},
			EMPTY_REPORT,
			`Error while computing diagnostics for ${params.textDocument.uri}`,
			token,
		),
	);

	// Push model: validate a little after the last change, and drop results for versions already replaced.
	function schedulePush(document: TextDocument): void {
		cancelPush(document.uri);
		const { uri, version } = document;
		pendingPushes.set(
			uri,
			setTimeout(
				safeHandler(log, `Error while publishing diagnostics for ${uri}`, async () => {
					pendingPushes.delete(uri);
					const settings = await getSettings(uri);
					const current = documents.get(uri);
					if (!current || current.version !== version) return;
					await connection.sendDiagnostics({ uri, version, diagnostics: validate(current, settings) });
				}),
				PUSH_DEBOUNCE_MS,
			),
		);
	}

	function cancelPush(uri: string): void {
		const timer = pendingPushes.get(uri);
		if (timer !== undefined) clearTimeout(timer);
		pendingPushes.delete(uri);
	}

	/** Something besides the text changed (settings, folders): have every open document re-validated. */
	function diagnosticsChanged(): void {
		// Lens titles count networks with the configured prefix lengths, so they change with the settings too.
		if (codeLensRefreshSupport) {
			connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => log(formatError('Code lens refresh failed', error)));
		}
		if (!pullDiagnostics) {
			documents.all().forEach(schedulePush);
		} else if (refreshSupport) {
			connection.languages.diagnostics.refresh().catch((error: unknown) => log(formatError('Diagnostics refresh failed', error)));
		}
	}

	documents.onDidChangeContent(
		safeHandler(log, 'Error while handling a document change', (change) => {
			if (!pullDiagnostics) schedulePush(change.document);
		}),
	);

	documents.onDidClose(
		safeHandler(log, 'Error while closing a document', async (event) => {
			const { uri } = event.document;
			cancelPush(uri);
			analyses.delete(uri);
			settingsByUri.delete(uri);
			// Pull clients clear closed documents themselves; push clients need an empty list.
			if (!pullDiagnostics) await connection.sendDiagnostics({ uri, diagnostics: [] });
		}),
	);

	connection.onShutdown(
		safeHandler(log, 'Error while shutting down', () => {
			for (const uri of [...pendingPushes.keys()]) cancelPush(uri);
		}),
	);

	documents.listen(connection);
	connection.listen();
}

/** The `zoneSentinel` section of a pushed settings object (`{ zoneSentinel: { … } }`). */
function sectionOf(settings: unknown): unknown {
	return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
}
