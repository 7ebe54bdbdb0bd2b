/**
 * The mail commands' full flow in the real workbench, against the real mail stack on loopback
 * (test/helpers/mailStack.ts: Postfix primary and backup, Dovecot): Playwright does what a user
 * does, through the command palette, the notifications' buttons, the modal consent dialogs and
 * the input boxes; nothing is pre-answered.
 * - Test Mail Exchangers → "Send Test Message…" → modal → the messages arrive in the Maildir.
 * - Run Failover Drill → mailbox URL, sender (asked: the setting is unset), modal naming the host,
 *   the address and the mailbox → password → "Delivered" notification and the report; a second
 *   drill (from the "Failover Drill" code lens) offers the remembered mailbox and takes the password from the secret storage; a refused
 *   login (POP3) clears the stored password and says so, and the next drill asks for it again; with
 *   the primary down the backup queues the message, and the drill sees it arrive once the primary is back.
 * Each check prints `ok`/`not ok`; failures also save a screenshot in the temporary folder the log names.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { MAILBOX_PASSWORD, MAILBOX_USER, missingMailTool, startMailStack } from '../../helpers/mailStack';
import { underCi } from '../../helpers/requires';
import { TWO_MX_ZONE } from '../../helpers/smtpServers';
import {
	copyWorkspace,
	installCodeServer,
	launchChromium,
	PageChecks,
	removeTemporary,
	removeWorkspace,
	startCodeServer,
	workbenchUrl,
} from './codeServer';
import { installPackagedExtension, openFile, SCREENSHOTS, type UiCheckResult } from './uiCheck';

const WAIT_MS = 30_000;
/** A drill with the primary up arrives in seconds; the backup's retry and the mailbox polling add a few. */
const DRILL_WAIT_MS = 90_000;
const ZONE_FILE = 'drill.example.com.zone';

