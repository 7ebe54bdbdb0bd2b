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
	CancellationToken,
	DiagnosticServerCancellationData,
	ErrorCodes,
	InitializeParams,
	LSPErrorCodes,
	NotificationType,
	Position,
	ResponseError,
	InitializeResult,
	SemanticTokens,
	TextDocuments,
	TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './workspace/documentCache';
import { createIncludeReader, includeRootFor } from './workspace/includeReader';
import { registerMailTestRequest } from './handlers/mailTest';
import { formatError, runRequest, runSafe, safeHandler } from './runSafe';
import { ClientFeatures, clientFeaturesOf, PLAIN_LSP_CLIENT } from './service/clientCommands';
import { createLanguageService, ParsedZone } from './service/languageService';
import { SEMANTIC_TOKENS_LEGEND } from './service/semanticTokens';
import { ZONE_SUMMARY_REQUEST, ZoneSummary } from './service/zoneSummary';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_SECTION, ZoneSettings } from './settings';

/** Delay between the last edit and the pushed diagnostics, so typing does not trigger a run per key. */
export const PUSH_DEBOUNCE_MS = 200;

/**
 * How long a request whose analysis is not ready waits for edits already on their way (ms). The
 * jsonrpc layer handles one message per turn of the event loop, so a burst drains in far less.
 */
export const SETTLE_MS = 5;

/**
 * `zoneSentinel/trustChanged`: the client's workspace became trusted (or not). In an untrusted
 * workspace (`initializationOptions.workspaceTrusted: false`) the server never reads `$INCLUDE`d
 * files; clients that do not say are trusted, as editors without workspace trust are.
 */
