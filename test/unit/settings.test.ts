/**
 * `parseSettings`: every field is validated on its own, and anything missing or invalid takes its default.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules/index';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/settings';
import { REPO_ROOT } from '../helpers/paths';

const defaultRules = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultLevel]));

test('defaults cover every rule at its default level, with no origin', () => {
	assert.deepEqual(DEFAULT_SETTINGS, { defaultOrigin: null, rules: defaultRules });
	assert.ok(Object.isFrozen(DEFAULT_SETTINGS) && Object.isFrozen(DEFAULT_SETTINGS.rules));
});

test('undefined, {} and non-objects give the defaults', () => {
	for (const raw of [undefined, null, {}, 42, 'zoneSentinel', [], [{ rules: {} }], true]) {
		assert.deepEqual(parseSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
	}
});

test('garbage fields fall back one by one, valid ones are kept', () => {
	const settings = parseSettings({
		defaultOrigin: 5,
		rules: { cnameAndOtherData: 'loud', soaRecordMissing: 'off', unknownRule: 'error' },
		extra: 'ignored',
	});
	assert.deepEqual(settings, { defaultOrigin: null, rules: { ...defaultRules, soaRecordMissing: 'off' } });
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

test('every level is accepted for every rule', () => {
	for (const level of ['off', 'hint', 'information', 'warning', 'error'] as const) {
		const raw = { rules: Object.fromEntries(ALL_RULES.map((rule) => [rule.id, level])) };
		assert.ok(Object.values(parseSettings(raw).rules).every((value) => value === level), level);
	}
});

test('package.json declares a zoneSentinel.rules.<id> setting per rule, with the same default', () => {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const properties = manifest.contributes.configuration.properties;
	for (const rule of ALL_RULES) {
		const setting = properties[`zoneSentinel.rules.${rule.id}`];
		assert.ok(setting, `zoneSentinel.rules.${rule.id} is missing`);
		assert.equal(setting.default, rule.defaultLevel, rule.id);
		assert.deepEqual(setting.enum, ['off', 'hint', 'information', 'warning', 'error'], rule.id);
		assert.equal(setting.scope, 'resource', rule.id);
		assert.equal(setting.description, rule.description, rule.id);
	}
});
