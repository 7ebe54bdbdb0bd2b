/**
 * A UTF-8 byte-order mark at the start of a zone file: its own token (the scanner stays lossless),
 * stepped over by the parser (the first line means what it says), one `byteOrderMark` error naming
 * it, and a safe fix that removes exactly it. U+FEFF anywhere else is an ordinary character.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeZone, TokenKind } from '../../core/src/index';
import { parseZone } from '../../core/src/syntax/parser';
import { scan } from '../../core/src/syntax/scanner';

const ZONE = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 192.0.2.1\n';

test('the mark is a token of its own; the text is kept byte for byte', () => {
	const tokens = scan('\ufeff' + ZONE);
	assert.equal(tokens.kind(0), TokenKind.ByteOrderMark);
	assert.equal(tokens.tokenText(0), '\ufeff');
	assert.equal(tokens.tokenText(1), '$ORIGIN');
	assert.equal(Array.from({ length: tokens.count }, (_, i) => tokens.tokenText(i)).join(''), '\ufeff' + ZONE);
	assert.equal(scan('\ufeff').count, 1);
});

test('the zone behind the mark is read as without it: one error, with a fix removing exactly the mark', () => {
	const withMark = analyzeZone('file:///z/db.example', '\ufeff' + ZONE);
	assert.deepEqual(
		withMark.problems.map((problem) => [problem.code, problem.severity, problem.start, problem.end]),
		[['byteOrderMark', 'error', 0, 1]],
	);
	assert.match(withMark.problems[0].message, /byte-order mark/);
	assert.equal(withMark.model.origin, 'example.com.');
	assert.equal(withMark.model.records.length, analyzeZone('file:///z/db.example', ZONE).model.records.length);
	const [fix] = withMark.problems[0].fixes ?? [];
	assert.equal(fix.title, 'Remove the byte-order mark');
	assert.equal(fix.safe, true);
	assert.deepEqual(fix.edits, [{ file: 0, start: 0, end: 1, newText: '' }]);
});

test('a blank first line after the mark still means "same owner"; a mark not at the start is no mark', () => {
	const [entry] = parseZone('\ufeff\tA 192.0.2.1\n').entries;
	assert.equal(entry.blankOwner, true);
	assert.equal(entry.lineStart, 1);
	const later = parseZone('www A 192.0.2.1\n\ufeffwww A 192.0.2.2\n');
	assert.deepEqual(later.problems, []);
	assert.equal(later.tokens.kind(later.tokens.tokenAt(16)), TokenKind.Word);
});
