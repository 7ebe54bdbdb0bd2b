/**
 * A UTF-8 byte-order mark, the same in the CLI (bin → dist/cli.js) and the language server over
 * stdio: an error that says "byte-order mark" on 1:1, and a fix that removes exactly the mark,
 * after which BIND's `named-checkzone -i local` loads the zone (it refuses it with the mark). An
 * editor that hides the mark (VS Code decodes it away) still gets the error, read from the file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CodeAction, FileChangeType } from 'vscode-languageserver-protocol/node';
import { spawnServer, startInProcess, withTimeout } from '../helpers/lspHarness';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

const ZONE = '$ORIGIN example.com.\r\n$TTL 1h\r\n@ SOA ns1 hm 1 2 3 4 5\r\n  NS ns1\r\nns1 A 192.0.2.1\r\n';
const MESSAGE = /^The file starts with a UTF-8 byte-order mark \(U\+FEFF, bytes EF BB BF\)\./;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bom-'));
after(() => {
	fs.rmSync(folder, { recursive: true, force: true });
	cleanUpNamedCheckzone();
});

describe('UTF-8 byte-order mark', requires('named-checkzone'), () => {
	test('BIND refuses the zone with the mark and loads it without', () => {
		assert.notEqual(namedCheckzone('example.com', '\ufeff' + ZONE).status, 0);
		assert.equal(namedCheckzone('example.com', ZONE).status, 0);
	});

	test('CLI: the error on 1:1 says byte-order mark; --fix removes exactly the three bytes', () => {
		const file = path.join(folder, 'db.example');
		fs.writeFileSync(file, '\ufeff' + ZONE);
		const run = (...args: string[]) =>
			spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', ...args, 'db.example'], {
				cwd: folder,
				encoding: 'utf8',
			});
		const checked = run('--format', 'json');
		assert.equal(checked.status, 1);
		const [report] = JSON.parse(checked.stdout) as { diagnostics: { code: string; message: string; range: unknown; fixes: unknown }[] }[];
		assert.deepEqual(
			report.diagnostics.map((d) => d.code),
			['byteOrderMark'],
		);
		assert.match(report.diagnostics[0].message, MESSAGE);
		assert.deepEqual(report.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
		assert.deepEqual(report.diagnostics[0].fixes, [
			{
				title: 'Remove the byte-order mark',
				edits: [{ file: 'db.example', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: '' }],
			},
		]);
		const fixed = run('--fix');
		assert.equal(fixed.status, 0, fixed.stderr);
		assert.ok(fs.readFileSync(file).equals(Buffer.from(ZONE)));
		assert.equal(namedCheckzone('example.com', fs.readFileSync(file, 'utf8')).status, 0);
	});

	test('language server: the same diagnostic, and a quick fix whose edit removes exactly the mark', async () => {
		const { client, child, exited } = spawnServer(path.join(REPO_ROOT, 'out', 'server', 'src', 'main.js'));
		try {
			await client.initialize({ pull: true });
			const uri = pathToFileURL(path.join(folder, 'open.zone')).href;
			await client.open(uri, '\ufeff' + ZONE);
			const diagnostics = await client.pull(uri);
			assert.deepEqual(
				diagnostics.map((d) => d.code),
				['byteOrderMark'],
			);
			assert.match(String(diagnostics[0].message), MESSAGE);
			assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
			const [action] = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
			assert.equal(action.title, 'Remove the byte-order mark');
			assert.deepEqual(action.edit?.changes?.[uri], [
				{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: '' },
			]);
			await client.shutdown({ exit: true });
			assert.equal(await withTimeout(exited, 30_000, 'the server to exit'), 0);
		} finally {
			client.dispose();
			child.kill();
		}
	});

	test('language server: a mark the editor decoded away (VS Code) is read from the file on disk, and goes when the file is saved without it', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: true,
				watchedFiles: 'relative',
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }],
			});
			const file = path.join(folder, 'hidden.zone');
			fs.writeFileSync(file, '\ufeff' + ZONE);
			const uri = pathToFileURL(file).href;
			// VS Code's document text has no U+FEFF.
			await client.open(uri, ZONE);
			const diagnostics = await client.pull(uri);
			assert.deepEqual(
				diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
				[['byteOrderMark', 0, 0]],
			);
			assert.match(
				String(diagnostics[0].message),
				/^The file starts with a UTF-8 byte-order mark .*which the editor does not show.*Save with Encoding/,
			);
			// Saved without the mark: the file's change on disk clears it.
			fs.writeFileSync(file, ZONE);
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri, type: FileChangeType.Changed });
			await refreshed;
			assert.deepEqual(await client.pull(uri), []);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
