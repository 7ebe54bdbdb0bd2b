/**
 * The step-wise analysis (analyzeZoneInSteps) must find exactly what the one-shot analysis finds,
 * over every zone of test/fixtures, and must really stop between steps.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeZone, analyzeZoneInSteps } from '../../core/src/index';
import {
	type MailAuthRecords,
	mailAuthRecords,
	mailAuthRecordsInSteps,
	RECORDS_PER_STEP,
} from '../../core/src/model/mail/auth/authRecords';
import { buildZoneModel, buildZoneModelInSteps, ENTRIES_PER_STEP } from '../../core/src/model/lower';
import { parseZone, parseZoneInSteps } from '../../core/src/syntax/parser';
import { CHARACTERS_PER_STEP } from '../../core/src/syntax/scanner';
import { generateZone } from '../bench/generateZone';

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

test('a big zone is lowered in slices: the step-wise analysis pauses every ENTRIES_PER_STEP entries and still finds the same', () => {
	const text = generateZone({ records: 20_000 });
	const entries = parseZone(text).entries.length;
	const oneShot = analyzeZone('big.zone', text);
	const steps = analyzeZoneInSteps('big.zone', text);
	let stops = 0;
	let step = steps.next();
	while (!step.done) {
		stops++;
		step = steps.next();
	}
	assert.equal(comparable(step.value.problems), comparable(oneShot.problems));
	assert.equal(step.value.model.records.length, oneShot.model.records.length);
	// The model: every CHARACTERS_PER_STEP characters scanned, after parsing, then every ENTRIES_PER_STEP entries; then the analysis stops after it and after each rule.
	const loweringStops = Math.floor(entries / ENTRIES_PER_STEP);
	assert.ok(loweringStops >= 4, `only ${entries} entries`);
	const scanStops = Math.ceil(text.length / CHARACTERS_PER_STEP) - 1;
	assert.ok(scanStops >= 2, `only ${text.length} characters`);
	const modelStops = [...stepsOf(buildZoneModelInSteps('big.zone', text))].length;
	assert.equal(modelStops, scanStops + 1 + loweringStops);
	assert.ok(stops >= modelStops + 1 + 10, `${stops} stops for ${entries} entries`);
});

test('a model with an earlier version to compare is built in slices too, and finds what the one-shot analysis finds', () => {
	const text = generateZone({ records: 20_000 });
	const options = {
		ruleLevels: { serialNotIncremented: 'warning' as const },
		previousVersion: { revision: 'HEAD', text: text.replace(/\d+(\s*; serial)/, '1$1') },
	};
	const oneShot = analyzeZone('big.zone', text, options);
	const withPrevious = [...stepsOf(analyzeZoneInSteps('big.zone', text, options))].length;
	const without = [...stepsOf(analyzeZoneInSteps('big.zone', text))].length;
	assert.ok(withPrevious >= without + Math.floor(parseZone(text).entries.length / ENTRIES_PER_STEP), `${withPrevious} vs ${without}`);
	const steps = analyzeZoneInSteps('big.zone', text, options);
	let step = steps.next();
	while (!step.done) step = steps.next();
	assert.equal(comparable(step.value.problems), comparable(oneShot.problems));
	assert.ok(step.value.model.previousVersion);
});

/** The pauses of a step-wise run, as an iterable (its returned value is dropped). */
function* stepsOf(steps: Generator<void, unknown, void>): Generator<void> {
	while (!steps.next().done) yield;
}

test('the step-wise parse gives the same tokens, entries and problems as the one-shot parse', () => {
	const texts = [
		generateZone({ records: 20_000 }),
		'\ufeff$ORIGIN example.\n@ SOA ns h 1 2 3 4 5\n' + 'x'.repeat(CHARACTERS_PER_STEP + 7) + ' A 192.0.2.1\n"unterminated\n(',
		'',
	];
	for (const text of texts) {
		const oneShot = parseZone(text);
		const steps = parseZoneInSteps(text);
		let step = steps.next();
		while (!step.done) step = steps.next();
		const syntax = step.value;
		assert.deepEqual(
			[...syntax.tokens.kinds.subarray(0, syntax.tokens.count)],
			[...oneShot.tokens.kinds.subarray(0, oneShot.tokens.count)],
		);
		assert.deepEqual(
			[...syntax.tokens.starts.subarray(0, syntax.tokens.count + 1)],
			[...oneShot.tokens.starts.subarray(0, oneShot.tokens.count + 1)],
		);
		assert.deepEqual(syntax.tokens.errors, oneShot.tokens.errors);
		assert.deepEqual([...syntax.entries], [...oneShot.entries]);
		assert.deepEqual(syntax.problems, oneShot.problems);
	}
});

test('the mail-authentication records are read in steps too, and are the ones read at once', () => {
	const text = generateZone({ records: 20_000 });
	const atOnce = mailAuthRecords(buildZoneModel('big.zone', text));
	const model = buildZoneModel('big.zone', text);
	const steps = mailAuthRecordsInSteps(model);
	let stops = 0;
	let step = steps.next();
	while (!step.done) {
		stops++;
		step = steps.next();
	}
	assert.equal(stops, Math.floor(model.records.length / RECORDS_PER_STEP));
	assert.ok(stops >= 4, `${stops} stops`);
	assert.ok(atOnce.spf.size > 100 && atOnce.dmarc.size > 10, 'the generated zone has SPF and DMARC records');
	assert.equal(JSON.stringify(toObject(step.value)), JSON.stringify(toObject(atOnce)));
	// Found once per model: asking again takes no step and gives the same object.
	assert.equal(mailAuthRecords(model), step.value);
	assert.equal(mailAuthRecordsInSteps(model).next().value, step.value);
});

/** The records' owners and how many of each kind each has, with their texts: what two of them are compared by. */
function toObject(records: MailAuthRecords): Record<string, object> {
	const textOf = (value: unknown): string => (value as { txt?: { text?: string } }).txt?.text ?? '';
	return Object.fromEntries(
		Object.entries(records).map(([kind, map]) => [
			kind,
			[...(map as Map<string, unknown[]>)].map(([owner, list]) => [owner, list.map(textOf)]),
		]),
	);
}
