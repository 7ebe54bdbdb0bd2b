/**
 * The LSP glue over a real JSON-RPC connection: capabilities, pull and push diagnostics, settings,
 * incremental sync, $INCLUDE, and the bundled server as a child process.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
	type CodeAction,
	type Diagnostic,
	DiagnosticSeverity,
	ResponseError,
	TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/semanticTokens';
import { type LspTestClient, spawnBundledServer, spawnServer, startInProcess, stopServer, withTimeout } from '../helpers/lspHarness';
import { REPO_ROOT } from '../helpers/paths';

const APEX = [
	'$ORIGIN example.com.',
	'$TTL 3600',
	'@\tIN\tSOA\tns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600',
	'@\tIN\tNS\tns1.example.com.',
	'ns1\tIN\tA\t192.0.2.1',
	'www\tIN\tCNAME\tns1',
];
const CLEAN = APEX.join('\n') + '\n';
const CONFLICT_LINE = 'www\tIN\tA\t192.0.2.2';
/** Line 6 gives `www` an A record beside its CNAME (line 5). */
const WITH_CONFLICT = CLEAN + CONFLICT_LINE + '\n';

const codes = (diagnostics: readonly Diagnostic[]): unknown[] => diagnostics.map((d) => d.code);

function assertConflict(diagnostic: Diagnostic | undefined, uri: string): void {
	assert.ok(diagnostic, 'expected a cnameAndOtherData diagnostic');
	assert.equal(diagnostic.code, 'cnameAndOtherData');
	assert.equal(diagnostic.source, 'zone-sentinel');
	assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
	assert.deepEqual(diagnostic.range, { start: { line: 6, character: 0 }, end: { line: 6, character: CONFLICT_LINE.length } });
	assert.equal(diagnostic.codeDescription?.href, 'https://github.com/zone-sentinel/zone-sentinel#cnameandotherdata');
	assert.deepEqual(diagnostic.relatedInformation, [
		{ location: { uri, range: { start: { line: 5, character: 0 }, end: { line: 5, character: APEX[5].length } } }, message: 'the CNAME' },
	]);
}

