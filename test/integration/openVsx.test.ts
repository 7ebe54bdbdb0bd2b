/**
 * The .vsix is ready for Open VSX as well as the Marketplace, checked offline: `npm run package` makes it
 * (as the UI check installs it), the `ovsx` CLI's own code reads it back and applies the checks it makes
 * before it uploads (manifest fields, a license), and the manifest inside the package is held to the
 * rules the Open VSX server applies when it accepts an upload (`ExtensionValidator` in eclipse/openvsx:
 * name characters, field lengths, characters, version characters, URLs). Publishing itself needs a
 * token and the network, which the tests never use.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isLicenseOk, validateManifest } from 'ovsx';
import { readVSIXPackage, readZip } from 'ovsx/lib/zip';
import { REPO_ROOT } from '../helpers/paths';

/** The Open VSX server's limits and patterns (ExtensionValidator). */
const NAME = /^[\w\-+$~]+$/;
const DEFAULT_STRING_SIZE = 255;
const DESCRIPTION_SIZE = 2048;
const VERSION_CHARACTER = /^[\p{L}\p{N}$+\-,.:;_]$/u;
/** Java's CONTROL, FORMAT, UNASSIGNED, PRIVATE_USE, LINE_SEPARATOR and PARAGRAPH_SEPARATOR. */
const REFUSED_CHARACTER = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u;

interface Manifest {
	readonly name: string;
	readonly publisher: string;
	readonly version: string;
	readonly displayName?: string;
	readonly description?: string;
	readonly categories?: readonly string[];
	readonly keywords?: readonly string[];
	readonly license?: string;
	readonly homepage?: string;
	readonly repository?: string | { readonly url: string };
	readonly bugs?: string | { readonly url: string };
	readonly main?: string;
	readonly icon?: string;
	readonly dependencies?: Record<string, string>;
	readonly contributes?: {
		readonly languages?: readonly { readonly configuration?: string }[];
		readonly grammars?: readonly { readonly path: string }[];
		readonly jsonValidation?: readonly { readonly url: string }[];
	};
}

/** Every problem the Open VSX server would report for this manifest; [] when it accepts it. */
function openVsxIssues(manifest: Manifest): string[] {
	const issues: string[] = [];
	const field = (value: string | undefined, name: string, limit: number): void => {
		if (value === undefined) return;
		if (value.length > limit) issues.push(`${name} is longer than ${limit} characters`);
		if (REFUSED_CHARACTER.test(value)) issues.push(`${name} holds a control, format or unassigned character`);
	};
	const url = (value: string | { readonly url: string } | undefined, name: string): void => {
		const text = typeof value === 'string' ? value : value?.url;
		if (text === undefined) return;
		field(text, name, DEFAULT_STRING_SIZE);
		try {
			if (new URL(text.replace(/^git\+/, '')).hostname === '') issues.push(`${name} is a URL without a host: ${text}`);
		} catch {
			issues.push(`${name} is not a URL: ${text}`);
		}
	};
	for (const [name, value] of [
		['publisher (the namespace)', manifest.publisher],
		['name', manifest.name],
	] as const) {
		if (!NAME.test(value)) issues.push(`${name} '${value}' has characters outside [A-Za-z0-9_-+$~]`);
		if (value.length > DEFAULT_STRING_SIZE) issues.push(`${name} is longer than ${DEFAULT_STRING_SIZE} characters`);
	}
	if (['latest', 'pre-release', 'reviews'].includes(manifest.version)) issues.push(`version '${manifest.version}' is reserved`);
	const badVersionCharacter = [...manifest.version].find((c) => !VERSION_CHARACTER.test(c));
	if (badVersionCharacter !== undefined) issues.push(`version has the character '${badVersionCharacter}'`);
	field(manifest.displayName, 'displayName', DEFAULT_STRING_SIZE);
	field(manifest.description, 'description', DESCRIPTION_SIZE);
	for (const category of manifest.categories ?? []) field(category, 'a category', DEFAULT_STRING_SIZE);
	for (const keyword of manifest.keywords ?? []) field(keyword, 'a keyword', DEFAULT_STRING_SIZE);
	field(manifest.license, 'license', DEFAULT_STRING_SIZE);
	url(manifest.homepage, 'homepage');
	url(manifest.repository, 'repository');
	url(manifest.bugs, 'bugs');
	return issues;
}

describe('the .vsix for Open VSX', () => {
	let folder: string;
	let vsix: string;
	let entries: Map<string, Buffer>;
	let manifest: Manifest;

	before(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-vsix-'));
		vsix = path.join(folder, 'zone-sentinel.vsix');
		// The bundles `npm test` just built, packaged as `npm run package` does (vscode:prepublish rebuilds them).
		const run = spawnSync('npm', ['run', 'package', '--silent', '--', '--out', vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
		assert.equal(run.status, 0, run.stderr + run.stdout);
		manifest = await readVSIXPackage(vsix);
		entries = await readZip(vsix, () => true);
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	test("passes the ovsx CLI's own checks: required fields and a license", async () => {
		validateManifest(manifest);
		assert.equal(await isLicenseOk(REPO_ROOT, manifest), true);
		assert.ok(entries.has('extension/license.txt') || entries.has('extension/license'), [...entries.keys()].join(', '));
	});

	test('has a manifest the Open VSX server accepts', () => {
		assert.deepEqual(openVsxIssues(manifest), []);
		// The check can fail: the server refuses a namespace with a dot and a description with a control character.
		assert.equal(openVsxIssues({ ...manifest, publisher: 'zone.sentinel', description: 'a\u0007b' }).length, 2);
	});

	test('holds every file its manifest names, the VSIX manifest for its identity, and no runtime dependencies', () => {
		const referenced = [
			manifest.main,
			manifest.icon,
			...(manifest.contributes?.languages ?? []).map((language) => language.configuration),
			...(manifest.contributes?.grammars ?? []).map((grammar) => grammar.path),
			...(manifest.contributes?.jsonValidation ?? []).map((schema) => schema.url).filter((url) => url.startsWith('./')),
		].filter((file): file is string => file !== undefined);
		assert.ok(referenced.length >= 5, referenced.join(', '));
		for (const file of referenced) {
			// ovsx's zip reader gives entry names in lower case.
			const entry = `extension/${path.posix.normalize(file)}`.toLowerCase();
			assert.ok(entries.has(entry), `${entry} is not in the .vsix (${[...entries.keys()].join(', ')})`);
		}
		const identity = /<Identity\b[^>]*>/.exec(entries.get('extension.vsixmanifest')?.toString('utf8') ?? '')?.[0] ?? '';
		assert.match(identity, new RegExp(`Id="${manifest.name}"`));
		assert.match(identity, new RegExp(`Publisher="${manifest.publisher}"`));
		assert.match(identity, new RegExp(`Version="${manifest.version.replace(/\./g, '\\.')}"`));
		assert.ok(entries.has('[content_types].xml'));
		// Everything the extension runs is bundled, so neither registry has anything to install beside it.
		assert.deepEqual(manifest.dependencies ?? {}, {});
		assert.deepEqual(
			[...entries.keys()].filter((entry) => entry.startsWith('extension/node_modules/')),
			[],
		);
	});
});
