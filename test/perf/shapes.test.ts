/**
 * Linear time on the adversarial shapes of issue 12 (test/bench/adversarialShapes.ts): each zone is
 * written at size n and 2n, and the CLI's check of the file (read, `$INCLUDE`s, analysis, reports)
 * at 2n may take at most 2.6× the time at n, best of three each, in one run. No absolute time is
 * asserted; `npm run bench` prints those, beside kzonecheck and named-checkzone. Each size is chosen
 * so that one check of the small zone takes 100–300 ms on an idle 2-core machine (the whole file:
 * about 20 s).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { type CheckArguments, parseCheckArguments } from '../../cli/src/checkArguments';
import { checkZoneFile } from '../../cli/src/checkFile';
import { CliConfigs } from '../../cli/src/configFile';
import { SHAPES } from '../bench/adversarialShapes';
import { assertDoublesLinearly } from '../helpers/linearity';

/** The small size of each shape; the large one is twice as big. */
const SIZES: Readonly<Record<string, number>> = {
	mxOneOwner: 6000,
	mxManyOwners: 6000,
	recordsOneOwner: 50_000,
	manyOwners: 50_000,
	generated: 30_000,
	includes: 2000,
	findingEveryOwner: 8000,
};

/** The shapes named (and Knot) refuse: more records at one owner than one RRset holds ("ran out of space"). */
const ONE_HUGE_RRSET = new Set(['mxOneOwner', 'recordsOneOwner']);

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-shapes-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Writes the shape at size n into a folder of its own; a check of the main file as the CLI runs it. */
function checkOf(shapeId: string, n: number): () => void {
	const shape = SHAPES.find((s) => s.id === shapeId)!;
	const directory = path.join(folder, `${shapeId}-${n}`);
	fs.mkdirSync(directory);
	const file = shape.write(directory, n);
	const args = parseCheckArguments([file]) as CheckArguments;
	return () => {
		const outcome = checkZoneFile(file, true, args, new CliConfigs());
		assert.ok(outcome.checked, `${shapeId} at ${n} was not checked`);
	};
}

test('the shapes with one huge RRset get one rrsetTooLarge each, as named and Knot refuse them; the others none', () => {
	for (const shape of SHAPES) {
		const directory = path.join(folder, `${shape.id}-findings`);
		fs.mkdirSync(directory);
		const file = shape.write(directory, SIZES[shape.id]);
		const outcome = checkZoneFile(file, true, parseCheckArguments([file]) as CheckArguments, new CliConfigs());
		const found = outcome.reports.flatMap((report) => report.diagnostics).filter((d) => d.code === 'rrsetTooLarge');
		assert.equal(found.length, ONE_HUGE_RRSET.has(shape.id) ? 1 : 0, shape.id);
	}
});

describe('linear time on the adversarial shapes (twice the zone, at most 2.6× the time)', () => {
	test('every shape has a size', () => {
		assert.deepEqual(
			SHAPES.map((shape) => shape.id),
			Object.keys(SIZES),
		);
	});

	for (const shape of SHAPES) {
		test(shape.title(SIZES[shape.id]), () => {
			const n = SIZES[shape.id];
			assertDoublesLinearly(shape.id, checkOf(shape.id, n), checkOf(shape.id, 2 * n));
		});
	}
});
