/**
 * The npm package as users get it: `npm pack` of this checkout, unpacked into an empty folder with
 * no node_modules, must hold a CLI that works from the bundles alone (what `npx zone-sentinel`
 * runs), the language server entry, the config schema, and nothing of the sources or tests.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

describe('the npm package', () => {
	let folder: string;
	let unpacked: string;

	before(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-pack-'));
		// --ignore-scripts: pack the bundles `npm test` just built, as `npm publish` would after `prepare`.
		const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		});
		assert.equal(pack.status, 0, pack.stderr);
		const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
		const untar = spawnSync('tar', ['-xzf', path.join(folder, filename), '-C', folder], { encoding: 'utf8' });
		assert.equal(untar.status, 0, untar.stderr);
		unpacked = path.join(folder, 'package');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	test('holds the bundles, the bins, the schema and the docs, and no sources or tests', () => {
		const files: string[] = [];
		const walk = (dir: string): void => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else files.push(path.relative(unpacked, full).split(path.sep).join('/'));
			}
		};
		walk(unpacked);
		for (const expected of [
			'bin/zone-sentinel.js',
			'bin/zone-sentinel-lsp.js',
			'dist/cli.js',
			'dist/server.js',
			'schemas/zone-sentinel.schema.json',
			'README.md',
			'LICENSE',
			'package.json',
		])
			assert.ok(files.includes(expected), `${expected} in ${files.join(', ')}`);
		assert.deepEqual(
			files.filter((file) => /\.ts$|^test\/|^core\/|^server\//.test(file)),
			[],
		); // The bundles hold every library they use, so `npx zone-sentinel` installs nothing beside the package.
		const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as { dependencies?: object };
		assert.deepEqual(manifest.dependencies ?? {}, {});
	});

	test('its CLI checks the examples from the bundle alone (no node_modules), as npx runs it', () => {
		const work = path.join(folder, 'work');
		fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
		const run = spawnSync(process.execPath, [path.join(unpacked, 'bin', 'zone-sentinel.js'), 'check', 'examples'], {
			cwd: work,
			encoding: 'utf8',
		});
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stderr, /^3 zone files checked: 0 errors, 1 warning\.$/m);
		const lsp = spawnSync(process.execPath, [path.join(unpacked, 'bin', 'zone-sentinel-lsp.js'), '--help'], {
			cwd: work,
			encoding: 'utf8',
		});
		assert.equal(lsp.status, 0, lsp.stderr);
	});
});
