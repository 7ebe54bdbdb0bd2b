/**
 * A hover right after an edit, over a real LSP connection: on a line the edit did not touch it is
 * answered from the last analysis (no new one is made) with its range in the edited text; on the
 * edited lines, widened to their whole entry and the records that take their owner, it waits for
 * the new analysis and shows the edit. Quick fixes likewise, when their edits too lie outside those lines.
 */
import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import type { ServerState } from '../../server/src/serverState';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';

const URI = 'file:///zones/hover-after-edit.zone';

// CRLF line ends, tabs, and a comment with non-ASCII characters (an astral one: two UTF-16 units) before the lines hovered.
const ZONE = [
	'$ORIGIN example.com.', // 0
	'$TTL 3600', // 1
	'@\tIN\tSOA\tns1 hostmaster (', // 2
	'\t\t\t1\t; serial', // 3
	'\t\t\t7200 3600 1209600 300 )', // 4
	'\tIN\tNS\tns1', // 5
	'\tIN\tMX\t10 mail', // 6
	'ns1\tIN\tA\t192.0.2.1\t; née 🚀', // 7
	'mail\tIN\tA\t192.0.2.2', // 8
	'\tIN\tAAAA\t2001:db8::2', // 9
	'www\tIN\tA\t192.0.2.3', // 10
	'',
].join('\r\n');

function markdown(hover: Hover | null): string {
	assert.ok(hover, 'a hover');
	return (hover.contents as MarkupContent).value;
}

describe('hover right after an edit (in process, pull client)', () => {
	let client: LspTestClient;
	let server: ServerState;
	let dispose: () => void;
	let version: number;

	beforeEach(async () => {
		({ client, server, dispose } = startInProcess());
		await client.initialize({ pull: true });
		version = 1;
		await client.open(URI, ZONE, version);
		await client.pull(URI);
	});

	afterEach(async () => {
		await client.shutdown({ exit: false });
		dispose();
	});

	function edit(line: number, character: number, endCharacter: number, text: string): Promise<void> {
		return client.change(URI, ++version, { range: { start: { line, character }, end: { line, character: endCharacter } }, text });
	}

	test('on an untouched line below the edit: answered from the last analysis, at the shifted range', async () => {
		const analyses = server.analysesMade;
		// A line inserted above `www`, and a character added before the non-ASCII comment of `ns1`.
		await edit(8, 0, 0, 'smtp\tIN\tA\t192.0.2.25\r\n');
		await edit(7, 18, 18, '0');
		const hover = await client.hover(URI, { line: 11, character: 1 });
		assert.match(markdown(hover), /`www` → `www\.example\.com\.`/);
		assert.deepEqual(hover?.range, { start: { line: 11, character: 0 }, end: { line: 11, character: 3 } });
		assert.equal(server.analysesMade, analyses, 'no new analysis');

		// The new analysis, when asked for, agrees.
		await client.pull(URI);
		assert.deepEqual(await client.hover(URI, { line: 11, character: 1 }), hover);
	});

	test('on an untouched line above the edit: answered from the last analysis', async () => {
		const analyses = server.analysesMade;
		await edit(10, 0, 3, 'web');
		const hover = await client.hover(URI, { line: 7, character: 2 });
		assert.match(markdown(hover), /`ns1` → `ns1\.example\.com\.`/);
		assert.deepEqual(hover?.range, { start: { line: 7, character: 0 }, end: { line: 7, character: 3 } });
		assert.equal(server.analysesMade, analyses, 'no new analysis');
	});

	test('on the edited line: waits for the new analysis and shows the edit', async () => {
		const analyses = server.analysesMade;
		await edit(10, 0, 3, 'web');
		const hover = await client.hover(URI, { line: 10, character: 1 });
		assert.match(markdown(hover), /`web` → `web\.example\.com\.`/);
		assert.equal(server.analysesMade, analyses + 1);
	});

	test('inside the parentheses of an edited entry: waits for the new analysis', async () => {
		const analyses = server.analysesMade;
		await edit(2, 0, 1, 'example.com.');
		await client.hover(URI, { line: 3, character: 3 });
		assert.equal(server.analysesMade, analyses + 1);
	});

	test('on a record that takes the edited owner (blank owner): waits for the new analysis', async () => {
		const analyses = server.analysesMade;
		await edit(8, 0, 4, 'mx');
		assert.ok(await client.hover(URI, { line: 9, character: 5 }));
		assert.equal(server.analysesMade, analyses + 1);
	});

	test('on a record whose TTL is the SOA minimum (no TTL, no $TTL): waits for the new analysis after an edit of the minimum', async () => {
		await client.change(URI, ++version, { text: ZONE.replace('$TTL 3600', '; no default TTL') });
		await client.pull(URI);
		const analyses = server.analysesMade;
		await edit(4, 21, 24, '900');
		const hover = await client.hover(URI, { line: 10, character: 7 });
		assert.match(markdown(hover), /TTL 900 seconds/);
		assert.equal(server.analysesMade, analyses + 1);
	});

	test("after an edit of a directive's value ($TTL 3600 → 60, no `$` typed): waits, and the hover shows the new TTL", async () => {
		const analyses = server.analysesMade;
		await edit(1, 5, 9, '60');
		const hover = await client.hover(URI, { line: 10, character: 7 });
		assert.equal(server.analysesMade, analyses + 1);
		assert.match(markdown(hover), /\b60\b/);
	});

	test('a quick fix for a diagnostic away from the edit: answered from the last analysis, as the new analysis answers it', async () => {
		const [single] = await client.pull(URI);
		assert.equal(single?.code, 'mxSingle');
		const analyses = server.analysesMade;
		await edit(10, 0, 3, 'web');
		const actions = await client.codeActions(URI, single.range, [single]);
		assert.equal(server.analysesMade, analyses, 'no new analysis');
		assert.match(JSON.stringify(actions), /backup-mx\.invalid/);
		await client.pull(URI);
		assert.deepEqual(await client.codeActions(URI, single.range, [single]), actions);
	});

	test('a quick fix whose edit lands on the edited line (the backup MX goes before `ns1`): waits for the new analysis', async () => {
		const [single] = await client.pull(URI);
		const analyses = server.analysesMade;
		await edit(7, 16, 17, '9');
		const actions = await client.codeActions(URI, single.range, [single]);
		assert.equal(server.analysesMade, analyses + 1);
		assert.match(JSON.stringify(actions), /"line":7,"character":0/);
	});

	test('after an edit that can change how later lines read (a parenthesis): waits', async () => {
		const analyses = server.analysesMade;
		await edit(8, 4, 4, ' (');
		await client.hover(URI, { line: 10, character: 1 });
		assert.equal(server.analysesMade, analyses + 1);
	});
});
