/**
 * `textDocument/willSaveWaitUntil` only while it is wanted: a client that waits for the server's
 * answer before every save (VS Code does) pays a round trip per save, for a feature that is off by
 * default (`zoneSentinel.serial.incrementOnSave`). With a client that lets the server register it
 * dynamically, the server registers it while some open zone has the setting on, and unregisters it
 * when none has; other clients get it as a static capability (server.ts).
 */
import { randomUUID } from 'node:crypto';
import { RegistrationRequest, UnregistrationRequest, WillSaveTextDocumentWaitUntilRequest } from 'vscode-languageserver';
import { formatError } from '../runSafe';
import type { ServerState } from '../serverState';

export interface WillSaveRegistration {
	/** Settings or the open documents changed: register or unregister as they now need. */
	readonly update: () => void;
}

export function registerWillSaveRegistration(state: ServerState): WillSaveRegistration {
	const { connection, documents, log } = state;
	const method = WillSaveTextDocumentWaitUntilRequest.method;
	let registration: string | undefined;
	/** Updates run one at a time, in order, so a quick on–off–on ends registered once. */
	let queue: Promise<void> = Promise.resolve();

	async function apply(): Promise<void> {
		const settings = await Promise.all(documents.all().map((document) => state.settings.get(document.uri)));
		const wanted = settings.some((setting) => setting.serial.incrementOnSave);
		if (wanted && registration === undefined) {
			const id = randomUUID();
			await connection.sendRequest(RegistrationRequest.type, {
				registrations: [{ id, method, registerOptions: { documentSelector: [{ language: 'dns-zone' }] } }],
			});
			registration = id;
		} else if (!wanted && registration !== undefined) {
			const id = registration;
			registration = undefined;
			await connection.sendRequest(UnregistrationRequest.type, { unregisterations: [{ id, method }] });
		}
	}

	const update = (): void => {
		if (!state.client.willSaveRegistration || !state.initialized) return;
		queue = queue.then(apply).catch((error: unknown) => log(formatError('Could not register the serial increment on save', error)));
	};
	// Documents open only after `initialized`, so the first open registers it if wanted.
	documents.onDidOpen(update);
	documents.onDidClose(update);
	return { update };
}
