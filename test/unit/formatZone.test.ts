import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { type FormatOptions, formatZone } from '../../core/src/edits/formatZone';

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
