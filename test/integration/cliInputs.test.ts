/** Bad inputs to the CLI: odd folders, binary files, hostile zone text, bad flag values. Real CLI (bin → dist/cli.js). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

function cli(args: string[], cwd = REPO_ROOT): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], { cwd, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'zs-inputs-'));
}

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\n';

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
