/**
 * A real LSP client for tests, talking JSON-RPC to the server either in-process over a pair of
 * PassThrough streams (`startInProcess`) or to the bundled server in a child process (`spawnServer`).
 * It answers the server's requests (`workspace/configuration`, diagnostic refresh, registrations)
 * and records what the server pushes, so tests can wait on events instead of sleeping.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
	type ClientCapabilities,
	type CodeAction,
	CodeActionRequest,
	type CodeLens,
	CodeLensRefreshRequest,
	InlayHintRefreshRequest,
	CodeLensRequest,
	type Command,
	ConfigurationRequest,
	createProtocolConnection,
	type Diagnostic,
	DiagnosticRefreshRequest,
	DidChangeConfigurationNotification,
	DidChangeTextDocumentNotification,
	DidChangeWatchedFilesNotification,
	DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification,
	type DocumentDiagnosticReport,
	DocumentDiagnosticRequest,
	ExitNotification,
	type FileEvent,
	type Hover,
	HoverRequest,
	InitializedNotification,
	InitializeRequest,
	type InitializeResult,
	LogMessageNotification,
	type Position,
	type ProtocolConnection,
	PublishDiagnosticsNotification,
	type PublishDiagnosticsParams,
	type Range,
	type Registration,
	RegistrationRequest,
	ResponseError,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
	type TextDocumentContentChangeEvent,
	UnregistrationRequest,
	type WorkspaceFolder,
	WorkDoneProgress,
	WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import type { ServerState } from '../../server/src/serverState';
import { REPO_ROOT } from './paths';

const DEFAULT_TIMEOUT_MS = 5000;

/** Capabilities of a client with pull diagnostics (like VS Code) or without (push only). */
export function clientCapabilities(
	pull: boolean,
	watchedFiles: 'no' | 'glob' | 'relative' = 'no',
	dynamicSync = false,
): ClientCapabilities {
	return {
		textDocument: {
			// With `dynamicSync`, as VS Code: willSaveWaitUntil may be registered (and unregistered) by the server.
			synchronization: dynamicSync ? { dynamicRegistration: true, willSaveWaitUntil: true } : { dynamicRegistration: false },
			publishDiagnostics: { relatedInformation: true, versionSupport: true },
			completion: { completionItem: { snippetSupport: true } },
			...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
		},
		workspace: {
			configuration: true,
			workspaceFolders: true,
			didChangeConfiguration: { dynamicRegistration: false },
			...(pull ? { diagnostics: { refreshSupport: true } } : {}),
			codeLens: { refreshSupport: true },
			inlayHint: { refreshSupport: true },
			...(watchedFiles !== 'no'
				? { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: watchedFiles === 'relative' } }
				: {}),
		},
		window: { workDoneProgress: true },
	};
}

interface Waiter<T> {
	readonly matches: (value: T) => boolean;
	readonly resolve: (value: T) => void;
}

export class LspTestClient {
	/** The answer to `workspace/configuration` for the `zoneSentinel` section; a ResponseError is sent as an error. */
	settings: unknown = {};
	/** Every `window/logMessage` text, in order. */
	readonly logs: string[] = [];
	/** Every `textDocument/publishDiagnostics`, in order. */
	readonly published: PublishDiagnosticsParams[] = [];
	configurationRequests = 0;
	refreshRequests = 0;
	codeLensRefreshRequests = 0;
	inlayHintRefreshRequests = 0;
	readonly #inlayHintRefreshWaiters: (() => void)[] = [];
	/** Every `client/registerCapability` registration, in order, and the ids of those unregistered. */
	readonly registrations: Registration[] = [];
	readonly unregistered: string[] = [];
	readonly #registrationWaiters: Waiter<Registration>[] = [];
	readonly #publishWaiters: Waiter<PublishDiagnosticsParams>[] = [];
	readonly #refreshWaiters: (() => void)[] = [];
	/** `$/progress` reports by token, in order: `begin`, `report`…, `end`. */
	readonly progress = new Map<string, { kind: string; message?: string; percentage?: number }[]>();
	readonly #progressEndWaiters: (() => void)[] = [];

