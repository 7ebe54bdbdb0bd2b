/**
 * `textDocument/semanticTokens/full`: owner, TTL, type and RDATA names of every record. A failure
 * answers no tokens, so the editor keeps its TextMate colours.
 */
import { type SemanticTokens } from 'vscode-languageserver';
import { documentRequest } from '../documentRequest';
import type { ServerState } from '../serverState';

const NO_TOKENS: SemanticTokens = { data: [] };

export function registerSemanticTokens(state: ServerState): void {
	state.connection.languages.semanticTokens.on((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<SemanticTokens>(state, uri, token, {
			errorMessage: `Error while computing semantic tokens for ${String(uri)}`,
			compute: (document, zone) => state.service.getSemanticTokens(document, zone),
			empty: NO_TOKENS,
			failed: NO_TOKENS,
		});
	});
}
