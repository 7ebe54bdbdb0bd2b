/**
 * Included files and configuration files (`.zone-sentinel.json`) change on disk without the editor
 * telling the zone: the server watches them. With a client that lets the server register
 * `workspace/didChangeWatchedFiles` dynamically (VS Code, Neovim), the server registers watchers for
 * exactly the paths its analyses looked at to follow `$INCLUDE` (found or not, so a missing file
 * that appears counts too) and every place an open zone's configuration file may be, and registers
 * again when that set changes. When a watched included file changes, the open zones that include
 * it are analysed again; when a configuration file changes, every document's settings are read
 * again. Push clients get new diagnostics, pull clients a `workspace/diagnostic/refresh`. Changes a
 * client sends on its own (e.g. through `synchronize.fileEvents`) are handled the same way.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	DidChangeWatchedFilesNotification,
	type FileSystemWatcher,
	RegistrationRequest,
	UnregistrationRequest,
} from 'vscode-languageserver';
import { formatError, safeHandler } from '../runSafe';
import type { ServerState } from '../serverState';
import { CONFIG_FILE_NAME } from '../workspace/zoneConfig';
import { fileUriToPath } from '../workspace/includeReader';
import type { DiagnosticsHandle } from './diagnostics';

/** How long the server waits after analyses change before it registers watchers again (ms). */
export const WATCH_REGISTRATION_DELAY_MS = 20;

/** Names of zone files, watched in every workspace folder for the workspace index (as workspace/zoneFiles.ts finds them). */
const ZONE_FILE_GLOBS = ['**/*.{zone,db,dns,signed}', '**/db.*', '**/named.root'];

/** `zoneFilesChanged` hears every changed path too, for the workspace index. */
export function registerWatchedFiles(
	state: ServerState,
	diagnostics: DiagnosticsHandle,
	zoneFilesChanged: (paths: ReadonlySet<string>) => void,
): void {
	const { connection, log } = state;
	/** The id of the watchers registered now, if any. */
	let registration: string | undefined;
	let registeredKey = '';
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** Registrations run one at a time, in order. */
	let queue: Promise<void> = Promise.resolve();

	state.onAnalysesChanged = (): void => {
		if (!state.client.watchedFilesRegistration || !state.initialized || timer !== undefined) return;
		timer = setTimeout(() => {
			timer = undefined;
			queue = queue.then(updateRegistration).catch((error: unknown) => log(formatError('Could not watch the included files', error)));
		}, WATCH_REGISTRATION_DELAY_MS);
	};

	async function updateRegistration(): Promise<void> {
		const paths = [...state.watchedPaths()].sort();
		const folders = state.workspaceTrusted ? [...state.workspaceFolders].sort() : [];
		const key = [...paths, '', ...folders].join('\n');
		if (key === registeredKey) return;
		registeredKey = key;
		const previous = registration;
		registration = undefined;
		const watchers = [
			...paths.map((file) => watcherFor(file, state.client.watchedFilesRelativePatterns)),
			...folders.flatMap((folder) => zoneFileWatchers(folder, state.client.watchedFilesRelativePatterns)),
		];
		if (watchers.length > 0) registration = await register(watchers);
		if (previous !== undefined) unregister(previous);
	}

	// Sent as plain requests rather than through `connection.client.register`: the library's
	// disposable logs a failed unregistration to the console, which throws once the connection is
	// gone (a client that shut down while a registration was changing), outside any handler.
	async function register(watchers: FileSystemWatcher[]): Promise<string> {
		const id = randomUUID();
		await connection.sendRequest(RegistrationRequest.type, {
			registrations: [{ id, method: DidChangeWatchedFilesNotification.method, registerOptions: { watchers } }],
		});
		return id;
	}

	function unregister(id: string): void {
		connection
			.sendRequest(UnregistrationRequest.type, { unregisterations: [{ id, method: DidChangeWatchedFilesNotification.method }] })
			.catch((error: unknown) => log(formatError('Could not stop watching files', error)));
	}

	connection.onDidChangeWatchedFiles(
		safeHandler(log, 'Error while handling changed files', (params) => {
			const paths = new Set<string>();
			for (const change of params?.changes ?? []) {
				const file = typeof change?.uri === 'string' ? fileUriToPath(change.uri) : undefined;
				if (file !== undefined) paths.add(path.normalize(file));
			}
			if ([...paths].some((file) => path.basename(file) === CONFIG_FILE_NAME)) {
				// A configuration file appeared, changed or went away: every document's settings may differ.
				state.configs.clear();
				state.onConfigChanged?.();
				state.settings.clear();
				state.clearAnalyses();
				diagnostics.changed();
				return;
			}
			const uris = state.invalidateIncluding(paths);
			if (uris.length > 0) diagnostics.changed(uris);
			zoneFilesChanged(paths);
		}),
	);
}

/** A watcher for exactly one file: a relative pattern (its folder and its escaped name), or an absolute glob. */
function watcherFor(file: string, relativePatterns: boolean): FileSystemWatcher {
	if (relativePatterns) {
		return { globPattern: { baseUri: pathToFileURL(path.dirname(file)).href, pattern: escapeGlob(path.basename(file)) } };
	}
	return { globPattern: escapeGlob(file.split(path.sep).join('/')) };
}

/** Watchers for the zone files anywhere in a workspace folder (a `file:` URI). */
function zoneFileWatchers(folderUri: string, relativePatterns: boolean): FileSystemWatcher[] {
	const folder = fileUriToPath(folderUri);
	if (folder === undefined) return [];
	if (relativePatterns) return ZONE_FILE_GLOBS.map((pattern) => ({ globPattern: { baseUri: folderUri, pattern } }));
	const base = escapeGlob(folder.split(path.sep).join('/'));
	return ZONE_FILE_GLOBS.map((pattern) => ({ globPattern: `${base}/${pattern}` }));
}

/** Glob syntax characters in a file name stand for themselves: `a[1].inc` → `a[[]1[]].inc`. */
export function escapeGlob(text: string): string {
	return text.replace(/[*?[\]{}]/g, (character) => `[${character}]`);
}
