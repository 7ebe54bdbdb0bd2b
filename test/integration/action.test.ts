/**
 * The GitHub Action and the pre-commit hooks, offline: the action's check step is run as the
 * runner runs it (bash, `$GITHUB_ACTION_PATH`, the step's env built from action.yml's inputs and
 * their defaults, a `$GITHUB_OUTPUT` file), with `ZONE_SENTINEL_CLI` pointing at the local build
 * instead of npx. The hooks' `files` pattern must pick the names the CLI looks for in folders.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { isZoneFileName } from '../../server/src/workspace/zoneFiles';
import { REPO_ROOT } from '../helpers/paths';

const ACTION = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');

/** `name → default` of action.yml's inputs (each `default:` line under an input). */
function inputDefaults(): Record<string, string> {
	const inputs = ACTION.slice(ACTION.indexOf('\ninputs:\n'), ACTION.indexOf('\noutputs:\n'));
	const defaults: Record<string, string> = {};
	for (const match of inputs.matchAll(/^ {2}([a-z-]+):\n(?: {4}.*\n)*? {4}default: (.*)$/gm)) {
		defaults[match[1]] = match[2].replace(/^'(.*)'$/, '$1');
	}
	return defaults;
}

/** The check step: its `env:` (input expressions resolved) and its `run:` command. */
function checkStep(inputs: Record<string, string>): { env: Record<string, string>; run: string } {
	const step = ACTION.slice(ACTION.indexOf('    - id: check\n'));
	const env: Record<string, string> = {};
	for (const match of step.slice(0, step.indexOf('      run:')).matchAll(/^ {8}(ZS_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)) {
		assert.ok(match[2] in inputs, `action.yml passes the unknown input ${match[2]}`);
		env[match[1]] = inputs[match[2]];
	}
	const run = /^ {6}run: '(.*)'$/m.exec(step)?.[1];
	assert.ok(run, 'the check step has a one-line run');
	return { env, run };
}

/** Runs the check step like the runner: the outputs it wrote, and its stdout. */
function runCheckStep(
	cwd: string,
	given: Record<string, string> = {},
): { outputs: Record<string, string>; stdout: string; status: number | null } {
	const { env, run } = checkStep({ ...inputDefaults(), ...given });
	const outputFile = path.join(cwd, 'github-output.txt');
	fs.writeFileSync(outputFile, '');
	const result = spawnSync('bash', ['-e', '-c', run], {
		cwd,
		encoding: 'utf8',
		env: {
			PATH: process.env.PATH,
			...env,
			GITHUB_ACTION_PATH: REPO_ROOT,
			GITHUB_OUTPUT: outputFile,
			ZONE_SENTINEL_CLI: `${process.execPath} ${path.join(REPO_ROOT, 'bin', 'zone-sentinel.js')}`,
		},
	});
	const outputs = Object.fromEntries(
		fs
			.readFileSync(outputFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
	return { outputs, stdout: result.stdout, status: result.status };
}

const folders: string[] = [];
after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));
function workspace(files: Record<string, string>): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-action-'));
	folders.push(folder);
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
	return folder;
}

describe('GitHub Action (action.yml), check step run locally', () => {
	test('examples/: exit-code 0, a SARIF 2.1.0 log written for the upload step, annotations printed', () => {
		const folder = workspace({});
		fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(folder, 'examples'), { recursive: true });
		const { outputs, stdout, status } = runCheckStep(folder, { paths: 'examples' });
		assert.equal(status, 0);
		assert.deepEqual(outputs, { 'exit-code': '0', 'sarif-file': 'zone-sentinel.sarif', 'sarif-written': 'true' });
		const log = JSON.parse(fs.readFileSync(path.join(folder, 'zone-sentinel.sarif'), 'utf8')) as {
			version: string;
			runs: {
				tool: { driver: { name: string } };
				results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
			}[];
		};
		assert.equal(log.version, '2.1.0');
		assert.equal(log.runs[0].tool.driver.name, 'zone-sentinel');
		assert.ok(log.runs[0].results.every((result) => result.locations[0].physicalLocation.artifactLocation.uri.startsWith('examples/')));
		assert.match(stdout, /^::warning file=examples\/single-mx\.example\.org\.zone,line=8,/m);
	});

	test('a zone with an error: exit-code 1 (the last step fails the job), SARIF still written; no annotations when off', () => {
		const folder = workspace({ 'broken.zone': '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.300\n' });
		const { outputs, stdout } = runCheckStep(folder, { annotations: 'false', 'sarif-file': 'out.sarif' });
		assert.deepEqual(outputs, { 'exit-code': '1', 'sarif-file': 'out.sarif', 'sarif-written': 'true' });
		assert.match(fs.readFileSync(path.join(folder, 'out.sarif'), 'utf8'), /invalidIpv4Address/);
		assert.doesNotMatch(stdout, /^::/m);
		// The failing step reads exit-code and fails on anything but 0.
		assert.match(ACTION, /- if: steps\.check\.outputs\.exit-code != '0'\n\s+shell: bash\n[\s\S]*?exit 1\n/);
	});

	test('a usage error in args: exit-code 2 and nothing to upload', () => {
		const folder = workspace({ 'a.zone': '' });
		const { outputs } = runCheckStep(folder, { args: '--rule noSuchRule=error' });
		assert.deepEqual(outputs, { 'exit-code': '2', 'sarif-file': 'zone-sentinel.sarif', 'sarif-written': 'false' });
		assert.match(ACTION, /steps\.check\.outputs\.sarif-written == 'true'\n\s+uses: github\/codeql-action\/upload-sarif@v3/);
	});
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
	const hooks = fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');

	test('each hook runs the package bin, and its files pattern picks exactly the names the CLI picks', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
		const entries = [...hooks.matchAll(/^ {2}entry: (.*)$/gm)].map((match) => match[1]);
		assert.deepEqual(entries, ['zone-sentinel check', 'zone-sentinel check --fix']);
		for (const entry of entries) assert.ok(entry.split(' ')[0] in manifest.bin, entry);
		const patterns = [...hooks.matchAll(/^ {2}files: '(.*)'$/gm)].map((match) => match[1]);
		assert.equal(patterns.length, 2);
		for (const pattern of patterns) {
			// pre-commit's patterns are Python regexes; this one's only Python-only part is the leading (?i).
			assert.ok(pattern.startsWith('(?i)'));
			const regex = new RegExp(pattern.slice(4), 'i');
			const names = ['example.com.zone', 'zones/a.DB', 'db.example', 'zones/db.192.0.2', 'x.dns', 'x.signed', 'named.root'];
			const others = ['readme.md', 'zones/adb.txt', 'zone', 'db', 'x.zone.bak', 'mydb.example'];
			for (const name of [...names, ...others])
				assert.equal(regex.test(name), isZoneFileName(path.basename(name)), `${pattern} on ${name}`);
		}
	});
});
