/**
 * Wrappers that keep one failing handler from taking the server down: every request and
 * notification handler runs inside one of these. Errors are logged and answered with an empty
 * result; cancelled requests are answered with `RequestCancelled` (after json-language-features' runner).
 */
import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** Where failures are reported, normally `connection.console.error`. */
export type ErrorLogger = (message: string) => void;

/**
 * Runs a request handler on a later turn of the event loop, so that a `$/cancelRequest` sent just
 * after the request is seen first. Returns `errorValue` when `func` throws or rejects.
 */
export function runSafe<T>(
	log: ErrorLogger,
	func: () => T | Promise<T>,
	errorValue: T,
	errorMessage: string,
	token: CancellationToken,
): Promise<T | ResponseError<never>> {
	return runLater(log, func, () => errorValue, errorMessage, token);
}

/**
 * Like {@link runSafe}, but a request that throws gets an error response (`InternalError`, with the
 * message) instead of an empty result, so the client can tell a failure from "nothing here". The
 * error is logged too, and the server goes on serving. `func` may itself return a `ResponseError`,
 * e.g. `ContentModified` for a request about a version of a document that has been replaced.
 */
export function runRequest<T, E = never>(
	log: ErrorLogger,
	func: () => T | ResponseError<E> | Promise<T | ResponseError<E>>,
	errorMessage: string,
	token: CancellationToken,
): Promise<T | ResponseError<E>> {
	return runLater(
		log,
		func,
		(error) =>
			new ResponseError<never>(ErrorCodes.InternalError, `${errorMessage}: ${error instanceof Error ? error.message : String(error)}`),
		errorMessage,
		token,
	);
}

/** The shared body: run on a later turn, answer cancellation, log a failure and answer `onError`'s value. */
function runLater<R>(
	log: ErrorLogger,
	func: () => R | Promise<R>,
	onError: (error: unknown) => R,
	errorMessage: string,
	token: CancellationToken,
): Promise<R | ResponseError<never>> {
	return new Promise((resolve) => {
		setImmediate(() => {
			if (token.isCancellationRequested) return resolve(cancelled());
			Promise.resolve()
				.then(func)
				.then(
					(result) => resolve(token.isCancellationRequested ? cancelled() : result),
					(error: unknown) => {
						log(formatError(errorMessage, error));
						resolve(onError(error));
					},
				);
		});
	});
}

/** Wraps a notification handler (no result to return): errors, sync or async, are only logged. */
export function safeHandler<A extends unknown[]>(
	log: ErrorLogger,
	errorMessage: string,
	handler: (...args: A) => void | Promise<void>,
): (...args: A) => void {
	return (...args: A) => {
		try {
			const result = handler(...args);
			if (result) result.catch((error: unknown) => log(formatError(errorMessage, error)));
		} catch (error) {
			log(formatError(errorMessage, error));
		}
	};
}

export function formatError(message: string, error: unknown): string {
	if (error instanceof Error) return `${message}: ${error.message}\n${error.stack ?? ''}`;
	return `${message}: ${String(error)}`;
}

function cancelled(): ResponseError<never> {
	return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
