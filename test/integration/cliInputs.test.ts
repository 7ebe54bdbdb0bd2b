/** Bad inputs to the CLI: odd folders, binary files, hostile zone text, bad flag values. Real CLI (bin → dist/cli.js). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

function cli(
	args: string[],
	cwd = REPO_ROOT,
	user?: { uid: number; gid: number },
): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], {
		cwd,
		encoding: 'utf8',
		...user,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The bundled CLI run as `nobody`, from a world-readable copy (the checkout may sit in a folder only
 * root can read, e.g. under /root).
 */
function cliAsNobody(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
	const runner = tempDir();
	fs.chmodSync(runner, 0o755);
	fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'cli.js'), path.join(runner, 'cli.js'));
	const result = spawnSync(process.execPath, [path.join(runner, 'cli.js'), ...args], { cwd, encoding: 'utf8', uid: 65534, gid: 65534 });
	fs.rmSync(runner, { recursive: true, force: true });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'zs-inputs-'));
}

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\n';

const GOOD = HEAD + 'ns1 A 192.0.2.53\n';

describe('check: folders that cannot be read completely', () => {
	test('a symlink loop inside the folder is reported; the rest is checked; exit 2 at the end', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'good.zone'), GOOD);
		fs.symlinkSync('loop', path.join(dir, 'loop')); // stat: ELOOP, as an unreadable folder would be
		fs.mkdirSync(path.join(dir, 'sub'));
		fs.writeFileSync(path.join(dir, 'sub', 'db.example.net'), GOOD.replace('example.com.', 'example.net.'));
		fs.symlinkSync('..', path.join(dir, 'sub', 'up')); // a directory loop: walked once
		fs.symlinkSync('nowhere', path.join(dir, 'gone.zone')); // a dangling zone-like link
		fs.symlinkSync('nowhere', path.join(dir, 'README')); // a dangling link of no interest
		const result = cli(['check', '.'], dir);
		assert.equal(result.status, 2, result.stderr);
		assert.match(result.stderr, /loop: cannot read \(ELOOP\); the rest is checked\./);
		assert.match(result.stderr, /gone\.zone: cannot read \(ENOENT\)/);
		assert.doesNotMatch(result.stderr, /README/);
		assert.match(result.stderr, /2 zone files checked: 0 errors, 0 warnings\./);
	});

	test('an unreadable subfolder (chmod 000) is reported and the rest checked', () => {
		// chmod 000 does not stop root, and CI runs as root: then the CLI runs as `nobody`.
		const asRoot = process.getuid?.() === 0;
		const dir = tempDir();
		if (asRoot) fs.chmodSync(dir, 0o755);
		fs.writeFileSync(path.join(dir, 'good.zone'), GOOD);
		fs.mkdirSync(path.join(dir, 'locked'));
		fs.chmodSync(path.join(dir, 'locked'), 0o000);
		try {
			const result = asRoot ? cliAsNobody(['check', '.'], dir) : cli(['check', '.'], dir);
			assert.equal(result.status, 2, result.stderr);
			assert.match(result.stderr, /locked: cannot list \(EACCES\); the rest is checked\./);
			assert.match(result.stderr, /1 zone file checked/);
		} finally {
			fs.chmodSync(path.join(dir, 'locked'), 0o755);
		}
	});
});

describe('check: a named file that is not a regular file', () => {
	test('a FIFO named on the command line is refused at once (exit 2), never read', () => {
		const dir = tempDir();
		const fifo = path.join(dir, 'pipe.zone');
		assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
		// Without the check, reading the FIFO would wait for a writer forever; the timeout turns that into a failure.
		const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', fifo], {
			encoding: 'utf8',
			timeout: 20_000,
		});
		assert.equal(result.signal, null, 'the CLI hung on the FIFO');
		assert.equal(result.status, 2, result.stderr);
		assert.match(result.stderr, /pipe\.zone: not a regular file; not checked\./);
	});
});

