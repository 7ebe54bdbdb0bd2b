/**
 * Keeps the workspace index (workspace/workspaceZones.ts) current: built in the background after
 * `initialized` and whenever the workspace folders or the trust change, with progress shown by the
 * client (`window/workDoneProgress`) where it supports it; zone files changed on disk are read again
 * (handlers/watchedFiles.ts forwards the events). Each change of the index has the open zones
 * analysed again, since a sibling zone may hold their backup MX.
 */
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { formatError } from '../runSafe';
import type { ServerState } from '../serverState';
import { folderPaths } from '../workspace/workspaceZones';
import type { DiagnosticsHandle } from './diagnostics';

export interface WorkspaceIndexHandle {
	/** Index the workspace folders anew (at start, and when folders or trust change). */
	readonly rebuild: () => void;
	/** Files changed on disk; the zone files among them are read again. */
	readonly filesChanged: (paths: ReadonlySet<string>) => void;
}

export function registerWorkspaceIndex(state: ServerState, diagnostics: DiagnosticsHandle): WorkspaceIndexHandle {
	const indexChanged = (): void => {
		state.clearAnalyses();
		diagnostics.changed();
	};

	async function rebuild(): Promise<void> {
		if (!state.workspaceTrusted) {
			// An untrusted workspace is not read: no includes, no index.
			state.zones.clear();
			return;
		}
		const folders = folderPaths(state.workspaceFolders);
		let progress: WorkDoneProgressServerReporter | undefined;
		if (state.client.workDoneProgress && folders.length > 0) {
			progress = await state.connection.window.createWorkDoneProgress();
			progress.begin('Zone Sentinel: indexing zone files', 0, undefined, false);
		}
		let lastPercent = -1;
		try {
			const changed = await state.zones.rebuild(folders, (done, total) => {
				const percent = Math.floor((done / total) * 100);
				if (percent === lastPercent) return;
				lastPercent = percent;
				progress?.report(percent, `${done} of ${total} zone files`);
			});
			if (changed) indexChanged();
		} finally {
			progress?.done();
		}
	}

	return {
		rebuild: () => {
			rebuild().catch((error: unknown) => state.log(formatError('Could not index the workspace zone files', error)));
		},
		filesChanged: (paths) => {
			if (state.workspaceTrusted && state.zones.update(paths)) indexChanged();
		},
	};
}
