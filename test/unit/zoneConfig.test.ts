/**
 * `.zone-sentinel.json`: the JSONC reader, the strict key checks (every problem names its key and
 * points at it), the globs of `origins`, settings precedence over the file, and the generated schema
 * (the README's example must pass both the file's own checks and the schema, with a real validator).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { ALL_RULES, RULE_OPTIONS } from '../../core/src/index';
import { positionSourceForText } from '../../server/src/service/convert';
import { parseSettings } from '../../server/src/settings';
import type { FileConfig } from '../../server/src/workspace/configFiles';
import { globMatcher } from '../../server/src/workspace/glob';
import { jsonValue, parseJsonc } from '../../server/src/workspace/jsonc';
import { type ConfigProblem, parseZoneConfig, type ZoneConfig } from '../../server/src/workspace/zoneConfig';
import { REPO_ROOT } from '../helpers/paths';
import { readmeBlock } from '../helpers/readme';

/** Each problem as `line:column key` (one-based; columns in UTF-16 code units, as the editor and the CLI show them). */
function problemsAt(text: string): string[] {
	const source = positionSourceForText(text);
	return parseZoneConfig(text).problems.map((problem: ConfigProblem) => {
		const { line, character } = source.positionAt(problem.start);
		return `${line + 1}:${character + 1} ${problem.key}`;
	});
}

function configOf(text: string): ZoneConfig {
	const parsed = parseZoneConfig(text);
	assert.ok('config' in parsed, JSON.stringify(parsed.problems));
	return parsed.config;
}

test('JSONC: comments, trailing commas and a byte-order mark are accepted; the value is plain JSON', () => {
	const parsed = parseJsonc('\ufeff// top\n{ /* a */ "a": [1, 2.5e1, true, null, "x\\u00e9\\n",], "b": {}, }\n');
	assert.ok('root' in parsed);
	assert.deepEqual(jsonValue(parsed.root), { a: [1, 25, true, null, 'x\u00e9\n'], b: {} });
});

test('JSONC: syntax errors are positioned and never throw, deep nesting included', () => {
	const cases: [string, string, string][] = [
		['{"a": 1 "b": 2}', '1:9', "Expected ',' or '}'"],
		['{\n\t"a": tru }', '2:7', 'Expected a value'],
		['{"a": "open\n}', '1:7', 'Unterminated string'],
		['{"a": 1} x', '1:10', 'Expected the end'],
		['/* never closed', '1:1', 'Unterminated comment'],
		['{"a": 1, "a": 2}', '1:10', 'given twice'],
		['', '1:1', 'Expected a value'],
		['['.repeat(100_000), '1:65', 'Nested more than 64'],
	];
	for (const [text, at, message] of cases) {
		const parsed = parseJsonc(text);
		assert.ok('error' in parsed, text);
		const { line, character } = positionSourceForText(text).positionAt(parsed.error.start);
		assert.equal(`${line + 1}:${character + 1}`, at, text.slice(0, 40));
		assert.ok(parsed.error.message.includes(message), parsed.error.message);
	}
});

test('a valid file gives exactly what it says, nothing defaulted', () => {
	const config = configOf(`{
		"$schema": "./schemas/zone-sentinel.schema.json",
		"rules": { "mxSingle": "error" },
		"backupHosts": ["Backup-MX.example.net"],
		"mx": { "networkPrefixV6": 56 },
		"origins": { "db.*": "example.com.", "rev/**": "2.0.192.in-addr.arpa" },
		"includes": { "outside": true },
		"smtp": { "port": 2525, "hostOverrides": { "mx1.example.com": "127.0.0.1:2525" } },
		"mtaSts": { "policyFile": "../site/.well-known/mta-sts.txt" }
	}`);
	assert.deepEqual(config.rules, { mxSingle: 'error' });
	assert.deepEqual(config.options, { backupHosts: ['Backup-MX.example.net.'], mxNetworkPrefixV6: 56 });
	assert.deepEqual(
		config.origins.map((entry) => [entry.pattern, entry.origin]),
		[
			['db.*', 'example.com.'],
			['rev/**', '2.0.192.in-addr.arpa'],
		],
	);
	assert.deepEqual(config.includes, { outside: true });
	assert.deepEqual(config.smtp, { port: 2525, hostOverrides: { 'mx1.example.com': '127.0.0.1:2525' } });
	// As written: the configuration file's folder is joined in configForFile.
	assert.deepEqual(config.mtaSts, { policyFile: '../site/.well-known/mta-sts.txt' });
});

