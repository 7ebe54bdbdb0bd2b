/**
 * Outline, folding, selection ranges, definition, references, highlights, document links and rename:
 * each a {@link documentRequest} against the shared analysis, answered by the language service.
 * A rename the service refuses is answered with a `RequestFailed` error carrying its reason, which
 * editors show to the user.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type CancellationToken,
	type DocumentHighlight,
	type DocumentLink,
	type DocumentSymbol,
	type FoldingRange,
	type Location,
	LSPErrorCodes,
	Position,
	ResponseError,
	type SelectionRange,
	type WorkspaceEdit,
} from 'vscode-languageserver';
import { contentModified, documentRequest, invalidParams } from '../documentRequest';
import type { ParsedZone } from '../service/languageService';
import type { ServerState } from '../serverState';
import type { ZoneSettings } from '../settings';

export function registerNavigation(state: ServerState): void {
	const { connection, service } = state;
	/** A request about one position of one document. */
	const atPosition = <T>(
		params: { textDocument?: { uri?: unknown }; position?: unknown } | undefined,
		token: CancellationToken,
		what: string,
		empty: T,
		compute: (document: TextDocument, zone: ParsedZone, settings: ZoneSettings) => T | Promise<T>,
	): Promise<T | ResponseError<never>> | ResponseError<never> => {
		if (!Position.is(params?.position)) return invalidParams('position must be { line, character } with whole numbers ≥ 0.');
		const uri = params.textDocument?.uri;
		return documentRequest<T>(state, uri, token, { errorMessage: `Error while computing ${what} for ${String(uri)}`, compute, empty });
	};

	/**
	 * While the workspace's zone files are being indexed (trusted workspaces only), waits for the index,
	 * at most `state.indexWaitMs`: whether it was then complete, and whether `document` changed meanwhile.
	 * `undefined` when nothing was being indexed.
	 */
	const waitForIndex = async (document: TextDocument): Promise<{ indexed: boolean; moved: boolean } | undefined> => {
		if (!state.workspaceTrusted || !state.zones.indexing) return undefined;
		const { version } = document;
		const indexed = await state.zones.whenIndexed(state.indexWaitMs);
		return { indexed, moved: state.documents.get(document.uri)?.version !== version };
	};

	connection.onDocumentSymbol((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<DocumentSymbol[]>(state, uri, token, {
			errorMessage: `Error while computing the Outline for ${String(uri)}`,
			compute: (document, zone) => service.getDocumentSymbols(document, zone),
			empty: [],
		});
	});

	connection.onFoldingRanges((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<FoldingRange[]>(state, uri, token, {
			errorMessage: `Error while computing folding ranges for ${String(uri)}`,
			compute: (document, zone) => service.getFoldingRanges(document, zone, state.client.foldingRangeLimit),
			empty: [],
		});
	});

	connection.onSelectionRanges((params, token) => {
		if (!Array.isArray(params?.positions) || !params.positions.every((position) => Position.is(position))) {
			return invalidParams('positions must be a list of { line, character } with whole numbers ≥ 0.');
		}
		const uri = params.textDocument?.uri;
		return documentRequest<SelectionRange[]>(state, uri, token, {
			errorMessage: `Error while computing selection ranges for ${String(uri)}`,
			compute: (document, zone) => service.getSelectionRanges(document, zone, params.positions),
			empty: [],
		});
	});

	connection.onDefinition((params, token) =>
		atPosition<Location[]>(params, token, 'the definition', [], (document, zone) => service.getDefinition(document, zone, params.position)),
	);

	connection.onReferences((params, token) =>
		atPosition<Location[] | ResponseError<never>>(params, token, 'references', [], async (document, zone, settings) => {
			// The other zones' words come from the index the analysis was made with: while it is being built,
			// wait a little for all of it (after that, what is indexed is listed).
			const waited = await waitForIndex(document);
			if (waited) {
				if (waited.moved) return contentModified();
				const { version } = document;
				const current = await state.analysisOfAsync(document, settings);
				if (current === undefined || state.documents.get(document.uri)?.version !== version) return contentModified();
				zone = current;
			}
			return service.getReferences(document, zone, params.position, params.context?.includeDeclaration === true);
		}),
	);

	connection.onDocumentHighlight((params, token) =>
		atPosition<DocumentHighlight[]>(params, token, 'highlights', [], (document, zone) =>
			service.getDocumentHighlights(document, zone, params.position),
		),
	);

	connection.onDocumentLinks((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<DocumentLink[]>(state, uri, token, {
			errorMessage: `Error while computing document links for ${String(uri)}`,
			compute: (document, zone) => service.getDocumentLinks(document, zone),
			empty: [],
		});
	});

	connection.onPrepareRename((params, token) =>
		atPosition(params, token, 'the rename', null, (document, zone) => {
			const fragment = fragmentRefusal(state, document);
			if (fragment) return fragment;
			const prepared = service.prepareRename(document, zone, params.position);
			return 'refused' in prepared ? refusal(prepared.refused) : prepared;
		}),
	);

	connection.onRenameRequest((params, token) => {
		if (typeof params?.newName !== 'string') return invalidParams('newName must be a string.');
		return atPosition<WorkspaceEdit | ResponseError<void> | null>(params, token, 'the rename', null, async (document, zone) => {
			const fragment = fragmentRefusal(state, document);
			if (fragment) return fragment;
			// Renamed now, the zones not yet read would keep the old name, and nobody would know: wait a
			// little for the index, then refuse. (The other zones are read from the index as it is then.)
			const waited = await waitForIndex(document);
			if (waited && !waited.indexed) {
				const indexing = state.zones.indexing;
				return refusal(
					`The workspace's zone files are still being indexed (${indexing?.done ?? 0} of ${indexing?.total ?? 0} read): rename again when it is done, so the other zones that name this owner are renamed too.`,
				);
			}
			// The edit must be about the text the client had when it asked.
			if (waited?.moved) return contentModified();
			const openTextOf = (uri: string): string | undefined => state.openTextOf(uri);
			// Other zones are edited only as an index the workspace is trusted with reads them.
			const otherZones = state.workspaceTrusted
				? (key: string, exceptApexKey: string | undefined) => state.zones.currentReferencesTo(key, exceptApexKey, openTextOf)
				: undefined;
			const edit = service.getRenameEdits(document, zone, params.position, params.newName, openTextOf, otherZones);
			return 'refused' in edit ? refusal(edit.refused) : edit;
		});
	});
}

/**
 * A file that an open zone `$INCLUDE`s is read in that zone's context, but only the zone sees every
 * record that points at the file's owners: renamed from the fragment, those would keep the old name.
 */
function fragmentRefusal(state: ServerState, document: TextDocument): ResponseError<void> | undefined {
	const includedBy = state.includedBy(document);
	if (!includedBy) return undefined;
	return refusal(
		`This file is included by ${includedBy.uri} (line ${includedBy.line + 1}): rename there, where every record that names it is seen.`,
	);
}

/** A refused rename: `RequestFailed` (LSP 3.17), whose message editors show. */
function refusal(message: string): ResponseError<void> {
	return new ResponseError<void>(LSPErrorCodes.RequestFailed, message);
}
