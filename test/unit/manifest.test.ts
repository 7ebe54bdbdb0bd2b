/**
 * The extension manifest (package.json) and packaging files: what VS Code reads before any code runs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

interface Manifest {
	activationEvents: string[];
	main: string;
	icon: string;
	contributes: {
		languages: { id: string; extensions: string[]; filenamePatterns: string[]; firstLine: string; configuration: string }[];
		grammars: { language: string; scopeName: string; path: string }[];
		commands: { command: string; title: string; category: string }[];
		configuration: { properties: Record<string, { description?: string; markdownDescription?: string; scope?: string }> };
	};
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

test('the language: extensions, file names, first line and configuration', () => {
	const [language] = manifest.contributes.languages;
	assert.equal(language.id, 'dns-zone');
	assert.deepEqual(language.extensions, ['.zone', '.db', '.dns', '.signed']);
	assert.deepEqual(language.filenamePatterns, ['db.*', 'named.root']);
	const firstLine = new RegExp(language.firstLine);
	for (const line of [
		'$ORIGIN example.com.',
		'$TTL 3600',
		'@ IN SOA ns1 hostmaster 1 2 3 4 5',
		'example.com. 3600 IN SOA ns1 h 1 2 3 4 5',
		'example.com. SOA ns1 h 1 2 3 4 5',
	]) {
		assert.ok(firstLine.test(line), line);
	}
	for (const line of ['# a shell script', '{ "json": true }', 'Some prose about the SOA record']) assert.ok(!firstLine.test(line), line);
	assert.ok(fs.existsSync(path.join(REPO_ROOT, language.configuration)));
});

test('language configuration: ; comments, ( and " auto-closed, a.b.c. is one word', () => {
	const configuration = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'language-configuration.json'), 'utf8')) as {
		comments: { lineComment: string };
		autoClosingPairs: { open: string; close: string }[];
		wordPattern: string;
	};
	assert.equal(configuration.comments.lineComment, ';');
	assert.deepEqual(
		configuration.autoClosingPairs.map((pair) => pair.open + pair.close),
		['()', '""'],
	);
	const word = new RegExp(configuration.wordPattern, 'g');
	assert.deepEqual('@ MX 10 mail.example.com. ; x\\.y'.match(word), ['@', 'MX', '10', 'mail.example.com.', 'x\\.y']);
	assert.deepEqual('(mx1.example.net.)'.match(word), ['mx1.example.net.']);
});

test('activation on the language only, and the grammar and icon exist', () => {
	assert.deepEqual(manifest.activationEvents, ['onLanguage:dns-zone']);
	const [grammar] = manifest.contributes.grammars;
	assert.equal(grammar.language, 'dns-zone');
	assert.equal(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, grammar.path), 'utf8')).scopeName, grammar.scopeName);
	assert.ok(fs.existsSync(path.join(REPO_ROOT, manifest.icon)));
});

test('every setting is under zoneSentinel, described, and scoped per resource (trace.server: per window)', () => {
	for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
		assert.match(key, /^zoneSentinel\./);
		assert.ok((schema.description ?? schema.markdownDescription ?? '').length > 10, `${key} has a description`);
		assert.equal(schema.scope, key === 'zoneSentinel.trace.server' ? 'window' : 'resource', key);
	}
});

test('palette commands share one category', () => {
	for (const command of manifest.contributes.commands) assert.equal(command.category, 'Zone Sentinel', command.command);
});

test('the .vsix takes only the bundles, grammar, language configuration, config schema, README, LICENSE, CHANGELOG and icon', () => {
	const lines = fs
		.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'));
	assert.deepEqual(lines, [
		'**',
		'!dist/client.js',
		'!dist/server.js',
		'!syntaxes/dns-zone.tmLanguage.json',
		'!language-configuration.json',
		'!images/icon.png',
		'!README.md',
		'!LICENSE',
		'!CHANGELOG.md',
		'!schemas/zone-sentinel.schema.json',
	]);
	for (const file of ['LICENSE', 'CHANGELOG.md', 'language-configuration.json', 'schemas/zone-sentinel.schema.json'])
		assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), file);
});