export const TRUST_CHANGED_NOTIFICATION = new NotificationType<{ trusted: boolean }>('zoneSentinel/trustChanged');

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
	// $INCLUDE reads files, so it is followed only in a trusted workspace (see TRUST_CHANGED_NOTIFICATION).
	let workspaceTrusted = true;

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
		workspaceTrusted = trustOf(params.initializationOptions);
		const result: InitializeResult = {
			capabilities: {
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
				codeLensProvider: { resolveProvider: false },
				semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
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

	connection.onNotification(
		TRUST_CHANGED_NOTIFICATION,
		safeHandler(log, 'Error while changing workspace trust', (params) => {
			const trusted = params?.trusted === true;
			if (trusted === workspaceTrusted) return;
			workspaceTrusted = trusted;
			// Includes are followed (or no longer) from now on: every analysis is out of date.
			analyses.clear();
			diagnosticsChanged();
		}),
	);

	/** The shared analysis of the current version of `document` with these settings: one per (uri, version, settings). */
	function analysisOf(document: TextDocument, settings: ZoneSettings): ParsedZone {
		return analyses.get(document, settingsKey(settings), () => {
			const root = workspaceTrusted ? includeRootFor(document.uri, workspaceFolders) : undefined;
			return service.parse(document, settings, { resolveInclude: root === undefined ? undefined : createIncludeReader(root) });
		});
	}

	/**
	 * Runs a request about one document against the analysis of the version the client had when it
	 * asked. When that analysis is not ready, the request first waits {@link SETTLE_MS} for edits
	 * already on their way; if the document changed meanwhile, an answer would be about text the
	 * client no longer has, so the request gets `stale()` without any analysis. A burst of edits with
	 * requests in between thus costs one analysis, not one per request. Unknown documents get
	 * `empty`; a failure gets an error response, and the server goes on serving.
	 */
	function documentRequest<T, E = never>(
		uri: unknown,
		token: CancellationToken,
		what: string,
		compute: (document: TextDocument, zone: ParsedZone, settings: ZoneSettings) => T,
		empty: T,
		stale: () => ResponseError<E> = contentModified,
	): Promise<T | ResponseError<E>> {
		// Read now, while handling the request: later edits must not make it look current.
		const receivedVersion = typeof uri === 'string' ? documents.get(uri)?.version : undefined;
		return runRequest<T, E>(
			log,
			async () => {
				if (typeof uri !== 'string') return invalidParams('textDocument.uri must be a string.');
				const settings = await getSettings(uri);
				let document = documents.get(uri);
				if (document && !analyses.has(document, settingsKey(settings))) {
					await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
					document = documents.get(uri);
				}
				if (!document) return empty;
				if (document.version !== receivedVersion) return stale();
				return compute(document, analysisOf(document, settings), settings);
			},
			`Error while computing ${what} for ${String(uri)}`,
			token,
		);
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

	connection.onHover((params, token) => {
		if (!Position.is(params?.position)) return invalidParams('position must be { line, character } with whole numbers ≥ 0.');
		return documentRequest(params.textDocument?.uri, token, 'the hover', (document, zone, settings) => service.getHover(document, zone, params.position, settings) ?? null, null);
	});

	connection.onCodeLens((params, token) =>
		documentRequest<CodeLens[]>(params?.textDocument?.uri, token, 'code lenses', (document, zone, settings) => service.getCodeLenses(document, zone, settings, clientFeatures), []),
	);

	connection.onCodeAction((params, token) => {
		if (!Array.isArray(params?.context?.diagnostics) || !params.context.diagnostics.every((diagnostic) => Diagnostic.is(diagnostic))) {
			return invalidParams('context.diagnostics must be a list of diagnostics.');
		}
		return documentRequest<CodeAction[]>(params.textDocument?.uri, token, 'code actions', (document, zone) => service.getCodeActions(document, zone, params.context, clientFeatures), []);
	});

	connection.languages.semanticTokens.on((params, token) =>
		runSafe(
			log,
			() => withAnalysis<SemanticTokens>(params.textDocument.uri, (document, zone) => service.getSemanticTokens(document, zone), { data: [] }),
			{ data: [] },
			`Error while computing semantic tokens for ${params.textDocument.uri}`,
			token,
		),
	);

	// The VS Code status bar's origin and record count; `null` for a document that is not open.
	connection.onRequest(ZONE_SUMMARY_REQUEST, (params: { uri: string }, token) =>
		runSafe(
			log,
			() => withAnalysis<ZoneSummary | null>(params.uri, (_document, zone) => service.getZoneSummary(zone), null),
			null,
			`Error while summarising ${params.uri}`,
			token,
		),
	);

	// "Test mail exchangers": the SMTP test runs in this process; see mailTestRequest.ts.
	registerMailTestRequest(connection, {
		log,
		analysisOf: (uri) => withAnalysis<ParsedZone | undefined>(uri, (_document, zone) => zone, undefined),
		configuration: (uri) => (configurationSupport ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(undefined)),
	});

	// Pull model: the client asks when it wants diagnostics, so no debounce is needed here. A pull
	// about a replaced version asks the client to pull again (VS Code does), instead of analysing it.
	connection.languages.diagnostics.on((params, token) =>
		documentRequest<DocumentDiagnosticReport, DiagnosticServerCancellationData>(
			params?.textDocument?.uri,
			token,
			'diagnostics',
			(document, zone) => ({ kind: DocumentDiagnosticReportKind.Full, items: service.validate(document, zone) }),
			EMPTY_REPORT,
			() => new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; pull its diagnostics again.', { retriggerRequest: true }),
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

/** The cache key of the settings an analysis was made with. */
function settingsKey(settings: ZoneSettings): string {
	return JSON.stringify(settings);
}

/** `initializationOptions.workspaceTrusted`; a client that does not say is trusted. */
function trustOf(initializationOptions: unknown): boolean {
	if (typeof initializationOptions !== 'object' || initializationOptions === null) return true;
	return (initializationOptions as Record<string, unknown>).workspaceTrusted !== false;
}

function contentModified(): ResponseError<never> {
	return new ResponseError<never>(LSPErrorCodes.ContentModified, 'The document changed since this request was made.');
}

function invalidParams(message: string): ResponseError<never> {
	return new ResponseError<never>(ErrorCodes.InvalidParams, message);
}

/** The `zoneSentinel` section of a pushed settings object (`{ zoneSentinel: { … } }`). */
function sectionOf(settings: unknown): unknown {
	return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
}
