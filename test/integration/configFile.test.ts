/**
 * `.zone-sentinel.json` end to end: discovery (nearest file walking up, alone), precedence (CLI
 * flags and client settings over the file, the file over defaults) and invalid files (positioned
 * errors naming the key, exit 2 / diagnostics on the file), with the real CLI (bin → dist/cli.js)
 * and the real language server over stdio (out/server/src/main.js --stdio).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { type LspTestClient, spawnServer, withTimeout } from '../helpers/lspHarness';
import { REPO_ROOT } from '../helpers/paths';

const CONFIG = '.zone-sentinel.json';
/** One mail exchanger: mxSingle (a warning by default) on line 5. No $ORIGIN, so the origin comes from elsewhere. */
const SINGLE_MX = '$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.1\n@ MX 10 mail\nmail A 192.0.2.2\n';
const MX_LINE = 4;

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], { cwd, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder with these files (relative path → text); folders are made as needed. */
function tree(files: Record<string, string>): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-config-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
		fs.writeFileSync(path.join(root, name), text);
	}
	return root;
}

/** `file → { code: severity }` of a `--format json` run. */
function severities(stdout: string): Record<string, Record<string, string>> {
	const reports = JSON.parse(stdout) as { file: string; diagnostics: { code: string; severity: string }[] }[];
	return Object.fromEntries(
		reports.map((report) => [report.file, Object.fromEntries(report.diagnostics.map((d) => [d.code, d.severity]))]),
	);
}

const roots: string[] = [];
after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
	const root = tree(files);
	roots.push(root);
	return root;
}