describe('language server, pull diagnostics (in process)', () => {
	let client: LspTestClient;
	let dispose: () => void;
	const uri = 'file:///zones/example.com.zone';

	before(async () => {
		({ client, dispose } = startInProcess());
		const result = await client.initialize({ pull: true });
		assert.deepEqual(result.capabilities, {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, willSaveWaitUntil: true },
			hoverProvider: true,
			codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.incrementSerial'] },
			executeCommandProvider: { commands: ['zoneSentinel.incrementSerial'] },
			codeLensProvider: { resolveProvider: false },
			semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
			documentSymbolProvider: { label: 'Zone Sentinel' },
			foldingRangeProvider: true,
			selectionRangeProvider: true,
			definitionProvider: true,
			referencesProvider: true,
			documentHighlightProvider: true,
			documentLinkProvider: { resolveProvider: false },
			renameProvider: { prepareProvider: true },
			documentFormattingProvider: true,
			documentRangeFormattingProvider: true,
			completionProvider: { triggerCharacters: [' ', '\t', '$'], resolveProvider: false },
			inlayHintProvider: { resolveProvider: false },
			workspaceSymbolProvider: { resolveProvider: false },
			diagnosticProvider: { identifier: 'zone-sentinel', interFileDependencies: false, workspaceDiagnostics: false },
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
		});
		assert.equal(result.serverInfo?.name, 'zone-sentinel');
	});

	after(async () => {
		await client.shutdown({ exit: false });
		dispose();
	});

	test('reports a positioned rule diagnostic with code, docs link and related information', async () => {
		await client.open(uri, WITH_CONFLICT);
		const diagnostics = await client.pull(uri);
		assert.deepEqual(codes(diagnostics), ['cnameAndOtherData']);
		assertConflict(diagnostics[0], uri);
		assert.equal(client.published.length, 0, 'a pull client gets no pushed diagnostics');
	});

	test('pulls settings once per document and reuses them', async () => {
		const before = client.configurationRequests;
		await client.pull(uri);
		await client.pull(uri);
		assert.equal(client.configurationRequests, before);
	});

	test('a changed rule level applies after didChangeConfiguration and a refresh', async () => {
		let refreshed = client.waitForRefresh();
		await client.changeSettings({ rules: { cnameAndOtherData: 'off' } });
		await refreshed;
		assert.deepEqual(await client.pull(uri), []);

		refreshed = client.waitForRefresh();
		await client.changeSettings({ rules: { cnameAndOtherData: 'warning' } });
		await refreshed;
		const [warning] = await client.pull(uri);
		assert.equal(warning?.code, 'cnameAndOtherData');
		assert.equal(warning.severity, DiagnosticSeverity.Warning);

		refreshed = client.waitForRefresh();
		await client.changeSettings({});
		await refreshed;
		assert.deepEqual(codes(await client.pull(uri)), ['cnameAndOtherData']);
	});

	test('incremental changes update the diagnostics', async () => {
		// Delete the conflicting line: the zone is clean.
		await client.change(uri, 2, { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' });
		assert.deepEqual(await client.pull(uri), []);
		// Insert a broken address at the end: a syntax error at the exact column.
		await client.change(uri, 3, {
			range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
			text: 'mail\tIN\tA\t192.0.2.300\n',
		});
		const [error] = await client.pull(uri);
		assert.equal(error?.code, 'invalidIpv4Address');
		assert.equal(error.codeDescription, undefined, 'parse errors have no rule docs link');
		assert.deepEqual(error.range, { start: { line: 6, character: 10 }, end: { line: 6, character: 21 } });
	});

	test('an unknown document gives an empty report', async () => {
		assert.deepEqual(await client.pull('file:///zones/not-open.zone'), []);
	});

	test('a failing configuration request is logged, and defaults are used', async () => {
		const refreshed = client.waitForRefresh();
		await client.changeSettings(new ResponseError(-32603, 'configuration exploded'));
		await refreshed;
		await client.open('file:///zones/other.zone', WITH_CONFLICT);
		assert.deepEqual(codes(await client.pull('file:///zones/other.zone')), ['cnameAndOtherData']);
		assert.ok(
			client.logs.some((line) => line.includes('configuration exploded')),
			client.logs.join('\n'),
		);
	});
});

describe('language server, MX features (in process)', () => {
	let client: LspTestClient;
	let dispose: () => void;
	const uri = 'file:///zones/mail.example.com.zone';
	/** Line 6 is the only MX of the apex: an mxSingle warning. */
	const SINGLE = CLEAN + '@\tIN\tMX\t10 mx1 ; the only one\nmx1\tIN\tA\t192.0.2.25\n';

	before(async () => {
		({ client, dispose } = startInProcess());
		// A client like ours in VS Code: it has the Test SMTP and ask-for-host commands.
		await client.initialize({ pull: true, initializationOptions: { supportsAskForHost: true, supportsTestSmtp: true } });
		await client.open(uri, SINGLE);
	});

	after(async () => {
		await client.shutdown({ exit: false });
		dispose();
	});

	test('MX diagnostics carry their code, source and a link to their documentation', async () => {
		const [single] = await client.pull(uri);
		assert.equal(single?.code, 'mxSingle');
		assert.equal(single.source, 'zone-sentinel');
		assert.equal(single.severity, DiagnosticSeverity.Warning);
		assert.equal(single.codeDescription?.href, 'https://github.com/zone-sentinel/zone-sentinel#mxsingle');
		assert.deepEqual(single.range.start, { line: 6, character: 0 });
	});

	test('hover on an MX preference', async () => {
		const hover = await client.hover(uri, { line: 6, character: 9 });
		assert.ok(hover);
		assert.deepEqual(hover.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 10 } });
		const value = (hover.contents as { kind: string; value: string }).value;
		assert.match(value, /^Preference 10: tried \*\*1st of 1\*\* for `example\.com\.`\n/);
		assert.match(value, /`mx1\.example\.com\.` in this zone:\n\n- IPv4: `192\.0\.2\.25` \(network 192\.0\.2\.0\/24\)/);
		assert.equal(await client.hover(uri, { line: 6, character: 22 }), null, 'no hover in a comment');
	});

	test('code lenses: the summary and, for this client, Test SMTP', async () => {
		const lenses = await client.codeLenses(uri);
		assert.deepEqual(
			lenses?.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command]),
			[
				[6, '1 mail exchanger — no backup', ''],
				[6, 'Test SMTP', 'zoneSentinel.testSmtp'],
			],
		);
	});

	test('without backup hosts, this client gets the ask-for-host command', async () => {
		const diagnostics = await client.pull(uri);
		const [action] = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
		assert.equal(action.title, 'Add backup MX record (preference 20)…');
		assert.equal(action.command?.command, 'zoneSentinel.addBackupMx');
		assert.equal(action.edit, undefined);
	});

	test('code action round trip: with backupHosts set, apply the edit, and the warning is gone', async () => {
		const refreshed = client.waitForRefresh();
		const lensRefreshes = client.codeLensRefreshRequests;
		await client.changeSettings({ backupHosts: ['backup-mx.example.net', 'not a host'], mx: { networkPrefixV4: 16 } });
		await refreshed;
		assert.ok(client.codeLensRefreshRequests > lensRefreshes, 'lenses are refreshed when the settings change');
		const diagnostics = await client.pull(uri);
		assert.deepEqual(codes(diagnostics), ['mxSingle']);
		const actions = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
		assert.deepEqual(
			actions.map((a) => [a.title, a.kind, a.isPreferred]),
			[['Add backup MX record: 20 backup-mx.example.net.', 'quickfix', true]],
		);
		assert.deepEqual(actions[0].diagnostics, [diagnostics[0]]);
		const edits = actions[0].edit?.changes?.[uri];
		assert.ok(edits, 'a workspace edit for the document');
		const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, SINGLE), edits);
		assert.equal(fixed, CLEAN + '@\tIN\tMX\t10 mx1 ; the only one\n@\tIN\tMX\t20 backup-mx.example.net.\nmx1\tIN\tA\t192.0.2.25\n');
		await client.change(uri, 2, { text: fixed });
		assert.deepEqual(await client.pull(uri), []);
		// The prefix setting reached the hover too.
		const hover = await client.hover(uri, { line: 6, character: 9 });
		assert.match((hover?.contents as { value: string }).value, /network 192\.0\.0\.0\/16/);
	});

	test('a plain LSP client gets the edit with the placeholder and no client commands', async () => {
		const plain = startInProcess();
		try {
			await plain.client.initialize({ pull: true });
			await plain.client.open(uri, SINGLE);
			const diagnostics = await plain.client.pull(uri);
			const [action] = (await plain.client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
			assert.equal(action.title, 'Add backup MX record (preference 20) with placeholder backup-mx.invalid.');
			assert.match(action.edit?.changes?.[uri]?.[0].newText ?? '', /^@\tIN\tMX\t20 backup-mx\.invalid\.\n$/);
			assert.deepEqual(
				(await plain.client.codeLenses(uri))?.map((lens) => lens.command?.title),
				['1 mail exchanger — no backup'],
			);
			await plain.client.shutdown({ exit: false });
		} finally {
			plain.dispose();
		}
	});
});

