/**
 * The README's Helix recipe, checked as far as it can be without Helix (not packaged in Debian 12;
 * nothing here installs it): the `languages.toml` parses as TOML (Python's tomllib), uses only keys
 * Helix's book documents, its language names the server it defines, and the exact command line
 * it gives (`command` + `args`, `zone-sentinel-lsp` on PATH as after `npm install -g .`) starts a
 * server that speaks LSP over stdio and publishes the zone's diagnostics, opened with the language's
 * name as its languageId, as Helix sends it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { spawnServerCommand, stopServer } from '../helpers/lspHarness';
import { EDITOR_RECIPE_ZONE, installedLspBin, readmeBlock } from '../helpers/readme';
import { requires } from '../helpers/requires';

interface HelixLanguages {
	'language-server': Record<string, { command: string; args?: string[] }>;
	language: { name: string; 'file-types': unknown[]; 'language-servers': string[]; [key: string]: unknown }[];
}

/** The `[[language]]` keys of Helix's book (book/src/languages.md) that the recipe may use. */
const LANGUAGE_KEYS = [
	'name',
	'language-id',
	'scope',
	'file-types',
	'comment-token',
	'comment-tokens',
	'roots',
	'language-servers',
	'indent',
];

test("the README's Helix languages.toml parses, and the command it names speaks LSP over stdio", requires('python3'), async () => {
	const toml = readmeBlock('**Helix**', 'toml');
	const parsed = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], {
		input: toml,
		encoding: 'utf8',
	});
	assert.equal(parsed.status, 0, `the README's languages.toml is not TOML:\n${parsed.stderr}`);
	const config = JSON.parse(parsed.stdout) as HelixLanguages;
	assert.equal(config.language.length, 1);
	const [language] = config.language;
	assert.deepEqual(
		Object.keys(language).filter((key) => !LANGUAGE_KEYS.includes(key)),
		[],
		'keys Helix does not document',
	);
	assert.deepEqual(language['language-servers'], Object.keys(config['language-server']));
	const server = config['language-server'][language['language-servers'][0]];
	assert.equal(server.command, 'zone-sentinel-lsp');

	const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-helix-')));
	const bin = installedLspBin(folder);
	const spawned = spawnServerCommand(server.command, server.args ?? [], {
		...process.env,
		PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
	});
	const exitedEarly = spawned.exited.then((code) => {
		throw new Error(
			`\`${[server.command, ...(server.args ?? [])].join(' ')}\` exited with ${String(code)} before it published diagnostics`,
		);
	});
	try {
		const uri = pathToFileURL(path.join(folder, 'example.com.zone')).href;
		const published = await Promise.race([
			exitedEarly,
			(async () => {
				await spawned.client.initialize({ pull: false });
				await spawned.client.connection.sendNotification('textDocument/didOpen', {
					textDocument: { uri, languageId: language.name, version: 1, text: EDITOR_RECIPE_ZONE },
				});
				return spawned.client.waitForPublished(uri, (p) => p.diagnostics.length > 0);
			})(),
		]);
		assert.deepEqual(
			published.diagnostics.map((d) => [d.code, d.range.start.line]),
			[['mxSingle', 4]],
		);
		exitedEarly.catch(() => undefined);
		await stopServer(spawned);
	} finally {
		spawned.child.kill();
		fs.rmSync(folder, { recursive: true, force: true });
	}
});
