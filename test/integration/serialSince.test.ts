/**
 * `serialNotIncremented` against a real git repository in a temp folder: the CLI's
 * `check --serial-since REF` (CI), and the language server comparing an open zone with `HEAD` when
 * the rule is on, with "Increment SOA serial" as the diagnostic's quick fix. A change of layout
 * alone is not a change; a new file, or a file outside a repository, is not judged by the server.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/lspHarness';
import { namedCheckzone } from '../helpers/namedCheckzone';
import { REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

const zone = (serial: string, www: string, layout = ''): string =>
	[
		'$ORIGIN example.com.',
		'$TTL 3600',
		`@   SOA ns1 hostmaster ${serial} 7200 3600 1209600 300${layout}`,
		'    NS  ns1',
		'    MX  10 mx1',
		'    MX  20 mx2.example.net.',
		'ns1 A   192.0.2.53',
		'mx1 A   192.0.2.25',
		`www A   ${www}`,
		'',
	].join('\n');

describe('serialNotIncremented against git', requires('git', 'named-checkzone'), () => {
	let repo: string;
	let file: string;

	const git = (...args: string[]): string =>
		execFileSync('git', ['-C', repo, ...args], {
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 't',
				GIT_AUTHOR_EMAIL: 't@example.com',
				GIT_COMMITTER_NAME: 't',
				GIT_COMMITTER_EMAIL: 't@example.com',
			},
		});

	const cli = (args: string[], cwd = repo): { status: number | null; stdout: string; stderr: string } => {
		const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', ...args], {
			cwd,
			encoding: 'utf8',
			timeout: 30_000,
		});
		return { status: run.status, stdout: run.stdout, stderr: run.stderr };
	};

	before(() => {
		repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-git-')));
		fs.mkdirSync(path.join(repo, 'zones'));
		file = path.join(repo, 'zones', 'example.com.zone');
		git('init', '-q');
		fs.writeFileSync(file, zone('2024010101', '192.0.2.1'));
		git('add', '.');
		git('commit', '-q', '-m', 'first');
		fs.writeFileSync(file, zone('2024010102', '192.0.2.2'));
		git('commit', '-q', '-am', 'second');
	});

	after(() => fs.rmSync(repo, { recursive: true, force: true }));

	test('check --serial-since: a changed record with the old serial is an error; a grown serial or a layout change is not', () => {
		// HEAD~1 had serial ...01 and www .1; the working tree has ...02 and www .2: fine.
		assert.equal(cli(['--serial-since', 'HEAD~1', 'zones']).status, 0);
		fs.writeFileSync(file, zone('2024010102', '192.0.2.3'));
		const stale = cli(['--serial-since', 'HEAD', 'zones']);
		assert.equal(stale.status, 1, stale.stdout + stale.stderr);
		assert.equal(
			stale.stdout.trim(),
			"zones/example.com.zone:3:24: error serialNotIncremented: The records differ from HEAD, but the serial 2024010102 is HEAD's too: secondaries transfer a zone only when its serial grows, so they would keep serving the old records. Increment the serial.",
		);
		// Without the flag the rule is off (opt-in); --rule sets its level.
		assert.equal(cli(['zones']).status, 0);
		assert.match(cli(['--serial-since', 'HEAD', '--rule', 'serialNotIncremented=warning', 'zones']).stdout, /warning serialNotIncremented/);
		// A serial that went down is named as such.
		fs.writeFileSync(file, zone('2024010100', '192.0.2.3'));
		assert.match(cli(['--serial-since', 'HEAD', 'zones']).stdout, /the serial 2024010100 went down from HEAD's 2024010102/);
		// Layout and spelling are not changes.
		fs.writeFileSync(file, zone('2024010102', '192.0.2.2', ' ; same records').replace('ns1 A', 'ns1.example.com. A'));
		assert.equal(cli(['--serial-since', 'HEAD', 'zones']).status, 0);
		// A file new since the revision is not judged.
		fs.writeFileSync(path.join(repo, 'zones', 'example.org.zone'), zone('1', '192.0.2.9').replace('example.com.', 'example.org.'));
		assert.equal(cli(['--serial-since', 'HEAD', 'zones/example.org.zone']).status, 0);
		fs.rmSync(path.join(repo, 'zones', 'example.org.zone'));
		git('checkout', '-q', '--', '.');
	});

	test('check --serial-since: an unknown revision, a folder outside git and a revision that looks like an option are clear errors', () => {
		const unknown = cli(['--serial-since', 'no-such-branch', 'zones']);
		assert.equal(unknown.status, 2);
		assert.match(unknown.stderr, /zones\/example\.com\.zone: --serial-since no-such-branch: fatal: invalid object name 'no-such-branch'/);
		const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-nogit-'));
		try {
			fs.writeFileSync(path.join(outside, 'example.com.zone'), zone('1', '192.0.2.1'));
			const result = cli(['--serial-since', 'HEAD', 'example.com.zone'], outside);
			assert.equal(result.status, 2);
			assert.match(result.stderr, /example\.com\.zone: --serial-since HEAD: not in a git repository\./);
		} finally {
			fs.rmSync(outside, { recursive: true, force: true });
		}
		const option = cli(['--serial-since=--output=x', 'zones']);
		assert.equal(option.status, 2);
		assert.match(option.stderr, /--serial-since needs a git revision such as HEAD/);
	});

	test('the language server compares an open zone with HEAD when the rule is on, and offers the increment as its quick fix', async () => {
		const { client, dispose } = startInProcess();
		try {
			client.settings = { rules: { serialNotIncremented: 'warning' } };
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'repo' }] });
			const uri = pathToFileURL(file).href;
			const text = zone('2024010102', '192.0.2.99');
			await client.open(uri, text);
			const diagnostics = await client.pull(uri);
			assert.deepEqual(
				diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
				[['serialNotIncremented', 2, 23, 33]],
			);
			const actions = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
			const fix = actions.find((action) => action.kind === 'quickfix');
			assert.ok(fix?.isPreferred, JSON.stringify(actions));
			assert.match(fix.title, /^Increment SOA serial \(2024010102 → \d{10}\)$/);
			const edits = fix.edit?.changes?.[uri] ?? [];
			const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, text), edits);
			assert.equal(namedCheckzone('example.com.', fixed).status, 0);
			await client.change(uri, 2, { text: fixed });
			assert.deepEqual(await client.pull(uri), []);
			// The same records as HEAD: nothing to say.
			await client.change(uri, 3, { text: zone('2024010102', '192.0.2.2') });
			assert.deepEqual(await client.pull(uri), []);
			// Off (the default): no git run, no finding.
			await client.changeSettings({});
			await client.change(uri, 4, { text });
			assert.deepEqual(await client.pull(uri), []);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
