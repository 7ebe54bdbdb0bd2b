/**
 * References and rename across the zones of a workspace, over a real LSP connection against a real
 * temp folder: `example.com.` and `example.org.` (through a `$INCLUDE`d fragment, which
 * `example.info.` includes too) name the backup `mx2.example.net.`; references of `mx2` in
 * `example.net.` list those words (the shared fragment's once), and renaming it edits them too, in the text the editor has (an open document with unsaved lines), with every zone still
 * loading in `named-checkzone`. A fragment open with unsaved changes makes the rename refuse.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Location, ReferencesRequest, RenameRequest, ResponseError, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import type { ServerState } from '../../server/src/serverState';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

const NET = [
	'$ORIGIN example.net.',
	'$TTL 1h',
	'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'     NS  ns1',
	'ns1  A   198.51.100.53',
	'@    MX  10 mx2',
	'mx2  A   198.51.100.25',
	'',
].join('\n');
const COM = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'     NS  ns1',
	'ns1  A   192.0.2.53',
	'@    MX  10 mx1',
	'@    MX  20 mx2.example.net.',
	'mx1  A   192.0.2.25',
	'',
].join('\n');
const ORG = [
	'$ORIGIN example.org.',
	'$TTL 1h',
	'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'     NS  ns1',
	'ns1  A   203.0.113.53',
	'$INCLUDE mail.inc',
	'',
].join('\n');
/** A second zone reads the same fragment: its word is listed and edited once. */
const INFO = ORG.replace(/example\.org\./g, 'example.info.');
const MAIL_INC = '@    MX  10 mx2.example.net.\n';
/** `mx2` in the owner column of `mx2 A …` in example.net.zone. */
const MX2 = { line: 6, character: 1 };

