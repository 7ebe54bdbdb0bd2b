/**
 * The VS Code side of Zone Sentinel: starts the bundled language server and connects it to
 * `dns-zone` documents. All zone-file knowledge, including settings, lives in the server.
 */
import { ExtensionContext, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
	// The server ships as its own bundle next to this one (see esbuild.mjs).
	const serverModule = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module: serverModule, transport: TransportKind.ipc },
		debug: {
			module: serverModule,
			transport: TransportKind.ipc,
			// Lets "Attach to Server" connect a debugger to the running server.
			options: { execArgv: ['--nolazy', '--inspect=6009'] },
		},
	};

	const outputChannel = window.createOutputChannel('Zone Sentinel', { log: true });
	context.subscriptions.push(outputChannel);

	const clientOptions: LanguageClientOptions = {
		documentSelector: [{ language: 'dns-zone' }],
		// The server pulls settings itself; this only tells it when `zoneSentinel.*` changes.
		synchronize: { configurationSection: 'zoneSentinel' },
		outputChannel,
	};

	// The id `zoneSentinel` makes the `zoneSentinel.trace.server` setting apply to this client.
	client = new LanguageClient('zoneSentinel', 'Zone Sentinel', serverOptions, clientOptions);
	await client.start();
}

export async function deactivate(): Promise<void> {
	const running = client;
	client = undefined;
	await running?.stop();
}
