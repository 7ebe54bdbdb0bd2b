/**
 * `serialNotIncremented` follows HEAD without an edit: the server reads HEAD from the repository's
 * files, watches them while the rule is on, and checks the open zone again when a commit moves it,
 * in a real git repository, its linked worktree and a submodule (where `.git` is a file), over a
 * real LSP connection, for pull and push clients.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type FileSystemWatcher, type Registration } from 'vscode-languageserver-protocol/node';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { requires } from '../helpers/requires';

const zone = (serial: string, www: string): string =>
	[
		'$ORIGIN example.com.',
		'$TTL 3600',
		`@   SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`,
		'    NS  ns1',
		'    MX  10 mx1',
		'    MX  20 mx2.example.net.',
		'ns1 A   192.0.2.53',
		'mx1 A   192.0.2.25',
		`www A   ${www}`,
		'',
	].join('\n');

const git = (cwd: string, ...args: string[]): string =>
	execFileSync('git', ['-C', cwd, '-c', 'protocol.file.allow=always', ...args], {
		encoding: 'utf8',
		env: {
			...process.env,
			GIT_AUTHOR_NAME: 't',
			GIT_AUTHOR_EMAIL: 't@example.com',
			GIT_COMMITTER_NAME: 't',
			GIT_COMMITTER_EMAIL: 't@example.com',
		},
	}).trim();

const codes = (diagnostics: { code?: unknown }[]): unknown[] => diagnostics.map((d) => d.code);

/** The absolute paths the registration watches (relative patterns as base + pattern, or glob strings). */
function watchedBy(registration: Registration): string[] {
	const watchers = (registration.registerOptions as { watchers: FileSystemWatcher[] }).watchers;
	return watchers.map(({ globPattern }) =>
		typeof globPattern === 'string'
			? globPattern
			: `${new URL(typeof globPattern.baseUri === 'string' ? globPattern.baseUri : globPattern.baseUri.uri).pathname}/${globPattern.pattern}`,
	);
}

const watching = (client: LspTestClient, file: string): Promise<Registration> =>
	client.waitForRegistration(
		(r) => r.method === 'workspace/didChangeWatchedFiles' && watchedBy(r).includes(file.split(path.sep).join('/')),
	);

