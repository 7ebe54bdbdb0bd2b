/**
 * What the server knows between requests: the open documents, one analysis per document version,
 * the settings of each document, what the client said it can do, and the workspace (folders,
 * trust) that decides which `$INCLUDE`d files may be read. The handlers (server/src/handlers/)
 * share one of these; it holds no handler and sends nothing but `workspace/configuration`.
 */
import { type Connection, TextDocuments } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { clampedTextDocuments } from './clampedChanges';
import { EditsSinceAnalysis } from './editsSinceAnalysis';
import { SETTINGS_SECTION } from '../../protocol/src/index';
import { type ErrorLogger, formatError } from './runSafe';
import { type ClientFeatures, PLAIN_LSP_CLIENT } from './service/clientCommands';
import { entryContaining, recordsOf } from './service/recordAt';
import { createLanguageService, type IncludedBy, type ParsedZone, type ZoneLanguageService } from './service/languageService';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSettings, type ZoneSettings } from './settings';
import { ConfigFinder, configCandidates, configForFile, type FileConfig, type FoundConfig } from './workspace/configFiles';
import { DocumentCache } from './workspace/documentCache';
import { type CommittedVersion, committedVersion } from './workspace/committedVersion';
import { gitHeadOf } from './workspace/gitHead';
import { startsWithByteOrderMark } from './workspace/fileReading';
import { createIncludeReader, fileIdOf, fileUriToPath, includeRootFor } from './workspace/includeReader';
import { mtaStsPolicyPathFor, readMtaStsPolicy } from './workspace/mtaStsPolicyFile';
import { WorkspaceZones } from './workspace/workspaceZones';

/**
 * How long one slice of an analysis may run before the server reads its messages again (ms): the
 * steps themselves are a few milliseconds each (core's analyzeZoneInSteps).
 */
export const ANALYSIS_SLICE_MS = 10;

/** What is kept of one analysis of one document version. */
interface AnalysisValue {
	readonly zone: ParsedZone;
	readonly watched: ReadonlySet<string>;
	readonly includedBy: IncludedBy | undefined;
	/** The text analysed, and the edits made to the document since. */
	readonly text: string;
	readonly edits: EditsSinceAnalysis;
}

/**
 * How a run ended for those waiting on it: `stale` when a newer version (or other settings)
 * replaced it, `dropped` when a file it read or the workspace changed, so it must be started again.
 */
type RunOutcome = 'finished' | 'stale' | 'dropped';

/** An analysis being made in steps, for one (document, version, settings). */
interface AnalysisRun {
	readonly document: TextDocument;
	readonly version: number;
	readonly settings: ZoneSettings;
	readonly key: string;
	/** What it has read so far (includes, the policy file), filled as it goes. */
	readonly watched: ReadonlySet<string>;
	readonly steps: Generator<void, AnalysisValue, void>;
	readonly outcome: Promise<RunOutcome>;
	readonly settle: (outcome: RunOutcome) => void;
	/** The next slice, when one is scheduled. */
	immediate: NodeJS.Immediate | undefined;
}

/** The client capabilities the handlers act on, read once from `initialize`. */
export interface ClientSupport {
	/** `textDocument/diagnostic`: the client pulls diagnostics (else the server pushes them). */
	readonly pullDiagnostics: boolean;
	/** `workspace/diagnostic/refresh`. */
	readonly diagnosticsRefresh: boolean;
	/** `workspace/configuration` (else settings come with didChangeConfiguration). */
	readonly configuration: boolean;
	readonly workspaceFolders: boolean;
	/** `workspace/codeLens/refresh`. */
	readonly codeLensRefresh: boolean;
	/** `workspace/didChangeWatchedFiles` may be registered dynamically, so the server can watch the files zones include. */
	readonly watchedFilesRegistration: boolean;
	/** … with `RelativePattern` watchers (else glob strings). */
	readonly watchedFilesRelativePatterns: boolean;
	/** `window/workDoneProgress/create`: the server may show progress (indexing the workspace). */
	readonly workDoneProgress: boolean;
	/** `textDocument.foldingRange.rangeLimit`: the most folding ranges the client wants, if it says. */
	readonly foldingRangeLimit: number | undefined;
	/** `textDocument.completion.completionItem.snippetSupport`: record snippets are offered. */
	readonly completionSnippets: boolean;
	/** `workspace.inlayHint.refreshSupport`: the server may ask for new hints when settings change. */
	readonly inlayHintRefresh: boolean;
	/** `textDocument/willSaveWaitUntil` may be registered dynamically, so it is asked for only while incrementOnSave is on. */
	readonly willSaveRegistration: boolean;
}

