/**
 * "Zone Sentinel: Run Failover Drill": asks for the mailbox (remembered per workspace), the sender
 * and recipient when the settings do not name them, and the backup to go through; then a modal
 * that names the host, the address and the mailbox; then the mailbox password from SecretStorage
 * (asked once, forgotten when the login fails). The drill runs in the language server
 * (`zoneSentinel/runFailoverDrill`, smtp/src/drill.ts); this side shows progress with Cancel, the
 * transcript (which never holds the password), the rendered report and the verdict.
 */
import { commands, type Disposable, type ExtensionContext, type QuickPickItem, Uri, window, workspace } from 'vscode';
import { RequestType } from 'vscode-languageclient/node';
import {
	type DrillBackup,
	type DrillDomain,
	FAILOVER_DRILL_PLAN_METHOD,
	type FailoverDrillPlanParams,
	type FailoverDrillPlanResult,
	RUN_FAILOVER_DRILL_COMMAND,
	RUN_FAILOVER_DRILL_METHOD,
	type RunFailoverDrillParams,
	type RunFailoverDrillResult,
	SETTINGS_SECTION,
	type TestSmtpArguments,
} from '../../protocol/src/index';
import { mailboxInputError, passwordInputError } from './drillInput';
import { type MailTestUi, showReport, withTranscript, zoneUriOf } from './mailTest';
import { whileSecret } from './redaction';

const FailoverDrillPlanRequest = new RequestType<FailoverDrillPlanParams, FailoverDrillPlanResult, void>(FAILOVER_DRILL_PLAN_METHOD);
const RunFailoverDrillRequest = new RequestType<RunFailoverDrillParams, RunFailoverDrillResult, void>(RUN_FAILOVER_DRILL_METHOD);

/** workspaceState key of the last mailbox URL. */
const MAILBOX_STATE_KEY = 'zoneSentinel.drill.mailbox';
/** SecretStorage key of a mailbox's password: one per mailbox URL. */
export const passwordKey = (mailbox: string): string => `zoneSentinel.mailboxPassword:${mailbox}`;

const bare = (host: string): string => host.replace(/\.$/, '');

/** Registers "Run Failover Drill" (palette, and the "Failover Drill" lens, which passes the owner as "Test SMTP" does); dispose to remove it. */
export function registerFailoverDrillCommand(ui: MailTestUi, context: ExtensionContext): Disposable {
	return commands.registerCommand(RUN_FAILOVER_DRILL_COMMAND, (args?: Partial<TestSmtpArguments>) => runFailoverDrill(ui, context, args));
}