describe('check: binary files with zone-like names', () => {
	const sqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 1), Buffer.from('\x1b[2J $ORIGIN x.')]);

	test('found by the folder walk: skipped with a note, the exit status does not change', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'good.zone'), GOOD);
		fs.writeFileSync(path.join(dir, 'cache.db'), sqlite);
		fs.writeFileSync(path.join(dir, 'blob.db'), Buffer.from([0x41, 0x00, 0x42, 0x0a]));
		fs.writeFileSync(path.join(dir, 'noise.db'), Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 64))));
		const result = cli(['check', '.'], dir);
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /note: cache\.db: SQLite database, not a zone file; skipped\./);
		assert.match(result.stderr, /note: blob\.db: binary file \(NUL bytes\)/);
		assert.match(result.stderr, /note: noise\.db: binary file \(not UTF-8 text\)/);
		assert.match(result.stderr, /1 zone file checked: 0 errors/);
	});

	test('named on the command line: an error, exit 2; a Latin-1 TXT record is still text', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'cache.db'), sqlite);
		const result = cli(['check', 'cache.db'], dir);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /zone-sentinel: cache\.db: SQLite database, not a zone file\./);
		assert.equal(result.stdout, '');
		fs.writeFileSync(
			path.join(dir, 'latin1.zone'),
			Buffer.concat([Buffer.from(GOOD + 'txt TXT "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
		);
		assert.equal(cli(['check', 'latin1.zone'], dir).status, 0);
	});
});

describe('check: hostile zone text', () => {
	test('control characters from the zone are escaped in text output (no raw ESC reaches the terminal)', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'esc.zone'), HEAD + 'ns1 A 10\x1b[2J\x07\u202e\n');
		const result = cli(['check', 'esc.zone'], dir);
		assert.equal(result.status, 1);
		// eslint-disable-next-line no-control-regex
		assert.doesNotMatch(result.stdout, /[\x00-\x09\x0b-\x1f\x7f\u202e]/);
		assert.match(result.stdout, /'10\\x1b\[2J\\x07\\u202e' is not an IPv4 address/);
	});
});

describe('flag values', () => {
	test('--origin must be a valid domain name', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'plain.txt'), '$TTL 60\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.53\nwww A 192.0.2.1\n');
		for (const [origin, why] of [
			['...', /--origin: '\.\.\.' has an empty label/],
			['a'.repeat(70) + '.com', /--origin: 'a{70}\.com' has a label longer than 63 octets/],
			['bad\\999.', /--origin: 'bad\\999\.' has an invalid escape/],
			['with space', /--origin needs a domain name, not 'with space'/],
		] as const) {
			const result = cli(['check', '--origin', origin, 'plain.txt'], dir);
			assert.equal(result.status, 2, origin);
			assert.match(result.stderr, why);
			assert.match(result.stderr, /Usage: zone-sentinel check/);
		}
		assert.equal(cli(['check', '--origin', 'example.net', 'plain.txt'], dir).status, 0);
		assert.equal(cli(['smtp-test', '--zone', 'plain.txt', '--domain', 'x..y'], dir).status, 2);
	});

	test('a value that looks like a flag is refused, not swallowed (every flag that takes a value)', () => {
		const result = cli(['check', '--origin', '--format', 'json', 'examples/']);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /--origin needs a value, not the option '--format'/);
		for (const flag of ['--format', '--rule', '--backup-host', '--mx-prefix-v4']) {
			const refused = cli(['check', flag, '--no-include', 'examples/']);
			assert.equal(refused.status, 2, flag);
			assert.match(refused.stderr, new RegExp(`${flag} needs a value, not the option '--no-include'`));
		}
		const smtp = cli(['smtp-test', '--zone', '--domain', 'example.com']);
		assert.equal(smtp.status, 2);
		assert.match(smtp.stderr, /--zone needs a value, not the option '--domain'/);
	});
});

describe('smtp-test --host', () => {
	const zone = HEAD + '@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 192.0.2.25\nmx2 A 198.51.100.25\n';

	test('an override that matches no mail exchanger is a usage error naming the exchangers; nothing is contacted', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'example.com.zone'), zone);
		const args = ['smtp-test', '--zone', 'example.com.zone', '--connect-timeout', '1', '--timeout', '2'];
		const result = cli([...args, '--host', 'mx1.example.com=127.0.0.1:1', '--host', 'mx9.example.com=127.0.0.1:2525'], dir);
		assert.equal(result.status, 2);
		assert.match(
			result.stderr,
			/--host mx9\.example\.com\.: no such mail exchanger in the zone \(the mail exchangers are mx1\.example\.com\., mx2\.example\.com\.\)\./,
		);
		assert.equal(result.stdout, '', 'no test was run');
		const typo = cli([...args, '--domain', 'example.com', '--host', 'mx1.exmaple.com.=127.0.0.1:1'], dir);
		assert.equal(typo.status, 2);
		assert.match(typo.stderr, /--host mx1\.exmaple\.com\.: no such mail exchanger/);
	});
});
