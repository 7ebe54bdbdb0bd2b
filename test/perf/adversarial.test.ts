/**
 * Adversarial inputs (issue 5) against the core alone: 10 MB lines, 10 MB of broken lines, deep
 * parentheses, unterminated strings, NUL bytes and invalid UTF-8, huge $GENERATE ranges, long names.
 * Each gives clear diagnostics or a clear refusal naming the limit, and keeps memory within a small
 * multiple of the input (measured after a full GC). In the perf tier because the inputs are large
 * (several seconds, hundreds of MB transient) and the memory figures want the process to themselves;
 * the CLI and server sides of the same inputs are in test/integration/adversarial.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeZone, type ZoneAnalysis } from '../../core/src/analysis';
import { MAX_MESSAGE_LENGTH, MAX_PROBLEMS_PER_FILE } from '../../core/src/limits';
import { type CheckArguments, parseCheckArguments } from '../../cli/src/checkArguments';
import { checkText } from '../../cli/src/check';
import { checkFile } from '../../cli/src/checkFile';
import { MB, usedBytes } from '../helpers/memory';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';
const URI = 'file:///zones/example.com.zone';

/**
 * Analyses `text` and checks the bounds every adversarial input must keep: memory (relative to the
 * input), the number and length of messages, the spans. No time is asserted: a refusal that
 * expanded or scanned what it refuses shows in the memory bound, and speed is `npm run bench`'s.
 */
function analyseBounded(text: string, limits: { generatedRecords?: number } = {}): ZoneAnalysis {
	const baseline = usedBytes();
	const analysis = analyzeZone(URI, text);
	const retained = usedBytes() - baseline;
	// What the analysis keeps is a small multiple of the text (tokens, entries, records), never more;
	// a $GENERATE record costs about as much as a written one.
	const bound = 8 * text.length + 400 * (limits.generatedRecords ?? 0) + 32 * MB;
	assert.ok(retained < bound, `the analysis of ${text.length} characters keeps ${(retained / MB).toFixed(0)} MB`);
	assert.ok(analysis.problems.length <= MAX_PROBLEMS_PER_FILE + 1, `${analysis.problems.length} problems`);
	for (const problem of analysis.problems) {
		assert.ok(problem.message.length <= MAX_MESSAGE_LENGTH + 60, `${problem.code}: a message of ${problem.message.length} characters`);
		assert.ok(
			problem.start >= 0 && problem.end <= text.length && problem.start < problem.end,
			`${problem.code}: span ${problem.start}-${problem.end}`,
		);
	}
	return analysis;
}

const codes = (analysis: ZoneAnalysis): string[] => [...new Set(analysis.problems.map((p) => p.code))];