describe('language server, push diagnostics (in process)', () => {
	let client: LspTestClient;
	let dispose: () => void;

	before(async () => {
		({ client, dispose } = startInProcess());
		const result = await client.initialize({ pull: false });
		assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull provider for a push-only client');
	});

	after(async () => {
		await client.shutdown({ exit: false });
		dispose();
	});

	test('publishes diagnostics on open, and an empty list for a clean file', async () => {
		const broken = 'file:///zones/broken.zone';
		const clean = 'file:///zones/clean.zone';
		await client.open(broken, WITH_CONFLICT);
		await client.open(clean, CLEAN);
		const published = await client.waitForPublished(broken, (p) => p.version === 1);
		assert.deepEqual(codes(published.diagnostics), ['cnameAndOtherData']);
		assertConflict(published.diagnostics[0], broken);
		assert.deepEqual((await client.waitForPublished(clean, (p) => p.version === 1)).diagnostics, []);
	});

	test('coalesces queued changes, publishes only the latest version, and clears on close', async () => {
		const uri = 'file:///zones/edited.zone';
		await client.open(uri, CLEAN);
		await client.waitForPublished(uri, (p) => p.version === 1);
		// Two edits read together: version 2 is replaced before its analysis and must never be published.
		await client.change(uri, 2, {
			range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
			text: 'mail\tIN\tA\t192.0.2.9\n',
		});
		await client.change(uri, 3, {
			range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } },
			text: CONFLICT_LINE + '\n',
		});
		const latest = await client.waitForPublished(uri, (p) => p.version === 3);
		assert.deepEqual(codes(latest.diagnostics), ['cnameAndOtherData']);
		assert.equal(latest.diagnostics[0].range.start.line, 7);
		assert.ok(!client.published.some((p) => p.uri === uri && p.version === 2), 'version 2 was superseded');

		await client.close(uri);
		const cleared = await client.waitForPublished(uri, (p) => p.version === undefined);
		assert.deepEqual(cleared.diagnostics, []);
	});

	test('re-publishes open documents when the settings change', async () => {
		const uri = 'file:///zones/settings.zone';
		await client.open(uri, WITH_CONFLICT);
		await client.waitForPublished(uri, (p) => p.diagnostics.length === 1);
		await client.changeSettings({ rules: { cnameAndOtherData: 'off' } });
		await client.waitForPublished(uri, (p) => p.diagnostics.length === 0);
		await client.changeSettings({});
	});
});

