/**
 * The status-bar item shown while a zone file is the active editor: its origin and how many records
 * it has, e.g. `example.com. · 12 records`; the tooltip adds the file's errors and warnings (VS
 * Code's own item counts the workspace's, so the text does not count them a second time).
 * Clicking it opens the Problems panel. Origin and record count come from the server
 * (`zoneSentinel/zoneSummary`); the problem counts from the diagnostics VS Code already holds.
 */
import { DiagnosticSeverity, Disposable, languages, StatusBarAlignment, type TextDocument, type Uri, window, workspace } from 'vscode';
import { RequestType, type LanguageClient } from 'vscode-languageclient/node';
import { SERVER_NAME, SETTINGS_SECTION, ZONE_SUMMARY_METHOD, type ZoneSummary, type ZoneSummaryParams } from '../../protocol/src/index';

const ZoneSummaryRequest = new RequestType<ZoneSummaryParams, ZoneSummary | null, void>(ZONE_SUMMARY_METHOD);
/** `Diagnostic.source` of the server's diagnostics: the server's name. */
const DIAGNOSTIC_SOURCE = SERVER_NAME;
/** Wait this long after the last edit before asking the server again. */
const REFRESH_DELAY_MS = 300;

export function registerStatusBar(client: LanguageClient): Disposable {
	const item = window.createStatusBarItem('zoneSentinel.zone', StatusBarAlignment.Left, 50);
	item.name = 'Zone Sentinel';
	item.command = 'workbench.actions.view.problems';
	let summary: ZoneSummary | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;
	// Answers can arrive out of order; only the latest request may update the item.
	let generation = 0;

	const activeZone = (): TextDocument | undefined => {
		const document = window.activeTextEditor?.document;
		return document?.languageId === 'dns-zone' ? document : undefined;
	};

	const render = (): void => {
		const document = activeZone();
		if (!document) {
			item.hide();
			return;
		}
		const problems = languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
		const errors = problems.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).length;
		const warnings = problems.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning).length;
		const origin = summary?.origin ?? 'origin unknown';
		// No problem count in the text: VS Code's own status bar item already counts them.
		const parts = [`$(globe) ${origin}`];
		if (summary) parts.push(plural(summary.records, 'record'));
		item.text = parts.join(' · ');
		item.tooltip = [
			`Zone Sentinel: ${summary?.origin ? `origin ${summary.origin} (from ${summary.originSource})` : 'the origin is unknown: add $ORIGIN or set zoneSentinel.defaultOrigin'}`,
			summary ? `${plural(summary.records, 'record')}, $INCLUDE and $GENERATE included` : undefined,
			`${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${problems.length - errors - warnings} other; click to show the Problems panel`,
		]
			.filter((line) => line !== undefined)
			.join('\n');
		item.show();
	};

	const refresh = (): void => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		const document = activeZone();
		const request = ++generation;
		if (!document) {
			summary = undefined;
			render();
			return;
		}
		client.sendRequest(ZoneSummaryRequest, { uri: client.code2ProtocolConverter.asUri(document.uri) }).then(
			(answer) => {
				if (request !== generation) return;
				summary = answer ?? undefined;
				render();
			},
			() => undefined,
		);
		render();
	};

	const refreshSoon = (): void => {
		if (timer !== undefined) clearTimeout(timer);
		timer = setTimeout(refresh, REFRESH_DELAY_MS);
	};

	const isActive = (uri: Uri): boolean => activeZone()?.uri.toString() === uri.toString();
	refresh();
	return Disposable.from(
		item,
		window.onDidChangeActiveTextEditor(refresh),
		workspace.onDidChangeTextDocument((event) => {
			if (isActive(event.document.uri)) refreshSoon();
		}),
		workspace.onDidChangeConfiguration((event) => {
			if (event.affectsConfiguration(SETTINGS_SECTION)) refreshSoon();
		}),
		languages.onDidChangeDiagnostics((event) => {
			if (event.uris.some(isActive)) render();
		}),
		{ dispose: () => timer !== undefined && clearTimeout(timer) },
	);
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
