import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

/** Runs the real command-line entry (bin → dist/cli.js), as a user would. */
function cli(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, ...env },
		timeout: 30_000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempZone(name: string, text: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-cli-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

const BROKEN = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.300\n';

describe('CLI', () => {
	test('the bundled examples check without errors (exit 0)', () => {
		const result = cli(['check', 'examples/']);
		assert.equal(result.status, 0, result.stdout + result.stderr);
		assert.match(result.stderr, /3 zone files checked: 0 errors/);
	});

	test('text output is file:line:col: severity code: message, exit 1 on errors', () => {
		const file = tempZone('broken.zone', BROKEN);
		const result = cli(['check', file]);
		assert.equal(result.status, 1);
		assert.equal(
			result.stdout.trim(),
			`${file}:5:7: error invalidIpv4Address: '192.0.2.300' is not an IPv4 address (expected four numbers 0–255, e.g. 192.0.2.1).`,
		);
	});

	test('--format json has the stable shape with zero-based LSP ranges', () => {
		const file = tempZone('broken.zone', BROKEN);
		const result = cli(['check', '--format', 'json', file]);
		assert.equal(result.status, 1);
		const parsed = JSON.parse(result.stdout);
		assert.deepEqual(parsed, [
			{
				file,
				origin: 'example.com.',
				diagnostics: [
					{
						code: 'invalidIpv4Address',
						severity: 'error',
						message: "'192.0.2.300' is not an IPv4 address (expected four numbers 0–255, e.g. 192.0.2.1).",
						range: { start: { line: 4, character: 6 }, end: { line: 4, character: 17 } },
					},
				],
			},
		]);
	});

	test('--origin applies to files without $ORIGIN; --rule changes a level', () => {
		const file = tempZone('plain.txt', '$TTL 60\nwww A 192.0.2.1\n');
		const json = JSON.parse(cli(['check', '--format=json', '--origin', 'example.net', file]).stdout);
		assert.equal(json[0].origin, 'example.net.');
		assert.deepEqual(
			json[0].diagnostics.map((d: { code: string; severity: string }) => `${d.severity} ${d.code}`),
			['error soaMissing'],
		);
		const silenced = JSON.parse(cli(['check', '--format=json', '--rule', 'soaMissing=off', '--origin', 'example.net', file]).stdout);
		assert.deepEqual(silenced[0].diagnostics, []);
	});

	test('--backup-host shows in the fixes; --mx-prefix-v4/-v6 change what counts as one network', () => {
		const head = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.53\n';
		const single = tempZone('single.zone', head + '@ MX 10 mx1\nmx1 A 192.0.2.25\n');
		const json = JSON.parse(
			cli(['check', '--format', 'json', '--backup-host', 'backup-mx.example.net', '--backup-host=mx.backup.example.org.', single]).stdout,
		);
		const [diagnostic] = json[0].diagnostics;
		assert.equal(diagnostic.code, 'mxSingle');
		assert.deepEqual(diagnostic.fixes, [
			{
				title: 'Add backup MX record: 20 backup-mx.example.net.',
				edits: [
					{
						file: single,
						range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
						newText: '@ MX 20 backup-mx.example.net.\n',
					},
				],
			},
			{
				title: 'Add backup MX record: 20 mx.backup.example.org.',
				edits: [
					{
						file: single,
						range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
						newText: '@ MX 20 mx.backup.example.org.\n',
					},
				],
			},
		]);
		const text = cli(['check', single]);
		assert.match(
			text.stdout,
			/single\.zone:6:1: fix: Add backup MX record \(preference 20\) \(replace backup-mx\.invalid\., or give --backup-host\)$/m,
		);

		const v4 = tempZone('v4.zone', head + '@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 192.0.2.25\nmx2 A 192.0.3.25\n');
		const codesOf = (args: string[]): string[] =>
			JSON.parse(cli(['check', '--format=json', ...args]).stdout)[0].diagnostics.map((d: { code: string }) => d.code);
		assert.deepEqual(codesOf([v4]), []);
		assert.deepEqual(codesOf(['--mx-prefix-v4', '16', v4]), ['mxSameNetwork']);
		const v6 = tempZone('v6.zone', head + '@ MX 10 mx1\n@ MX 20 mx2\nmx1 AAAA 2001:db8:1::25\nmx2 AAAA 2001:db8:2::25\n');
		assert.deepEqual(codesOf([v6]), []);
		assert.deepEqual(codesOf(['--mx-prefix-v6=32', v6]), ['mxSameNetwork']);
	});

	test('a missing file is a clear message and exit 2, not a stack trace', () => {
		const result = cli(['check', 'no/such/file.zone']);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /no\/such\/file\.zone: no such file or directory/);
		assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
	});

	test('usage errors exit 2 and print the usage', () => {
		const invalid = [
			[],
			['frobnicate'],
			['check'],
			['check', '--format', 'xml', 'x'],
			['check', '--rule', 'nope=error', 'x'],
			['check', '--bogus', 'x'],
			['check', '--backup-host', '192.0.2.25', 'x'],
			['check', '--backup-host', 'not a host', 'x'],
			['check', '--backup-host'],
			['check', '--mx-prefix-v4', '0', 'x'],
			['check', '--mx-prefix-v4', '33', 'x'],
			['check', '--mx-prefix-v4=abc', 'x'],
			['check', '--mx-prefix-v6', '129', 'x'],
			['check', '--mx-prefix-v6', '4.5', 'x'],
		];
		for (const args of invalid) {
			const result = cli(args);
			assert.equal(result.status, 2, args.join(' '));
			assert.match(result.stderr, /Usage: zone-sentinel check/);
		}
	});

	test('$INCLUDE is followed inside the zone directory and refused outside it', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-inc-'));
		fs.mkdirSync(path.join(dir, 'zones'));
		fs.writeFileSync(path.join(dir, 'zones', 'hosts.inc'), 'www A 192.0.2.1\nbad A 192.0.2.999\n');
		fs.writeFileSync(path.join(dir, 'outside.inc'), 'x A 192.0.2.2\n');
		const zone = path.join(dir, 'zones', 'example.com.zone');
		fs.writeFileSync(zone, '$TTL 60\n@ SOA ns hm 1 2 3 4 5\n  NS ns\nns A 192.0.2.53\n$INCLUDE hosts.inc\n$INCLUDE ../outside.inc\n');
		const result = cli(['check', zone], dir);
		assert.equal(result.status, 1);
		assert.match(result.stdout, /zones\/hosts\.inc:2:7: error invalidIpv4Address/);
		assert.match(result.stdout, /example\.com\.zone:5:10: error includedFileHasErrors: \$INCLUDE 'hosts\.inc' has 1 error/);
		assert.match(result.stdout, /example\.com\.zone:6:10: error includeNotFound: .*outside/);
		const allowed = cli(['check', '--include-outside', zone], dir);
		assert.doesNotMatch(allowed.stdout, /includeNotFound/);
	});

	test('relative $INCLUDE paths are read as BIND reads them; --include-relative-to includingFile reads them as Knot does', () => {
		const zone = path.join('test', 'fixtures', 'bind', 'includeNested.zone');
		const bind = cli(['check', zone]);
		assert.equal(bind.status, 0, bind.stdout);
		const knot = cli(['check', '--include-relative-to', 'includingFile', zone]);
		assert.equal(knot.status, 1, knot.stdout);
		assert.match(
			knot.stdout,
			/nested\/part\.inc:2:10: error includeNotFound: .*nested\/nested\/leaf\.inc\. Relative paths are read against the including file/,
		);
		const bad = cli(['check', '--include-relative-to', 'cwd', zone]);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /--include-relative-to must be zoneFile or includingFile, not 'cwd'/);
	});

	test('a file another zone of the run includes is checked through that zone only; alone it says once that it has no SOA', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-frag-'));
		// The fragment relies on the zone's origin and $TTL.
		fs.writeFileSync(path.join(dir, 'mail.zone'), '@ MX 10 mx1\nmx1 A 192.0.2.25\n');
		fs.writeFileSync(
			path.join(dir, 'example.com.zone'),
			'$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.53\n$INCLUDE mail.zone\n',
		);
		const both = cli(['check', '--format', 'json', '.'], dir);
		const reports = JSON.parse(both.stdout) as { file: string; diagnostics: { code: string; severity: string }[] }[];
		assert.deepEqual(
			reports.map((r) => [r.file, r.diagnostics.map((d) => `${d.severity} ${d.code}`)]),
			[
				['example.com.zone', []],
				['mail.zone', ['warning mxSingle']],
			],
		);
		assert.match(both.stderr, /note: mail\.zone is included by example\.com\.zone; checked as part of it\./);
		assert.equal(both.status, 0);
		const alone = cli(['check', '--format', 'json', 'mail.zone'], dir);
		assert.deepEqual(
			JSON.parse(alone.stdout)[0].diagnostics.map((d: { code: string; severity: string }) => `${d.severity} ${d.code}`),
			['error soaMissing'],
		);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test(
		'--include-outside refuses /proc, /sys, devices and FIFOs, on the $INCLUDE line, without hanging or leaking',
		{ skip: process.platform !== 'linux' },
		() => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-inc-'));
			fs.writeFileSync(path.join(dir, 'hosts.inc'), 'www A 192.0.2.1\n');
			spawnSync('mkfifo', [path.join(dir, 'pipe.inc')]);
			const zone = path.join(dir, 'example.com.zone');
			const includes = ['/proc/self/environ', '/proc/kmsg', '/dev/zero', 'pipe.inc', 'hosts.inc'];
			fs.writeFileSync(
				zone,
				'$ORIGIN example.com.\n$TTL 60\n@ SOA ns hm 1 2 3 4 5\n  NS ns\nns A 192.0.2.53\n' +
					includes.map((i) => `$INCLUDE ${i}\n`).join(''),
			);
			const result = cli(['check', '--include-outside', zone], dir, { ZONE_SENTINEL_SECRET: 'do-not-show-me' });
			assert.doesNotMatch(result.stdout, /do-not-show-me|ZONE_SENTINEL_SECRET/);
			assert.match(
				result.stdout,
				/example\.com\.zone:6:10: error includeNotFound: .*\/proc\/\d+\/environ is under \/proc, which holds system state/,
			);
			assert.match(result.stdout, /example\.com\.zone:7:10: error includeNotFound: .*\/proc\/kmsg is under \/proc/);
			assert.match(result.stdout, /example\.com\.zone:8:10: error includeNotFound: .*\/dev\/zero is under \/dev/);
			assert.match(
				result.stdout,
				/example\.com\.zone:9:10: error includeNotFound: .*pipe\.inc is a named pipe \(FIFO\); only regular files are read/,
			);
			assert.doesNotMatch(result.stdout, /example\.com\.zone:10:/);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	);
});
