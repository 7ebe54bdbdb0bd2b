/**
 * Adversarial inputs (issue 5) through the CLI (in-process and as a process) and the language server
 * (in process): each gives clear diagnostics or a clear refusal naming the limit, in bounded memory.
 * The 70 MB file is a sparse file that the CLI refuses from its size alone. The same inputs against
 * the core alone, with their memory bounds, are in test/perf/adversarial.test.ts.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CheckArguments, parseCheckArguments } from '../../cli/src/checkArguments';
import { checkText } from '../../cli/src/check';
import { MAX_INCLUDE_READS } from '../../core/src/limits';
import { MAX_INCLUDE_DEPTH } from '../../core/src/limits';
import { TRUST_CHANGED_NOTIFICATION } from '../../server/src/server';
import { startInProcess } from '../helpers/lspHarness';
import { MB, usedBytes } from '../helpers/memory';
import { REPO_ROOT } from '../helpers/paths';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';

describe('adversarial inputs: $INCLUDE', () => {
	let folder: string;
	let main: string;
	/** The $INCLUDE lines of the main file, by what they name. */
	const LINES = ['main.zone', 'sub/child.inc', '/etc/passwd', 'sub', 'missing.inc', 'chain/c0.inc', 'fan/f0.inc'];
	/** What each line gives, in the CLI and in the server. */
	const EXPECTED = [
		['includeCycle', /already being read/],
		['includedFileHasErrors', /has 1 error/],
		['includeNotFound', /outside the folder/],
		['includeNotFound', /is a directory/],
		['includeNotFound', /file not found/],
		['includedFileHasErrors', /has \d+ errors?/],
		['includedFileHasErrors', /has \d+ errors?/],
	] as const;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-include-')));
		fs.mkdirSync(path.join(folder, 'sub'));
		fs.mkdirSync(path.join(folder, 'chain'));
		fs.mkdirSync(path.join(folder, 'fan'));
		main = path.join(folder, 'main.zone');
		fs.writeFileSync(main, HEAD + LINES.map((line) => `$INCLUDE ${line}\n`).join(''));
		// Nested paths are relative to the zone's folder, as BIND (and the default reading) takes them.
		fs.writeFileSync(path.join(folder, 'sub', 'child.inc'), 'child A 192.0.2.7\n$INCLUDE main.zone\n');
		// A chain 50 deep; the limit is 16.
		for (let i = 0; i < 50; i++)
			fs.writeFileSync(path.join(folder, 'chain', `c${i}.inc`), `c${i} A 192.0.2.1\n$INCLUDE chain/c${i + 1}.inc\n`);
		// Not a cycle, but 10^5 reads: each file includes the next one ten times.
		for (let i = 0; i < 5; i++)
			fs.writeFileSync(path.join(folder, 'fan', `f${i}.inc`), `f${i} A 192.0.2.1\n` + `$INCLUDE fan/f${i + 1}.inc\n`.repeat(10));
		fs.writeFileSync(path.join(folder, 'fan', 'f5.inc'), 'f5 A 192.0.2.1\n');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	/** The diagnostics on the main file's $INCLUDE lines, as [code, message], one per line. */
	function onIncludeLines(diagnostics: readonly { code: string; message: string; line: number }[]): [string, string][] {
		const first = HEAD.split('\n').length - 1;
		return LINES.map((_, i) => {
			const found = diagnostics.filter((d) => d.line === first + i && d.code !== 'soaMissing');
			assert.equal(found.length, 1, `line ${first + i + 1} ($INCLUDE ${LINES[i]}): ${JSON.stringify(found)}`);
			return [found[0].code, found[0].message];
		});
	}

	function assertExpected(found: [string, string][]): void {
		found.forEach(([code, message], i) => {
			assert.equal(code, EXPECTED[i][0], `$INCLUDE ${LINES[i]}: ${message}`);
			assert.match(message, EXPECTED[i][1], `$INCLUDE ${LINES[i]}`);
		});
	}

	test('the CLI: itself, a parent, /etc/passwd, a directory, a missing file, a chain 50 deep, a fan of 10^5 reads', () => {
		const reports = checkText(main, fs.readFileSync(main, 'utf8'), parseCheckArguments([main]) as CheckArguments);
		const own = reports[0].diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.range.start.line }));
		assertExpected(onIncludeLines(own));
		const all = reports.flatMap((report) => report.diagnostics.map((d) => `${d.code}: ${d.message}`)).join('\n');
		assert.match(all, new RegExp(`includeTooDeep: .*nested more than ${MAX_INCLUDE_DEPTH} levels`));
		assert.match(all, new RegExp(`already included ${MAX_INCLUDE_READS} files`));
	});

	test('the CLI process: --include-outside reads /etc/passwd, --no-include follows nothing', () => {
		const run = (
			...args: string[]
		): { status: number | null; json: { file: string; diagnostics: { code: string; message: string }[] }[] } => {
			const result = spawnSync(
				process.execPath,
				[path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', '--format', 'json', ...args, main],
				{ cwd: folder, encoding: 'utf8' },
			);
			return { status: result.status, json: JSON.parse(result.stdout) };
		};
		const outside = run('--include-outside');
		assert.equal(outside.status, 1);
		assert.ok(!outside.json[0].diagnostics.some((d) => /outside the folder/.test(d.message)));
		const none = run('--no-include');
		assert.deepEqual(
			[...new Set(none.json[0].diagnostics.map((d) => d.code))].filter((c) => c !== 'soaMissing'),
			['includeNotFollowed'],
		);
	});

	test('the server: the same diagnostics in a trusted workspace; nothing read in an untrusted one until trust is granted', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: true,
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }],
				initializationOptions: { workspaceTrusted: false },
			});
			const uri = pathToFileURL(main).href;
			await client.open(uri, fs.readFileSync(main, 'utf8'));
			const untrusted = await client.pull(uri);
			assert.deepEqual(
				onIncludeLines(untrusted.map((d) => ({ code: String(d.code), message: String(d.message), line: d.range.start.line }))).map(
					([code]) => code,
				),
				LINES.map(() => 'includeNotFollowed'),
			);
			const refreshed = client.waitForRefresh();
			await client.connection.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true });
			await refreshed;
			const trusted = await client.pull(uri);
			assertExpected(onIncludeLines(trusted.map((d) => ({ code: String(d.code), message: String(d.message), line: d.range.start.line }))));
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});