test('every invalid key or value is reported at its place, all of them, with tabs, CRLF and non-ASCII before it', () => {
	const text = [
		'{',
		'\t"rules": { "mxSingle": "loud", "noSuchRule": "error" },',
		'\t"mx": { "networkPrefixV4": 40, "prefix": 1 },',
		'\t"backupHosts": ["ok.example.net", "not a host"],',
		'\t"origins": { "😀*.zone": "...", "b": 5 },',
		'\t"includes": { "follow": "yes", "relativeTo": "cwd" },',
		'\t"smtp": { "port": 0, "hostOverrides": [] },',
		'\t"mx-prefix": 24,',
		'\t"format": { "align": "left" }, "serial": { "incrementOnSave": 1 },',
		'\t"mtaSts": { "policyFile": "" }, "mta": { "policyFile": "x" }',
		'}',
	].join('\r\n');
	assert.deepEqual(problemsAt(text), [
		'2:25 rules.mxSingle',
		'2:33 rules.noSuchRule',
		'3:29 mx.networkPrefixV4',
		'3:33 mx.prefix',
		'4:36 backupHosts',
		// The emoji is two UTF-16 code units.
		'5:27 origins.😀*.zone',
		'5:39 origins.b',
		'6:26 includes.follow',
		'6:47 includes.relativeTo',
		'7:20 smtp.port',
		'7:40 smtp.hostOverrides',
		'8:2 mx-prefix',
		'9:23 format.align',
		'9:64 serial.incrementOnSave',
		'10:28 mtaSts.policyFile',
		'10:34 mta',
	]);
	const messages = parseZoneConfig(text).problems.map((problem) => problem.message);
	assert.match(messages[0], /must be one of off, hint, information, warning, error, not "loud"/);
	assert.match(messages[1], /unknown key; known keys: mxSingle,/);
	assert.match(messages[2], /must be a whole number from 1 to 32, not 40/);
	assert.match(messages[4], /must hold only a host name such as backup-mx.example.net, not "not a host"/);
	assert.match(messages[5], /empty label/);
	assert.match(messages[8], /must be one of "zoneFile", "includingFile", not "cwd"/);
	assert.match(messages[9], /is not a valid zoneSentinel\.smtp\.port value: 0\./);
	assert.match(messages[11], /unknown key; known keys: \$schema, rules, backupHosts, mx, origins, includes, smtp, format, serial/);
	assert.match(messages[12], /must be one of "ownerGroup", "file", not "left"/);
	assert.match(messages[13], /must be true or false, not 1/);
	assert.match(messages[14], /must be the path of the MTA-STS policy file, relative to this file's folder, not ""/);
	assert.match(messages[15], /unknown key; known keys: .*, mtaSts/);
});

test('a file that is not an object, or whose sections are not objects, is refused with the key named', () => {
	assert.deepEqual(problemsAt('[]'), ['1:1 (file)']);
	assert.deepEqual(problemsAt('{"rules": "error", "mx": 24, "smtp": null}'), ['1:11 rules', '1:26 mx', '1:38 smtp']);
});

test('origins globs: * and ? stay in a segment, ** crosses, a glob without / matches the name in any folder', () => {
	const cases: [string, string, boolean][] = [
		['db.*', 'db.example', true],
		['db.*', 'zones/deep/db.example', true],
		['db.*', 'db.', true],
		['*.zone', 'a/b.zone.bak', false],
		['zones/*.zone', 'zones/a.zone', true],
		['zones/*.zone', 'zones/x/a.zone', false],
		['zones/**/*.zone', 'zones/a.zone', true],
		['zones/**/*.zone', 'zones/x/y/a.zone', true],
		['zones/**', 'zones/x/y', true],
		['/top.zone', 'top.zone', true],
		['/top.zone', 'x/top.zone', false],
		['a?.zone', 'ab.zone', true],
		['a?.zone', 'a/.zone', false],
		['a+(b).zone', 'a+(b).zone', true],
		['a+(b).zone', 'aab.zone', false],
	];
	for (const [pattern, file, expected] of cases) assert.equal(globMatcher(pattern)(file), expected, `${pattern} ~ ${file}`);
});

test('precedence: a valid client setting beats the file, the file beats the default, an invalid setting falls to the file', () => {
	const fileConfig: FileConfig = {
		file: '/p/.zone-sentinel.json',
		rules: { mxSingle: 'error', soaMissing: 'off' },
		options: { mxNetworkPrefixV4: 16, backupHosts: ['b.example.net.'] },
		origin: 'example.com.',
		includes: { follow: false, relativeTo: 'includingFile' },
		smtp: {},
		format: { align: 'file' },
		serial: { incrementOnSave: true },
		mtaStsPolicyFile: '/p/site/mta-sts.txt',
	};
	const settings = parseSettings(
		{ rules: { mxSingle: 'hint', soaMissing: 'loud' }, mx: { networkPrefixV4: 99 }, defaultOrigin: 'other.' },
		fileConfig,
	);
	assert.equal(settings.rules.mxSingle, 'hint');
	assert.equal(settings.rules.soaMissing, 'off');
	assert.equal(settings.rules.cnameAndOtherData, ALL_RULES.find((rule) => rule.id === 'cnameAndOtherData')?.defaultLevel);
	assert.equal(settings.options.mxNetworkPrefixV4, 16);
	assert.equal(settings.options.mxNetworkPrefixV6, 48);
	assert.deepEqual(settings.options.backupHosts, ['b.example.net.']);
	assert.equal(settings.defaultOrigin, 'other.');
	assert.equal(parseSettings(undefined, fileConfig).defaultOrigin, 'example.com.');
	assert.deepEqual(settings.includes, { follow: false, outside: false, relativeTo: 'includingFile' });
	// Of the include policy only relativeTo is an editor setting; following and reading outside stay the file's.
	assert.deepEqual(parseSettings({ includes: { relativeTo: 'zoneFile', follow: true, outside: true } }, fileConfig).includes, {
		follow: false,
		outside: false,
		relativeTo: 'zoneFile',
	});
	assert.equal(parseSettings({ includes: { relativeTo: 'cwd' } }, fileConfig).includes.relativeTo, 'includingFile');
	// The editor-only sections: the file beats the default, a valid client setting beats the file.
	assert.deepEqual([settings.format, settings.serial], [{ align: 'file' }, { incrementOnSave: true }]);
	const set = parseSettings({ format: { align: 'ownerGroup' }, serial: { incrementOnSave: false } }, fileConfig);
	assert.deepEqual([set.format, set.serial], [{ align: 'ownerGroup' }, { incrementOnSave: false }]);
	const invalid = parseSettings({ format: { align: 'left' }, serial: { incrementOnSave: 'yes' } }, fileConfig);
	assert.deepEqual([invalid.format, invalid.serial], [{ align: 'file' }, { incrementOnSave: true }]);
	// The policy file: the setting (read against the zone's folder later) beats the file's (absolute by then).
	assert.deepEqual(settings.mtaSts.policyFile, { path: '/p/site/mta-sts.txt', from: 'mtaSts.policyFile of /p/.zone-sentinel.json' });
	assert.deepEqual(parseSettings({ mtaSts: { policyFile: 'policy/mta-sts.txt' } }, fileConfig).mtaSts.policyFile, {
		path: 'policy/mta-sts.txt',
		from: 'the setting zoneSentinel.mtaSts.policyFile',
	});
	assert.equal(parseSettings({ mtaSts: { policyFile: ' ' } }, undefined).mtaSts.policyFile, null);
});

/** The ```jsonc block of the README's "Configuration file" section. */
function readmeExample(): string {
	return readmeBlock('## Configuration file', 'jsonc');
}

test('the generated schema names every rule and option, and the README example passes the schema (ajv) and the checks', () => {
	const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'zone-sentinel.schema.json'), 'utf8')) as {
		properties: Record<string, { properties?: Record<string, unknown> }>;
	};
	assert.deepEqual(
		Object.keys(schema.properties.rules.properties ?? {}),
		ALL_RULES.map((rule) => rule.id),
	);
	for (const option of RULE_OPTIONS) {
		const [first, second] = option.setting.split('.');
		assert.ok(second === undefined ? schema.properties[first] : schema.properties[first].properties?.[second], option.setting);
	}
	const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
	const example = readmeExample();
	const parsed = parseJsonc(example);
	assert.ok('root' in parsed);
	assert.ok(validate(jsonValue(parsed.root)), JSON.stringify(validate.errors));
	assert.deepEqual(parseZoneConfig(example).problems, []);
	// The schema is as strict as the checks: a wrong level and an unknown key fail both.
	const bad = { rules: { mxSingle: 'loud' }, extra: 1 };
	assert.equal(validate(bad), false);
	assert.equal(parseZoneConfig(JSON.stringify(bad)).problems.length, 2);
});