describe('CLI: .zone-sentinel.json', () => {
	test('found by walking up from each zone file; the nearest wins alone; none above means defaults', () => {
		const root = project({
			[CONFIG]: '// the team\'s levels\n{ "rules": { "mxSingle": "error" }, "origins": { "db.*": "example.com." } }',
			'zones/deep/er/db.example': SINGLE_MX,
			'zones/quiet/db.example': SINGLE_MX,
			'zones/quiet/.zone-sentinel.json': '{ "rules": { "mxSingle": "hint" } }',
		});
		const result = cli(['check', '--format', 'json', 'zones'], root);
		assert.equal(result.status, 1, result.stderr);
		const found = severities(result.stdout);
		assert.deepEqual(found['zones/deep/er/db.example'], { mxSingle: 'error' });
		// The nearer file says nothing about origins, and the outer file is not merged in.
		assert.equal(found['zones/quiet/db.example'].mxSingle, 'hint');
		assert.equal(found['zones/quiet/db.example'].originUnknown, 'information');
		const reports = JSON.parse(result.stdout) as { file: string; origin: string | null }[];
		assert.equal(reports.find((report) => report.file === 'zones/deep/er/db.example')?.origin, 'example.com.');
	});

	test('flags beat the file key by key, the file beats the defaults', () => {
		const root = project({
			[CONFIG]: JSON.stringify({
				rules: { mxSingle: 'error', soaMissing: 'off' },
				backupHosts: ['from-config.example.net'],
				origins: { '*.example': 'example.com.' },
			}),
			'db.example': SINGLE_MX,
		});
		const flagged = cli(['check', '--format', 'json', '--rule', 'mxSingle=information', '--origin', 'other.test.', 'db.example'], root);
		assert.equal(flagged.status, 0, flagged.stderr);
		const [report] = JSON.parse(flagged.stdout) as {
			origin: string;
			diagnostics: { code: string; severity: string; fixes?: { edits: { newText: string }[] }[] }[];
		}[];
		assert.equal(report.origin, 'other.test.');
		const mxSingle = report.diagnostics.find((d) => d.code === 'mxSingle');
		assert.equal(mxSingle?.severity, 'information');
		// The backup host comes from the file when no --backup-host is given …
		assert.match(mxSingle?.fixes?.[0].edits[0].newText ?? '', /from-config\.example\.net\./);
		const withFlag = cli(['check', '--format', 'json', '--backup-host', 'flag.example.net', 'db.example'], root);
		assert.equal(withFlag.status, 1);
		// … and the flag replaces it.
		assert.doesNotMatch(withFlag.stdout, /from-config/);
		assert.match(withFlag.stdout, /flag\.example\.net\./);
	});

	test('includes policy from the file; --include-outside overrides follow: false only for where, --no-include wins', () => {
		const root = project({
			[CONFIG]: '{ "includes": { "follow": false } }',
			'db.example': '$ORIGIN example.com.\n$INCLUDE broken.inc\n',
			'broken.inc': '@ A 192.0.2.300\n',
		});
		assert.doesNotMatch(cli(['check', 'db.example'], root).stdout, /invalidIpv4Address/);
		fs.writeFileSync(path.join(root, CONFIG), '{ "includes": { "follow": true } }');
		assert.match(cli(['check', 'db.example'], root).stdout, /invalidIpv4Address/);
		assert.doesNotMatch(cli(['check', '--no-include', 'db.example'], root).stdout, /invalidIpv4Address/);
	});

	test('an invalid file: every problem at its line:column with its key, its zones not checked, exit 2; others still checked', () => {
		const root = project({
			'bad/.zone-sentinel.json': '{\n\t"rules": { "mxSingle": "loud" },\n\t"mx": { "networkPrefixV4": 40 },\n\t"colour": 1\n}\n',
			'bad/db.example': SINGLE_MX,
			'bad/also/db.other': SINGLE_MX,
			'good/db.example': SINGLE_MX,
		});
		const result = cli(['check', '--format', 'json', 'bad', 'good'], root);
		assert.equal(result.status, 2);
		const lines = result.stderr.trim().split('\n');
		assert.deepEqual(lines.slice(0, 3), [
			'bad/.zone-sentinel.json:2:25: error invalidConfig: rules.mxSingle: must be one of off, hint, information, warning, error, not "loud".',
			'bad/.zone-sentinel.json:3:29: error invalidConfig: mx.networkPrefixV4: must be a whole number from 1 to 32, not 40.',
			'bad/.zone-sentinel.json:4:2: error invalidConfig: colour: unknown key; known keys: $schema, rules, backupHosts, mx, origins, includes, smtp, format, serial, mtaSts.',
		]);
		// Printed once, then one line per zone left unchecked.
		assert.equal(lines.filter((line) => line.includes('invalidConfig')).length, 3);
		assert.equal(lines.filter((line) => line.includes('not checked: its configuration file bad/.zone-sentinel.json is invalid')).length, 2);
		assert.deepEqual(Object.keys(severities(result.stdout)), ['good/db.example']);
	});

	test('smtp-test takes its defaults from the file (host override, port), and its flags beat them', () => {
		// 127.0.0.1 only: port 1 refuses at once, so the test shows where it connected without any real server.
		const root = project({
			[CONFIG]:
				'{ "smtp": { "port": 1, "connectTimeout": 2, "hostOverrides": { "mail.example.com": "127.0.0.1" } }, "origins": { "db.*": "example.com." } }',
			'db.example': SINGLE_MX,
		});
		const fromFile = cli(['smtp-test', '--zone', 'db.example', '--format', 'json'], root);
		const report = JSON.parse(fromFile.stdout) as { options: { port: number }; domains: { domain: string; problems: string[] }[] };
		assert.equal(report.options.port, 1);
		assert.equal(report.domains[0].domain, 'example.com.');
		assert.deepEqual(report.domains[0].problems, ['mail.example.com not reachable: connection refused at 127.0.0.1 port 1.']);
		const flagged = cli(['smtp-test', '--zone', 'db.example', '--format', 'json', '--port', '2'], root);
		assert.match(flagged.stdout, /connection refused at 127\.0\.0\.1 port 2\./);
	});

	test('a syntax error, a folder named like the file, and an invalid smtp section are errors too', () => {
		const syntax = project({ [CONFIG]: '{ "rules": { "mxSingle": "error" }\n  "mx": {} }', 'db.example': SINGLE_MX });
		const result = cli(['check', 'db.example'], syntax);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /^\.zone-sentinel\.json:2:3: error invalidConfig: \(syntax\): Expected ',' or '}', found '"'\./m);

		const folder = project({ 'db.example': SINGLE_MX });
		fs.mkdirSync(path.join(folder, CONFIG));
		const asFolder = cli(['check', 'db.example'], folder);
		assert.equal(asFolder.status, 2);
		assert.match(asFolder.stderr, /\.zone-sentinel\.json:1:1: error invalidConfig: \(file\): is a directory, not a file\./);

		const smtp = project({ [CONFIG]: '{ "smtp": { "port": 70000 } }', 'db.example': SINGLE_MX });
		const tested = cli(['smtp-test', '--zone', 'db.example', '--origin', 'example.com.'], smtp);
		assert.equal(tested.status, 2);
		assert.match(
			tested.stderr,
			/\.zone-sentinel\.json:1:21: error invalidConfig: smtp\.port: is not a valid zoneSentinel\.smtp\.port value: 70000\./,
		);
		assert.match(tested.stderr, /not tested: its configuration file \.zone-sentinel\.json is invalid/);
	});
});

