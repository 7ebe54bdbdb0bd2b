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
	const generator = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate.mjs')).href)) as { generatedFiles(root: string): GeneratedFile[] };
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
			else if (entry.name.endsWith('.json') && dir.endsWith('fuzz')) zones.push({ file, text: (JSON.parse(fs.readFileSync(file, 'utf8')) as { text: string }).text });
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
		const analysis = analyzeZone(pathToFileURL(file).href, text, { resolveInclude: createIncludeReader(path.dirname(file)) });
		for (const problem of analysis.problems) {
			seen.add(problem.code);
			assert.ok(ruleIds.has(problem.code) || problem.code in PROBLEMS, `${problem.code} (${path.relative(REPO_ROOT, file)}) is not in core/src/problems.ts`);
		}
	}
	assert.ok(seen.size > 10, `only ${seen.size} codes seen`);
});

test('every code literal in the core source is in the problem catalogue', () => {
	// Codes are passed as `code: 'x'`, as the code argument of report/reportField/fail, or as a NameError.
	const patterns = [/code(?:\??: [^=\n]*?)?[:=] '([a-z][a-zA-Z0-9]+)'/g, /report(?:Field)?\([^;]*?, '([a-z][a-zA-Z0-9]+)', [`']/g, /fail\((?:`[^`]*`|'[^']*'|\w+), '([a-z][a-zA-Z0-9]+)'/g];
	const sources: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.ts')) sources.push(fs.readFileSync(file, 'utf8'));
		}
	};
	for (const dir of ['syntax', 'model']) walk(path.join(REPO_ROOT, 'core', 'src', dir));
	sources.push(fs.readFileSync(path.join(REPO_ROOT, 'core', 'src', 'analysis.ts'), 'utf8'));
	const found = new Set<string>();
	for (const source of sources) for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]);
	const nameErrors: string[] = /export type NameError = ([^;]+);/.exec(sources.join('\n'))?.[1].match(/[a-zA-Z]+/g) ?? [];
	// A severity given after the message matches the patterns too.
	for (const severity of ['error', 'warning', 'information', 'hint']) found.delete(severity);
	for (const code of [...found, ...nameErrors]) assert.ok(code in PROBLEMS, `${code} is emitted but not in core/src/problems.ts`);
	assert.ok(found.size > 30, `only ${found.size} code literals found: ${[...found].join(' ')}`);
	// The other way round: a listed code that nothing emits is stale.
	for (const code of Object.keys(PROBLEMS)) assert.ok(found.has(code) || nameErrors.includes(code), `${code} is listed but never emitted`);
});
