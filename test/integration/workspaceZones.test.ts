/**
 * The workspace as a resolver, against a real temp folder of zones: a backup MX whose name lies in
 * a sibling zone is resolved from that zone's records, in the CLI (every file given) and in the
 * language server (the workspace index: built in the background with progress, kept current by
 * file events), for a pull client (VS Code) and a push-only client (Neovim); go to definition on
 * the backup lands in the sibling zone.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, type Diagnostic, FileChangeType, type Location } from 'vscode-languageserver-protocol/node';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { REPO_ROOT } from '../helpers/paths';
import { WorkspaceZones } from '../../server/src/workspace/workspaceZones';

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
const net = (address: string): string =>
	[
		'$ORIGIN example.net.',
		'$TTL 1h',
		'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
		'     NS  ns1',
		'ns1  A   198.51.100.53',
		`mx2  A   ${address}`,
		'',
	].join('\n');
/** Zero-based line of `mx2 A …` in the sibling zone. */
const SIBLING_ADDRESS_LINE = 5;

function codes(diagnostics: readonly Diagnostic[]): string[] {
	return diagnostics.map((d) => String(d.code));
}

describe('the workspace as a resolver: MX hosts in sibling zones', () => {
	let folder: string;
	let comUri: string;
	let netPath: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-workspace-')));
		fs.mkdirSync(path.join(folder, 'zones'));
		fs.writeFileSync(path.join(folder, 'zones', 'example.com.zone'), COM);
		netPath = path.join(folder, 'zones', 'example.net.zone');
		fs.writeFileSync(netPath, net('192.0.2.30'));
		comUri = pathToFileURL(path.join(folder, 'zones', 'example.com.zone')).href;
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	async function withClient(options: { pull: boolean; trusted?: boolean }, body: (client: LspTestClient) => Promise<void>): Promise<void> {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: options.pull,
				watchedFiles: 'relative',
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'repo' }],
				initializationOptions: { workspaceTrusted: options.trusted ?? true },
			});
			await body(client);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	}

	test('the CLI given the folder resolves the backup from its sibling zone; given one file, it cannot', () => {
		const run = (args: string[]): { status: number | null; stdout: string } => {
			const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', ...args], {
				cwd: folder,
				encoding: 'utf8',
				timeout: 30_000,
			});
			return { status: result.status, stdout: result.stdout };
		};
		const both = run(['zones']);
		assert.equal(both.status, 0, both.stdout);
		assert.match(
			both.stdout,
			/^zones\/example\.com\.zone:6:1: warning mxSameNetwork: All 2 mail exchangers of example\.com\. share a network: both IPv4 addresses are in 192\.0\.2\.0\/24/m,
		);
		assert.match(
			both.stdout,
			/^ {2}zones\/example\.net\.zone:6:1: note: mx2\.example\.net\. → 192\.0\.2\.30 \(from the zone example\.net\.\)$/m,
		);
		const json = JSON.parse(run(['--format', 'json', 'zones']).stdout) as {
			file: string;
			diagnostics: { code: string; related?: { file: string }[] }[];
		}[];
		const com = json.find((report) => report.file === 'zones/example.com.zone');
		assert.deepEqual(
			com?.diagnostics.map((d) => [d.code, d.related?.map((r) => r.file)]),
			[['mxSameNetwork', ['zones/example.net.zone']]],
		);
		const alone = run(['zones/example.com.zone']);
		assert.doesNotMatch(alone.stdout, /mxSameNetwork/);
	});

	test('a pull client: progress while indexing, then the sibling answers; a change on disk is seen', async () => {
		await withClient({ pull: true }, async (client) => {
			await client.waitForProgressEnd();
			const reports = [...client.progress.values()].flat();
			assert.equal(reports[0].kind, 'begin');
			assert.ok(
				reports.some((report) => report.kind === 'report' && report.message === '2 of 2 zone files'),
				JSON.stringify(reports),
			);
			await client.open(comUri, COM);
			const diagnostics = await client.pull(comUri);
			assert.deepEqual(codes(diagnostics), ['mxSameNetwork']);
			const related = diagnostics[0].relatedInformation ?? [];
			assert.deepEqual(
				related.map((r) => [r.location.uri, r.location.range.start.line]),
				[[pathToFileURL(netPath).href, SIBLING_ADDRESS_LINE]],
			);
			// The hover on the backup names where its address came from.
			const hover = await client.hover(comUri, { line: 6, character: 12 });
			const value = (hover?.contents as { value: string }).value;
			assert.match(
				value,
				/`mx2\.example\.net\.` in the zone `example\.net\.` of the workspace:\n\n- IPv4: `192\.0\.2\.30` \(network 192\.0\.2\.0\/24\), from \[example\.net\.zone:6\]\(file:\/\/.*example\.net\.zone#L6\)/,
			);

			// Go to definition on the backup lands on its record in the sibling zone.
			const definition = await client.connection.sendRequest(DefinitionRequest.type, {
				textDocument: { uri: comUri },
				position: { line: 6, character: 12 },
			});
			assert.deepEqual(
				(definition as Location[]).map((location) => [location.uri, location.range.start.line]),
				[[pathToFileURL(netPath).href, SIBLING_ADDRESS_LINE]],
			);

			fs.writeFileSync(netPath, net('198.51.100.25'));
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: pathToFileURL(netPath).href, type: FileChangeType.Changed });
			await refreshed;
			assert.deepEqual(codes(await client.pull(comUri)), []);
			fs.writeFileSync(netPath, net('192.0.2.30'));
			await client.changeWatchedFiles({ uri: pathToFileURL(netPath).href, type: FileChangeType.Changed });
			assert.deepEqual(codes(await client.pull(comUri)), ['mxSameNetwork']);
		});
	});

	test('a push-only client (Neovim) gets the finding once the index is built, and loses it when the sibling is deleted', async () => {
		await withClient({ pull: false }, async (client) => {
			await client.open(comUri, COM);
			await client.waitForPublished(comUri, (p) => codes(p.diagnostics).join() === 'mxSameNetwork');
			const moved = netPath + '.bak';
			fs.renameSync(netPath, moved);
			try {
				await client.changeWatchedFiles({ uri: pathToFileURL(netPath).href, type: FileChangeType.Deleted });
				await client.waitForPublished(comUri, (p) => p.diagnostics.length === 0);
			} finally {
				fs.renameSync(moved, netPath);
			}
		});
	});

	test('an untrusted workspace is not indexed', async () => {
		await withClient({ pull: true, trusted: false }, async (client) => {
			await client.open(comUri, COM);
			assert.deepEqual(codes(await client.pull(comUri)), []);
			assert.equal(client.progress.size, 0);
		});
	});

	test('an indexing run is seen while it runs; whenIndexed resolves when it ends or is cleared', async () => {
		const zones = new WorkspaceZones(() => {});
		const first = zones.rebuild([folder]);
		assert.ok(zones.indexing, 'indexing from the start of the run');
		assert.equal(await zones.whenIndexed(60_000), true);
		assert.equal(await first, true);
		assert.equal(zones.indexing, undefined);
		assert.equal(zones.facts().length, 2);
		assert.equal(await zones.whenIndexed(0), true, 'nothing under way: at once');

		const second = zones.rebuild([folder]);
		const waiting = zones.whenIndexed(60_000);
		zones.clear();
		assert.equal(zones.indexing, undefined, 'a cleared index is not being built');
		assert.equal(await waiting, true);
		assert.equal(await second, false, 'the cleared run stopped');
	});
});
