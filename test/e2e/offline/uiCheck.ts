/**
 * The UI-level check: installs the packaged .vsix into code-server with `--install-extension`
 * (as a user would), opens a zone file in the workbench, and reads from the page what a user sees:
 * the status-bar item, the Problems panel, the hover on an MX preference and the quick-fix menu.
 * It applies "Add backup MX record…" through the input box, and saves the screenshots the README
 * shows (docs/images/). Each check prints `ok`/`not ok`; failures also save a screenshot in the
 * temporary folder the log names.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
	type CodeServerInstall,
	copyWorkspace,
	installCodeServer,
	launchChromium,
	PageChecks,
	REPO_ROOT,
	removeTemporary,
	removeWorkspace,
	runCodeServerCli,
	startCodeServer,
	workbenchUrl,
} from './codeServer';
import { checkEditorFeatures } from './editorFeatureShots';

/** The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1); otherwise they go to out/. */
export const SCREENSHOTS =
	process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'out', 'e2e-screenshots');
const WAIT_MS = 30_000;

export interface UiCheckResult {
	readonly passed: number;
	readonly failed: number;
}

/** Packages the extension (`npm run package`) and returns the .vsix path. */
function packageExtension(): string {
	execFileSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
	const vsix = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
	if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
	return vsix;
}

/**
 * Packages the extension and installs the .vsix into a fresh extensions folder, as a user would. (An
 * extension-development window would not do for clicking modals: the smoke-test driver it needs on
 * VS Code ≥ 1.100 makes the workbench refuse every dialog.)
 */
