/**
 * Inlay hints as golden text, asked of the bundled server in a child process over stdio. Each
 * `test/fixtures/inlayHints/<name>.zone` starts with `; settings: {…}` (the `zoneSentinel` section
 * the client answers, so each kind's setting is exercised); `<name>.md` is the document with every
 * hint written in `⟨…⟩` where the client draws it. A request for part of the document must give
 * exactly the whole document's hints that fall in that part. `UPDATE_GOLDEN=1` rewrites the goldens.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type InlayHint, InlayHintRequest, type Range } from 'vscode-languageserver-protocol/node';
import { assertGolden } from '../helpers/golden';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'inlayHints');
const SETTINGS_LINE = /^; settings: (\{.*\})\r?\n/;
const FIXTURE_NAMES = fs
	.readdirSync(DIR)
	.filter((file) => file.endsWith('.zone'))
	.sort();

describe('inlay hints over stdio (golden)', () => {
	let server: SpawnedServer;
	let client: LspTestClient;

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		const result = await client.initialize({ pull: true });
		assert.deepEqual(result.capabilities.inlayHintProvider, { resolveProvider: false });
	});

	test('a changed setting makes the server ask for new hints, and they follow it', async () => {
		const uri = pathToFileURL(path.join(DIR, 'defaults.zone')).href;
		client.settings = {};
		await client.open(uri, fs.readFileSync(path.join(DIR, 'defaults.zone'), 'utf8'));
		try {
			const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
			const labels = async (): Promise<string[]> => (await hintsIn(client, uri, whole)).map((hint) => String(hint.label));
			assert.ok((await labels()).includes('1st of 1'));
			const refreshed = client.waitForInlayHintRefresh();
			await client.changeSettings({ inlayHints: { mxRank: false } });
			await refreshed;
			assert.deepEqual(await labels(), ['1h', '1w', '1d 2h 3m 4s']);
		} finally {
			await client.close(uri);
		}
	});

	after(async () => {
		await stopServer(server);
	});

	for (const fixture of FIXTURE_NAMES) {
		test(fixture.replace(/\.zone$/, ''), async () => {
			const text = fs.readFileSync(path.join(DIR, fixture), 'utf8');
			const uri = pathToFileURL(path.join(DIR, fixture)).href;
			const document = TextDocument.create(uri, 'dns-zone', 1, text);
			client.settings = JSON.parse(SETTINGS_LINE.exec(text)?.[1] ?? '{}') as unknown;
			await client.open(uri, text);
			try {
				const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
				const hints = await hintsIn(client, uri, whole);
				assertGolden(path.join(DIR, fixture.replace(/\.zone$/, '.md')), render(fixture, document, hints));
				// Lines 5–9 (0-based 4–8): only the hints of the entries there.
				const part = { start: { line: 4, character: 0 }, end: { line: 9, character: 0 } };
				const inPart = hints.filter((hint) => hint.position.line >= 4 && hint.position.line < 9);
				assert.deepEqual(await hintsIn(client, uri, part), inPart);
			} finally {
				await client.close(uri);
			}
		});
	}
});

async function hintsIn(client: LspTestClient, uri: string, range: Range): Promise<InlayHint[]> {
	return (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
}

/** The text with each hint inserted as `⟨label⟩` at its position (CRLF shown as ⏎). */
function render(fixture: string, document: TextDocument, hints: readonly InlayHint[]): string {
	const text = document.getText();
	const offsets = hints.map((hint) => ({ offset: document.offsetAt(hint.position), label: String(hint.label) }));
	let out = '';
	let at = 0;
	for (const { offset, label } of [...offsets].sort((a, b) => a.offset - b.offset)) {
		out += text.slice(at, offset) + `⟨${label}⟩`;
		at = offset;
	}
	out += text.slice(at);
	return [`# ${fixture}`, '', `${hints.length} hints`, '', '```', out.replace(/\r\n/g, '⏎\n').trimEnd(), '```', ''].join('\n');
}