describe('language server over stdio: .zone-sentinel.json', () => {
	const serverModule = path.join(REPO_ROOT, 'out', 'server', 'src', 'main.js');

	async function withServer(root: string, body: (client: LspTestClient) => Promise<void>): Promise<void> {
		const { client, child, exited } = spawnServer(serverModule);
		try {
			await client.initialize({ pull: true, watchedFiles: 'relative', workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'p' }] });
			await body(client);
			await client.shutdown({ exit: true });
			assert.equal(await withTimeout(exited, 30_000, 'the server to exit'), 0);
		} finally {
			client.dispose();
			child.kill();
		}
	}

	const mxSingleSeverity = async (client: LspTestClient, uri: string): Promise<DiagnosticSeverity | undefined> => {
		const diagnostics = await client.pull(uri);
		const found = diagnostics.find((d) => d.code === 'mxSingle');
		if (found !== undefined) assert.equal(found.range.start.line, MX_LINE);
		return found?.severity;
	};

	test('the file sets levels, client settings override it, and the server watches where it may be', async () => {
		const root = project({ [CONFIG]: '{ "rules": { "mxSingle": "error" } }', 'zones/db.example': SINGLE_MX });
		const uri = pathToFileURL(path.join(root, 'zones', 'db.example')).href;
		await withServer(root, async (client) => {
			client.settings = {};
			await client.open(uri, SINGLE_MX);
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Error);

			// Registered watchers include every folder from the zone's up, so a new nearer file is seen too.
			const registration = await client.waitForRegistration(
				(r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes(CONFIG),
			);
			const bases = (registration.registerOptions as { watchers: { globPattern: { baseUri: string; pattern: string } }[] }).watchers
				.filter((watcher) => watcher.globPattern.pattern === CONFIG)
				.map((watcher) => watcher.globPattern.baseUri);
			assert.ok(bases.includes(pathToFileURL(path.join(root, 'zones')).href), JSON.stringify(bases));
			assert.ok(bases.includes(pathToFileURL(root).href), JSON.stringify(bases));

			// A setting the user set beats the file.
			const refreshed = client.waitForRefresh();
			await client.changeSettings({ rules: { mxSingle: 'hint' } });
			await refreshed;
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Hint);

			// A nearer file appears: it alone applies (the outer one's "error" is gone, the default comes back).
			const cleared = client.waitForRefresh();
			await client.changeSettings({});
			await cleared;
			fs.writeFileSync(path.join(root, 'zones', CONFIG), '{ "rules": { "rrsetTtlMismatch": "off" } }');
			const again = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: pathToFileURL(path.join(root, 'zones', CONFIG)).href, type: FileChangeType.Created });
			await again;
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Warning);
		});
	});

	test('an invalid file: errors on the file at the key, its zones checked without it; fixed, it applies again', async () => {
		const root = project({ [CONFIG]: '{ "rules": { "mxSingle": "error" } }', 'db.example': SINGLE_MX });
		const uri = pathToFileURL(path.join(root, 'db.example')).href;
		const configUri = pathToFileURL(path.join(root, CONFIG)).href;
		await withServer(root, async (client) => {
			client.settings = {};
			await client.open(uri, SINGLE_MX);
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Error);

			// A non-ASCII key before the error: the column is in UTF-16 code units (the emoji is two).
			fs.writeFileSync(path.join(root, CONFIG), '{\n  "rules": { "mxSingle": "error" },\n  "origins": { "😀.zone": 3 }\n}\n');
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: configUri, type: FileChangeType.Changed });
			await refreshed;
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Warning);
			const published = await client.waitForPublished(configUri, (p) => p.diagnostics.length > 0);
			assert.equal(published.diagnostics.length, 1);
			const [problem] = published.diagnostics;
			assert.equal(problem.severity, DiagnosticSeverity.Error);
			assert.equal(problem.code, 'invalidConfig');
			assert.equal(problem.message, 'origins.😀.zone: must be a domain name such as "example.com.", not 3.');
			assert.deepEqual(problem.range, { start: { line: 2, character: 26 }, end: { line: 2, character: 27 } });

			fs.writeFileSync(path.join(root, CONFIG), '{ "origins": { "😀.zone": "example.com." }, "rules": { "mxSingle": "error" } }');
			const fixed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: configUri, type: FileChangeType.Changed });
			await fixed;
			assert.equal(await mxSingleSeverity(client, uri), DiagnosticSeverity.Error);
			await client.waitForPublished(configUri, (p) => p.diagnostics.length === 0);
		});
	});
});