async function runFailoverDrill(ui: MailTestUi, context: ExtensionContext, args: Partial<TestSmtpArguments> | undefined): Promise<void> {
	const uri = zoneUriOf(args);
	if (uri === undefined) {
		void window.showWarningMessage('Open a DNS zone file to run a failover drill of its mail exchangers.');
		return;
	}
	const plan = await ui.client.sendRequest(FailoverDrillPlanRequest, { uri, ...(args?.owner ? { owner: args.owner } : {}) });
	if (plan.error !== undefined || plan.domains.length === 0) {
		void window.showWarningMessage(`Zone Sentinel: ${plan.error ?? 'nothing to drill.'}`);
		return;
	}
	const domain = await pickDomain(plan.domains);
	if (!domain) return;

	const mailboxInput = await window.showInputBox({
		title: `Failover drill of ${bare(domain.domain)}: mailbox`,
		prompt: 'The mailbox where the test message must arrive (IMAP or POP3); it is read with its password, and the message deleted there.',
		placeHolder: 'imap://user@mail.example.com:143/INBOX',
		value: context.workspaceState.get<string>(MAILBOX_STATE_KEY),
		ignoreFocusOut: true,
		validateInput: mailboxInputError,
	});
	if (mailboxInput === undefined) return;
	const mailbox = mailboxInput.trim();
	await context.workspaceState.update(MAILBOX_STATE_KEY, mailbox);

	const sender = await addressFor(uri, 'sender', domain.sender, 'MAIL FROM of the test message');
	if (sender === undefined) return;
	const recipient = await addressFor(uri, 'recipient', domain.recipient, 'RCPT TO: the address whose mailbox you named');
	if (recipient === undefined) return;
	const via = await pickBackup(domain);
	if (!via) return;

	// A real message reaches a real mailbox, and the mailbox is read: say exactly what happens.
	const at = via.override ? ` at ${via.override}` : '';
	const untrusted = workspace.isTrusted
		? ''
		: ' This workspace is not trusted: the host names come from its zone file, and its zoneSentinel.smtp settings are ignored.';
	const consent = await window.showWarningMessage(
		'Run a failover drill?',
		{
			modal: true,
			detail:
				`Zone Sentinel will send one real test message from ${sender} to ${recipient} through the backup ${bare(via.exchange)}${at} ` +
				`(the primary ${bare(domain.primary)} is treated as down and not contacted), then log in to ${mailbox} and read it until ` +
				`the message arrives (up to 10 minutes), and delete that message there.${untrusted}`,
		},
		'Run Drill',
	);
	if (consent !== 'Run Drill') return;

	const secretKey = passwordKey(mailbox);
	let password = await context.secrets.get(secretKey);
	if (password === undefined) {
		password = await window.showInputBox({
			title: `Password of ${mailbox}`,
			prompt: 'Kept in VS Code’s secret storage for this mailbox; forgotten when the login fails.',
			password: true,
			ignoreFocusOut: true,
			validateInput: passwordInputError,
		});
		if (password === undefined) return;
		await context.secrets.store(secretKey, password);
	}

	const params: RunFailoverDrillParams = { uri, domain: domain.domain, mailbox, password, via: via.exchange, sender, recipient };
	const title = `Failover drill of ${bare(domain.domain)} through ${bare(via.exchange)}`;
	const messages = { cancelled: 'Failover drill cancelled.', failed: 'Zone Sentinel could not run the failover drill' };
	const result = await withTranscript(ui, title, uri, messages, (testId, token) =>
		whileSecret(password, () => ui.client.sendRequest(RunFailoverDrillRequest, { ...params, testId }, token)),
	);
	if (!result) return;
	if (result.error !== undefined) {
		void window.showWarningMessage(`Zone Sentinel: ${result.error}`);
		return;
	}
	if (result.loginRefused) await context.secrets.delete(secretKey);
	await showReport(result.markdown, 'Failover drill');
	const summary = result.loginRefused
		? `${result.summary} The stored password of ${mailbox} was cleared: run the drill again to enter it.`
		: result.summary;
	const show =
		result.verdict === 'delivered'
			? window.showInformationMessage
			: result.verdict === 'queued' || result.cancelled
				? window.showWarningMessage
				: window.showErrorMessage;
	void show(summary, 'Show Transcript').then((choice) => {
		if (choice) ui.output.show(true);
	});
}

async function pickDomain(domains: readonly DrillDomain[]): Promise<DrillDomain | undefined> {
	if (domains.length === 1) return domains[0];
	const picked = await window.showQuickPick(
		domains.map((domain) => ({ label: bare(domain.domain), description: `${domain.backups.length + 1} mail exchangers`, domain })),
		{ title: 'Failover drill: which mail domain?', ignoreFocusOut: true },
	);
	return picked?.domain;
}

/** The backup to send through: the only one, or one picked from the backups in delivery order (the first preselected). */
async function pickBackup(domain: DrillDomain): Promise<DrillBackup | undefined> {
	if (domain.backups.length === 1) return domain.backups[0];
	const items: (QuickPickItem & { backup: DrillBackup })[] = domain.backups.map((backup, index) => ({
		label: bare(backup.exchange),
		description: `preference ${backup.preference}${index === 0 ? ', first backup' : ''}${backup.override ? ` → ${backup.override}` : ''}`,
		backup,
	}));
	const picked = await window.showQuickPick(items, {
		title: `Failover drill of ${bare(domain.domain)}: send through which backup?`,
		placeHolder: `The primary ${bare(domain.primary)} is treated as down`,
		ignoreFocusOut: true,
	});
	return picked?.backup;
}

/** The `zoneSentinel.smtp.<key>` address when set at some level, else asked (the server's value offered). */
async function addressFor(uri: string, key: 'sender' | 'recipient', current: string, prompt: string): Promise<string | undefined> {
	const inspected = workspace.getConfiguration(SETTINGS_SECTION, { uri: Uri.parse(uri), languageId: 'dns-zone' }).inspect(`smtp.${key}`);
	const set = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((value) => value !== undefined);
	if (set) return current;
	const answer = await window.showInputBox({
		title: `Failover drill: ${key} address`,
		prompt: `${prompt} (zoneSentinel.smtp.${key} is not set)`,
		value: current,
		ignoreFocusOut: true,
		validateInput: (text) => (/^[^\s@<>]+@[^\s@<>]+$/.test(text.trim()) ? undefined : 'Enter a mail address such as user@example.com.'),
	});
	return answer?.trim();
}
