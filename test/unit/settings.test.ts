/**
 * `parseSettings`: every field is validated on its own, and anything missing or invalid takes its default.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from '../../core/src/rules/index';
import { DEFAULT_RULE_OPTIONS } from '../../core/src/rules/rule';
import { DEFAULT_INLAY_HINTS, DEFAULT_SETTINGS, parseSettings } from '../../server/src/settings';
import { hostInputError, normaliseHostInput } from '../../client/src/hostInput';
import { normaliseHostName } from '../../protocol/src/hostName';

const defaultRules = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultLevel]));
const defaultOptions = { backupHosts: [], mxNetworkPrefixV4: 24, mxNetworkPrefixV6: 48 };
const includes = { follow: true, outside: false, relativeTo: 'zoneFile' };
const format = { align: 'ownerGroup' };
const serial = { incrementOnSave: false };
const mtaSts = { policyFile: null };

test('defaults cover every rule at its default level, with no origin, no backup hosts and /24, /48 networks', () => {
	assert.deepEqual(DEFAULT_SETTINGS, {
		defaultOrigin: null,
		rules: defaultRules,
		options: defaultOptions,
		includes,
		format,
		serial,
		mtaSts,
		maxZoneCharacters: 64 * 1024 * 1024,
		inlayHints: DEFAULT_INLAY_HINTS,
	});
	assert.ok(
		Object.isFrozen(DEFAULT_SETTINGS) &&
			Object.isFrozen(DEFAULT_SETTINGS.rules) &&
			Object.isFrozen(DEFAULT_SETTINGS.options.backupHosts) &&
			Object.isFrozen(DEFAULT_SETTINGS.options),
	);
	assert.deepEqual(DEFAULT_SETTINGS.options, DEFAULT_RULE_OPTIONS);
});

test('undefined, {} and non-objects give the defaults', () => {
	for (const raw of [undefined, null, {}, 42, 'zoneSentinel', [], [{ rules: {} }], true]) {
		assert.deepEqual(parseSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
	}
});

test('garbage fields fall back one by one, valid ones are kept', () => {
	const settings = parseSettings({
		defaultOrigin: 5,
		rules: { cnameAndOtherData: 'loud', soaMissing: 'off', unknownRule: 'error' },
		inlayHints: { absoluteNames: true, ttlUnits: 'yes' },
		extra: 'ignored',
	});
	assert.deepEqual(settings, {
		defaultOrigin: null,
		rules: { ...defaultRules, soaMissing: 'off' },
		options: defaultOptions,
		includes,
		format,
		serial,
		mtaSts,
		maxZoneCharacters: 64 * 1024 * 1024,
		inlayHints: { absoluteNames: true, ttlUnits: true, mxRank: true },
	});
	assert.ok(Object.isFrozen(settings) && Object.isFrozen(settings.rules));
	assert.deepEqual(parseSettings({ rules: 'all' }).rules, defaultRules);
	assert.deepEqual(parseSettings({ rules: [] }).rules, defaultRules);
});

test('defaultOrigin is a trimmed name, or null when empty or blank-separated', () => {
	assert.equal(parseSettings({ defaultOrigin: ' example.com. ' }).defaultOrigin, 'example.com.');
	assert.equal(parseSettings({ defaultOrigin: 'example.com' }).defaultOrigin, 'example.com');
	assert.equal(parseSettings({ defaultOrigin: '   ' }).defaultOrigin, null);
	assert.equal(parseSettings({ defaultOrigin: 'a b' }).defaultOrigin, null);
	assert.equal(parseSettings({ defaultOrigin: null }).defaultOrigin, null);
});

test('format.align is ownerGroup or file; anything else gives ownerGroup', () => {
	assert.equal(parseSettings({ format: { align: 'file' } }).format.align, 'file');
	assert.equal(parseSettings({ format: { align: 'ownerGroup' } }).format.align, 'ownerGroup');
	assert.equal(parseSettings({ format: { align: 'columns' } }).format.align, 'ownerGroup');
	assert.equal(parseSettings({ format: 'file' }).format.align, 'ownerGroup');
});

test('serial.incrementOnSave is a boolean, off unless set to true', () => {
	assert.equal(parseSettings({ serial: { incrementOnSave: true } }).serial.incrementOnSave, true);
	assert.equal(parseSettings({ serial: { incrementOnSave: 'yes' } }).serial.incrementOnSave, false);
	assert.equal(parseSettings({}).serial.incrementOnSave, false);
});

test("mtaSts.policyFile is a non-empty path, kept as written (the zone file's folder is joined when it is read)", () => {
	assert.deepEqual(parseSettings({ mtaSts: { policyFile: ' site/mta-sts.txt ' } }).mtaSts.policyFile, {
		path: 'site/mta-sts.txt',
		from: 'the setting zoneSentinel.mtaSts.policyFile',
	});
	for (const policyFile of ['', '   ', 42, null]) assert.equal(parseSettings({ mtaSts: { policyFile } }).mtaSts.policyFile, null);
});

test('every level is accepted for every rule', () => {
	for (const level of ['off', 'hint', 'information', 'warning', 'error'] as const) {
		const raw = { rules: Object.fromEntries(ALL_RULES.map((rule) => [rule.id, level])) };
		assert.ok(
			Object.values(parseSettings(raw).rules).every((value) => value === level),
			level,
		);
	}
});

test('backupHosts keeps host names only, absolute, without repeats', () => {
	const settings = parseSettings({
		backupHosts: [
			' backup-mx.example.net ',
			'MX2.Example.Org.',
			'backup-mx.example.net.',
			'not a host',
			'192.0.2.25',
			'localhost',
			'-bad.example.net',
			42,
			null,
		],
	});
	assert.deepEqual(settings.options.backupHosts, ['backup-mx.example.net.', 'MX2.Example.Org.']);
	assert.ok(Object.isFrozen(settings.options.backupHosts));
	assert.deepEqual(parseSettings({ backupHosts: 'backup-mx.example.net' }).options.backupHosts, []);
});

test('mx network prefixes are integers within 1-32 and 1-128, else the defaults', () => {
	const prefixes = (raw: unknown) => {
		const { mxNetworkPrefixV4, mxNetworkPrefixV6 } = parseSettings(raw).options;
		return { mxNetworkPrefixV4, mxNetworkPrefixV6 };
	};
	assert.deepEqual(prefixes({ mx: { networkPrefixV4: 16, networkPrefixV6: 64 } }), { mxNetworkPrefixV4: 16, mxNetworkPrefixV6: 64 });
	assert.deepEqual(prefixes({ mx: { networkPrefixV4: 32, networkPrefixV6: 128 } }), { mxNetworkPrefixV4: 32, mxNetworkPrefixV6: 128 });
	for (const bad of [0, 33, 24.5, -1, '', 'x', null, true]) {
		assert.equal(parseSettings({ mx: { networkPrefixV4: bad } }).options.mxNetworkPrefixV4, 24, JSON.stringify(bad));
	}
	assert.equal(parseSettings({ mx: { networkPrefixV6: 129 } }).options.mxNetworkPrefixV6, 48);
	assert.deepEqual(prefixes({ mx: 24 }), { mxNetworkPrefixV4: 24, mxNetworkPrefixV6: 48 });
	assert.deepEqual(parseSettings({ mx: { networkPrefixV4: 20 } }).options, { ...DEFAULT_RULE_OPTIONS, mxNetworkPrefixV4: 20 });
});

test('the client accepts exactly the backup hosts the server accepts', () => {
	const inputs = [
		'backup-mx.example.net',
		'backup-mx.example.net.',
		' a.b ',
		'x',
		'',
		'192.0.2.25',
		'2001:db8::1',
		'a..b',
		'a_b.example.net',
		`${'a'.repeat(64)}.example.net`,
		'xn--bcher-kva.example',
		'-a.example.net',
		'a-.example.net',
	];
	for (const input of inputs) {
		assert.equal(normaliseHostInput(input), normaliseHostName(input), JSON.stringify(input));
		assert.equal(hostInputError(input) === undefined, normaliseHostName(input) !== undefined, JSON.stringify(input));
	}
	assert.match(hostInputError('192.0.2.25') ?? '', /not an IP address/);
});

test('maxZoneSize is whole MiB from 1 to 511, as characters; anything else is the default 64 MiB', () => {
	assert.equal(parseSettings({ maxZoneSize: 1 }).maxZoneCharacters, 1024 * 1024);
	assert.equal(parseSettings({ maxZoneSize: 511 }).maxZoneCharacters, 511 * 1024 * 1024);
	for (const maxZoneSize of [0, -1, 512, 1.5, '64', null, Infinity])
		assert.equal(parseSettings({ maxZoneSize }).maxZoneCharacters, 64 * 1024 * 1024, String(maxZoneSize));
});
