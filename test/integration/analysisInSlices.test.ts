/**
 * The server analyses in slices (ServerState.analysisOfAsync), over a real server process and a
 * push client: while a big zone's new version is being analysed, a hover is answered from the last
 * analysis, at the position shifted through the edit, before the new version's diagnostics are
 * published; and those diagnostics are the one-shot analysis's.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { parseSettings } from '../../server/src/settings';
import { generateZone } from '../bench/generateZone';
import { type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';

const URI = 'file:///zones/analysis-in-slices.zone';
/** Big enough that its analysis takes many slices (about half a second or more in all). */
const TEXT = generateZone({ records: 100_000 });
const LINES = TEXT.split('\n');
/** A plain address record a tenth into the zone: a line is inserted before it. */
const INSERT_LINE = LINES.findIndex((line, index) => index > LINES.length / 10 && /^[a-z][\w-]*\tA\t10\.\d+\.\d+\.\d+$/.test(line));
const INSERTED = 'slices-added\tA\t192.0.2.77\n';
/** An MX exchange below it, far from the edit: answered from the last analysis, one line further down. */
const HOVER_LINE = LINES.findIndex((line, index) => index > LINES.length / 4 && /\tMX\t10 mx1\./.test(line));
const HOVER_CHARACTER = LINES[HOVER_LINE].lastIndexOf('mx1') + 1;
/** Long enough for the server to be inside the new analysis (which takes far longer), short beside it. */
const INTO_THE_ANALYSIS_MS = 50;

describe('analysis in slices (bundled server, push client)', () => {
	let server: SpawnedServer;

	before(async () => {
		assert.ok(INSERT_LINE > 0 && HOVER_LINE > INSERT_LINE, `lines ${INSERT_LINE} and ${HOVER_LINE}`);
		server = spawnBundledServer();
		await server.client.initialize({ pull: false });
		await server.client.open(URI, TEXT, 1);
		await server.client.waitForPublished(URI, (params) => params.version === 1, 120_000);
	});

	after(async () => {
		await stopServer(server);
	});

	test('hovers sent right after an edit and during its analysis are answered before its diagnostics, shifted through the edit', async () => {
		const { client } = server;
		const hoverAnswered: { hover: Hover | null; publishedBefore: boolean }[] = [];
		const publishedNew = (): boolean => client.published.some((params) => params.uri === URI && params.version === 2);
		const hover = (): Promise<void> =>
			client.hover(URI, { line: HOVER_LINE + 1, character: HOVER_CHARACTER }).then((answer) => {
				hoverAnswered.push({ hover: answer, publishedBefore: publishedNew() });
			});
		await client.change(URI, 2, {
			range: { start: { line: INSERT_LINE, character: 0 }, end: { line: INSERT_LINE, character: 0 } },
			text: INSERTED,
		});
		const atOnce = hover();
		await new Promise((resolve) => setTimeout(resolve, INTO_THE_ANALYSIS_MS));
		const during = hover();
		await Promise.all([atOnce, during]);
		const published = await client.waitForPublished(URI, (params) => params.version === 2, 120_000);

		// What the server would answer after a full analysis of the edited text.
		const service = createLanguageService();
		const settings = parseSettings({});
		const edited = TextDocument.create(
			URI,
			'dns-zone',
			2,
			LINES.slice(0, INSERT_LINE).join('\n') + '\n' + INSERTED + LINES.slice(INSERT_LINE).join('\n'),
		);
		const oneShot = service.parse(edited, settings);
		const expectedHover = service.getHover(edited, oneShot, { line: HOVER_LINE + 1, character: HOVER_CHARACTER }, settings);
		assert.ok(expectedHover?.range, 'the hovered word has a hover');
		assert.equal(expectedHover.range.start.line, HOVER_LINE + 1);

		assert.equal(hoverAnswered.length, 2);
		for (const [index, answered] of hoverAnswered.entries()) {
			assert.equal(answered.publishedBefore, false, `hover ${index} was answered after the new version's diagnostics`);
			assert.deepEqual(answered.hover, expectedHover, `hover ${index}`);
		}
		assert.deepEqual(published.diagnostics, service.validate(edited, oneShot));
		assert.ok(published.diagnostics.length > 0, 'the generated zone has findings to compare');
	});
});