describe('serialNotIncremented after a commit without an edit', requires('git'), () => {
	let folder: string;
	let repo: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-head-')));
		repo = path.join(folder, 'repo');
		fs.mkdirSync(repo);
		git(repo, 'init', '-q', '-b', 'main');
		fs.writeFileSync(path.join(repo, 'example.com.zone'), zone('2024010101', '192.0.2.1'));
		git(repo, 'add', '.');
		git(repo, 'commit', '-q', '-m', 'first');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	/**
	 * In `checkout` (branch `branch`, git folder `gitDir`, branches in `commonDir`): edit and save the
	 * zone with a new record and the old serial, see the finding, commit, tell the server the branch's
	 * ref file changed (as the client's watcher does) and see it go.
	 */
	async function staleUntilCommit(pull: boolean, checkout: string, branch: string, gitDir: string, commonDir: string): Promise<void> {
		const file = path.join(checkout, 'example.com.zone');
		const uri = pathToFileURL(file).href;
		const { client, dispose } = startInProcess();
		try {
			client.settings = { rules: { serialNotIncremented: 'warning' } };
			await client.initialize({ pull, watchedFiles: 'relative', workspaceFolders: [{ uri: pathToFileURL(checkout).href, name: 'zones' }] });
			const committed = fs.readFileSync(file, 'utf8');
			const serial = /SOA ns1 hostmaster (\d+)/.exec(committed)?.[1] ?? '';
			await client.open(uri, committed);
			const www = `192.0.2.${String(Math.floor(Math.random() * 200) + 10)}`;
			const edited = zone(serial, www);
			await client.change(uri, 2, { text: edited });
			fs.writeFileSync(file, edited);
			if (pull) assert.deepEqual(codes(await client.pull(uri)), ['serialNotIncremented']);
			else await client.waitForPublished(uri, (p) => p.version === 2 && codes(p.diagnostics).join() === 'serialNotIncremented');
			// HEAD, the branch's ref file (as yet loose) and packed-refs are watched while the rule is on.
			const ref = path.join(commonDir, 'refs', 'heads', branch);
			await watching(client, path.join(gitDir, 'HEAD'));
			await watching(client, ref);
			await watching(client, path.join(commonDir, 'packed-refs'));

			git(checkout, 'commit', '-q', '-am', `www ${www}`);
			const refreshed = pull ? client.waitForRefresh() : undefined;
			const published = client.published.length;
			await client.changeWatchedFiles({ uri: pathToFileURL(ref).href, type: FileChangeType.Changed });
			if (pull) {
				await refreshed;
				assert.deepEqual(codes(await client.pull(uri)), []);
				// The rule off: git's files are no longer watched.
				const registered = client.registrations.length;
				await client.changeSettings({});
				assert.deepEqual(codes(await client.pull(uri)), []);
				await client.waitForRegistration(
					(r) =>
						client.registrations.indexOf(r) >= registered &&
						r.method === 'workspace/didChangeWatchedFiles' &&
						!watchedBy(r).some((file) => file.startsWith(commonDir) || file.startsWith(gitDir)),
				);
			} else {
				const after = await client.waitForPublished(uri, (p) => client.published.indexOf(p) >= published);
				assert.deepEqual(codes(after.diagnostics), []);
			}
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	}

	test('pull client: a commit clears the finding without an edit', async () => {
		const gitDir = path.join(repo, '.git');
		await staleUntilCommit(true, repo, 'main', gitDir, gitDir);
	});

	test('push client: a commit clears the finding without an edit', async () => {
		const gitDir = path.join(repo, '.git');
		await staleUntilCommit(false, repo, 'main', gitDir, gitDir);
	});

	test('a linked worktree (.git is a file; HEAD in its own git folder, branches in the shared one)', async () => {
		const worktree = path.join(folder, 'worktree');
		git(repo, 'worktree', 'add', '-q', '-b', 'side', worktree);
		await staleUntilCommit(true, worktree, 'side', path.join(repo, '.git', 'worktrees', 'worktree'), path.join(repo, '.git'));
	});

	test('a submodule (.git is a file pointing into the superproject)', async () => {
		const superproject = path.join(folder, 'super');
		fs.mkdirSync(superproject);
		git(superproject, 'init', '-q', '-b', 'main');
		git(superproject, 'submodule', '--quiet', 'add', repo, 'zones');
		const submodule = path.join(superproject, 'zones');
		git(submodule, 'checkout', '-q', '-b', 'edits');
		const gitDir = path.join(superproject, '.git', 'modules', 'zones');
		await staleUntilCommit(false, submodule, 'edits', gitDir, gitDir);
	});

	test('a client that does not watch files sees the commit on its next edit, and packed refs are read', async () => {
		const file = path.join(repo, 'example.com.zone');
		const uri = pathToFileURL(file).href;
		const { client, dispose } = startInProcess();
		try {
			client.settings = { rules: { serialNotIncremented: 'warning' } };
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'repo' }] });
			const serial = /SOA ns1 hostmaster (\d+)/.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? '';
			const edited = zone(serial, '192.0.2.250');
			await client.open(uri, edited);
			assert.deepEqual(codes(await client.pull(uri)), ['serialNotIncremented']);
			fs.writeFileSync(file, edited);
			git(repo, 'commit', '-q', '-am', 'www .250');
			// Only packed-refs holds the branch now.
			git(repo, 'pack-refs', '--all');
			assert.equal(fs.existsSync(path.join(repo, '.git', 'refs', 'heads', 'main')), false);
			await client.change(uri, 2, { text: edited });
			assert.deepEqual(codes(await client.pull(uri)), []);
			await client.change(uri, 3, { text: zone(serial, '192.0.2.251') });
			assert.deepEqual(codes(await client.pull(uri)), ['serialNotIncremented']);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