	constructor(readonly connection: ProtocolConnection) {
		connection.onRequest(ConfigurationRequest.type, (params) => {
			this.configurationRequests++;
			if (this.settings instanceof ResponseError) return this.settings;
			return params.items.map((item) => (item.section === 'zoneSentinel' ? this.settings : null));
		});
		connection.onRequest(DiagnosticRefreshRequest.type, () => {
			this.refreshRequests++;
			this.#refreshWaiters.splice(0).forEach((resolve) => resolve());
		});
		connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
			const reports: { kind: string; message?: string; percentage?: number }[] = [];
			this.progress.set(String(params.token), reports);
			connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
				reports.push(value);
				if (value.kind === 'end') this.#progressEndWaiters.splice(0).forEach((resolve) => resolve());
			});
		});
		connection.onRequest(CodeLensRefreshRequest.type, () => {
			this.codeLensRefreshRequests++;
		});
		connection.onRequest(InlayHintRefreshRequest.type, () => {
			this.inlayHintRefreshRequests++;
			this.#inlayHintRefreshWaiters.splice(0).forEach((resolve) => resolve());
		});
		connection.onRequest(RegistrationRequest.type, (params) => {
			for (const registration of params.registrations) {
				this.registrations.push(registration);
				for (let i = this.#registrationWaiters.length - 1; i >= 0; i--) {
					if (this.#registrationWaiters[i].matches(registration)) this.#registrationWaiters.splice(i, 1)[0].resolve(registration);
				}
			}
		});
		connection.onRequest(UnregistrationRequest.type, (params) => {
			for (const unregistration of params.unregisterations) this.unregistered.push(unregistration.id);
		});
		connection.onNotification(LogMessageNotification.type, (params) => {
			this.logs.push(params.message);
		});
		connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
			this.published.push(params);
			for (let i = this.#publishWaiters.length - 1; i >= 0; i--) {
				if (this.#publishWaiters[i].matches(params)) this.#publishWaiters.splice(i, 1)[0].resolve(params);
			}
		});
		connection.listen();
	}

	/**
	 * Resolves when a work-done progress the server began has ended (the workspace index is built),
	 * at once if one already has.
	 */
	waitForProgressEnd(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
		if ([...this.progress.values()].some((reports) => reports.some((report) => report.kind === 'end'))) return Promise.resolve();
		return withTimeout(
			new Promise<void>((resolve) => this.#progressEndWaiters.push(resolve)),
			timeoutMs,
			'the end of a work-done progress',
		);
	}

	/** `initialize` + `initialized`. `processId` is null so the server sets up no parent watchdog. */
	async initialize(options: {
		pull: boolean;
		workspaceFolders?: WorkspaceFolder[];
		initializationOptions?: unknown;
		/** Whether `workspace/didChangeWatchedFiles` may be registered dynamically, with glob strings or relative patterns. */
		watchedFiles?: 'no' | 'glob' | 'relative';
		/** Whether text document synchronization (willSaveWaitUntil) may be registered dynamically. */
		dynamicSync?: boolean;
	}): Promise<InitializeResult> {
		const result = await this.connection.sendRequest(InitializeRequest.type, {
			processId: null,
			rootUri: null,
			capabilities: clientCapabilities(options.pull, options.watchedFiles, options.dynamicSync),
			workspaceFolders: options.workspaceFolders ?? null,
			initializationOptions: options.initializationOptions,
		});
		await this.connection.sendNotification(InitializedNotification.type, {});
		return result;
	}

	open(uri: string, text: string, version = 1): Promise<void> {
		return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
			textDocument: { uri, languageId: 'dns-zone', version, text },
		});
	}

	change(uri: string, version: number, ...contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
		return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
	}

	close(uri: string): Promise<void> {
		return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	}

	/** Replaces the settings answer and tells the server, the way VS Code does (settings: null, pulled later). */
	changeSettings(settings: unknown): Promise<void> {
		this.settings = settings;
		return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
	}

	/** `workspace/didChangeWatchedFiles`, as the client sends it when a watched file changes on disk. */
	changeWatchedFiles(...changes: FileEvent[]): Promise<void> {
		return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
	}

	/** The next `workspace/inlayHint/refresh` the server sends. */
	waitForInlayHintRefresh(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
		return withTimeout(
			new Promise<void>((resolve) => this.#inlayHintRefreshWaiters.push(resolve)),
			timeoutMs,
			'workspace/inlayHint/refresh',
		);
	}

	/** The first registration matching `predicate`, already received or still to come. */
	waitForRegistration(predicate: (registration: Registration) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Registration> {
		const seen = this.registrations.find(predicate);
		if (seen) return Promise.resolve(seen);
		return withTimeout(
			new Promise((resolve) => this.#registrationWaiters.push({ matches: predicate, resolve })),
			timeoutMs,
			'client/registerCapability',
		);
	}

	/** `textDocument/diagnostic`: the full report's items. */
	async pull(uri: string): Promise<Diagnostic[]> {
		const report: DocumentDiagnosticReport = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
		if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
		return report.items;
	}

	/** `textDocument/hover`. */
	hover(uri: string, position: Position): Promise<Hover | null> {
		return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
	}

	/** `textDocument/codeAction` for these diagnostics, as an editor asks when the cursor is on them. */
	codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(Command | CodeAction)[] | null> {
		return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
	}

	/** `textDocument/codeLens`. */
	codeLenses(uri: string): Promise<CodeLens[] | null> {
		return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
	}

	/** The first publishDiagnostics for `uri` matching `predicate`, already received or still to come. */
	waitForPublished(
		uri: string,
		predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
		timeoutMs = DEFAULT_TIMEOUT_MS,
	): Promise<PublishDiagnosticsParams> {
		const matches = (params: PublishDiagnosticsParams): boolean => params.uri === uri && predicate(params);
		const seen = this.published.find(matches);
		if (seen) return Promise.resolve(seen);
		return withTimeout(
			new Promise((resolve) => this.#publishWaiters.push({ matches, resolve })),
			timeoutMs,
			`publishDiagnostics for ${uri}`,
		);
	}

	/** Resolves on the next `workspace/diagnostic/refresh` request. */
	waitForRefresh(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
		return withTimeout(new Promise<void>((resolve) => this.#refreshWaiters.push(resolve)), timeoutMs, 'workspace/diagnostic/refresh');
	}

	/** `shutdown`, then `exit` when the server is a separate process (in-process, exit would end the test run). */
	async shutdown(options: { exit: boolean }): Promise<void> {
		await this.connection.sendRequest(ShutdownRequest.type);
		if (options.exit) await this.connection.sendNotification(ExitNotification.type);
	}

	dispose(): void {
		this.connection.dispose();
	}
}

/**
 * Starts `startServer` in this process on one end of two PassThrough streams and a client on the
 * other. Reader/writer objects (not raw streams) keep the server from exiting the process when
 * the streams end. `server` is the server's state, for tests that count its analyses.
 */
export function startInProcess(): { client: LspTestClient; server: ServerState; dispose(): void } {
	const up = new PassThrough();
	const down = new PassThrough();
	const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
	const server = startServer(serverConnection);
	const client = new LspTestClient(createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
	return {
		client,
		server,
		dispose() {
			// The streams are left open: destroying them fails a write the server has queued (a refresh, a
			// registration), and vscode-jsonrpc then logs "Sending request failed" through the disposed
			// connection, which throws inside its own promise: an unhandled rejection after the test ended.
			client.dispose();
			serverConnection.dispose();
		},
	};
}

/** Spawns `node <serverModule> --stdio` and connects a client to its stdin/stdout. */
export function spawnServer(serverModule: string): {
	client: LspTestClient;
	child: ChildProcessWithoutNullStreams;
	exited: Promise<number | null>;
} {
	return spawnServerCommand(process.execPath, [serverModule, '--stdio']);
}

/** Spawns a server by its command line, as an editor's configuration names it, and connects a client to its stdin/stdout. */
export function spawnServerCommand(
	command: string,
	args: readonly string[],
	env: NodeJS.ProcessEnv = process.env,
): ReturnType<typeof spawnServer> {
	const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'pipe', env });
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const client = new LspTestClient(createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
	return { client, child, exited };
}

/** A server in a child process and the client talking to it. */
export type SpawnedServer = ReturnType<typeof spawnServer>;

/** The bundled server (`dist/server.js`, what editors run) in a child process over stdio; throws when it is not built. */
export function spawnBundledServer(): SpawnedServer {
	const serverModule = path.join(REPO_ROOT, 'dist', 'server.js');
	if (!fs.existsSync(serverModule)) throw new Error(`${serverModule} is missing: run \`npm run bundle\` first`);
	return spawnServer(serverModule);
}

/** Shuts a spawned server down (shutdown, exit) and ends its process. */
export async function stopServer(server: SpawnedServer): Promise<void> {
	await server.client.shutdown({ exit: true });
	server.client.dispose();
	server.child.kill();
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
