/**
 * "Increment SOA serial" asked of the bundled server over stdio: the code action on the SOA record,
 * the source action, and the `zoneSentinel.incrementSerial` command (which answers through
 * `workspace/applyEdit`). The edit must replace the serial's digits and nothing else, and the zone
 * must still load in `named-checkzone -i local`. Fixtures in test/fixtures/serial: a date serial
 * from 2000 (so today's date, in the server's calendar, is always newer) in a multi-line SOA with
 * CRLF, tabs and non-ASCII comments; and 4294967295, which wraps to 0 (RFC 1982).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	ApplyWorkspaceEditRequest,
	type ApplyWorkspaceEditParams,
	type CodeAction,
	CodeActionRequest,
	ExecuteCommandRequest,
	ResponseError,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { requires } from '../helpers/requires';

const DIR = path.join(FIXTURES, 'serial');

/** Today's date serial `YYYYMMDD00` in this process's calendar, as the server computes it. */
function todaysSerial(): string {
	const now = new Date();
	return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}00`;
}

/** The one edit of an action, checked to touch only `serial`'s digits; returns the new text. */
function applyOnlyEdit(text: string, uri: string, edits: readonly TextEdit[] | undefined, serial: string): string {
	assert.equal(edits?.length, 1, JSON.stringify(edits));
	const document = TextDocument.create(uri, 'dns-zone', 1, text);
	const start = document.offsetAt(edits[0].range.start);
	const end = document.offsetAt(edits[0].range.end);
	assert.equal(text.slice(start, end), serial, 'the edit covers exactly the serial');
	const after = TextDocument.applyEdits(document, [...edits]);
	assert.equal(after.slice(0, start), text.slice(0, start));
	assert.equal(after.slice(after.length - (text.length - end)), text.slice(end));
	return after;
}

describe('Increment SOA serial over stdio', requires('named-checkzone'), () => {
	let server: SpawnedServer;
	let client: LspTestClient;
	const applied: ApplyWorkspaceEditParams[] = [];

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
			applied.push(params);
			return { applied: true };
		});
		await client.initialize({ pull: true });
	});

	after(async () => {
		await stopServer(server);
		cleanUpNamedCheckzone();
	});

	async function actions(uri: string, line: number, only?: string[]): Promise<CodeAction[]> {
		const range = { start: { line, character: 0 }, end: { line, character: 0 } };
		const found = await client.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri },
			range,
			context: { diagnostics: [], ...(only ? { only } : {}) },
		});
		return (found ?? []).filter(
			(action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'),
		);
	}

	test('a date serial becomes today’s, on the SOA record and as a source action; only its digits change', async () => {
		const text = fs.readFileSync(path.join(DIR, 'date-serial.zone'), 'utf8');
		const uri = pathToFileURL(path.join(DIR, 'date-serial.zone')).href;
		await client.open(uri, text);
		const onSoa = await actions(uri, 4);
		const serialAction = onSoa.filter((action) => action.title.startsWith('Increment SOA serial'));
		assert.equal(serialAction.length, 1, JSON.stringify(onSoa));
		assert.equal(serialAction[0].title, `Increment SOA serial (2000010107 → ${todaysSerial()})`);
		assert.equal(serialAction[0].kind, 'refactor.rewrite');
		const after = applyOnlyEdit(text, uri, serialAction[0].edit?.changes?.[uri], '2000010107');
		assert.match(after, new RegExp(`\\t\\t${todaysSerial()}\\t; serial, YYYYMMDDnn — ✉\\r\\n`));
		const checked = namedCheckzone('example.com.', after);
		assert.equal(checked.status, 0, checked.output);

		assert.deepEqual(await actions(uri, 7), [], 'not offered away from the SOA record');
		const source = await actions(uri, 7, ['source']);
		assert.deepEqual(
			source.map((action) => [action.kind, action.title]),
			[['source.incrementSerial', `Increment SOA serial (2000010107 → ${todaysSerial()})`]],
		);
		assert.deepEqual(await actions(uri, 4, ['quickfix']), [], 'not a quick fix');
		await client.close(uri);
	});

	test('the command applies the edit through workspace/applyEdit; 4294967295 wraps to 0', async () => {
		const text = fs.readFileSync(path.join(DIR, 'wrap-serial.zone'), 'utf8');
		const uri = pathToFileURL(path.join(DIR, 'wrap-serial.zone')).href;
		await client.open(uri, text, 3);
		const result = await client.connection.sendRequest(ExecuteCommandRequest.type, {
			command: 'zoneSentinel.incrementSerial',
			arguments: [{ uri, version: 3 }],
		});
		assert.deepEqual(result, { applied: true, title: 'Increment SOA serial (4294967295 → 0)' });
		assert.equal(applied.length, 1);
		const after = applyOnlyEdit(text, uri, applied[0].edit.changes?.[uri], '4294967295');
		assert.equal(after.split('\n')[2], '@ SOA ns1 hostmaster 0 2h 30m 2w 1h');
		const checked = namedCheckzone('example.com.', after);
		assert.equal(checked.status, 0, checked.output);

		await assert.rejects(
			client.connection.sendRequest(ExecuteCommandRequest.type, {
				command: 'zoneSentinel.incrementSerial',
				arguments: [{ uri, version: 2 }],
			}),
			(error: unknown) => error instanceof ResponseError && error.code === -32801,
			'a stale version is ContentModified',
		);
		await assert.rejects(
			client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'zoneSentinel.incrementSerial', arguments: [] }),
			(error: unknown) => error instanceof ResponseError && /takes one argument/.test(error.message),
		);
		assert.equal(applied.length, 1, 'refused commands apply nothing');
		await client.close(uri);
	});
});