describe('language server, $INCLUDE (in process)', () => {
	let folder: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-lsp-')));
		fs.writeFileSync(path.join(folder, 'hosts.inc'), 'mail\tIN\tA\t192.0.2.300\n');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	test('follows includes inside the workspace folder and summarises their errors', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }] });
			const uri = pathToFileURL(path.join(folder, 'example.com.zone')).href;
			await client.open(uri, CLEAN + '$INCLUDE hosts.inc\n$INCLUDE /etc/passwd\n');
			const diagnostics = await client.pull(uri);
			assert.deepEqual(codes(diagnostics), ['includedFileHasErrors', 'includeNotFound']);
			assert.equal(diagnostics[0].range.start.line, 6);
			assert.match(String(diagnostics[1].message), /outside the folder/);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});

describe('bundled server (child process)', () => {
	test('a change whose range lies past the end of the document is clamped to it, as VS Code clamps', async () => {
		const server = spawnBundledServer();
		const uri = 'file:///zones/clamped.zone';
		try {
			await server.client.initialize({ pull: true });
			await server.client.open(uri, CLEAN);
			// Lines 40–41 of a 7-line document: the end of the document, so the line is appended.
			await server.client.change(uri, 2, {
				range: { start: { line: 40, character: 3 }, end: { line: 41, character: 0 } },
				text: CONFLICT_LINE + '\n',
			});
			assertConflict((await server.client.pull(uri))[0], uri);
			// Characters past the end of line 6: its end, before the line break.
			await server.client.change(uri, 3, {
				range: { start: { line: 6, character: 500 }, end: { line: 6, character: 900 } },
				text: ' ; tail',
			});
			const [conflict] = await server.client.pull(uri);
			assert.deepEqual(conflict?.range, { start: { line: 6, character: 0 }, end: { line: 6, character: CONFLICT_LINE.length } });
			// Every later request of the document still has real positions (they were NaN).
			const hover = await server.client.hover(uri, { line: 6, character: 9 });
			assert.ok(hover, 'a hover on the appended record');
			assert.deepEqual(hover.range, { start: { line: 6, character: 9 }, end: { line: 6, character: CONFLICT_LINE.length } });
			await server.client.change(uri, 4, { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' });
			assert.deepEqual(await server.client.pull(uri), []);
		} finally {
			await stopServer(server);
		}
	});

	test('node dist/server.js --stdio: initialize, diagnostics, shutdown, exit', async () => {
		const serverModule = path.join(REPO_ROOT, 'dist', 'server.js');
		assert.ok(fs.existsSync(serverModule), `${serverModule} is missing: run \`npm run bundle\` (node esbuild.mjs) first`);

		// A push-only client: diagnostics arrive as notifications.
		const push = spawnServer(serverModule);
		try {
			await push.client.initialize({ pull: false });
			await push.client.open('file:///zones/a.zone', WITH_CONFLICT);
			const published = await push.client.waitForPublished('file:///zones/a.zone', (p) => p.version === 1);
			assertConflict(published.diagnostics[0], 'file:///zones/a.zone');
			await push.client.shutdown({ exit: true });
			assert.equal(await withTimeout(push.exited, 30_000, 'the server to exit'), 0);
		} finally {
			push.client.dispose();
			push.child.kill();
		}

		// A pull client against a second process.
		const pull = spawnServer(serverModule);
		try {
			await pull.client.initialize({ pull: true });
			await pull.client.open('file:///zones/b.zone', WITH_CONFLICT);
			assertConflict((await pull.client.pull('file:///zones/b.zone'))[0], 'file:///zones/b.zone');
			await pull.client.shutdown({ exit: true });
			assert.equal(await withTimeout(pull.exited, 30_000, 'the server to exit'), 0);
		} finally {
			pull.client.dispose();
			pull.child.kill();
		}
	});
});
