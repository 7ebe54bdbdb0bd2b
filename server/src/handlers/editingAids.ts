/**
 * Completion and inlay hints: each a {@link documentRequest} against the shared analysis,
 * answered by the language service.
 */
import { type CompletionList, type InlayHint, Position, Range } from 'vscode-languageserver';
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
}
