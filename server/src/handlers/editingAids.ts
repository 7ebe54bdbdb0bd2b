/**
 * Completion and inlay hints, each a {@link documentRequest} against the shared analysis, and
 * workspace symbols over the open documents' analyses and the workspace index; all answered by the
 * language service.
 */
import { type CompletionList, type InlayHint, Position, Range, type SymbolInformation } from 'vscode-languageserver';
import { runSafe } from '../runSafe';
import type { SymbolSource } from '../service/workspaceSymbols';
import { documentRequest, invalidParams } from '../documentRequest';
import type { ServerState } from '../serverState';
import { today } from './documentFeatures';

export function registerEditingAids(state: ServerState): void {
	const { connection, service } = state;

	connection.onCompletion((params, token) => {
		if (!Position.is(params?.position)) return invalidParams('position must be { line, character } with whole numbers ≥ 0.');
		const uri = params.textDocument?.uri;
		return documentRequest<CompletionList>(state, uri, token, {
			errorMessage: `Error while computing completions for ${String(uri)}`,
			compute: (document, zone) =>
				service.getCompletions(document, zone, params.position, { snippets: state.client.completionSnippets, today: today() }),
			empty: { isIncomplete: false, items: [] },
		});
	});

	connection.languages.inlayHint.on((params, token) => {
		if (!Range.is(params?.range)) return invalidParams('range must be { start, end } positions.');
		const uri = params.textDocument?.uri;
		return documentRequest<InlayHint[]>(state, uri, token, {
			errorMessage: `Error while computing inlay hints for ${String(uri)}`,
			compute: (document, zone, settings) => service.getInlayHints(document, zone, params.range, settings.inlayHints),
			empty: [],
		});
	});

	connection.onWorkspaceSymbol((params, token) =>
		runSafe<SymbolInformation[]>(
			state.log,
			async () => {
				const query = typeof params?.query === 'string' ? params.query : '';
				const sources: SymbolSource[] = [];
				const open = new Set<string>();
				for (const document of state.documents.all()) {
					const analysis = state.analysisOf(document, await state.settings.get(document.uri));
					open.add(document.uri);
					sources.push({ kind: 'open', uri: document.uri, document, analysis });
				}
				// The index reads files as saved: an open document's own text answers for it instead.
				for (const facts of state.workspaceTrusted ? state.zones.facts() : []) {
					if (!open.has(facts.fileId)) sources.push({ kind: 'indexed', facts });
				}
				return service.getWorkspaceSymbols(query, sources);
			},
			[],
			'Error while searching workspace symbols',
			token,
		),
	);
}