const NO_SUPPORT: ClientSupport = Object.freeze({
	pullDiagnostics: false,
	diagnosticsRefresh: false,
	configuration: false,
	workspaceFolders: false,
	codeLensRefresh: false,
	watchedFilesRegistration: false,
	watchedFilesRelativePatterns: false,
	workDoneProgress: false,
	foldingRangeLimit: undefined,
	completionSnippets: false,
	inlayHintRefresh: false,
	willSaveRegistration: false,
});

/**
 * Settings per document: the client's settings over the document's configuration file, pulled
 * once and kept until the settings or a configuration file change, or the document closes.
 */
export class SettingsStore {
	readonly #byUri = new Map<string, Promise<ZoneSettings>>();
	/** Clients without `workspace/configuration` send their `zoneSentinel` section with didChangeConfiguration instead. */
	pushed: unknown = undefined;

	constructor(private readonly state: ServerState) {}

	/** Settings for one document. */
	get(uri: string): Promise<ZoneSettings> {
		let settings = this.#byUri.get(uri);
		if (!settings) {
			const config = this.state.fileConfigOf(uri);
			settings = this.section(uri).then(
				(raw) => parseSettings(raw, config),
				(error: unknown) => {
					this.state.log(
						formatError(`Could not read the ${SETTINGS_SECTION} settings for ${uri}; using the configuration file and defaults`, error),
					);
					return parseSettings(undefined, config);
				},
			);
			this.#byUri.set(uri, settings);
		}
		return settings;
	}

	/**
	 * The raw `zoneSentinel` section for a document, its `smtp` fields over the configuration file's
	 * (read only in a trusted workspace: the file could send the test elsewhere).
	 */
	async raw(uri: string): Promise<unknown> {
		const section = await this.section(uri);
		const smtp = this.state.workspaceTrusted ? this.state.fileConfigOf(uri)?.smtp : undefined;
		if (smtp === undefined || Object.keys(smtp).length === 0) return section;
		const base = isObject(section) ? section : {};
		return { ...base, smtp: { ...smtp, ...(isObject(base.smtp) ? base.smtp : {}) } };
	}

	delete(uri: string): void {
		this.#byUri.delete(uri);
	}

	clear(): void {
		this.#byUri.clear();
	}