export function installPackagedExtension(install: CodeServerInstall): { vsix: string; extensionsDir: string } {
	const vsix = packageExtension();
	// `npm run package` leaves the production bundle in dist/; rebuild the development one for the tests that follow.
	execFileSync('node', ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
	const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-ui-extensions-'));
	console.log(runCodeServerCli(install, ['--extensions-dir', extensionsDir, '--install-extension', vsix]).trim());
	return { vsix, extensionsDir };
}

export async function runUiCheck(version: string): Promise<UiCheckResult> {
	const started = Date.now();
	const install = installCodeServer(version);
	const { vsix, extensionsDir } = installPackagedExtension(install);
	const failures = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-ui-failures-'));
	console.log(`== UI check of ${path.basename(vsix)} in VS Code ${install.vscodeVersion}`);

	const workspace = copyWorkspace();
	const server = await startCodeServer(install, {
		extensionsDir,
		settings: {
			'workbench.colorTheme': 'Default Dark Modern',
			'editor.fontSize': 15,
			'breadcrumbs.enabled': false,
			'editor.minimap.enabled': false,
		},
	});
	const browser = await launchChromium();
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	let checks: PageChecks | undefined;
	try {
		const page = await browser.newPage({ viewport: { width: 1100, height: 620 } });
		checks = new PageChecks(page, failures);
		const { check } = checks;

		await page.goto(workbenchUrl(server, workspace));
		await check('the workbench opens the workspace', async () => {
			await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: WAIT_MS });
			await page.locator('.explorer-folders-view').getByText('example.com.zone').waitFor({ timeout: WAIT_MS });
		});
		await check('the zone file opens as DNS Zone and the status bar shows its origin and records', async () => {
			await openFile(page, 'example.com.zone');
			await page.locator('.statusbar-item', { hasText: 'DNS Zone' }).first().waitFor({ timeout: WAIT_MS });
			const zoneItem = page.locator('.statusbar-item', { hasText: /example\.com\. · 8 records/ }).first();
			await zoneItem.waitFor({ timeout: WAIT_MS });
			// One problem counter in the status bar: VS Code's, not a second one of ours.
			const text = (await zoneItem.textContent()) ?? '';
			if (/problem/.test(text)) throw new Error(`the zone item counts problems too: ${text}`);
		});
		await check('the Problems panel lists mxSingle and relativeNameInRdata', async () => {
			await page.keyboard.press('Control+Shift+M');
			const panel = page.locator('.markers-panel');
			await panel
				.getByText(/only one mail exchanger/)
				.first()
				.waitFor({ timeout: WAIT_MS });
			await panel
				.getByText(/has no trailing dot/)
				.first()
				.waitFor({ timeout: WAIT_MS });
			const text = await panel.innerText();
			for (const code of ['mxSingle', 'relativeNameInRdata'])
				if (!text.includes(code)) throw new Error(`${code} is not in the Problems panel:\n${text}`);
			// Close the panel again, so the screenshots show the editor.
			await page.keyboard.press('Control+J');
			await panel.waitFor({ state: 'hidden', timeout: WAIT_MS });
		});
		await check('the hover on the MX preference explains its priority, beside the diagnostic', async () => {
			await goTo(page, 7, 9);
			await page.keyboard.press('Control+K');
			await page.keyboard.press('Control+I');
			const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Preference 10' }).first();
			await hover.waitFor({ timeout: WAIT_MS });
			const text = await hover.innerText();
			if (!/tried 1st of 1/.test(text)) throw new Error(`unexpected hover:\n${text}`);
			if (!/only one mail exchanger/.test(text)) throw new Error(`the hover does not show the diagnostic:\n${text}`);
			await page.screenshot({ path: path.join(SCREENSHOTS, 'hover-diagnostic.png') });
		});
		await check('the quick-fix menu offers "Add backup MX record…"', async () => {
			await page.keyboard.press('Escape');
			await goTo(page, 7, 9);
			await page.keyboard.press('Control+.');
			const item = page
				.locator('.action-widget')
				.getByText(/^Add backup MX record \(preference 20\)…$/)
				.first();
			await item.waitFor({ timeout: WAIT_MS });
			await page.screenshot({ path: path.join(SCREENSHOTS, 'quick-fix.png') });
			// The only item is selected; Enter runs it, as a keyboard user would.
			await page.keyboard.press('Enter');
		});
		await check('the fix asks for the backup host and inserts the MX record', async () => {
			const input = page.locator('.quick-input-widget input');
			await input.waitFor({ timeout: WAIT_MS });
			await input.fill('backup-mx.example.net');
			await page.keyboard.press('Enter');
			await page.locator('.view-lines').getByText('20 backup-mx.example.net.').first().waitFor({ timeout: WAIT_MS });
			await page.keyboard.press('Control+Shift+M');
			await page
				.locator('.markers-panel')
				.getByText(/has no trailing dot/)
				.first()
				.waitFor({ timeout: WAIT_MS });
			await page
				.locator('.markers-panel')
				.getByText(/only one mail exchanger/)
				.waitFor({ state: 'detached', timeout: WAIT_MS });
		});
		await checkEditorFeatures({ page, screenshots: SCREENSHOTS, check, openFile });
		console.log(`== UI check: ${checks.passed} passed, ${checks.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} finally {
		await browser.close();
		await server.stop();
		removeWorkspace(workspace);
		removeTemporary(extensionsDir);
		if (checks?.failed === 0) removeTemporary(failures);
	}
	return { passed: checks?.passed ?? 0, failed: checks?.failed ?? 0 };
}

/** Opens a workspace file with Quick Open, as a user does. */
export async function openFile(page: Page, name: string): Promise<void> {
	await page
		.locator('.monaco-workbench')
		.click({ position: { x: 600, y: 300 } })
		.catch(() => undefined);
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: WAIT_MS });
	await input.fill(name);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: WAIT_MS });
	await page.keyboard.press('Enter');
	await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT_MS });
	await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: WAIT_MS });
}

/** Moves the cursor with "Go to Line/Column" (one-based). */
async function goTo(page: Page, line: number, column: number): Promise<void> {
	await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+G');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: WAIT_MS });
	// The `:` prefix makes Quick Open go to a line rather than search for a file.
	await input.fill(`:${line}:${column}`);
	await page.keyboard.press('Enter');
}
