/**
 * `zoneSentinel.serial.incrementOnSave` over stdio (dist/server.js): `willSaveWaitUntil` answers
 * the serial's edit only when the setting is on, the file exists on disk, the records differ from
 * the disk's and the serial is not already greater. The zone is CRLF with tabs and a multi-line
 * SOA, so the edit's range is checked in UTF-16 positions on such a line.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type Registration,
	TextDocumentSaveReason,
	type TextDocumentSyncOptions,
	WillSaveTextDocumentWaitUntilRequest,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, startInProcess, stopServer } from '../helpers/lspHarness';

const ON_DISK = [
	'$ORIGIN example.com.',
	'$TTL 3600',
	'@\tIN\tSOA\tns1 hostmaster ( ; é',
	'\t\t7 7200 3600 1209600 300 )',
	'\tNS\tns1',
	'ns1\tA\t192.0.2.53',
	'',
].join('\r\n');

describe('increment the serial on save (stdio)', () => {
	let server: SpawnedServer;
	let client: LspTestClient;
	let scratch: string;
	let version = 0;

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		await client.initialize({ pull: true });
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-save-'));
	});

	after(async () => {
		await stopServer(server);
		fs.rmSync(scratch, { recursive: true, force: true });
	});

	/** The edits the server answers before saving `text` over the file `name` holding `onDisk` (absent: no file). */
	async function willSave(
		name: string,
		onDisk: string | undefined,
		text: string,
		settings: unknown,
	): Promise<{ edits: TextEdit[]; result: string }> {
		const file = path.join(scratch, name);
		if (onDisk !== undefined) fs.writeFileSync(file, onDisk);
		const uri = pathToFileURL(file).href;
		await client.changeSettings(settings);
		await client.open(uri, text, ++version);
		try {
			const edits = await client.connection.sendRequest(WillSaveTextDocumentWaitUntilRequest.type, {
				textDocument: { uri },
				reason: TextDocumentSaveReason.Manual,
			});
			assert.ok(Array.isArray(edits));
			return { edits, result: TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, text), edits) };
		} finally {
			await client.close(uri);
		}
	}

	const on = { serial: { incrementOnSave: true } };
	const changed = ON_DISK + 'www\tA\t192.0.2.80\r\n';

	test('a changed record set gets the serial incremented, and only its digits change', async () => {
		const { edits, result } = await willSave('changed.zone', ON_DISK, changed, on);
		assert.equal(edits.length, 1, client.logs.join('\n'));
		assert.deepEqual(edits[0].range, { start: { line: 3, character: 2 }, end: { line: 3, character: 3 } });
		assert.equal(result, changed.replace('\t\t7 7200', '\t\t8 7200'));
	});

	test('off by default', async () => {
		assert.deepEqual((await willSave('default.zone', ON_DISK, changed, {})).edits, []);
	});

	test('no increment when only blanks and comments changed', async () => {
		const relaid = ON_DISK.replace('ns1\tA\t192.0.2.53', 'ns1 A 192.0.2.53 ; the name server').replace(
			'\tNS\tns1',
			'  NS ns1.example.com.',
		);
		assert.deepEqual((await willSave('layout.zone', ON_DISK, relaid, on)).edits, []);
	});

	test('no increment when the serial is already greater than on disk', async () => {
		assert.deepEqual((await willSave('bumped.zone', ON_DISK, changed.replace('\t\t7 ', '\t\t9 '), on)).edits, []);
	});

	test('no increment for a file not yet on disk', async () => {
		assert.deepEqual((await willSave('new.zone', undefined, changed, on)).edits, []);
	});
});

describe('willSaveWaitUntil is asked for only while incrementOnSave is on (dynamic registration)', () => {
	test('registered when a zone opens with the setting on, unregistered when it is turned off, static for other clients', async () => {
		const { client, dispose } = startInProcess();
		try {
			const result = await client.initialize({ pull: true, dynamicSync: true });
			const sync = result.capabilities.textDocumentSync as TextDocumentSyncOptions;
			assert.equal(sync.willSaveWaitUntil, false, 'not static: VS Code would wait for an answer before every save');
			const isWillSave = (registration: Registration): boolean => registration.method === WillSaveTextDocumentWaitUntilRequest.method;
			await client.open('file:///off.zone', ON_DISK);
			await client.pull('file:///off.zone');
			assert.equal(client.registrations.filter(isWillSave).length, 0);
			await client.changeSettings({ serial: { incrementOnSave: true } });
			const registration = await client.waitForRegistration(isWillSave);
			assert.deepEqual(registration.registerOptions, { documentSelector: [{ language: 'dns-zone' }] });
			await client.changeSettings({});
			await waitFor(() => client.unregistered.includes(registration.id));
			assert.equal(client.registrations.filter(isWillSave).length, 1);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
		// A client that cannot register it gets it statically (the setting is read on each save).
		const other = startInProcess();
		try {
			const result = await other.client.initialize({ pull: false });
			assert.equal((result.capabilities.textDocumentSync as TextDocumentSyncOptions).willSaveWaitUntil, true);
			await other.client.shutdown({ exit: false });
		} finally {
			other.dispose();
		}
	});
});

/** Polls `condition` every 10 ms for up to 5 s. */
async function waitFor(condition: () => boolean): Promise<void> {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 5000) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