describe('references and rename across the zones of the workspace', () => {
	let folder: string;
	const uriOf = (file: string): string => pathToFileURL(path.join(folder, file)).href;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-cross-zone-')));
		fs.writeFileSync(path.join(folder, 'example.net.zone'), NET);
		fs.writeFileSync(path.join(folder, 'example.com.zone'), COM);
		fs.writeFileSync(path.join(folder, 'example.org.zone'), ORG);
		fs.writeFileSync(path.join(folder, 'example.info.zone'), INFO);
		fs.writeFileSync(path.join(folder, 'mail.inc'), MAIL_INC);
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	/** A server for `workspace` (the test folder by default) with example.net.zone open; by default once the index is built. */
	async function withClient(
		body: (client: LspTestClient, server: ServerState) => Promise<void>,
		{ workspace = folder, waitForIndex = true }: { workspace?: string; waitForIndex?: boolean } = {},
	): Promise<void> {
		const { client, server, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: true,
				workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'zones' }],
				initializationOptions: { workspaceTrusted: true },
			});
			if (waitForIndex) await client.waitForProgressEnd();
			await client.open(pathToFileURL(path.join(workspace, 'example.net.zone')).href, NET);
			await body(client, server);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	}

	const rename = (client: LspTestClient, newName: string): Promise<WorkspaceEdit | null> =>
		client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf('example.net.zone') }, position: MX2, newName });

	test('references of an owner list the words of other zones that name it, fragments included', async () => {
		await withClient(async (client) => {
			const references = (await client.connection.sendRequest(ReferencesRequest.type, {
				textDocument: { uri: uriOf('example.net.zone') },
				position: MX2,
				context: { includeDeclaration: false },
			})) as Location[];
			assert.deepEqual(
				references.map(({ uri, range }) => [
					path.basename(new URL(uri).pathname),
					range.start.line,
					range.start.character,
					range.end.character,
				]),
				[
					['example.net.zone', 5, 12, 15],
					['example.com.zone', 6, 12, 28],
					['mail.inc', 0, 12, 28],
				],
			);
		});
	});

	test(
		'rename edits the other zones in the text the editor has, and every zone still loads in BIND',
		requires('named-checkzone'),
		async () => {
			await withClient(async (client) => {
				// example.com.zone is open with two lines not saved: the edit must land where the editor has the word.
				const comOpen = `; unsaved\n; lines\n${COM}`;
				await client.open(uriOf('example.com.zone'), comOpen);
				const edit = await rename(client, 'backup');
				const texts = new Map<string, string>([
					['example.net.zone', NET],
					['example.com.zone', comOpen],
					['mail.inc', MAIL_INC],
				]);
				assert.deepEqual(Object.keys(edit?.changes ?? {}).sort(), [...texts.keys()].map(uriOf).sort());
				for (const [file, text] of texts) {
					const document = TextDocument.create(uriOf(file), 'dns-zone', 1, text);
					texts.set(file, TextDocument.applyEdits(document, edit?.changes?.[uriOf(file)] ?? []));
				}
				assert.equal(texts.get('example.com.zone'), comOpen.replace('mx2.example.net.', 'backup.example.net.'));
				assert.equal(texts.get('mail.inc'), MAIL_INC.replace('mx2.example.net.', 'backup.example.net.'));
				assert.equal(texts.get('example.net.zone'), NET.replace('MX  10 mx2', 'MX  10 backup').replace('mx2  A', 'backup  A'));

				const renamed = fs.mkdtempSync(path.join(folder, 'renamed-'));
				for (const [file, text] of texts) fs.writeFileSync(path.join(renamed, file), text);
				fs.writeFileSync(path.join(renamed, 'example.org.zone'), ORG);
				fs.writeFileSync(path.join(renamed, 'example.info.zone'), INFO);
				for (const [origin, file] of [
					['example.info.', 'example.info.zone'],
					['example.net.', 'example.net.zone'],
					['example.com.', 'example.com.zone'],
					['example.org.', 'example.org.zone'],
				]) {
					const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, origin, file], { cwd: renamed, encoding: 'utf8' });
					assert.equal(run.status, 0, `${file}: ${run.stdout}${run.stderr}`);
				}
				fs.rmSync(renamed, { recursive: true, force: true });
			});
		},
	);

	test('rename is refused while a fragment of another zone that names the owner has unsaved changes', async () => {
		await withClient(async (client) => {
			await client.open(uriOf('mail.inc'), `; not saved\n${MAIL_INC}`);
			await assert.rejects(
				rename(client, 'backup'),
				(error: unknown) =>
					error instanceof ResponseError &&
					error.message === `${uriOf('mail.inc')} has changes that are not saved: save it, so the rename edits the text the zone reads.`,
			);
		});
	});

	test('rename and references wait for the zones of the workspace being indexed; rename is refused, not partial, when they take too long', async () => {
		// Enough zone files that the index (one file per turn of the event loop) is still being read
		// when the renames arrive: renamed then, example.com.zone and mail.inc would keep `mx2`.
		const many = fs.mkdtempSync(path.join(folder, 'many-'));
		for (const file of ['example.net.zone', 'example.com.zone', 'example.org.zone', 'mail.inc']) {
			fs.copyFileSync(path.join(folder, file), path.join(many, file));
		}
		for (let i = 0; i < 3000; i++)
			fs.writeFileSync(path.join(many, `filler${i}.example.zone`), NET.replace(/example\.net\./g, `filler${i}.example.`));
		try {
			await withClient(
				async (client, server) => {
					const netUri = pathToFileURL(path.join(many, 'example.net.zone')).href;
					const renameMx2 = (): Promise<WorkspaceEdit | null> =>
						client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: netUri }, position: MX2, newName: 'backup' });
					server.indexWaitMs = 0;
					await assert.rejects(
						renameMx2(),
						(error: unknown) =>
							error instanceof ResponseError &&
							/^The workspace's zone files are still being indexed \(\d+ of 300\d read\)/.test(error.message),
					);
					server.indexWaitMs = 120_000;
					assert.ok(server.zones.indexing, 'the index is still being built when the second rename and the references are asked');
					const [edit, references] = await Promise.all([
						renameMx2(),
						client.connection.sendRequest(ReferencesRequest.type, {
							textDocument: { uri: netUri },
							position: MX2,
							context: { includeDeclaration: false },
						}) as Promise<Location[]>,
					]);
					assert.equal(server.zones.indexing, undefined);
					assert.deepEqual(references.map(({ uri }) => path.basename(new URL(uri).pathname)).sort(), [
						'example.com.zone',
						'example.net.zone',
						'mail.inc',
					]);
					assert.deepEqual(
						Object.keys(edit?.changes ?? {})
							.map((uri) => path.basename(new URL(uri).pathname))
							.sort(),
						['example.com.zone', 'example.net.zone', 'mail.inc'],
					);
				},
				{ workspace: many, waitForIndex: false },
			);
		} finally {
			fs.rmSync(many, { recursive: true, force: true });
		}
	});
});
