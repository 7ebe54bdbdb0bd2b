/**
 * `textDocument/semanticTokens/full`, `full/delta` and `range`: owner, TTL, type and RDATA names of
 * the records. Each full result gets an id, so the next `full/delta` answers only the tokens that
 * changed (or everything, when the client's id is not the last one). A failure answers no tokens,
 * so the editor keeps its TextMate colours.
 */
import { type SemanticTokens, type SemanticTokensDelta } from 'vscode-languageserver';
import { documentRequest } from '../documentRequest';
import { SemanticTokensResults } from '../service/semanticTokens';
import type { ServerState } from '../serverState';

const NO_TOKENS: SemanticTokens = { data: [] };

export function registerSemanticTokens(state: ServerState): void {
	const results = new SemanticTokensResults();
	state.documents.onDidClose(({ document }) => results.forget(document.uri));
	const { semanticTokens } = state.connection.languages;
	const errorMessage = (uri: unknown): string => `Error while computing semantic tokens for ${String(uri)}`;

	semanticTokens.on((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<SemanticTokens>(state, uri, token, {
			errorMessage: errorMessage(uri),
			compute: (document, zone) => results.full(document.uri, document.version, state.service.encodeSemanticTokens(document, zone)),
			empty: NO_TOKENS,
			failed: NO_TOKENS,
		});
	});
	semanticTokens.onDelta((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<SemanticTokens | SemanticTokensDelta>(state, uri, token, {
			errorMessage: errorMessage(uri),
			compute: (document, zone) =>
				results.delta(document.uri, document.version, String(params.previousResultId), state.service.encodeSemanticTokens(document, zone)),
			empty: NO_TOKENS,
			failed: NO_TOKENS,
		});
	});
	semanticTokens.onRange((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<SemanticTokens>(state, uri, token, {
			errorMessage: errorMessage(uri),
			compute: (document, zone) => state.service.getSemanticTokensInRange(document, zone, params.range),
			empty: NO_TOKENS,
			failed: NO_TOKENS,
		});
	});
}
