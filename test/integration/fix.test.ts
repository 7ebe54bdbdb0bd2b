/**
 * `check --fix` with the real CLI (bin → dist/cli.js): safe fixes only unless `--backup-host`
 * gives the value a fix needs, atomic writes that keep the mode, `--dry-run` diffs that `patch`
 * applies to the same result, refusals (read-only, changed while checking, not UTF-8), and every
 * fixed file loading in BIND's `named-checkzone -i local`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { writeFixedFile } from '../../cli/src/fixes';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], { cwd, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [];
after(() => {
	folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true }));
	cleanUpNamedCheckzone();
});

/** A fresh folder holding `db.example` with `text` (and `mode`); its path. */
function zoneFile(text: string | Buffer, mode = 0o644): { folder: string; file: string } {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-fix-'));
	folders.push(folder);
	const file = path.join(folder, 'db.example');
	fs.writeFileSync(file, text);
	fs.chmodSync(file, mode);
	return { folder, file };
}

/** Relative name (safe: dot), null MX at 5 (safe: 0), and, once the dot is there, an identical MX twice (safe: remove). */
const BROKEN = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@\tSOA ns1 hm 1 2 3 4 5',
	'\tNS ns1',
	'ns1 A 192.0.2.1',
	'@ MX 10 mail.example.com ; the dot is missing',
	'@ MX 10 mail.example.com.',
	'mail A 192.0.2.2',
	'; café: a comment with non-ASCII text stays as it is',
	'null MX 5 .',
	'',
];
const SAFELY_FIXED = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@\tSOA ns1 hm 1 2 3 4 5',
	'\tNS ns1',
	'ns1 A 192.0.2.1',
	'@ MX 10 mail.example.com. ; the dot is missing',
	'mail A 192.0.2.2',
	'; café: a comment with non-ASCII text stays as it is',
	'null MX 0 .',
	'',
];

const BIND = requires('named-checkzone');

/** The folder's names other than the zone file: no temporary file may be left behind. */
const leftovers = (folder: string): string[] => fs.readdirSync(folder).filter((name) => name !== 'db.example');