describe('adversarial inputs: the core', () => {
	test('a 10 MB single line: one word, many strings, bad strings, stray parentheses', () => {
		const word = analyseBounded('a'.repeat(10 * MB));
		assert.deepEqual(codes(word), ['originUnknown', 'labelTooLong', 'missingType']);
		// 60,000 strings fit 65535 octets of RDATA; a line of a million cannot, and is refused as a whole.
		const fits = analyseBounded(HEAD + 'www TXT ' + '"" '.repeat(60000) + '\n');
		assert.deepEqual(codes(fits), []);
		const strings = analyseBounded(HEAD + 'www TXT ' + '"abcd" '.repeat(Math.floor((10 * MB) / 7)) + '\n');
		assert.deepEqual(codes(strings), ['rdataTooLong']);
		const bad = analyseBounded(HEAD + 'www TXT ' + '"\\256" '.repeat(Math.floor((10 * MB) / 7)) + '\n');
		assert.deepEqual(codes(bad), ['rdataTooLong']);
		const parentheses = analyseBounded(HEAD + 'www A 192.0.2.1 ' + ')'.repeat(10 * MB) + '\n');
		assert.deepEqual(codes(parentheses), ['unbalancedParenthesis']);
	});

	test('10 MB of broken lines: the first 10,000 problems, then their count', () => {
		const analysis = analyseBounded(HEAD + ')\n'.repeat(5 * MB));
		assert.equal(analysis.problems.length, MAX_PROBLEMS_PER_FILE + 1);
		const last = analysis.problems.at(-1)!;
		assert.equal(last.code, 'tooManyProblems');
		assert.equal(last.severity, 'error');
		assert.match(last.message, /^Zone Sentinel reports the first 10000 problems of a file; \d+ more were found/);
	});

	test('100,000 open parentheses: one unbalanced parenthesis, at the first', () => {
		const text = HEAD + 'www TXT ' + '('.repeat(100_000) + ' "x"\nmail A 192.0.2.1\n';
		const analysis = analyseBounded(text);
		const unbalanced = analysis.problems.filter((p) => p.code === 'unbalancedParenthesis');
		assert.equal(unbalanced.length, 1);
		assert.equal(unbalanced[0].start, text.indexOf('('));
	});

	test('a quoted string that never ends: reported at its quote, and the next lines are read as usual', () => {
		const text = HEAD + 'www TXT "' + 'x'.repeat(MB) + '\nmail A 192.0.2.1\n';
		const analysis = analyseBounded(text);
		assert.deepEqual(codes(analysis), ['unterminatedString']);
		assert.equal(analysis.problems[0].start, text.indexOf('"'));
		assert.deepEqual(analysis.model.records.map((r) => r.owner).slice(3), ['mail.example.com.']);
	});

	test('a file of only backslashes', () => {
		for (const count of [MB, MB + 1]) {
			const analysis = analyseBounded('\\'.repeat(count));
			assert.ok(codes(analysis).includes('missingType'), codes(analysis).join(' '));
		}
	});

	test('NUL bytes and invalid UTF-8 (read as the CLI and the editor read them: U+FFFD)', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-bytes-'));
		try {
			const file = path.join(folder, 'example.com.zone');
			const bytes = Buffer.concat([
				Buffer.from(HEAD),
				Buffer.from([0x00, 0x77, 0xff, 0xfe, 0x20, 0x41, 0x20, 0xc0, 0x80, 0x0a]),
				Buffer.from('mail\u0000 A 192.0.2.1\n'),
				Buffer.from([0xe2, 0x82]),
			]);
			fs.writeFileSync(file, bytes);
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(text.includes('\ufffd') && text.includes('\u0000'));
			const [report] = checkText(file, text, parseCheckArguments([file]) as CheckArguments);
			assert.ok(report.diagnostics.length > 0);
			const lines = text.split(/\r\n|\r|\n/);
			for (const d of report.diagnostics) {
				assert.ok(
					d.range.end.line < lines.length && d.range.end.character <= lines[d.range.end.line].length,
					`${d.code} at ${JSON.stringify(d.range)}`,
				);
			}
			analyseBounded(text);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('a 1-million-record $GENERATE is refused, naming the limit; so is a zone past 262,144 generated records', () => {
		const one = analyseBounded(HEAD + '$GENERATE 1-1000000 host-$ A 192.0.2.1\n');
		assert.match(
			one.problems.find((p) => p.code === 'generateTooLarge')?.message ?? '',
			/makes 1000000 records; Zone Sentinel expands at most 65536 per directive/,
		);
		const directives = Array.from({ length: 5 }, (_, i) => `$GENERATE 1-65536 h${i}-$ A 192.0.2.1\n`).join('');
		const five = analyseBounded(HEAD + directives, { generatedRecords: 4 * 65536 });
		const refused = five.problems.filter((p) => p.code === 'generateTooLarge');
		assert.equal(refused.length, 1);
		assert.match(refused[0].message, /at most 262144 in all \(0 left\)/);
		assert.equal(five.model.records.length, 3 + 4 * 65536);
	});

	test("the CLI's check expands what BIND expands: one $GENERATE of 1,048,576 records", () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-generate-'));
		try {
			const file = path.join(folder, 'example.com.zone');
			fs.writeFileSync(file, HEAD + '$GENERATE 1-1048576 host-$ A 192.0.2.1\n');
			const { analysis, reports } = checkFile(file, fs.readFileSync(file, 'utf8'), parseCheckArguments([file]) as CheckArguments);
			assert.equal(analysis.model.records.length, 3 + 1_048_576);
			assert.deepEqual(reports[0].diagnostics, []);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('a name of 300 labels, as owner and in RDATA', () => {
		const name = 'a.'.repeat(300);
		const analysis = analyseBounded(HEAD + `${name} A 192.0.2.1\nwww CNAME ${name}\n`);
		assert.equal(analysis.problems.filter((p) => p.code === 'nameTooLong').length, 2);
		assert.equal(analysis.model.records.length, 3);
	});
});
