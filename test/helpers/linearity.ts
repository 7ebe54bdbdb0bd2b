/**
 * Linear time, checked as a ratio within one run (test/perf): the same shape at size n and at 4n must
 * take at most RATIO times as long (linear is 4×, quadratic 16×). No absolute time is asserted:
 * the only clock-dependent step is choosing n so that the small input is long enough to measure.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Generous: linear is 4, quadratic 16; a loaded machine (CI, shared cores) gets room in between. */
export const RATIO = 10;
/** The small input is grown until one run of it takes at least this long, so that timer noise is small against it. */
const MEASURABLE_MS = 20;
const MAX_GROWTH = 64;

/** A full garbage collection, as `--expose-gc` would give it (node --test has no flag for the test files). */
const collectGarbage = ((): (() => void) => {
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc') as () => void;
})();

function milliseconds(run: () => void): number {
	// The garbage of the runs before is collected first, not during this one: else the bigger input's
	// run pays for the smaller one's and a linear shape measures superlinear (seen at 2.7–3.2× for 2×).
	collectGarbage();
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Milliseconds of the best of three runs. */
function best(run: () => void): number {
	let fastest = Infinity;
	for (let i = 0; i < 3; i++) fastest = Math.min(fastest, milliseconds(run));
	return fastest;
}

/**
 * Asserts that `work` on `make(4n)` takes under RATIO × the time of `make(n)`, starting from `n` and
 * doubling it while the small input is too quick to measure. A failing ratio is measured twice more
 * before it fails (a GC pause or a busy machine is not a finding).
 */
export function assertLinear(name: string, make: (n: number) => string, n: number, work: (text: string) => void): void {
	let size = n;
	while (size < n * MAX_GROWTH && best(() => work(make(size))) < MEASURABLE_MS) size *= 2;
	const small = make(size);
	const large = make(4 * size);
	const ratios: string[] = [];
	for (let attempt = 0; attempt < 3; attempt++) {
		const t1 = best(() => work(small));
		const t4 = best(() => work(large));
		if (t4 < RATIO * t1) return;
		ratios.push(`${(t4 / t1).toFixed(1)}× (${t1.toFixed(1)} ms, ${t4.toFixed(1)} ms)`);
	}
	assert.fail(`${name}: ${large.length} characters take more than ${RATIO}× the time of ${small.length}: ${ratios.join(', ')}`);
}

/** Doubling the input may at most multiply the time by this (linear is 2, quadratic 4): issue 12's bound. */
export const DOUBLING_RATIO = 2.6;

/**
 * Asserts that `large` (the same shape at twice the size of `small`) takes at most DOUBLING_RATIO ×
 * the time of `small`, each the best of three runs, interleaved. As in {@link assertLinear}, a
 * failing ratio is measured twice more before it fails.
 */
export function assertDoublesLinearly(name: string, small: () => void, large: () => void): void {
	const ratios: string[] = [];
	for (let attempt = 0; attempt < 3; attempt++) {
		let t1 = Infinity;
		let t2 = Infinity;
		for (let run = 0; run < 3; run++) {
			t1 = Math.min(t1, milliseconds(small));
			t2 = Math.min(t2, milliseconds(large));
		}
		if (t2 <= DOUBLING_RATIO * t1) return;
		ratios.push(`${(t2 / t1).toFixed(2)}× (${t1.toFixed(0)} ms, ${t2.toFixed(0)} ms)`);
	}
	assert.fail(`${name}: twice the input takes more than ${DOUBLING_RATIO}× the time: ${ratios.join(', ')}`);
}
