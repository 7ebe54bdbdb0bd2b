/**
 * Linear time on fuzz cases: fixed-seed cases from the zone grammar, each repeated to about 32 KB
 * and to four times that, must take at most about four times as long (`checkScaling`, a ratio
 * within one run; a quadratic rule takes sixteen). The invariants of the same cases are checked,
 * without any time, in test/fuzz/fuzz.test.ts.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkScaling } from '../fuzz/invariants';
import { grammarCaseArb } from '../fuzz/zoneGrammar';

const SEED = 20261129;
const CASES = 40;

test(`${CASES} cases from the zone grammar take linear time`, () => {
	const failures: string[] = [];
	for (const [i, fuzz] of fc.sample(grammarCaseArb, { seed: SEED, numRuns: CASES }).entries()) {
		const failure = checkScaling(fuzz);
		if (failure) failures.push(`case ${i}: ${failure}\n${JSON.stringify(fuzz.text).slice(0, 400)}`);
	}
	assert.deepEqual(failures, []);
});
