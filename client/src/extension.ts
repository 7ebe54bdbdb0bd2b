/**
 * The VS Code side of Zone Sentinel: starts the bundled language server and connects it to
 * `dns-zone` documents. All zone-file knowledge, including settings, lives in the server; the
 * client only adds the commands that need the VS Code UI (see protocol/src/commands.ts).
 */
import { commands, type ExtensionContext, Uri, window, workspace, WorkspaceEdit } from 'vscode';
import {
	LanguageClient,
	type LanguageClientOptions,
	NotificationType,
	type ServerOptions,
	TransportKind,
} from 'vscode-languageclient/node';
import {
	ADD_BACKUP_MX_COMMAND,
	type AddBackupMxArguments,
	INCREMENT_SERIAL_COMMAND,
	type IncrementSerialArguments,
	type InitializationOptions,
	SETTINGS_SECTION,
	TRUST_CHANGED_METHOD,
	type TrustChangedParams,
} from '../../protocol/src/index';
import { contributedSettingKeys, explicitConfiguration } from './explicitSettings';
import { hostInputError, normaliseHostInput } from './hostInput';
import { registerFailoverDrillCommand } from './failoverDrill';
import { createMailTestUi, registerMailTestCommands } from './mailTest';
import { redactingChannel } from './redaction';
import { registerStatusBar } from './statusBar';

let client: LanguageClient | undefined;

const TrustChangedNotification = new NotificationType<TrustChangedParams>(TRUST_CHANGED_METHOD);

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

	const settingKeys = contributedSettingKeys(context.extension.packageJSON);
	const outputChannel = window.createOutputChannel('Zone Sentinel', { log: true });
	context.subscriptions.push(outputChannel);

	const clientOptions: LanguageClientOptions = {
		documentSelector: [{ language: 'dns-zone' }],
		// The server pulls settings itself; this only tells it when `zoneSentinel.*` changes. Included
		// files need no `fileEvents` here: the server registers `workspace/didChangeWatchedFiles`
		// itself, for exactly the files its zones include (server/src/handlers/watchedFiles.ts).
		synchronize: { configurationSection: SETTINGS_SECTION },
		// Tells the server which of its client-side commands exist here (registered below).
		// A function, so a restarted server learns the workspace trust of that moment; in Restricted
		// Mode (untrusted) the server follows no $INCLUDE, since that would read files.
		initializationOptions: (): InitializationOptions => ({
			supportsAskForHost: true,
			supportsTestSmtp: true,
			supportsFailoverDrill: true,
			workspaceTrusted: workspace.isTrusted,
		}),
		outputChannel,
		// The same channel, but a drill's mailbox password never appears in the traced request params.
		traceOutputChannel: redactingChannel(outputChannel),
		// Only settings the user set reach the server, so a project's .zone-sentinel.json is not
		// overridden by VS Code's defaults (see explicitSettings.ts).
		middleware: {
			workspace: {
				configuration: async (params, token, next) => {
					const answers = await next(params, token);
					if (answers instanceof Error) return answers;
					return explicitConfiguration(
						settingKeys,
						params,
						() => answers as unknown[],
						(scopeUri) => Uri.parse(scopeUri),
					);
				},
			},
		},
	};

	// The id `zoneSentinel` makes the `zoneSentinel.trace.server` setting apply to this client.
	const started = new LanguageClient(SETTINGS_SECTION, 'Zone Sentinel', serverOptions, clientOptions);
	client = started;
	// "Test Mail Exchangers" (palette), the "Test SMTP" lens and "Run Failover Drill": they run in the server.
	const mailTestUi = createMailTestUi(started);
	context.subscriptions.push(
		commands.registerCommand(ADD_BACKUP_MX_COMMAND, (args: AddBackupMxArguments) => addBackupMx(started, args)),
		mailTestUi,
		registerMailTestCommands(mailTestUi),
		registerFailoverDrillCommand(mailTestUi, context),
	);
	context.subscriptions.push(
		commands.registerCommand('zoneSentinel.showOutput', () => outputChannel.show(true)),
		commands.registerCommand('zoneSentinel.restartServer', () => started.restart()),
		commands.registerCommand('zoneSentinel.incrementSerialOfEditor', () => incrementSerialOfEditor(started)),
	);
	await started.start();
	// Trust is only ever granted while the window lives (revoking it reloads the window).
	context.subscriptions.push(
		workspace.onDidGrantWorkspaceTrust(() => void started.sendNotification(TrustChangedNotification, { trusted: true })),
	);
	// After start: the status bar asks the server for the zone's origin and record count.
	context.subscriptions.push(registerStatusBar(started));
}

/**
 * "Increment SOA Serial" from the palette: the server's `zoneSentinel.incrementSerial` (the code
 * action's command) for the zone in the active editor, at its current version.
 */
async function incrementSerialOfEditor(languageClient: LanguageClient): Promise<void> {
	const document = window.activeTextEditor?.document;
	if (document?.languageId !== 'dns-zone') {
		void window.showWarningMessage('Open a DNS zone file to increment its SOA serial.');
		return;
	}
	const args: IncrementSerialArguments = { uri: languageClient.code2ProtocolConverter.asUri(document.uri), version: document.version };
	try {
		const result = await commands.executeCommand<{ applied: boolean; title: string } | null>(INCREMENT_SERIAL_COMMAND, args);
		if (result && !result.applied) void window.showWarningMessage(`Zone Sentinel: ${result.title} was not applied.`);
	} catch (error) {
		void window.showWarningMessage(`Zone Sentinel: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** Asks for the backup host, puts it in place of the placeholder, and applies the edit. */
async function addBackupMx(languageClient: LanguageClient, args: AddBackupMxArguments): Promise<void> {
	const uri = languageClient.protocol2CodeConverter.asUri(args.uri);
	const document = workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
	const stale = (): boolean => document === undefined || document.isClosed || document.version !== args.version;
	if (stale()) {
		void window.showWarningMessage('The zone file changed since this fix was offered. Run the quick fix again.');
		return;
	}
	const typed = await window.showInputBox({
		title: 'Add backup MX record',
		prompt: 'Host name of the backup mail exchanger, ideally on another network and provider',
		placeHolder: 'backup-mx.example.net',
		ignoreFocusOut: true,
		validateInput: hostInputError,
	});
	if (typed === undefined) return;
	const host = normaliseHostInput(typed);
	if (host === undefined) return;
	if (stale()) {
		void window.showWarningMessage('The zone file changed while you typed. Run the quick fix again.');
		return;
	}
	const edit = new WorkspaceEdit();
	for (const change of args.edits) {
		edit.replace(uri, languageClient.protocol2CodeConverter.asRange(change.range), change.newText.split(args.placeholder).join(host));
	}
	if (!(await workspace.applyEdit(edit))) void window.showErrorMessage('Zone Sentinel could not add the backup MX record.');
}

export async function deactivate(): Promise<void> {
	const running = client;
	client = undefined;
	await running?.stop();
}
