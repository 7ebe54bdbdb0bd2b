/**
 * SPF includes followed into a sibling zone of the workspace, against a real temp folder: the CLI
 * given the folder and the language server (workspace index) both count the sibling's lookups,
 * name the chain and point the related information at the exact term in the sibling's file; the
 * hover counts them too; an edit of the sibling on disk is seen.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/lspHarness';
import { REPO_ROOT } from '../helpers/paths';

const COM = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'     NS  ns1',
	'ns1  A   192.0.2.53',
	'@    TXT "v=spf1 a mx include:_spf.example.net -all"',
	'',
].join('\n');
/** The sibling's record: `count` a: terms, the last in a second string. */
const net = (count: number): string =>
	[
		'$ORIGIN example.net.',
		'$TTL 1h',
		'@    SOA ns1 hostmaster 1 7200 3600 1209600 3600',
		'     NS  ns1',
		'ns1  A   198.51.100.53',
		`_spf TXT "v=spf1 ${Array.from({ length: count - 1 }, (_, i) => `a:${i + 1}.example.org `).join('')}" "a:${count}.example.org -all"`,
		'',
	].join('\n');
const SPF_LINE = 5;
/** Where the last term of the sibling's record is: zero-based line and characters. */
function lastTermRange(text: string): { line: number; start: number; end: number } {
	const line = text.split('\n')[SPF_LINE];
	const start = line.lastIndexOf('a:');
	return { line: SPF_LINE, start, end: line.indexOf(' ', start) };
}

describe('SPF lookups through a sibling zone of the workspace', () => {
	let folder: string;
	let comUri: string;
	let netPath: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-spf-')));
		fs.mkdirSync(path.join(folder, 'zones'));
		fs.writeFileSync(path.join(folder, 'zones', 'example.com.zone'), COM);
		netPath = path.join(folder, 'zones', 'example.net.zone');
		fs.writeFileSync(netPath, net(8));
		comUri = pathToFileURL(path.join(folder, 'zones', 'example.com.zone')).href;
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	test('the CLI given the folder counts the sibling record and points at its eleventh term; given one file, it counts 3', () => {
		const run = (args: string[]): { status: number | null; stdout: string } => {
			const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', ...args], {
				cwd: folder,
				encoding: 'utf8',
				timeout: 30_000,
			});
			return { status: result.status, stdout: result.stdout };
		};
		const json = JSON.parse(run(['--format', 'json', 'zones']).stdout) as {
			file: string;
			diagnostics: {
				code: string;
				message: string;
				related?: { file: string; message: string; range: { start: { line: number; character: number }; end: { character: number } } }[];
			}[];
		}[];
		const found = json.find((report) => report.file === 'zones/example.com.zone')?.diagnostics ?? [];
		assert.deepEqual(
			found.map((d) => d.code),
			['spfTooManyLookups'],
		);
		assert.match(found[0].message, /takes at least 11 DNS lookups.*via include:_spf\.example\.net \(from the zone example\.net\.\)/);
		const term = lastTermRange(net(8));
		assert.deepEqual(
			found[0].related?.map((r) => [r.file, r.range.start.line, r.range.start.character, r.range.end.character, r.message]),
			[['zones/example.net.zone', term.line, term.start, term.end, 'lookup 11: a:8.example.org']],
		);
		const alone = run(['zones/example.com.zone']);
		assert.equal(alone.status, 0, alone.stdout);
		assert.doesNotMatch(alone.stdout, /spfTooManyLookups/);
	});

	test('the language server: the finding with related information in the sibling file, the hover count, and a change on disk', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: true,
				watchedFiles: 'relative',
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'repo' }],
				initializationOptions: { workspaceTrusted: true },
			});
			await client.waitForProgressEnd();
			await client.open(comUri, COM);
			const diagnostics = await client.pull(comUri);
			assert.deepEqual(
				diagnostics.map((d) => d.code),
				['spfTooManyLookups'],
			);
			const term = lastTermRange(net(8));
			assert.deepEqual(
				diagnostics[0].relatedInformation?.map((r) => [r.location.uri, r.location.range]),
				[
					[
						pathToFileURL(netPath).href,
						{ start: { line: term.line, character: term.start }, end: { line: term.line, character: term.end } },
					],
				],
			);
			const hover = await client.hover(comUri, { line: 5, character: 30 });
			assert.match(
				(hover?.contents as { value: string }).value,
				/11 DNS lookups of the 10 allowed[\s\S]*then 8 more lookups through its record \(in the zone `example\.net\.`\)/,
			);

			fs.writeFileSync(netPath, net(7));
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: pathToFileURL(netPath).href, type: FileChangeType.Changed });
			await refreshed;
			assert.deepEqual(await client.pull(comUri), []);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
