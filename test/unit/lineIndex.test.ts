import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../core/src/syntax/lineIndex';

/** Positions the obvious way: line starts from a regex over `\r\n`, `\r` and `\n`, then the last start at or before the offset. */
function naivePosition(text: string, offset: number): { line: number; character: number } {
	const starts = [0, ...Array.from(text.matchAll(/\r\n|\r|\n/g), (match) => match.index + match[0].length)];
	let line = 0;
	while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
	return { line, character: offset - starts[line] };
}

describe('LineIndex', () => {
	test('maps every offset like a walk over the text, for LF, CRLF, lone CR and mixed line ends', () => {
		const samples = ['', 'a', '\n', '\r', '\r\n', 'a\nb', 'a\r\nb\r\n', 'a\rb\rc', '\r\r\n\n\r', 'x\n\ry\r\n\nz', 'é\u{1F600}\nb'];
		for (const text of samples) {
			const lines = new LineIndex(text);
			for (let offset = 0; offset <= text.length; offset++) {
				assert.deepEqual(lines.positionAt(offset), naivePosition(text, offset), `${JSON.stringify(text)} at ${offset}`);
			}
		}
	});

	test('counts lines and maps positions back to offsets, clamped to the line', () => {
		const lines = new LineIndex('ab\r\ncd\ref\n');
		assert.equal(lines.lineCount, 4);
		assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
		assert.equal(lines.offsetAt({ line: 2, character: 9 }), 10);
		assert.equal(lines.offsetAt({ line: 9, character: 0 }), 10);
		assert.deepEqual(lines.positionAt(-3), { line: 0, character: 0 });
		assert.deepEqual(lines.positionAt(99), { line: 3, character: 0 });
	});

	test('a large file keeps its line starts in a typed array', () => {
		const text = 'www IN A 192.0.2.1\n'.repeat(50_000);
		const lines = new LineIndex(text);
		assert.equal(lines.lineCount, 50_001);
		assert.deepEqual(lines.positionAt(text.length - 1), { line: 49_999, character: 18 });
	});
});
