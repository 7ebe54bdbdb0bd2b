/**
 * Rule fixtures with inline expectations: every `test/fixtures/rules/<ruleId>[-variant].zone` is
 * analysed with only that rule enabled, and the set of (rule, line) findings must equal the lines
 * marked `; expect: <ruleId>`. Each fixture holds positive and negative cases. A `<name>.workspace/`
 * folder beside a fixture holds the other zones of its workspace (test/helpers/fixtureWorkspace.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { ALL_RULES } from '../../core/src/rules/index';
import type { RuleLevel } from '../../core/src/rules/rule';
import { LineIndex } from '../../core/src/syntax/lineIndex';
import { fixtureOptions } from '../helpers/fixtureWorkspace';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function expectedFindings(text: string): string[] {
	return text.split(/\r?\n/).flatMap((line, index) =>
		[...line.matchAll(/expect:\s*([\w, ]+)/g)].flatMap((m) =>
			m[1]
				.split(/[ ,]+/)
				.filter(Boolean)
				.map((id) => `${id}@${index + 1}`),
		),
	);
}

describe('rules', () => {
	for (const file of fs.readdirSync(RULE_FIXTURES).filter((f) => f.endsWith('.zone'))) {
		const ruleId = file.replace(/(-[\w-]+)?\.zone$/, '');
		test(`${file}`, () => {
			const text = fs.readFileSync(path.join(RULE_FIXTURES, file), 'utf8');
			const levels: Record<string, RuleLevel> = Object.fromEntries(
				// An opt-in rule (off by default) is checked at warning.
				ALL_RULES.map((rule) => [rule.id, rule.id !== ruleId ? 'off' : rule.defaultLevel === 'off' ? 'warning' : rule.defaultLevel]),
			);
			const { problems } = analyzeZone(file, text, { ruleLevels: levels, ...fixtureOptions(path.join(RULE_FIXTURES, file)) });
			const lines = new LineIndex(text);
			const syntaxErrors = problems.filter((p) => p.severity === 'error' && !ALL_RULES.some((rule) => rule.id === p.code));
			assert.deepEqual(
				syntaxErrors.map((p) => p.message),
				[],
				'fixtures must be valid zone syntax',
			);
			const actual = problems.filter((p) => p.code === ruleId).map((p) => `${p.code}@${lines.positionAt(p.start).line + 1}`);
			assert.deepEqual(actual.sort(), expectedFindings(text).sort());
		});
	}
});

describe('rule registry', () => {
	// Its package.json setting and README table row are generated (test/unit/generated.test.ts); the README section is not.
	test('ids are unique camelCase and each rule has a fixture and a README section', () => {
		const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
		const ids = ALL_RULES.map((rule) => rule.id);
		assert.equal(new Set(ids).size, ids.length);
		for (const rule of ALL_RULES) {
			assert.match(rule.id, /^[a-z][a-zA-Z0-9]+$/);
			assert.ok(fs.existsSync(path.join(RULE_FIXTURES, `${rule.id}.zone`)), `fixture for ${rule.id}`);
			assert.ok(readme.includes(`<a id="${rule.id.toLowerCase()}"></a>`), `README anchor for ${rule.id}`);
		}
	});
});
