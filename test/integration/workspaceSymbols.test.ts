/**
 * Workspace symbols over stdio: the bundled server indexes a folder holding
 * test/fixtures/workspaceSymbols/*.zone, one of them is open with an unsaved owner, and each query
 * of QUERIES is answered into the golden `queries.md` (name, container, file and 1-based range in
 * UTF-16 units). The open document answers for its file (its new owner is found, its saved owners
 * are not listed twice); the other file answers from the index. `UPDATE_GOLDEN=1` rewrites it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type SymbolInformation, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import { assertGolden } from '../helpers/golden';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'workspaceSymbols');
const QUERIES = ['www', 'WMX', 'mail', 'draft', 'dmarc', 'zzz', ''];

describe('workspace symbols over stdio (golden)', () => {
	let folder: string;
	let server: SpawnedServer;
	let client: LspTestClient;

	before(async () => {
		// A real path, as the index names files by their real paths.
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-symbols-')));
		for (const file of fs.readdirSync(DIR).filter((name) => name.endsWith('.zone')))
			fs.copyFileSync(path.join(DIR, file), path.join(folder, file));
		server = spawnBundledServer();
		client = server.client;
		const result = await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }] });
		assert.deepEqual(result.capabilities.workspaceSymbolProvider, { resolveProvider: false });
		await client.waitForProgressEnd();
	});

	after(async () => {
		await stopServer(server);
		fs.rmSync(folder, { recursive: true, force: true });
	});

	test('queries', async () => {
		const comUri = pathToFileURL(path.join(folder, 'example.com.zone')).href;
		const saved = fs.readFileSync(path.join(folder, 'example.com.zone'), 'utf8');
		await client.open(comUri, saved + 'draft\tIN\tA\t192.0.2.99\n');
		const out = ['# Workspace symbols', '', 'example.com.zone is open with an unsaved `draft` owner; example.net.zone is indexed.', ''];
		for (const query of QUERIES) {
			const found = ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as SymbolInformation[];
			out.push(
				`## \`${query}\``,
				'',
				...(found.length === 0 ? ['(none)'] : found.map((symbol) => `- ${describeSymbol(symbol, folder)}`)),
				'',
			);
		}
		await client.close(comUri);
		assertGolden(path.join(DIR, 'queries.md'), out.join('\n'));
	});
});

function describeSymbol(symbol: SymbolInformation, folder: string): string {
	const { start, end } = symbol.location.range;
	const file = path.relative(folder, new URL(symbol.location.uri).pathname);
	return `\`${symbol.name}\` in ${symbol.containerName ?? '?'} — ${file} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}
