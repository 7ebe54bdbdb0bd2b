/**
 * The $INCLUDE reader: follows files inside its folder and refuses everything else.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MAX_INCLUDE_BYTES } from '../../core/src/limits';
import type { IncludeResolver } from '../../core/src/model/lower';
import { createIncludeReader, includeRootFor } from '../../server/src/workspace/includeReader';

const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';

describe('includeReader', () => {
	let base: string;
	let root: string;
	/** The zone file checked (in the root) and a fragment it includes from a subfolder. */
	let zoneFile: string;
	let main: string;
	let fragment: string;
	const reader = (folder: string = root): IncludeResolver => createIncludeReader(folder, zoneFile, 'zoneFile');

	before(() => {
		base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-include-')));
		root = path.join(base, 'zones');
		fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
		fs.writeFileSync(path.join(root, 'hosts.inc'), 'www A 192.0.2.1\n');
		fs.writeFileSync(path.join(root, 'sub', 'mail.inc'), 'mail A 192.0.2.2\n');
		fs.writeFileSync(path.join(base, 'secret.txt'), 'outside\n');
		fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.inc'));
		fs.symlinkSync(path.join(root, 'hosts.inc'), path.join(root, 'inside-link.inc'));
		if (posix) execFileSync('mkfifo', [path.join(root, 'pipe.inc')]);
		// A sparse file: over the limit without writing 20 MB.
		fs.writeFileSync(path.join(root, 'huge.inc'), '');
		fs.truncateSync(path.join(root, 'huge.inc'), MAX_INCLUDE_BYTES + 1);
		zoneFile = path.join(root, 'db.example.com');
		main = pathToFileURL(zoneFile).href;
		fragment = pathToFileURL(path.join(root, 'sub', 'part.inc')).href;
	});

	after(() => fs.rmSync(base, { recursive: true, force: true }));

	test("relative paths: against the zone file's folder, nested includes too (BIND), or against the including file (Knot)", () => {
		const hosts = { id: pathToFileURL(path.join(root, 'hosts.inc')).href, text: 'www A 192.0.2.1\n' };
		const mail = { id: pathToFileURL(path.join(root, 'sub', 'mail.inc')).href, text: 'mail A 192.0.2.2\n' };
		const bind = reader();
		assert.deepEqual(bind('hosts.inc', main), hosts);
		assert.deepEqual(bind('hosts.inc', fragment), hosts);
		assert.deepEqual(bind('sub/mail.inc', fragment), mail);
		assert.deepEqual(bind('mail.inc', fragment), {
			error:
				`file not found: ${path.join(root, 'mail.inc')}. BIND reads relative paths against its working directory, taken to be the zone file's folder; ` +
				`${path.join(root, 'sub', 'mail.inc')}, relative to the including file (where Knot looks), exists: ` +
				`"includes": { "relativeTo": "includingFile" } in .zone-sentinel.json or --include-relative-to includingFile reads it.`,
		});
		assert.ok('text' in bind(path.join(root, 'hosts.inc'), fragment), 'absolute paths inside the root are read');

		const knot = createIncludeReader(root, zoneFile, 'includingFile');
		assert.deepEqual(knot('hosts.inc', main), hosts);
		assert.deepEqual(knot('mail.inc', fragment), mail);
		const refused = knot('hosts.inc', fragment);
		assert.ok('error' in refused, JSON.stringify(refused));
		assert.ok(refused.error.startsWith(`file not found: ${path.join(root, 'sub', 'hosts.inc')}. Relative paths`), refused.error);
		assert.match(refused.error, /relative to the zone file's folder \(where BIND looks\), exists/);
		assert.deepEqual(knot('nope.inc', fragment), { error: `file not found: ${path.join(root, 'sub', 'nope.inc')}.` });
	});

	test('a symlink to a file inside the root is read, under its real path', () => {
		const read = reader();
		assert.deepEqual(read('inside-link.inc', main), { id: pathToFileURL(path.join(root, 'hosts.inc')).href, text: 'www A 192.0.2.1\n' });
	});

	test('refuses a FIFO at once, naming it', { skip: !posix }, () => {
		const read = reader();
		const started = Date.now();
		const result = read('pipe.inc', main);
		assert.deepEqual(result, { error: `${path.join(root, 'pipe.inc')} is a named pipe (FIFO); only regular files are read.` });
		assert.ok(Date.now() - started < 1000);
	});

	test('refuses a socket', { skip: !posix }, async () => {
		const socketPath = path.join(root, 'socket.inc');
		const server = net.createServer();
		await new Promise<void>((resolve) => server.listen(socketPath, resolve));
		try {
			const result = reader()('socket.inc', main);
			assert.deepEqual(result, { error: `${socketPath} is a socket; only regular files are read.` });
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('a file swapped for a FIFO between check and read never hangs the reader (150 tries)', { skip: !posix }, () => {
		// The swapper renames a regular file and a FIFO over the same name as fast as it can; the
		// reader runs in its own process so that a hang fails the test instead of stopping the run.
		const race = path.join(root, 'race');
		fs.mkdirSync(race);
		fs.writeFileSync(path.join(race, 'regular'), 'www A 192.0.2.1\n');
		execFileSync('mkfifo', [path.join(race, 'fifo')]);
		const swapper = spawn(
			'sh',
			['-c', 'while :; do cp regular r.tmp; mv -f r.tmp swap.inc; rm -f f.tmp; mkfifo f.tmp; mv -f f.tmp swap.inc; done'],
			{ cwd: race, stdio: 'ignore' },
		);
		try {
			const reader = require.resolve('../../server/src/workspace/includeReader');
			const script = `
				const { createIncludeReader } = require(${JSON.stringify(reader)});
				const from = ${JSON.stringify(pathToFileURL(path.join(race, 'db.example.com')).href)};
				const seen = {};
				const pause = new Int32Array(new SharedArrayBuffer(4));
				for (let i = 0; i < 150; i++) {
					Atomics.wait(pause, 0, 0, 2); // spread the tries over both states of the swapper
					const result = createIncludeReader(${JSON.stringify(race)}, ${JSON.stringify(path.join(race, 'db.example.com'))}, 'zoneFile')('swap.inc', from);
					const key = 'text' in result ? 'text' : result.error.replace(/^\\S+ /, '');
					seen[key] = (seen[key] ?? 0) + 1;
				}
				process.stdout.write(JSON.stringify(seen));`;
			const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
			assert.equal(child.signal, null, `the reader hung (killed by ${child.signal})`);
			assert.equal(child.status, 0, child.stderr);
			const seen = JSON.parse(child.stdout) as Record<string, number>;
			assert.equal(
				Object.values(seen).reduce((a, b) => a + b, 0),
				150,
			);
			for (const outcome of Object.keys(seen))
				assert.match(outcome, /^(text|is a named pipe \(FIFO\); only regular files are read\.|cannot be read \(.*\)\.)$/, outcome);
		} finally {
			swapper.kill();
		}
	});

	test(
		'with the root at / (--include-outside): /proc, /sys and devices are refused, /etc/hostname-like files read',
		{ skip: !linux },
		() => {
			const read = reader('/');
			const error = (target: string): string => {
				const result = read(target, main);
				assert.ok('error' in result, `${target} should be refused: ${JSON.stringify(result).slice(0, 200)}`);
				return result.error;
			};
			assert.equal(
				error('/proc/self/environ'),
				`${fs.realpathSync('/proc/self/environ')} is under /proc, which holds system state, not zone files; not read.`,
			);
			assert.match(error('/proc/kmsg'), /is under \/proc, which holds system state/);
			assert.match(error('/sys/kernel/mm/transparent_hugepage/enabled'), /is under \/sys|file not found/);
			assert.match(error('/dev/zero'), /^\/dev\/zero is under \/dev/);
			assert.match(error('/dev/null'), /^\/dev\/null is under \/dev/);
			// A symlink inside the tree to a device is judged by what it points to.
			fs.symlinkSync('/dev/zero', path.join(root, 'zero.inc'));
			assert.match(error(path.join(root, 'zero.inc')), /^\/dev\/zero is under \/dev/);
			assert.ok('text' in read(path.join(root, 'hosts.inc'), main));
		},
	);

	test('refuses files outside the root, including through symlinks and ..', () => {
		const read = reader();
		for (const target of ['../secret.txt', path.join(base, 'secret.txt'), 'link.inc']) {
			const result = read(target, main);
			assert.ok('error' in result && /outside the folder/.test(result.error), `${target}: ${JSON.stringify(result)}`);
		}
	});

	test('refuses directories, huge files, missing files and documents not on disk', () => {
		const read = reader();
		const error = (target: string, from = main): string => {
			const result = read(target, from);
			assert.ok('error' in result, `${target} should be refused`);
			return result.error;
		};
		assert.equal(error('sub'), `${path.join(root, 'sub')} is a directory; only regular files are read.`);
		assert.match(error('huge.inc'), /larger than 20 MB/);
		assert.match(error('nope.inc'), /file not found/);
		assert.match(error('hosts.inc', 'untitled:Untitled-1'), /saved on disk/);
	});

	test('the root is the deepest workspace folder holding the document, else its directory', () => {
		const folders = [pathToFileURL(base).href, pathToFileURL(root).href];
		assert.equal(includeRootFor(main, folders), root);
		assert.equal(includeRootFor(fragment, [pathToFileURL(path.join(base, 'other')).href]), path.join(root, 'sub'));
		assert.equal(includeRootFor('untitled:Untitled-1', folders), undefined);
	});
});