describe('adversarial inputs: a 70 MB file', () => {
	test("the CLI checks it (the editor's 64 MiB limit is not the CLI's), and refuses a file past Node's longest string from its size", () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-huge-'));
		try {
			const cli = path.join(REPO_ROOT, 'bin', 'zone-sentinel.js');
			const file = path.join(folder, 'huge.zone');
			// One 70 MB comment after the records: cheap to scan, and nothing in it to report.
			fs.writeFileSync(file, HEAD + '; ' + 'x'.repeat(70 * 1000 * 1000) + '\n');
			const checked = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8' });
			assert.equal(checked.status, 0, checked.stderr);
			assert.deepEqual(JSON.parse(checked.stdout)[0].diagnostics, []);
			const sparse = path.join(folder, 'sparse.zone');
			fs.writeFileSync(sparse, '');
			fs.truncateSync(sparse, 600 * 1024 * 1024);
			const refused = spawnSync(process.execPath, [cli, 'check', sparse], { encoding: 'utf8' });
			assert.equal(refused.status, 2, refused.stderr);
			assert.match(refused.stderr, /sparse\.zone: 600\.0 MiB is over the limit of 511 MiB per zone file; not checked\./);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('zoneSentinel.maxZoneSize sets the limit: a 1.5 MiB zone is refused at 1 MiB and checked at 2', async () => {
		const { client, dispose } = startInProcess();
		try {
			client.settings = { maxZoneSize: 1 };
			await client.initialize({ pull: true });
			const uri = 'file:///zones/sized.zone';
			await client.open(uri, HEAD + '; ' + 'x'.repeat(1.5 * MB) + '\n');
			const refused = await client.pull(uri);
			assert.deepEqual(
				refused.map((d) => d.code),
				['zoneTooLarge'],
			);
			assert.match(String(refused[0].message), /checks zones of up to 1 MiB/);
			await client.changeSettings({ maxZoneSize: 2 });
			assert.deepEqual(await client.pull(uri), []);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});

	test('the server answers a 70 MB document with one diagnostic naming the limit, and lets go of it on close', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true });
			const baseline = usedBytes();
			const uri = 'file:///zones/huge.zone';
			await client.open(uri, HEAD + 'x'.repeat(70 * 1000 * 1000));
			const diagnostics = await client.pull(uri);
			assert.deepEqual(
				diagnostics.map((d) => d.code),
				['zoneTooLarge'],
			);
			assert.match(String(diagnostics[0].message), /checks zones of up to 64 MiB/);
			await client.close(uri);
			await client.pull(uri); // a round trip, so the close has been handled
			const retained = usedBytes() - baseline;
			assert.ok(retained < 16 * MB, `${(retained / MB).toFixed(0)} MB still held after close`);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
