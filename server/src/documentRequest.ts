/**
 * The one path of every request about one open document (hover, code lenses, code actions,
 * diagnostics pull, semantic tokens, the zone summary, the mail test), with one staleness rule.
 */
import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { runRequest, runSafe } from './runSafe';
import type { ParsedZone } from './service/languageService';
import type { ServerState } from './serverState';
import type { ZoneSettings } from './settings';

/**
 * How long a request whose analysis is not ready waits for edits already on their way (ms). The
 * jsonrpc layer handles one message per turn of the event loop, so a burst drains in far less.
 */
export const SETTLE_MS = 5;

export interface DocumentRequest<T, E = never> {
	/** Logged with the error when `compute` fails, e.g. `Error while computing the hover for file:///…`. */
	readonly errorMessage: string;
	readonly compute: (document: TextDocument, zone: ParsedZone, settings: ZoneSettings) => T | Promise<T>;
	/** The answer for a document that is not open. */
	readonly empty: T;
	/** The answer for a document whose version changed; default `ContentModified`. */
	readonly stale?: () => ResponseError<E>;
	/**
	 * When given, a failure answers this value (and a malformed uri answers `empty`), for requests
	 * whose client shows no errors; otherwise a failure gets `InternalError` and a malformed uri
	 * `InvalidParams`.
	 */
	readonly failed?: T;
	/**
	 * The request is about this position (or range) only: while the current version's analysis is not
	 * ready, one outside the lines edited since the last analysis is answered from that analysis,
	 * through a view whose positions are the current document's (see editsSinceAnalysis.ts).
	 */
	readonly position?: Position | Range;
	/**
	 * The ranges an answer would change (a quick fix's edits): an answer from the last analysis is
	 * given only when they too lie outside the edited lines; else the request waits for the new one.
	 */
	readonly changes?: (answer: T) => readonly Range[];
}

/**
 * Runs a request about one document against the analysis of the version the client had when it
 * asked. When that analysis is not ready, the request first waits {@link SETTLE_MS} for edits
 * already on their way; if the document changed meanwhile, an answer would be about text the
 * client no longer has, so the request gets `stale()` without any analysis; so it does when the
 * document changes while the analysis is made (in slices, see ServerState.analysisOfAsync). A burst of edits with
 * requests in between thus costs one analysis, not one per request. Unknown documents get `empty`;
 * a failure is logged and answered (see {@link DocumentRequest.failed}), and the server goes on
 * serving. Cancellation is answered with `RequestCancelled` (runSafe.ts).
 */
export function documentRequest<T, E = never>(
	state: ServerState,
	uri: unknown,
	token: CancellationToken,
	request: DocumentRequest<T, E>,
): Promise<T | ResponseError<E>> {
	// Read now, while handling the request: later edits must not make it look current.
	const receivedVersion = typeof uri === 'string' ? state.documents.get(uri)?.version : undefined;
	const answer = async (): Promise<T | ResponseError<E>> => {
		if (typeof uri !== 'string') return request.failed !== undefined ? request.empty : invalidParams('textDocument.uri must be a string.');
		const settings = await state.settings.get(uri);
		let document = state.documents.get(uri);
		if (document && !state.hasAnalysis(document, settings)) {
			const last =
				request.position && document.version === receivedVersion ? state.lastAnalysisAt(document, settings, request.position) : undefined;
			if (last) {
				const answer = await request.compute(last.view, last.zone, settings);
				if (request.changes === undefined || last.outside(request.changes(answer))) return answer;
			}
			await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
			document = state.documents.get(uri);
		}
		if (!document) return request.empty;
		if (document.version !== receivedVersion) return (request.stale ?? contentModified)();
		// Made in slices: other requests are answered meanwhile, and an edit makes this one stale.
		const zone = await state.analysisOfAsync(document, settings);
		if (!state.documents.get(uri)) return request.empty;
		if (zone === undefined || document.version !== receivedVersion) return (request.stale ?? contentModified)();
		return request.compute(document, zone, settings);
	};
	if (request.failed !== undefined) return runSafe<T | ResponseError<E>>(state.log, answer, request.failed, request.errorMessage, token);
	return runRequest<T, E>(state.log, answer, request.errorMessage, token);
}

export function contentModified(): ResponseError<never> {
	return new ResponseError<never>(LSPErrorCodes.ContentModified, 'The document changed since this request was made.');
}

export function invalidParams(message: string): ResponseError<never> {
	return new ResponseError<never>(ErrorCodes.InvalidParams, message);
}