	private section(uri: string): Promise<unknown> {
		if (!this.state.client.configuration) return Promise.resolve(this.pushed);
		return this.state.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ServerState {
	readonly documents = new TextDocuments(
		clampedTextDocuments((document, change) => this.#analyses.latest(document.uri)?.value.edits.record(document, change)),
	);
	readonly service: ZoneLanguageService = createLanguageService();
	readonly settings = new SettingsStore(this);
	/** The `.zone-sentinel.json` files read, by folder; emptied when one of them changes (handlers/watchedFiles.ts). */
	readonly configs = new ConfigFinder();
	/** Called with each configuration file a document's settings were read from, so its problems are shown (handlers/configFile.ts). */
	onConfigRead: ((found: FoundConfig) => void) | undefined;
	/** Called when a configuration file changed on disk, before the settings are read again. */
	onConfigChanged: (() => void) | undefined;
	readonly #analyses = new DocumentCache<AnalysisValue>();
	/** The analysis being made for each document, at most one (see {@link analysisOfAsync}). */
	readonly #runs = new Map<string, AnalysisRun>();
	/** How many analyses were made: a test can tell that a request was answered without one. */
	analysesMade = 0;
	/** Each file as of the commit it was read at (`git show`), so git runs again only when HEAD moves. */
	readonly #committed = new Map<string, { readonly commit: string; readonly found: CommittedVersion }>();
	/** Called when analyses are made or dropped: the set of files the open zones include may have changed. */
	onAnalysesChanged: (() => void) | undefined;
	/** Called with the open fragments whose including zone changed, so their diagnostics are out of date. */
	onContextChanged: ((uris: readonly string[]) => void) | undefined;
	/** `initialized` arrived: the server may send requests such as `client/registerCapability`. */
	initialized = false;
	client: ClientSupport = NO_SUPPORT;
	/** Commands the client registered (VS Code: ask for a backup host, test SMTP); none for other editors. */
	clientFeatures: ClientFeatures = PLAIN_LSP_CLIENT;
	workspaceFolders: string[] = [];
	/** `$INCLUDE` reads files, so it is followed only in a trusted workspace (see handlers/configuration.ts). */
	workspaceTrusted = true;
	/**
	 * How long a request that reads the other zones of the workspace (rename, references) waits for the
	 * index while it is being built (ms): long enough for a few thousand zone files, short enough to
	 * answer a user. Then a rename is refused, and references list what is indexed.
	 */
	indexWaitMs = 5_000;

	constructor(readonly connection: Connection) {}

	/** Where failures go: the client's log. Never throws, even when the connection is gone. */
	readonly log: ErrorLogger = (message: string): void => {
		try {
			this.connection.console.error(message);
		} catch {
			// The connection is gone (e.g. a refresh request rejected during shutdown): nowhere to log to.
		}
	};

	/** The zone files of the workspace folders (handlers/workspaceIndex.ts keeps it current). */
	readonly zones = new WorkspaceZones(this.log);

	/**
	 * The shared analysis of the current version of `document` with these settings: one per (uri,
	 * version, settings). Made now, in one go (finishing a run {@link analysisOfAsync} started), for
	 * callers that cannot wait; the requests and diagnostics use {@link analysisOfAsync}.
	 */
	analysisOf(document: TextDocument, settings: ZoneSettings): ParsedZone {
		const found = this.#analysisOrRun(document, settings);
		return 'zone' in found ? found.zone : this.#advance(found.run, Infinity)!;
	}

	/**
	 * {@link analysisOf} made in slices of at most {@link ANALYSIS_SLICE_MS} between turns of the event
	 * loop, so requests (answered from the last analysis meanwhile) and cancellations are read while
	 * it runs. `undefined` when the document changed or closed before it was done: that run is dropped.
	 */
	async analysisOfAsync(document: TextDocument, settings: ZoneSettings): Promise<ParsedZone | undefined> {
		for (;;) {
			const found = this.#analysisOrRun(document, settings);
			if ('zone' in found) return found.zone;
			if (found.run.immediate === undefined) this.#advance(found.run, ANALYSIS_SLICE_MS);
			// Finished: it is in the cache now. Dropped (an included file changed): the next turn starts again.
			if ((await found.run.outcome) === 'stale') return undefined;
		}
	}

	/** The cached analysis of this version and settings, or the run making it (started here when there is none). */
	#analysisOrRun(document: TextDocument, settings: ZoneSettings): { zone: ParsedZone } | { run: AnalysisRun } {
		const includedBy = this.includedBy(document);
		const key = analysisKey(settings, includedBy, this.zones.version);
		const cached = this.#analyses.current(document, key);
		if (cached) return { zone: cached.zone };
		const running = this.#runs.get(document.uri);
		if (running && running.document === document && running.version === document.version && running.key === key) return { run: running };
		// Another version or other settings: its waiters' answer would be out of date. The same ones with
		// another workspace index or including zone: its waiters start again with this run.
		if (running) this.#end(running, running.version === document.version && running.settings === settings ? 'dropped' : 'stale');
		this.analysesMade++;
		let settle!: (outcome: RunOutcome) => void;
		const outcome = new Promise<RunOutcome>((resolve) => (settle = resolve));
		const watched = new Set<string>();
		const run: AnalysisRun = {
			document,
			version: document.version,
			settings,
			key,
			watched,
			steps: this.#analysisSteps(document, settings, includedBy, watched),
			outcome,
			settle,
			immediate: undefined,
		};
		this.#runs.set(document.uri, run);
		return { run };
	}

	/**
	 * Takes steps of `run` for `sliceMs` (or until it is done), then schedules the next slice; the
	 * finished analysis goes to the cache and is returned. A run whose document moved on is dropped.
	 */
	#advance(run: AnalysisRun, sliceMs: number): ParsedZone | undefined {
		if (run.immediate !== undefined) clearImmediate(run.immediate);
		run.immediate = undefined;
		if (this.#runs.get(run.document.uri) !== run) return undefined;
		if (run.document.version !== run.version) {
			this.#end(run, 'stale');
			return undefined;
		}
		const deadline = performance.now() + sliceMs;
		let step: IteratorResult<void, AnalysisValue>;
		try {
			do step = run.steps.next();
			while (!step.done && performance.now() < deadline);
		} catch (error) {
			this.#end(run, 'dropped');
			throw error;
		}
		if (!step.done) {
			run.immediate = setImmediate(() => {
				try {
					this.#advance(run, sliceMs);
				} catch (error) {
					this.log(formatError(`Error while analysing ${run.document.uri}`, error));
				}
			});
			return undefined;
		}
		const value = step.value;
		this.#runs.delete(run.document.uri);
		this.#analyses.set(run.document, run.key, value);
		run.settle('finished');
		this.onAnalysesChanged?.();
		if (value.zone.model.files.length > 1) this.#contextMayHaveChanged(run.document.uri);
		return value.zone;
	}

	/** Stops `run`: its waiters hear `outcome` (`stale`: the version is gone; `dropped`: start again). */
	#end(run: AnalysisRun, outcome: RunOutcome): void {
		if (run.immediate !== undefined) clearImmediate(run.immediate);
		run.immediate = undefined;
		if (this.#runs.get(run.document.uri) === run) this.#runs.delete(run.document.uri);
		run.settle(outcome);
	}

	/** The analysis of the document's text as it is at the first step, with what it read, as steps. */
	*#analysisSteps(
		document: TextDocument,
		settings: ZoneSettings,
		includedBy: IncludedBy | undefined,
		watched: Set<string>,
	): Generator<void, AnalysisValue, void> {
		const root = this.workspaceTrusted && settings.includes.follow ? this.#includeRoot(document.uri, settings) : undefined;
		// A fragment read in its includer's context reads its own includes as that zone does: from the zone's folder, in BIND's reading.
		const zoneFile = fileUriToPath(includedBy?.uri ?? document.uri);
		const resolveInclude =
			root === undefined || zoneFile === undefined
				? undefined
				: createIncludeReader(root, zoneFile, settings.includes.relativeTo, (path) => watched.add(path));
		const workspace = this.workspaceTrusted ? this.zones.index : undefined;
		// The MTA-STS policy (beside the zone, or where settings say) is a file the zone's checks read: watched like an include.
		const documentPath = this.workspaceTrusted ? fileUriToPath(document.uri) : undefined;
		const policyPath = settings.mtaSts.policyFile ?? undefined;
		if (documentPath !== undefined) watched.add(mtaStsPolicyPathFor(documentPath, policyPath));
		const policy = documentPath === undefined ? {} : readMtaStsPolicy(documentPath, policyPath);
		const previousVersion = documentPath === undefined ? undefined : this.#lastCommitted(documentPath, settings, watched);
		const byteOrderMarkOnDisk = documentPath !== undefined && startsWithByteOrderMark(documentPath);
		// Saving the file without its mark changes no text in the editor: watch the file to see it go.
		if (byteOrderMarkOnDisk) watched.add(documentPath);
		const text = document.getText();
		const zone = yield* this.service.parseInSteps(document, settings, {
			resolveInclude,
			includedBy,
			workspace,
			mtaStsPolicy: policy.policy,
			mtaStsPolicyProblem: policy.problem,
			previousVersion,
			byteOrderMarkOnDisk,
		});
		return { zone, watched, includedBy, text, edits: new EditsSinceAnalysis() };
	}

	/**
	 * The last analysis of `document`, made for an earlier version with these settings, and a view of
	 * the text it analysed in the current document's positions, when `at` lies outside the lines
	 * edited since (widened to their entries): a request about that position or range needs no new
	 * analysis. `outside` tells whether other ranges (the edits of an answer) lie outside them too.
	 */
	lastAnalysisAt(
		document: TextDocument,
		settings: ZoneSettings,
		at: Position | Range,
	): { view: TextDocument; zone: ParsedZone; outside(ranges: readonly Range[]): boolean } | undefined {
		const last = this.#analyses.latest(document.uri);
		if (last === undefined || last.key !== analysisKey(settings, this.includedBy(document), this.zones.version)) return undefined;
		const { zone, text, edits } = last.value;
		const entries = zone.model.files[0]?.syntax.entries;
		if (!entries) return undefined;
		const viewOutside = (ranges: readonly Range[]): TextDocument | undefined => {
			const view = edits.viewOutside(document, text, entries, ranges);
			// A TTL taken from the SOA minimum or the record before (no `$TTL`) may be the one just edited.
			const inherited = (position: Position): boolean | undefined => {
				const entry = view && entryContaining(entries, view.offsetAt(position));
				return entry && recordsOf(zone.model, entry).some(({ ttlSource }) => ttlSource === 'previous' || ttlSource === 'soaMinimum');
			};
			return view && !ranges.some((range) => inherited(range.start) || inherited(range.end)) ? view : undefined;
		};
		const view = viewOutside(['line' in at ? { start: at, end: at } : at]);
		return view && { view, zone, outside: (ranges) => viewOutside(ranges) !== undefined };
	}

	/**
	 * The file as of git's HEAD, only while `serialNotIncremented` is on; nothing outside a repository
	 * or for a file not committed yet. HEAD is read from the repository's files on each analysis and
	 * those files are watched, so a commit made without an edit re-checks the zone; git runs only
	 * when HEAD names another commit than last time.
	 */
	#lastCommitted(file: string, settings: ZoneSettings, watched: Set<string>): { revision: string; text: string } | undefined {
		if (settings.rules.serialNotIncremented === 'off') return undefined;
		const head = gitHeadOf(path.dirname(file));
		let found: CommittedVersion;
		if (head === undefined) {
			// Not a repository this can read (none, reftable): git decides, every time.
			found = committedVersion(file, 'HEAD');
		} else {
			for (const headFile of head.files) watched.add(headFile);
			if (head.commit === undefined) return undefined;
			const cached = this.#committed.get(file);
			found = cached?.commit === head.commit ? cached.found : committedVersion(file, head.commit);
			// Only git's answers are kept: a failure (a time-out, a lock, "dubious ownership") is asked again next time.
			if ('text' in found || 'notCommitted' in found) this.#committed.set(file, { commit: head.commit, found });
			else this.#committed.delete(file);
		}
		return 'text' in found ? { revision: 'HEAD', text: found.text } : undefined;
	}

