/**
 * Shared by the fixed-seed slice in `npm test` (test/fuzz/fuzz.test.ts), the linear-time checks of
 * test/perf/fuzzScaling.test.ts and the long run (`npm run fuzz`, test/fuzz/run.ts): the fast-check properties, and the regression fixtures that failing cases
 * are saved as (test/fixtures/fuzz/*.json, replayed by every `npm test`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { FIXTURES } from '../helpers/paths';
import { mutationCaseArb, loadCorpus } from './corpusMutations';
import { type CaseResult, checkCase, checkScaling } from './invariants';
import { type FuzzCase, grammarCaseArb } from './zoneGrammar';

export const FUZZ_FIXTURES = path.join(FIXTURES, 'fuzz');

/** Running totals of a fuzz run, for the report. */
export interface FuzzStats {
	cases: number;
	records: number;
	problems: number;
	roundTripped: number;
	fixesApplied: number;
	slowestMs: number;
	scalingChecks: number;
}

export function emptyStats(): FuzzStats {
	return { cases: 0, records: 0, problems: 0, roundTripped: 0, fixesApplied: 0, slowestMs: 0, scalingChecks: 0 };
}

function add(stats: FuzzStats, result: CaseResult): void {
	stats.cases++;
	stats.records += result.records;
	stats.problems += result.problems;
	stats.roundTripped += result.roundTripped;
	stats.fixesApplied += result.fixesApplied;
	stats.slowestMs = Math.max(stats.slowestMs, result.milliseconds);
}

/** One case in this many is also checked for linear time (see `checkScaling`). */
export const SCALING_EVERY = 50;

/** What a run checks besides the invariants. */
export interface SliceOptions {
	/** Stop after this long (the long run); a fixed-seed test runs all its cases. */
	readonly timeLimitMs?: number;
	/**
	 * Time checks: each analysis within its budget, and every {@link SCALING_EVERY}th case linear in
	 * time. Only the long run sets it; tests never assert on wall-clock time.
	 */
	readonly timing?: boolean;
}

/**
 * Checks one case and throws when an invariant is broken (the shape fast-check expects). With
 * `timing`, every {@link SCALING_EVERY}th case of a run (counted in `stats`) is also checked for linear time.
 */
export function assertCase(fuzz: FuzzCase, stats?: FuzzStats, options: SliceOptions = {}): void {
	const result = checkCase(fuzz, { timing: options.timing });
	if (stats) add(stats, result);
	const failures = [...result.failures];
	if (options.timing === true && stats && stats.cases % SCALING_EVERY === 0) {
		stats.scalingChecks++;
		const scaling = checkScaling(fuzz);
		if (scaling) failures.push(scaling);
	}
	if (failures.length > 0) throw new Error(failures.join('\n'));
}

/** The arbitraries by name: the grammar, and mutations of the corpus (when it is there). */
export function arbitraries(): { name: string; arbitrary: fc.Arbitrary<FuzzCase> }[] {
	const corpus = loadCorpus();
	const list = [{ name: 'grammar', arbitrary: grammarCaseArb }];
	if (corpus.length > 0) list.push({ name: 'corpus', arbitrary: mutationCaseArb(corpus) });
	return list;
}

export interface SliceResult {
	readonly numRuns: number;
	readonly failed: boolean;
	readonly counterexample?: FuzzCase;
	readonly message?: string;
	readonly seed: number;
}

/** Runs `numRuns` cases of one arbitrary with a seed (reproducible), shrinking a failure. */
export function runSlice(
	arbitrary: fc.Arbitrary<FuzzCase>,
	seed: number,
	numRuns: number,
	stats: FuzzStats,
	options: SliceOptions = {},
): SliceResult {
	const { timeLimitMs } = options;
	const details = fc.check(
		fc.property(arbitrary, (fuzz) => assertCase(fuzz, stats, options)),
		{ seed, numRuns, ...(timeLimitMs !== undefined ? { interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false } : {}) },
	);
	const counterexample = details.counterexample?.[0];
	const message =
		details.errorInstance instanceof Error
			? details.errorInstance.message
			: details.errorInstance === undefined
				? undefined
				: String(details.errorInstance);
	return { numRuns: details.numRuns, failed: details.failed, counterexample, message, seed };
}

export interface Fixture extends FuzzCase {
	/** What failed when it was saved. */
	readonly failures: string;
}

/** Saves a failing case as a regression fixture; returns its path. The name is a hash of the input. */
export function saveFixture(fuzz: FuzzCase, failures: string): string {
	fs.mkdirSync(FUZZ_FIXTURES, { recursive: true });
	const hash = createHash('sha256')
		.update(JSON.stringify([fuzz.text, fuzz.includes]))
		.digest('hex')
		.slice(0, 12);
	const file = path.join(FUZZ_FIXTURES, `${fuzz.source.split(':')[0]}-${hash}.json`);
	const fixture: Fixture = { source: fuzz.source, failures: failures.slice(0, 2000), text: fuzz.text, includes: fuzz.includes };
	fs.writeFileSync(file, JSON.stringify(fixture, null, '\t') + '\n');
	return file;
}

/** Every saved fixture, by file name. */
export function loadFixtures(): { file: string; fixture: Fixture }[] {
	if (!fs.existsSync(FUZZ_FIXTURES)) return [];
	return fs
		.readdirSync(FUZZ_FIXTURES)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: name, fixture: JSON.parse(fs.readFileSync(path.join(FUZZ_FIXTURES, name), 'utf8')) as Fixture }));
}
