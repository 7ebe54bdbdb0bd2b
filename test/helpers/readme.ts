/** The README's code examples, which tests run as written. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/** The first ````language` block after `marker` (a heading or a bold label) in README.md. */
export function readmeBlock(marker: string, language: string): string {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const at = readme.indexOf(marker);
	assert.ok(at !== -1, `README has '${marker}'`);
	const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
	assert.ok(match, `README has a \`\`\`${language} block after '${marker}'`);
	return match[1];
}

/**
 * A `bin` folder in `folder` with `zone-sentinel-lsp` in it, as `npm install -g .` puts it on PATH
 * (it runs this checkout's bin/zone-sentinel-lsp.js, hence dist/server.js); returns the folder.
 */
export function installedLspBin(folder: string): string {
	const bin = path.join(folder, 'bin');
	fs.mkdirSync(bin, { recursive: true });
	fs.writeFileSync(
		path.join(bin, 'zone-sentinel-lsp'),
		`#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'zone-sentinel-lsp.js')}" "$@"\n`,
		{ mode: 0o755 },
	);
	return bin;
}

/** The zone the editor-recipe tests open: one MX (so `mxSingle` fires), an owner per line, nothing else to report. */
export const EDITOR_RECIPE_ZONE = [
	'$ORIGIN example.com.',
	'$TTL 3600',
	'@    SOA ns1 hostmaster 1 7200 3600 1209600 300',
	'     NS  ns1',
	'     MX  10 mx1',
	'ns1  A   192.0.2.53',
	'mx1  A   192.0.2.25',
	'',
].join('\n');
