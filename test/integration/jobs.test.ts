/**
 * `check --jobs N` on a generated folder of 10,000 small zones (real CLI, bin → dist/cli.js): the
 * output is byte for byte the same with 1 and 2 jobs, in the folder walk's order; exit codes 0, 1
 * and 2 as without threads; a progress line on stderr only when stderr is a terminal. Timings are
 * printed as test diagnostics, never asserted.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

const ZONES = 10_000;
const FOLDERS = 100;
/** Zones with an invalid address: one in every thousand, all in folder 07. */
const BROKEN = (i: number): boolean => i % 1000 === 7;

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; seconds: number } {
	const started = process.hrtime.bigint();
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], {
		cwd,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds };
}

const zoneName = (i: number): string => path.join(`d${String(i % FOLDERS).padStart(2, '0')}`, `z${String(i).padStart(5, '0')}.zone`);

function zoneText(i: number): string {
	const lines = [
		`$ORIGIN z${i}.example.`,
		'$TTL 1h',
		'@ SOA ns1 hm 1 2 3 4 5',
		'  NS ns1',
		`ns1 A 192.0.2.${(i % 250) + 1}`,
		'@ MX 10 mx1',
		'@ MX 20 mx2.example.net.',
		`mx1 A 198.51.100.${(i % 250) + 1}`,
	];
	if (BROKEN(i)) lines.push('bad A 192.0.2.300');
	return lines.join('\n') + '\n';
}

describe('check --jobs on 10,000 zones', () => {
	let root = '';
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-jobs-'));
		for (let folder = 0; folder < FOLDERS; folder++)
			fs.mkdirSync(path.join(root, 'zones', `d${String(folder).padStart(2, '0')}`), { recursive: true });
		for (let i = 0; i < ZONES; i++) fs.writeFileSync(path.join(root, 'zones', zoneName(i)), zoneText(i));
	});
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	test('the same output with 1 and 2 jobs, in walk order, exit 1 for the broken zones', (t) => {
		const one = cli(['check', '--jobs', '1', '--format', 'json', 'zones'], root);
		const two = cli(['check', '--jobs', '2', '--format', 'json', 'zones'], root);
		t.diagnostic(`10,000 zones, --format json: --jobs 1 ${one.seconds.toFixed(2)} s, --jobs 2 ${two.seconds.toFixed(2)} s`);
		assert.equal(one.status, 1, one.stderr);
		assert.equal(two.status, 1, two.stderr);
		assert.equal(two.stdout, one.stdout);
		const reports = JSON.parse(two.stdout) as { file: string; diagnostics: { code: string }[] }[];
		const expected = Array.from({ length: ZONES }, (_, i) => path.join('zones', zoneName(i))).sort((a, b) => {
			// The walk sorts each folder's names (localeCompare); here folder then file name.
			const [folderA, fileA] = a.split(path.sep).slice(1);
			const [folderB, fileB] = b.split(path.sep).slice(1);
			return folderA.localeCompare(folderB) || fileA.localeCompare(fileB);
		});
		assert.deepEqual(
			reports.map((report) => report.file),
			expected,
		);
		const broken = reports.filter((report) => report.diagnostics.length > 0).map((report) => report.file);
		assert.deepEqual(
			broken,
			Array.from({ length: ZONES }, (_, i) => i)
				.filter(BROKEN)
				.map((i) => path.join('zones', zoneName(i))),
		);
		assert.ok(
			reports.filter((report) => report.diagnostics.length > 0).every((report) => report.diagnostics[0].code === 'invalidIpv4Address'),
		);
	});

	test('text output and the summary line are the same too; clean folders exit 0; an unreadable part exits 2', (t) => {
		const one = cli(['check', '--jobs', '1', 'zones'], root);
		const two = cli(['check', '--jobs', '2', 'zones'], root);
		t.diagnostic(`10,000 zones, text: --jobs 1 ${one.seconds.toFixed(2)} s, --jobs 2 ${two.seconds.toFixed(2)} s`);
		assert.equal(two.stdout, one.stdout);
		assert.equal(two.stderr, one.stderr);
		// Not a terminal: no progress line, only the summary.
		assert.equal(two.stderr, '10000 zone files checked: 10 errors, 0 warnings.\n');
		assert.equal(cli(['check', '--jobs', '2', 'zones/d08', 'zones/d09'], root).status, 0);

		fs.writeFileSync(path.join(root, 'zones', 'd50', '.zone-sentinel.json'), '{ "rules": { "mxSingle": "loud" } }');
		try {
			const invalid = cli(['check', '--jobs', '2', 'zones/d49', 'zones/d50', 'zones/d51'], root);
			assert.equal(invalid.status, 2);
			const lines = invalid.stderr.trim().split('\n');
			// Printed once, before the files it stopped, in order; the other folders still checked.
			assert.equal(lines.filter((line) => line.includes('invalidConfig')).length, 1);
			assert.equal(lines.filter((line) => line.includes('not checked')).length, 100);
			assert.equal(lines.at(-1), '200 zone files checked: 0 errors, 0 warnings.');
		} finally {
			fs.rmSync(path.join(root, 'zones', 'd50', '.zone-sentinel.json'));
		}
	});

	test('a progress line on stderr when it is a terminal (under script(1)), erased before the summary', () => {
		const typescript = path.join(root, 'typescript.txt');
		const command = `${process.execPath} ${path.join(REPO_ROOT, 'bin', 'zone-sentinel.js')} check --jobs 2 zones/d1* > ${path.join(root, 'out.txt')}`;
		const result = spawnSync('script', ['-qec', command, typescript], { cwd: root, encoding: 'utf8' });
		assert.equal(result.status, 0, result.stderr);
		const terminal = fs.readFileSync(typescript, 'utf8');
		const ESC = String.fromCharCode(0x1b);
		assert.match(terminal, new RegExp(`\\rchecking zone files: \\d+/1000${ESC}\\[K`));
		assert.ok(terminal.includes(`\r${ESC}[K1000 zone files checked: 0 errors, 0 warnings.`), JSON.stringify(terminal));
		assert.equal(fs.readFileSync(path.join(root, 'out.txt'), 'utf8'), '');
	});

	test('--jobs takes a whole number from 1 to 256', () => {
		for (const bad of ['0', '257', 'two', '-1', '1.5']) {
			const result = cli(['check', '--jobs', bad, 'zones/d00'], root);
			assert.equal(result.status, 2, bad);
			assert.match(result.stderr, /--jobs needs a whole number from 1 to 256|looks like a flag/, bad);
		}
	});
});
