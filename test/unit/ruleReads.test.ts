/**
 * `Rule.reads` must list every shared part of the model a rule's `check` reads: those are made in
 * steps of their own before it (ruleSteps), and one left out would be made inside `check`, in one
 * long step that holds the language server. Each rule runs alone on fresh models of every rule
 * fixture and of a generated zone; afterwards no part it did not declare may have been made.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULES, DEFAULT_RULE_OPTIONS } from '../../core/src/index';
import { mailAuthRecordsMade } from '../../core/src/model/mail/auth/authRecords';
import { mailPartsMade } from '../../core/src/model/mail/mailDomain';
import { buildZoneModel } from '../../core/src/model/lower';
import type { ZoneModel } from '../../core/src/model/zoneModel';
import type { SharedPart } from '../../core/src/rules/rule';
import { type RuleLevels, runRules } from '../../core/src/rules/runRules';
import { generateZone } from '../bench/generateZone';

/** Each part with the parts it includes. */
const INCLUDES: Record<SharedPart, readonly SharedPart[]> = {
	mailAuthRecords: ['mailAuthRecords'],
	mailFacts: ['mailFacts'],
	mailDomains: ['mailDomains', 'mailFacts'],
	mailNetworks: ['mailNetworks', 'mailDomains', 'mailFacts'],
};

function partsMade(model: ZoneModel): SharedPart[] {
	const mail = mailPartsMade(model);
	const made: SharedPart[] = [];
	if (mailAuthRecordsMade(model)) made.push('mailAuthRecords');
	if (mail.facts) made.push('mailFacts');
	if (mail.domains) made.push('mailDomains');
	if (mail.networks) made.push('mailNetworks');
	return made;
}

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'rules');
const zones = [
	...fs
		.readdirSync(FIXTURES)
		.filter((name) => name.endsWith('.zone'))
		.map((name) => ({ name, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8') })),
	{ name: 'generated', text: generateZone({ records: 3_000 }) },
];

test('every shared part a rule reads is declared in its `reads`, so the analysis makes it in steps before the rule', () => {
	assert.ok(zones.length > 40, `only ${zones.length} zones`);
	const off: RuleLevels = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, 'off']));
	const undeclared: string[] = [];
	for (const rule of ALL_RULES) {
		const declared = new Set((rule.reads ?? []).flatMap((part) => INCLUDES[part]));
		for (const { name, text } of zones) {
			const model = buildZoneModel(name, text, { fileName: name });
			assert.deepEqual(partsMade(model), [], `${name}: a part made before any rule`);
			runRules(model, { ...off, [rule.id]: 'warning' }, DEFAULT_RULE_OPTIONS);
			for (const part of partsMade(model)) if (!declared.has(part)) undeclared.push(`${rule.id} reads ${part} (${name})`);
		}
	}
	assert.deepEqual([...new Set(undeclared.map((line) => line.replace(/ \(.*\)$/, '')))], [], undeclared.slice(0, 20).join('\n'));
});
