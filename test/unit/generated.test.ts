/**
 * What `npm run generate` derives from the core: package.json's rule and option settings and the
 * README's tables must be what the generator writes now, and the problem catalogue must list every
 * code the core emits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, analyzeZone, PROBLEMS, RULE_OPTIONS } from '../../core/src/index';
import { createIncludeReader } from '../../server/src/workspace/includeReader';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

interface GeneratedFile {
	readonly name: string;
	readonly current: string;
	readonly expected: string;
}

test('package.json and README.md are what npm run generate writes', async () => {
	const generator = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate.mjs')).href)) as {
		generatedFiles(root: string): GeneratedFile[];
	};
	for (const file of generator.generatedFiles(REPO_ROOT)) {
		assert.ok(file.current === file.expected, `${file.name} is stale: run npm run generate`);
	}
});

test('every option a rule reads is declared, and every declared option is read by a rule', () => {
	const declared = new Set<string>(RULE_OPTIONS.map((option) => option.key));
	const read = new Set(ALL_RULES.flatMap((rule) => rule.options ?? []));
	for (const key of read) assert.ok(declared.has(key), key);
	for (const key of declared) assert.ok(read.has(key as never), `no rule lists ${key}`);
	assert.equal(new Set(RULE_OPTIONS.map((option) => option.setting)).size, RULE_OPTIONS.length);
	assert.equal(new Set(RULE_OPTIONS.map((option) => option.flag)).size, RULE_OPTIONS.length);
});

test('problem codes and rule ids share one namespace without clashes', () => {
	for (const rule of ALL_RULES) assert.ok(!(rule.id in PROBLEMS), rule.id);
	for (const code of Object.keys(PROBLEMS)) assert.match(code, /^[a-z][a-zA-Z0-9]+$/);
});

/** Zone texts of the fixtures (zone files, and the zones saved by the fuzzer) and the examples. */
function fixtureZones(): { file: string; text: string }[] {
	const zones: { file: string; text: string }[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.zone') || entry.name.startsWith('db.')) zones.push({ file, text: fs.readFileSync(file, 'utf8') });
			else if (entry.name.endsWith('.json') && dir.endsWith('fuzz'))
				zones.push({ file, text: (JSON.parse(fs.readFileSync(file, 'utf8')) as { text: string }).text });
		}
	};
	walk(FIXTURES);
	walk(path.join(REPO_ROOT, 'examples'));
	return zones;
}

test('every code the fixtures produce is a rule id or in the problem catalogue', () => {
	const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));
	const seen = new Set<string>();
	for (const { file, text } of fixtureZones()) {
		const analysis = analyzeZone(pathToFileURL(file).href, text, {
			resolveInclude: createIncludeReader(path.dirname(file), file, 'zoneFile'),
		});
		for (const problem of analysis.problems) {
			seen.add(problem.code);
			assert.ok(
				ruleIds.has(problem.code) || problem.code in PROBLEMS,
				`${problem.code} (${path.relative(REPO_ROOT, file)}) is not in core/src/problems.ts`,
			);
		}
	}
	assert.ok(seen.size > 10, `only ${seen.size} codes seen`);
});

test('every code in the problem catalogue is emitted somewhere in the core', () => {
	// The other direction is the compiler's: RDATA and lowering problems take a ProblemCode, and the
	// test above checks every code the fixtures produce. Here a listed code that no source names is stale.
	const sources: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.ts') && entry.name !== 'problems.ts') sources.push(fs.readFileSync(file, 'utf8'));
		}
	};
	walk(path.join(REPO_ROOT, 'core', 'src'));
	const named = new Set([...sources.join('\n').matchAll(/'([a-z][a-zA-Z0-9]+)'/g)].map((match) => match[1]));
	const stale = Object.keys(PROBLEMS).filter((code) => !named.has(code));
	assert.deepEqual(stale, []);
});