	/** The folder `$INCLUDE` may read from: the workspace folder, or with `includes.outside` the whole filesystem. */
	#includeRoot(uri: string, settings: ZoneSettings): string | undefined {
		const root = includeRootFor(uri, this.workspaceFolders);
		return root !== undefined && settings.includes.outside ? path.parse(root).root : root;
	}

	/** What the nearest `.zone-sentinel.json` says for the document at `uri`; `undefined` without a (valid) one. */
	fileConfigOf(uri: string): FileConfig | undefined {
		const file = fileUriToPath(uri);
		if (file === undefined) return undefined;
		const found = this.configs.find(file);
		if (found === undefined) return undefined;
		this.onConfigRead?.(found);
		return 'config' in found.parsed ? configForFile(found, found.parsed.config, file) : undefined;
	}

	/** Every path the server should watch: what the analyses looked at to follow `$INCLUDE`, and where the open documents' configuration files may be. */
	watchedPaths(): Set<string> {
		const paths = this.includedPaths();
		for (const document of this.documents.all()) {
			const file = fileUriToPath(document.uri);
			if (file !== undefined) for (const candidate of configCandidates(file)) paths.add(candidate);
		}
		return paths;
	}

	/** The open documents (other than `uri`) analysed with an including zone's state that is no longer the current one. */
	#contextMayHaveChanged(uri: string): void {
		const outdated: string[] = [];
		for (const [other, entry] of this.#analyses.entries()) {
			if (other === uri) continue;
			const document = this.documents.get(other);
			if (document && JSON.stringify(entry.includedBy) !== JSON.stringify(this.includedBy(document))) outdated.push(other);
		}
		if (outdated.length > 0) this.onContextChanged?.(outdated);
	}

	/** Every path the current analyses looked at to follow `$INCLUDE`, found or not. */
	includedPaths(): Set<string> {
		const paths = new Set<string>();
		for (const [, { watched }] of this.#analyses.entries()) for (const path of watched) paths.add(path);
		return paths;
	}

	/**
	 * The documents whose analysis read (or looked for) one of `paths`; their analyses are dropped,
	 * so the next request reads the files again.
	 */
	invalidateIncluding(paths: ReadonlySet<string>): string[] {
		const uris: string[] = [];
		for (const [uri, { watched }] of this.#analyses.entries()) {
			if ([...watched].some((path) => paths.has(path))) uris.push(uri);
		}
		for (const uri of uris) this.#analyses.delete(uri);
		// A run that has read one of them starts again; its document is re-validated with the others.
		for (const run of [...this.#runs.values()]) {
			if (![...run.watched].some((path) => paths.has(path))) continue;
			this.#end(run, 'dropped');
			if (!uris.includes(run.document.uri)) uris.push(run.document.uri);
		}
		return uris;
	}

	/** True when {@link analysisOf} would answer from the cache. */
	hasAnalysis(document: TextDocument, settings: ZoneSettings): boolean {
		return this.#analyses.has(document, analysisKey(settings, this.includedBy(document), this.zones.version));
	}

	/**
	 * The text of the open document for `uri`, which may be the client's spelling of it or a file id
	 * (the `file:` URI of the real path, as the include reader and the workspace index name files):
	 * the two differ for escaped characters, drive letters and symlinks. `undefined` when not open.
	 */
	openTextOf(uri: string): string | undefined {
		const exact = this.documents.get(uri);
		if (exact) return exact.getText();
		const id = fileIdOf(uri);
		if (id === undefined) return undefined;
		for (const document of this.documents.all()) if (fileIdOf(document.uri) === id) return document.getText();
		return undefined;
	}

	/**
	 * The open zone whose current analysis includes `document` (directly or deeper), and the state
	 * its `$INCLUDE` starts the file in: a fragment opened on its own is read as that zone reads it.
	 * Only analyses already made count (an open zone is analysed when its diagnostics are asked for).
	 */
	includedBy(document: TextDocument): IncludedBy | undefined {
		if (!this.workspaceTrusted) return undefined;
		let id: string | undefined | null = null;
		for (const [uri, { zone, includedBy }] of this.#analyses.entries()) {
			// Only a zone read on its own gives context: two fragments that include each other must not take turns.
			if (uri === document.uri || zone.model.files.length < 2 || includedBy !== undefined) continue;
			id ??= fileIdOf(document.uri);
			if (id === undefined) return undefined;
			const files = zone.model.files;
			const index = files.findIndex((file, i) => i > 0 && file.id === id);
			if (index < 0) continue;
			const { includedFrom, includedWith } = files[index];
			if (includedFrom === undefined || includedWith === undefined) continue;
			// The line of the $INCLUDE in the including file (a position source of that file's text).
			const text = files[includedFrom.file].syntax.tokens.text;
			let line = 0;
			for (let i = text.indexOf('\n'); i >= 0 && i < includedFrom.start; i = text.indexOf('\n', i + 1)) line++;
			return { uri: includedFrom.file === 0 ? uri : files[includedFrom.file].id, line, context: includedWith };
		}
		// No open zone includes it: a zone of the workspace index may (as saved on disk).
		id ??= fileIdOf(document.uri);
		const includer = id === undefined ? undefined : this.zones.includerOf(id);
		if (!includer) return undefined;
		const { at, context } = includer.include;
		return { uri: at.fileId, line: at.start.line, context };
	}

	/** Every analysis is out of date (include roots moved, trust changed). */
	clearAnalyses(): void {
		this.#analyses.clear();
		for (const run of [...this.#runs.values()]) this.#end(run, 'dropped');
		this.onAnalysesChanged?.();
	}

	/** The document closed: drop what was kept for it. */
	forget(uri: string): void {
		this.#analyses.delete(uri);
		const run = this.#runs.get(uri);
		if (run) this.#end(run, 'stale');
		this.settings.delete(uri);
		const file = fileUriToPath(uri);
		if (file !== undefined) this.#committed.delete(file);
		this.onAnalysesChanged?.();
		this.#contextMayHaveChanged(uri);
	}
}

/** The cache key of what an analysis was made with besides the text: the settings, the workspace index, and the including zone's state. */
function analysisKey(settings: ZoneSettings, includedBy: IncludedBy | undefined, workspaceVersion: number): string {
	return JSON.stringify(includedBy === undefined ? [settings, workspaceVersion] : [settings, workspaceVersion, includedBy]);
}