describe('check --fix', () => {
	test('applies the safe fixes (again after each pass), keeps the mode and every other byte, leaves no temporary file', BIND, () => {
		for (const eol of ['\n', '\r\n']) {
			const { folder, file } = zoneFile(BROKEN.join(eol), 0o640);
			const result = cli(['check', '--fix', 'db.example'], folder);
			assert.equal(fs.readFileSync(file, 'utf8'), SAFELY_FIXED.join(eol));
			assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
			assert.deepEqual(leftovers(folder), []);
			assert.match(
				result.stderr,
				/db\.example: fixed 3 problems \(relativeNameInRdata: Add trailing dot; nullMxPreference: Set preference to 0; mxDuplicateTarget: Remove duplicate MX record\)/,
			);
			// What is reported is what is left: the single MX has no backup (a warning; no host was given to add one).
			assert.equal(result.status, 0, result.stderr);
			assert.match(result.stdout, /warning mxSingle/);
			const bind = namedCheckzone('example.com', fs.readFileSync(file, 'utf8'));
			assert.equal(bind.status, 0, bind.output);
		}
	});

	test('fixes that need a backup host apply only with --backup-host: a backup MX is added, a placeholder replaced', BIND, () => {
		const single = zoneFile(SAFELY_FIXED.join('\n'));
		const without = cli(['check', '--fix', 'db.example'], single.folder);
		assert.equal(fs.readFileSync(single.file, 'utf8'), SAFELY_FIXED.join('\n'));
		assert.doesNotMatch(without.stderr, /fixed/);
		cli(['check', '--fix', '--backup-host', 'backup-mx.example.net', 'db.example'], single.folder);
		const added = fs.readFileSync(single.file, 'utf8');
		assert.equal(added, SAFELY_FIXED.join('\n').replace('mail A 192.0.2.2', '@ MX 20 backup-mx.example.net.\nmail A 192.0.2.2'));
		assert.equal(namedCheckzone('example.com', added).status, 0);

		const placeholder = zoneFile(SAFELY_FIXED.join('\n').replace('mail A', '@ MX 20 backup-mx.invalid.\nmail A'));
		cli(['check', '--fix', 'db.example'], placeholder.folder);
		assert.match(fs.readFileSync(placeholder.file, 'utf8'), /backup-mx\.invalid\./);
		cli(['check', '--fix', '--backup-host', 'mx2.example.net', 'db.example'], placeholder.folder);
		const replaced = fs.readFileSync(placeholder.file, 'utf8');
		assert.match(replaced, /^@ MX 20 mx2\.example\.net\.$/m);
		assert.doesNotMatch(replaced, /invalid/);
		assert.equal(namedCheckzone('example.com', replaced).status, 0);
	});

	test('--dry-run prints a unified diff that patch -p1 applies to exactly what --fix writes; the file is untouched', () => {
		const { folder, file } = zoneFile(BROKEN.join('\n'));
		const before = fs.statSync(file).mtimeMs;
		const dry = cli(['check', '--fix', '--dry-run', '--backup-host', 'backup-mx.example.net', 'db.example'], folder);
		assert.equal(dry.status, 0, dry.stderr);
		assert.match(dry.stdout, /^--- a\/db\.example\n\+\+\+ b\/db\.example\n@@ -3,/);
		assert.equal(fs.readFileSync(file, 'utf8'), BROKEN.join('\n'));
		assert.equal(fs.statSync(file).mtimeMs, before);

		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-fix-patch-'));
		folders.push(copy);
		fs.writeFileSync(path.join(copy, 'db.example'), BROKEN.join('\n'));
		const patched = spawnSync('patch', ['-p1', '--no-backup-if-mismatch'], { cwd: copy, input: dry.stdout, encoding: 'utf8' });
		assert.equal(patched.status, 0, patched.stdout + patched.stderr);
		cli(['check', '--fix', '--backup-host', 'backup-mx.example.net', 'db.example'], folder);
		assert.equal(fs.readFileSync(path.join(copy, 'db.example'), 'utf8'), fs.readFileSync(file, 'utf8'));
		assert.equal(cli(['check', '--dry-run', 'db.example'], folder).status, 2);
	});

	test('a read-only file and a file that is not valid UTF-8 are refused (exit 2), unchanged', () => {
		const readOnly = zoneFile(BROKEN.join('\n'), 0o444);
		const refused = cli(['check', '--fix', 'db.example'], readOnly.folder);
		assert.equal(refused.status, 2);
		assert.match(refused.stderr, /db\.example: read-only; not fixed\./);
		assert.equal(fs.readFileSync(readOnly.file, 'utf8'), BROKEN.join('\n'));
		assert.deepEqual(leftovers(readOnly.folder), []);

		const latin1 = Buffer.concat([Buffer.from(BROKEN.join('\n')), Buffer.from('; caf\xe9\n', 'latin1')]);
		const notUtf8 = zoneFile(latin1);
		const result = cli(['check', '--fix', 'db.example'], notUtf8.folder);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /not valid UTF-8; not fixed/);
		assert.ok(fs.readFileSync(notUtf8.file).equals(latin1));
	});

	test('a file changed after it was read is not overwritten, and no temporary file is left', () => {
		const { folder, file } = zoneFile(BROKEN.join('\n'));
		const checked = fs.readFileSync(file);
		// Someone saves the file between the check and the write.
		fs.writeFileSync(file, BROKEN.join('\n') + 'www A 192.0.2.80\n');
		assert.equal(
			writeFixedFile(file, checked, SAFELY_FIXED.join('\n')),
			`${file}: changed while it was checked; not fixed (run the check again).`,
		);
		assert.equal(fs.readFileSync(file, 'utf8'), BROKEN.join('\n') + 'www A 192.0.2.80\n');
		assert.deepEqual(leftovers(folder), []);
		// Unchanged, the same call writes, through a symbolic link to the real file (the link stays a link).
		const link = path.join(folder, 'link.zone');
		fs.symlinkSync(file, link);
		const current = fs.readFileSync(file);
		assert.equal(writeFixedFile(link, current, SAFELY_FIXED.join('\n')), undefined);
		assert.ok(fs.lstatSync(link).isSymbolicLink());
		assert.equal(fs.readFileSync(file, 'utf8'), SAFELY_FIXED.join('\n'));
		assert.deepEqual(leftovers(folder), ['link.zone']);
	});
});
