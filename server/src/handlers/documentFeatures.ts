/**
 * Hover, code lenses and code actions: each a {@link documentRequest} against the shared analysis,
 * answered by the language service.
 */
import { type CodeAction, type CodeLens, Diagnostic, Position } from 'vscode-languageserver';
import { documentRequest, invalidParams } from '../documentRequest';
import type { ServerState } from '../serverState';

export function registerDocumentFeatures(state: ServerState): void {
	const { connection, service } = state;

	connection.onHover((params, token) => {
		if (!Position.is(params?.position)) return invalidParams('position must be { line, character } with whole numbers ≥ 0.');
		const uri = params.textDocument?.uri;
		return documentRequest(state, uri, token, {
			errorMessage: `Error while computing the hover for ${String(uri)}`,
			compute: (document, zone, settings) => service.getHover(document, zone, params.position, settings) ?? null,
			empty: null,
		});
	});

	connection.onCodeLens((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<CodeLens[]>(state, uri, token, {
			errorMessage: `Error while computing code lenses for ${String(uri)}`,
			compute: (document, zone, settings) => service.getCodeLenses(document, zone, settings, state.clientFeatures),
			empty: [],
		});
	});

	connection.onCodeAction((params, token) => {
		if (!Array.isArray(params?.context?.diagnostics) || !params.context.diagnostics.every((diagnostic) => Diagnostic.is(diagnostic))) {
			return invalidParams('context.diagnostics must be a list of diagnostics.');
		}
		const uri = params.textDocument?.uri;
		return documentRequest<CodeAction[]>(state, uri, token, {
			errorMessage: `Error while computing code actions for ${String(uri)}`,
			compute: (document, zone) => service.getCodeActions(document, zone, params.context, state.clientFeatures),
			empty: [],
		});
	});
}
