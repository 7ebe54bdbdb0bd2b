/**
 * The UI check's part for the editor features the README shows: the Outline view, the completion
 * popup and Format Document, read from the real workbench and saved as screenshots (docs/images/
 * with UPDATE_SCREENSHOTS=1). The steps are checks: each reads from the page what its picture must show.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const WAIT_MS = 30_000;

export interface UiSteps {
	readonly page: Page;
	readonly screenshots: string;
	check(name: string, body: () => Promise<void>): Promise<void>;
	openFile(page: Page, name: string): Promise<void>;
}

export async function checkEditorFeatures({ page, screenshots, check, openFile }: UiSteps): Promise<void> {
	await check('the Outline view lists the owners of the zone with their RRsets', async () => {
		await closePanel(page);
		await openFile(page, 'messy.example.zone');
		await runCommand(page, 'Explorer: Focus on Outline View');
		// Collapse the file list, so the Outline has the side bar's height.
		const folders = page.locator('.pane-header', { hasText: /example-zones/i }).first();
		await folders.click();
		const outline = page.locator('.outline-pane');
		for (const name of ['messy.example.', '@', 'SOA', 'NS', 'MX', 'TXT', 'ns1', 'mx1', 'AAAA', 'www'])
			await outline.locator('.monaco-list-row').getByText(name, { exact: true }).first().waitFor({ timeout: WAIT_MS });
		await restMouse(page);
		await page.screenshot({ path: path.join(screenshots, 'outline.png') });
		await folders.click();
	});
	await check('Format Document lines up the columns of each owner group', async () => {
		await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+Home');
		const aligned = async (): Promise<boolean> => {
			const lines = await editorLines(page);
			const soa = lines.find((line) => /^@\s+IN\s+SOA\s/.test(line));
			const ns = lines.find((line) => /^\s+IN\s+NS\s+ns1\s*$/.test(line));
			if (soa === undefined || ns === undefined) throw new Error(`the SOA or NS line is not on screen:\n${lines.join('\n')}`);
			return soa.indexOf('IN') === ns.indexOf('IN');
		};
		if (await aligned()) throw new Error('the messy zone is aligned before formatting');
		await restMouse(page);
		await page.screenshot({ path: path.join(screenshots, 'format-before.png') });
		await runCommand(page, 'Format Document');
		const deadline = Date.now() + WAIT_MS;
		while (!(await aligned())) {
			if (Date.now() > deadline) throw new Error('Format Document did not line up the class column');
			await page.waitForTimeout(100);
		}
		await restMouse(page);
		await page.screenshot({ path: path.join(screenshots, 'format-after.png') });
		await runCommand(page, 'File: Revert File');
	});
	await check('completion after the class offers the record types with their shape and summary', async () => {
		await openFile(page, 'example.net');
		await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Enter');
		// The space after `IN` is a trigger character: the popup opens as the user types.
		await page.keyboard.type('mail IN ');
		const widget = page.locator('.suggest-widget');
		for (const type of ['MX', 'AAAA', 'TXT'])
			await widget.locator('.monaco-list-row', { hasText: type }).first().waitFor({ timeout: WAIT_MS });
		// A letter narrows the list; the selected item shows its RDATA shape and summary.
		await page.keyboard.type('M');
		await widget.locator('.monaco-list-row', { hasText: 'MX preference exchange' }).first().waitFor({ timeout: WAIT_MS });
		await page.screenshot({ path: path.join(screenshots, 'completion.png') });
		await page.keyboard.press('Escape');
		await runCommand(page, 'File: Revert File');
	});
}

/** Hides the panel (Problems…) when a step before left it open, so the pictures show the editor. */
async function closePanel(page: Page): Promise<void> {
	const panel = page.locator('.part.panel');
	if (!(await panel.isVisible())) return;
	await page.keyboard.press('Control+J');
	await panel.waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** Puts the mouse where it opens no hover or tooltip: blank editor space right of the text. */
async function restMouse(page: Page): Promise<void> {
	await page.mouse.move(1040, 360);
}

/** Runs a Command Palette command by its label, as a user does. */
async function runCommand(page: Page, label: string): Promise<void> {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: WAIT_MS });
	await input.fill(`>${label}`);
	const row = page
		.locator('.quick-input-list .monaco-list-row')
		.filter({ has: page.getByText(label, { exact: true }) })
		.first();
	await row.click({ timeout: WAIT_MS });
	await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** The editor's visible lines, top to bottom (Monaco draws blanks and tabs as no-break spaces). */
async function editorLines(page: Page): Promise<string[]> {
	const lines = page.locator('.editor-instance .monaco-editor .view-lines').first().locator('.view-line');
	const placed = await lines.evaluateAll((elements) =>
		elements.map((element) => ({ top: parseFloat((element as HTMLElement).style.top), text: element.textContent ?? '' })),
	);
	return placed.sort((a, b) => a.top - b.top).map((line) => line.text.replace(/\u00a0/g, ' '));
}
