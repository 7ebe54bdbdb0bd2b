/**
 * What changes the analyses without changing the text: settings (didChangeConfiguration),
 * workspace folders (include roots) and workspace trust (`zoneSentinel/trustChanged`).
 */
import { NotificationType } from 'vscode-languageserver';
import { type InitializationOptions, SETTINGS_SECTION, TRUST_CHANGED_METHOD, type TrustChangedParams } from '../../../protocol/src/index';
import { safeHandler } from '../runSafe';
import type { ServerState } from '../serverState';

/**
 * `zoneSentinel/trustChanged`: the client's workspace became trusted (or not). In an untrusted
 * workspace (`initializationOptions.workspaceTrusted: false`) the server never reads `$INCLUDE`d
 * files; clients that do not say are trusted, as editors without workspace trust are.
 */
export const TRUST_CHANGED_NOTIFICATION = new NotificationType<TrustChangedParams>(TRUST_CHANGED_METHOD);

/**
 * `diagnosticsChanged` has every open document re-validated (handlers/diagnostics.ts);
 * `workspaceChanged` has the workspace index built anew (handlers/workspaceIndex.ts).
 */
export function registerConfiguration(state: ServerState, diagnosticsChanged: () => void, workspaceChanged: () => void): void {
	const { connection, log } = state;

	connection.onInitialized(
		safeHandler(log, 'Error after initialization', () => {
			state.initialized = true;
			state.onAnalysesChanged?.();
			workspaceChanged();
			if (!state.client.workspaceFolders) return;
			connection.workspace.onDidChangeWorkspaceFolders(
				safeHandler(log, 'Error while changing workspace folders', (event) => {
					const removed = new Set(event.removed.map((folder) => folder.uri));
					state.workspaceFolders = [
						...state.workspaceFolders.filter((uri) => !removed.has(uri)),
						...event.added.map((folder) => folder.uri),
					];
					// Include roots may have moved; recompute on the next request.
					state.clearAnalyses();
					diagnosticsChanged();
					workspaceChanged();
				}),
			);
		}),
	);

	// The VS Code client sends this because of `synchronize.configurationSection`; registering it
	// dynamically as well would make it send every change twice.
	connection.onDidChangeConfiguration(
		safeHandler(log, 'Error while changing settings', (params) => {
			state.settings.clear();
			if (!state.client.configuration) state.settings.pushed = sectionOf(params.settings);
			diagnosticsChanged();
		}),
	);

	connection.onNotification(
		TRUST_CHANGED_NOTIFICATION,
		safeHandler(log, 'Error while changing workspace trust', (params) => {
			const trusted = params?.trusted === true;
			if (trusted === state.workspaceTrusted) return;
			state.workspaceTrusted = trusted;
			// Includes are followed (or no longer) from now on: every analysis is out of date.
			state.clearAnalyses();
			diagnosticsChanged();
			workspaceChanged();
		}),
	);
}

/** `initializationOptions.workspaceTrusted`; a client that does not say is trusted. */
export function trustOf(initializationOptions: unknown): boolean {
	if (typeof initializationOptions !== 'object' || initializationOptions === null) return true;
	return (initializationOptions as Record<keyof InitializationOptions, unknown>).workspaceTrusted !== false;
}

/** The `zoneSentinel` section of a pushed settings object (`{ zoneSentinel: { … } }`). */
function sectionOf(settings: unknown): unknown {
	return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
}
