/**
 * Corpus agreement: every zone of `../shared/corpus` that BIND named-checkzone, Knot kzonecheck and
 * ldns-read-zone all accept must get no error from us, and every zone all three reject must get at
 * least one. Prints the figures and the per-file disagreements; deliberate ones are explained in
 * `test/corpus-disagreements.md`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allThree, corpusRoot, type CorpusResult, describeProblem, readOracle, runCorpusFile } from '../helpers/corpus';
import { requires } from '../helpers/requires';

const ACCEPT_TARGET = 0.995;
const REJECT_TARGET = 0.95;

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : ((100 * part) / whole).toFixed(1) + '%');

test('corpus agreement with named-checkzone, kzonecheck and ldns-read-zone', requires('corpus'), () => {
	const root = corpusRoot();
	const rows = readOracle(root);
	const results: CorpusResult[] = rows.map((row) => runCorpusFile(root, row));

	const crashes = results.filter((r) => r.crash !== undefined);
	const accepted = results.filter((r) => allThree(r.row, 'ACCEPT'));
	const rejected = results.filter((r) => allThree(r.row, 'REJECT'));
	const falseErrors = accepted.filter((r) => r.errors.length > 0);
	const missed = rejected.filter((r) => r.errors.length === 0);
	const acceptAgree = accepted.length - falseErrors.length;
	const rejectAgree = rejected.length - missed.length;
	const slowest = results.reduce((a, b) => (b.milliseconds > a.milliseconds ? b : a), results[0]);

	const lines = [
		`corpus: ${results.length} files; slowest ${slowest.milliseconds.toFixed(1)} ms (${slowest.row.file}; informational: time is asserted only in test/perf, as ratios)`,
		`all three accept: ${acceptAgree}/${accepted.length} without an error (${percent(acceptAgree, accepted.length)}, target ${ACCEPT_TARGET * 100}%)`,
		`all three reject: ${rejectAgree}/${rejected.length} with an error (${percent(rejectAgree, rejected.length)}, target ${REJECT_TARGET * 100}%)`,
	];
	if (falseErrors.length > 0) {
		lines.push('errors on files all three accept:');
		for (const r of falseErrors) lines.push(`  ${r.row.file} ${describeProblem(root, r, r.errors[0])}`);
	}
	if (missed.length > 0) {
		lines.push('no error on files all three reject (BIND says):');
		for (const r of missed) lines.push(`  ${r.row.file}: ${r.row.namedMessage.slice(0, 110)}`);
	}
	for (const r of crashes) lines.push(`CRASH ${r.row.file}: ${r.crash}`);
	console.log(lines.join('\n'));

	assert.deepEqual(
		crashes.map((r) => r.row.file),
		[],
		'no file may make the analysis throw',
	);
	assert.ok(
		acceptAgree / accepted.length >= ACCEPT_TARGET,
		`accept agreement ${percent(acceptAgree, accepted.length)} is below ${ACCEPT_TARGET * 100}%`,
	);
	assert.ok(
		rejectAgree / rejected.length >= REJECT_TARGET,
		`reject agreement ${percent(rejectAgree, rejected.length)} is below ${REJECT_TARGET * 100}%`,
	);
});
