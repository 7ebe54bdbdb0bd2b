/**
 * The fast, deterministic slice of the robustness fuzzing (the long run is `npm run fuzz`): fixed
 * seeds, a few thousand cases from the zone grammar and from mutations of the public corpus, every
 * case checked against the invariants of test/fuzz/invariants.ts, a sample compared between the CLI
 * and the language server, and every saved regression fixture (test/fixtures/fuzz/) replayed. No time
 * is asserted here: the linear-time checks on fuzz cases are in test/perf/fuzzScaling.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { loadCorpus, mutationCaseArb } from './corpusMutations';
import { compareCase } from './cliServer';
import { emptyStats, loadFixtures, runSlice } from './harness';
import { checkCase } from './invariants';
import { mailAuthCaseArb } from './mailAuthGrammar';
import { type FuzzCase, grammarCaseArb } from './zoneGrammar';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { requires } from '../helpers/requires';

const SEED = 20261129;
const GRAMMAR_CASES = 4000;
const MUTATION_CASES = 3000;
const MAIL_AUTH_CASES = 1500;
const SERVER_CASES = 200;
const SPAWNED_CASES = 4;

/** The failing case and what broke, in a form that can be pasted into a fixture. */
function report(result: ReturnType<typeof runSlice>): string {
	return `seed ${result.seed}: ${result.message}\ncounterexample: ${JSON.stringify(result.counterexample)}`;
}

describe('fuzzing (fast slice)', () => {
	test(`${MAIL_AUTH_CASES} zones of SPF, DMARC, DKIM, TLS-RPT, MTA-STS and BIMI records keep every invariant`, () => {
		const stats = emptyStats();
		const result = runSlice(mailAuthCaseArb, SEED, MAIL_AUTH_CASES, stats);
		console.log(`mail authentication: ${result.numRuns} cases, ${stats.records} records`);
		assert.equal(result.failed, false, report(result));
	});

	test(`${GRAMMAR_CASES} cases from the zone grammar keep every invariant`, () => {
		const stats = emptyStats();
		const result = runSlice(grammarCaseArb, SEED, GRAMMAR_CASES, stats);
		console.log(
			`grammar: ${result.numRuns} cases, ${stats.records} records, ${stats.roundTripped} round-tripped, ${stats.fixesApplied} quick fixes applied`,
		);
		assert.equal(result.failed, false, report(result));
		assert.equal(result.numRuns, GRAMMAR_CASES);
	});

	test(`${MUTATION_CASES} mutations of the corpus keep every invariant`, requires('corpus'), () => {
		const corpus = loadCorpus();
		const stats = emptyStats();
		const result = runSlice(mutationCaseArb(corpus), SEED + 1, MUTATION_CASES, stats);
		console.log(
			`corpus mutations: ${result.numRuns} cases of ${corpus.length} files, ${stats.records} records, ${stats.roundTripped} round-tripped, ${stats.fixesApplied} quick fixes applied`,
		);
		assert.equal(result.failed, false, report(result));
		assert.equal(result.numRuns, MUTATION_CASES);
	});

	test('every saved regression fixture keeps every invariant', () => {
		for (const { file, fixture } of loadFixtures()) {
			assert.deepEqual(checkCase(fixture).failures, [], `${file} (saved for: ${fixture.failures.split('\n')[0]})`);
		}
	});
});

describe('fuzzing: the CLI and the server give identical diagnostics', () => {
	let client: LspTestClient;
	let dispose: () => void;
	let folder: string;

	before(async () => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-fuzz-')));
		({ client, dispose } = startInProcess());
		await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fuzz' }] });
	});

	after(async () => {
		await client.shutdown({ exit: false });
		dispose();
		fs.rmSync(folder, { recursive: true, force: true });
	});

	test(`${SERVER_CASES} cases through the CLI's report function and the server, ${SPAWNED_CASES} through the CLI process`, async () => {
		const corpus = loadCorpus();
		const cases: FuzzCase[] = fc.sample(grammarCaseArb, { seed: SEED + 2, numRuns: SERVER_CASES / 2 });
		if (corpus.length > 0) cases.push(...fc.sample(mutationCaseArb(corpus), { seed: SEED + 3, numRuns: SERVER_CASES / 2 }));
		const failures: string[] = [];
		for (const [i, fuzz] of cases.entries()) {
			const found = await compareCase(client, folder, fuzz, { spawn: i % Math.floor(cases.length / SPAWNED_CASES) === 0 });
			if (found.length > 0) failures.push(`case ${i} (${fuzz.source}): ${found.join('; ')}\n${JSON.stringify(fuzz.text).slice(0, 400)}`);
		}
		assert.deepEqual(failures, []);
	});
});
