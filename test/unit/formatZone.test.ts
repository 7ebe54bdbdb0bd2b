import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { FORMAT_ALIGNMENTS, type FormatOptions, formatZone } from '../../core/src/edits/formatZone';
import { generateZone } from '../bench/generateZone';
import { FIXTURES } from '../helpers/paths';

function format(text: string, options: Partial<FormatOptions> = {}): string {
	const { model } = analyzeZone('x', text, { origin: 'example.com.' });
	let result = text;
	for (const edit of formatZone(model, { align: 'ownerGroup', insertSpaces: true, tabSize: 4, ...options }).reverse()) {
		result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
	}
	return result;
}

test('an owner group lines up with spaces, a blank owner stays a blank', () => {
	assert.equal(format('www 300 IN A 192.0.2.1\n IN AAAA ::1\n'), 'www 300 IN A    192.0.2.1\n        IN AAAA ::1\n');
});

test('tabs pad to tab stops, counted from the end of each word', () => {
	assert.equal(format('www 300 A 192.0.2.1\n', { insertSpaces: false, tabSize: 4 }), 'www\t300\tA\t192.0.2.1\n');
	assert.equal(format('mail-host 60 A 192.0.2.1\n', { insertSpaces: false, tabSize: 4 }), 'mail-host\t60\tA\t192.0.2.1\n');
});

test('a head broken by a parenthesis, or an owner after one, is kept as written', () => {
	assert.equal(format('www   (  60 A 192.0.2.1 )\n'), 'www   (  60 A 192.0.2.1 )\n');
	assert.equal(format('( www   60   A 192.0.2.1 )\n'), '( www   60   A 192.0.2.1 )\n');
});

test('a range keeps the edits inside it only', () => {
	const text = 'a   60 A 192.0.2.1\nb   60 A 192.0.2.2\n';
	const { model } = analyzeZone('x', text, { origin: 'example.com.' });
	const edits = formatZone(model, { align: 'file', insertSpaces: true, tabSize: 4, range: { start: 19, end: text.length } });
	assert.deepEqual(edits, [{ file: 0, start: 20, end: 23, newText: ' ' }]);
});

/** Main-file offsets where lines start, and one past the end. */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
	return starts;
}

/** Offset of the first character from `offset` on that is not a blank. */
function firstWordFrom(text: string, offset: number): number {
	let at = offset;
	while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
	return at;
}

test('Format Selection gives the whole-document edits that lie inside the range, for every fixture, alignment and range', () => {
	const zones = fs
		.readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.zone'))
		.map((file) => path.join(FIXTURES, file));
	assert.ok(zones.length > 50, 'the fixtures are found');
	const resolveInclude = (file: string, from: string): { id: string; text: string } | { error: string } => {
		const id = path.resolve(path.dirname(from), file);
		return fs.existsSync(id) ? { id, text: fs.readFileSync(id, 'utf8') } : { error: 'missing' };
	};
	const inputs = zones.map((file) => [file, fs.readFileSync(file, 'utf8')] as const);
	inputs.push(['generated', generateZone({ records: 400 })]);
	let ranges = 0;
	for (const [file, text] of inputs) {
		const { model } = analyzeZone(file, text, { resolveInclude });
		const starts = lineStarts(text);
		for (const align of FORMAT_ALIGNMENTS) {
			const options: FormatOptions = { align, insertSpaces: false, tabSize: 8 };
			const whole = formatZone(model, options);
			// Whole lines (one, and three from each line), and ranges that start or end inside a word or a gap.
			for (let line = 0; line < starts.length; line++) {
				const start = starts[line];
				const candidates = [
					{ start, end: starts[Math.min(line + 1, starts.length - 1)] },
					{ start, end: starts[Math.min(line + 3, starts.length - 1)] },
					{ start: Math.min(start + 2, text.length), end: Math.min(start + 9, text.length) },
					// Up to the first word of the next line: a blank-owner line's leading blanks end there.
					{ start, end: firstWordFrom(text, starts[Math.min(line + 1, starts.length - 1)]) },
				];
				for (const range of candidates) {
					const inside = whole.filter((edit) => edit.start >= range.start && edit.end <= range.end);
					assert.deepEqual(formatZone(model, { ...options, range }), inside, `${file} ${align} [${range.start}, ${range.end})`);
					ranges++;
				}
			}
		}
	}
	assert.ok(ranges > 1000);
});