export async function runMailFlowCheck(version: string): Promise<UiCheckResult> {
	const missing = missingMailTool();
	if (missing !== undefined) {
		if (underCi()) throw new Error(`the mail flow check needs ${missing} under CI`);
		console.log(`== mail flow check skipped: ${missing} is missing`);
		return { passed: 0, failed: 0 };
	}
	const started = Date.now();
	const install = installCodeServer(version);
	const { extensionsDir } = installPackagedExtension(install);
	const stack = await startMailStack(['validating']);
	const workspace = copyWorkspace();
	fs.writeFileSync(path.join(workspace, ZONE_FILE), TWO_MX_ZONE);
	const backup = `127.0.0.1:${stack.backupPorts.validating}`;
	const server = await startCodeServer(install, {
		extensionsDir,
		settings: {
			'zoneSentinel.smtp.hostOverrides': { 'mx1.example.com.': `127.0.0.1:${stack.primaryPort}`, 'mx2.example.com.': backup },
			// The sender stays unset: the drill asks for it.
			'zoneSentinel.smtp.recipient': `${MAILBOX_USER}@{domain}`,
			'zoneSentinel.smtp.heloName': 'tester.example.org',
		},
	});
	const browser = await launchChromium();
	const failures = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-mail-failures-'));
	console.log(`== mail flow check in VS Code ${install.vscodeVersion} against Postfix and Dovecot (${stack.base})`);
	let checks: PageChecks | undefined;
	try {
		const page = await browser.newPage({ viewport: { width: 1100, height: 620 } });
		checks = new PageChecks(page, failures, async (shown) => `notifications: ${JSON.stringify(await notificationTexts(shown))}`);
		const { check } = checks;
		if (process.env.ZONE_SENTINEL_E2E_VERBOSE)
			page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text().slice(0, 400)}`));
		await page.goto(workbenchUrl(server, workspace));
		await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: WAIT_MS });
		await page.locator('.explorer-folders-view').getByText(ZONE_FILE).waitFor({ timeout: WAIT_MS });
		await openFile(page, ZONE_FILE);
		await page.locator('.statusbar-item', { hasText: 'DNS Zone' }).first().waitFor({ timeout: WAIT_MS });

		await check('Test Mail Exchangers: both exchangers accept; "Send Test Message…" asks in a modal and delivers', async () => {
			const before = stack.maildirFiles().length;
			await runCommand(page, 'Zone Sentinel: Test Mail Exchangers');
			await clickNotificationButton(page, /example\.com/, 'Send Test Message…', WAIT_MS);
			const dialog = await modal(page, /Send a real test message\?/);
			const detail = await dialog.innerText();
			if (!detail.includes(`${MAILBOX_USER}@example.com`) || !/each of the 2 mail exchanger/.test(detail))
				throw new Error(`the modal does not name the recipient and the count:\n${detail}`);
			await dialog.locator('.monaco-button', { hasText: /^Send$/ }).click();
			await waitUntil(() => stack.maildirFiles().length >= before + 2, 'both test messages in the Maildir', WAIT_MS);
		});

		await check('Run Failover Drill: mailbox, sender, modal consent, password; delivered through the backup', async () => {
			await showZoneAlone(page);
			await runCommand(page, 'Zone Sentinel: Run Failover Drill');
			await typeInput(page, /mailbox/i, imapUrl(stack.imapPort));
			// zoneSentinel.smtp.sender is unset: the box offers the configured default, Enter takes it.
			const sender = page.locator('.quick-input-widget input');
			await page.locator('.quick-input-widget', { hasText: /sender address/ }).waitFor({ timeout: WAIT_MS });
			if ((await sender.inputValue()) !== 'zone-sentinel-test@example.com') throw new Error(`sender offered: ${await sender.inputValue()}`);
			await page.keyboard.press('Enter');
			const dialog = await modal(page, /Run a failover drill\?/);
			const detail = await dialog.innerText();
			for (const expected of [
				`through the backup mx2.example.com at ${backup}`,
				`to ${MAILBOX_USER}@example.com`,
				imapUrl(stack.imapPort),
				'mx1.example.com',
			])
				if (!detail.includes(expected)) throw new Error(`the consent does not say "${expected}":\n${detail}`);
			await dialog.locator('.monaco-button', { hasText: /^Run Drill$/ }).click();
			await typeInput(page, /Password of/, MAILBOX_PASSWORD);
			await toast(page, /^Delivered: mx2\.example\.com accepted the drill message/).waitFor({ timeout: DRILL_WAIT_MS });
			await page
				.locator('.tabs-container .tab', { hasText: /Failover drill \d+\.md/ })
				.first()
				.waitFor({ timeout: WAIT_MS });
			await page.screenshot({ path: path.join(SCREENSHOTS, 'failover-drill.png') });
		});

		await check(
			'a second drill, from the "Failover Drill" lens, offers the remembered mailbox and takes the password from the secret storage',
			async () => {
				await showZoneAlone(page);
				await page
					.locator('.codelens-decoration a', { hasText: /^Failover Drill$/ })
					.first()
					.click({ timeout: WAIT_MS });
				const input = page.locator('.quick-input-widget input');
				await page.locator('.quick-input-widget', { hasText: /mailbox/i }).waitFor({ timeout: WAIT_MS });
				if ((await input.inputValue()) !== imapUrl(stack.imapPort)) throw new Error(`mailbox offered: ${await input.inputValue()}`);
				await page.keyboard.press('Enter');
				await page.locator('.quick-input-widget', { hasText: /sender address/ }).waitFor({ timeout: WAIT_MS });
				await page.keyboard.press('Enter');
				const dialog = await modal(page, /Run a failover drill\?/);
				await dialog.locator('.monaco-button', { hasText: /^Run Drill$/ }).click();
				// The report of this drill opens (the earlier ones were closed): its notification may be merged with the first, identical one.
				const report = page.locator('.tabs-container .tab', { hasText: /Failover drill \d+\.md/ }).first();
				const asked = page.locator('.quick-input-widget', { hasText: /Password of/ });
				await Promise.race([report.waitFor({ timeout: DRILL_WAIT_MS }), asked.waitFor({ timeout: DRILL_WAIT_MS })]);
				if (await asked.isVisible()) throw new Error('the password was asked again');
			},
		);
		await check('a refused login (POP3) clears the stored password and says so; the next drill asks again and delivers', async () => {
			const pop3 = `pop3://${MAILBOX_USER}@127.0.0.1:${stack.pop3Port}`;
			const drillTo = async (password: string): Promise<void> => {
				await showZoneAlone(page);
				await runCommand(page, 'Zone Sentinel: Run Failover Drill');
				await typeInput(page, /mailbox/i, pop3);
				await page.locator('.quick-input-widget', { hasText: /sender address/ }).waitFor({ timeout: WAIT_MS });
				await page.keyboard.press('Enter');
				const dialog = await modal(page, /Run a failover drill\?/);
				await dialog.locator('.monaco-button', { hasText: /^Run Drill$/ }).click();
				await typeInput(page, /Password of/, password);
			};
			await drillTo('not-the-password');
			await toast(page, /refused the login of drill.*The stored password of pop3:\/\/drill@127\.0\.0\.1:\d+ was cleared/)
				.first()
				.waitFor({ timeout: DRILL_WAIT_MS });
			// Asked again (drillTo fails if the password box does not come), and the right one delivers.
			await drillTo(MAILBOX_PASSWORD);
			await toast(page, /^Delivered: mx2\.example\.com accepted the drill message and it arrived in pop3:/)
				.first()
				.waitFor({ timeout: DRILL_WAIT_MS });
		});
		await check('primary down: the backup queues the drill message, the primary returns, and the drill reports the delay', async () => {
			await stack.stopPrimary();
			try {
				await showZoneAlone(page);
				await runCommand(page, 'Zone Sentinel: Run Failover Drill');
				// The password of this mailbox is in the secret storage since the first drill: no password box.
				await typeInput(page, /mailbox/i, imapUrl(stack.imapPort));
				await page.locator('.quick-input-widget', { hasText: /sender address/ }).waitFor({ timeout: WAIT_MS });
				await page.keyboard.press('Enter');
				const dialog = await modal(page, /Run a failover drill\?/);
				await dialog.locator('.monaco-button', { hasText: /^Run Drill$/ }).click();
				// The progress notification shows the mailbox checks while the backup holds the message.
				await toast(page, /\(check 3\)/)
					.first()
					.waitFor({ timeout: DRILL_WAIT_MS });
			} finally {
				await stack.startPrimary();
				stack.flush('validating');
			}
			const delivered = toast(
				page,
				/^Delivered: mx2\.example\.com accepted the drill message and it arrived in imap:.* [1-9][0-9.]* s later/,
			);
			await delivered.first().waitFor({ timeout: DRILL_WAIT_MS });
			console.log(`  ${(await delivered.first().innerText()).replace(/\s+/g, ' ')}`);
		});
		console.log(`== mail flow check: ${checks.passed} passed, ${checks.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} finally {
		await browser.close();
		await server.stop();
		await stack.stop();
		removeWorkspace(workspace);
		removeTemporary(extensionsDir);
		if (checks?.failed === 0) removeTemporary(failures);
	}
	return { passed: checks?.passed ?? 0, failed: checks?.failed ?? 0 };
}

/** Closes the report previews and makes the zone file the active editor again (the drill works on it). */
async function showZoneAlone(page: Page): Promise<void> {
	await runCommand(page, 'View: Close All Editor Groups');
	await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: WAIT_MS });
	await openFile(page, ZONE_FILE);
}

const imapUrl = (port: number): string => `imap://${MAILBOX_USER}@127.0.0.1:${port}/INBOX`;

/** Runs a command from the palette by its title, as a user does. */
async function runCommand(page: Page, title: string): Promise<void> {
	// Focus the workbench (not a report preview's webview) with a harmless click on the side bar's title.
	await page.locator('.part.sidebar .composite.title').first().click();
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: WAIT_MS });
	await input.fill(`>${title}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT_MS });
	await page.keyboard.press('Enter');
}

/** Waits for the input box whose title or prompt matches, types `text` and presses Enter. */
async function typeInput(page: Page, label: RegExp, text: string): Promise<void> {
	await page.locator('.quick-input-widget', { hasText: label }).waitFor({ timeout: WAIT_MS });
	await page.locator('.quick-input-widget input').fill(text);
	await page.keyboard.press('Enter');
}

/** A notification's message, as a toast or in the notification center. */
function toast(page: Page, message: RegExp): Locator {
	return page.locator('.notification-list-item-message', { hasText: message });
}

/** Clicks a button of the newest notification that has it and whose message matches. */
async function clickNotificationButton(page: Page, message: RegExp, button: string, timeout: number): Promise<void> {
	const item = page
		.locator('.notification-list-item', {
			has: page.locator('.notification-list-item-message', { hasText: message }),
		})
		.filter({ has: page.locator('.monaco-button', { hasText: button }) })
		.last();
	await item.waitFor({ timeout });
	await item.locator('.monaco-button', { hasText: button }).click();
}

/** Every notification of the session (the notification center lists them), for a failure's log. */
async function notificationTexts(page: Page): Promise<string[]> {
	try {
		await page.keyboard.press('Escape');
		await runCommand(page, 'Notifications: Show Notifications');
		await page.locator('.notifications-center').waitFor({ timeout: 5000 });
		const texts = await page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
		await page.keyboard.press('Escape');
		return texts;
	} catch (error) {
		return [`(could not read the notifications: ${(error as Error).message.split('\n')[0]})`];
	}
}

/** The modal dialog whose message matches, once shown. */
async function modal(page: Page, message: RegExp): Promise<Locator> {
	const dialog = page.locator('.monaco-dialog-box', { hasText: message });
	await dialog.waitFor({ timeout: WAIT_MS });
	return dialog;
}

async function waitUntil(condition: () => boolean, what: string, timeout: number): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** `node out/test/e2e/offline/mailFlowCheck.js [VERSION]`: this check alone (after `npm run build`). */
if (require.main === module) {
	runMailFlowCheck(process.argv[2] ?? '4.100.3').then(
		(result) => {
			console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
			process.exitCode = result.failed > 0 ? 1 : 0;
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
