/**
 * The step-wise analysis (analyzeZoneInSteps) must find exactly what the one-shot analysis finds,
 * over every zone of test/fixtures, and must really stop between steps.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeZone, analyzeZoneInSteps } from '../../core/src/index';

function zoneFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return zoneFiles(full);
		return /\.(zone|db)$/.test(entry.name) ? [full] : [];
	});
}

const comparable = (problems: readonly object[]): string => JSON.stringify(problems);

test('the step-wise analysis finds what the one-shot analysis finds, for every fixture zone', () => {
	const files = zoneFiles(path.join(process.cwd(), 'test', 'fixtures'));
	assert.ok(files.length > 20, `only ${files.length} fixture zones found`);
	for (const file of files) {
		const text = fs.readFileSync(file, 'utf8');
		const oneShot = analyzeZone(file, text, { fileName: file });
		const steps = analyzeZoneInSteps(file, text, { fileName: file });
		let stops = 0;
		let step = steps.next();
		while (!step.done) {
			stops++;
			step = steps.next();
		}
		assert.equal(comparable(step.value.problems), comparable(oneShot.problems), file);
		assert.equal(step.value.model.records.length, oneShot.model.records.length, file);
		// One stop after the model, one after each rule that runs.
		if (text.length > 0) assert.ok(stops >= 2, `${file}: ${stops} stops`);
	}
});
