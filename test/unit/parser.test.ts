import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { debugDump } from '../../core/src/syntax/debugDump';
import { MAX_SYNTAX_PROBLEMS, parseZone } from '../../core/src/syntax/parser';
import { scan, TokenKind } from '../../core/src/syntax/scanner';
import { assertGolden } from '../helpers/golden';
import { FIXTURES } from '../helpers/paths';

const PARSER_FIXTURES = path.join(FIXTURES, 'parser');

function tokensOf(text: string): string[] {
	const tokens = scan(text);
	return Array.from({ length: tokens.count }, (_, i) => tokens.tokenText(i));
}

describe('scanner', () => {
	test('is lossless on every fixture and on awkward text', () => {
		const samples = fs
			.readdirSync(PARSER_FIXTURES)
			.filter((f) => f.endsWith('.zone'))
			.map((f) => fs.readFileSync(path.join(PARSER_FIXTURES, f), 'utf8'));
		samples.push('', '\\', '"', '\r', '\r\r\n\n', 'a\\', '"\\', 'x "unterminated\n y', '(((', ')))', '\u0000\uFFFD\t;');
		for (const text of samples) assert.equal(tokensOf(text).join(''), text);
	});

	test('keeps escaped blanks, semicolons and parentheses inside a word', () => {
		assert.deepEqual(tokensOf('a\\ b\\;c\\(d x'), ['a\\ b\\;c\\(d', ' ', 'x']);
	});

	test('a quoted string may hold ; and ( and an escaped quote', () => {
		const tokens = scan('"a ; ( \\" b" c');
		assert.equal(tokens.kind(0), TokenKind.Quoted);
		assert.equal(tokens.tokenText(0), '"a ; ( \\" b"');
	});

	test('an unterminated quoted string stops at the line end and is reported', () => {
		const tokens = scan('"abc\nnext');
		assert.equal(tokens.tokenText(0), '"abc');
		assert.deepEqual(
			tokens.errors.map((e) => [e.code, e.start, e.end]),
			[['unterminatedString', 0, 4]],
		);
	});

	test('CRLF and lone CR are single newline tokens', () => {
		assert.deepEqual(tokensOf('a\r\nb\rc\n'), ['a', '\r\n', 'b', '\r', 'c', '\n']);
	});
});

describe('parser', () => {
	for (const file of fs.readdirSync(PARSER_FIXTURES).filter((f) => f.endsWith('.zone'))) {
		test(`golden: ${file}`, () => {
			const text = fs.readFileSync(path.join(PARSER_FIXTURES, file), 'utf8');
			assertGolden(path.join(PARSER_FIXTURES, file.replace(/\.zone$/, '.tree.txt')), debugDump(parseZone(text)));
		});
	}

	test('parentheses join physical lines into one entry', () => {
		const { entries, tokens } = parseZone('@ SOA a b (\n 1 2\n 3 4 5 ) ; c\nx A 1.2.3.4\n');
		assert.equal(entries.length, 2);
		assert.deepEqual(
			Array.from(entries.get(0).fields, (t) => tokens.tokenText(t)),
			['@', 'SOA', 'a', 'b', '1', '2', '3', '4', '5'],
		);
	});

	test('a leading blank marks an inherited owner; comment-only lines are not entries', () => {
		const { entries } = parseZone('a A 1.2.3.4\n   ; just a comment\n\t A 1.2.3.5\n');
		assert.deepEqual(
			[...entries].map((e) => e.blankOwner),
			[false, true],
		);
	});

	test('never throws on hostile input', () => {
		for (const text of ['('.repeat(10000), ')'.repeat(100), '\\'.repeat(1001), '"'.repeat(7), '$', '$INCLUDE', '\u0000\u0001']) {
			assert.doesNotThrow(() => parseZone(text));
		}
	});
});

describe('parser problem limit', () => {
	test('keeps scanner problems first, then the byte-order mark, then the entries’ problems, up to the limit', () => {
		const text = '\ufeff' + '"a\n'.repeat(MAX_SYNTAX_PROBLEMS - 10) + 'x )\n'.repeat(20) + '(\n';
		const { problems } = parseZone(text);
		assert.equal(problems.length, MAX_SYNTAX_PROBLEMS);
		assert.equal(problems[MAX_SYNTAX_PROBLEMS - 11].code, 'unterminatedString');
		assert.equal(problems[MAX_SYNTAX_PROBLEMS - 10].code, 'byteOrderMark');
		assert.deepEqual(
			problems.slice(MAX_SYNTAX_PROBLEMS - 9).map((problem) => problem.code),
			Array<string>(9).fill('unbalancedParenthesis'),
		);
		// The first stray ')' sits on the line after the last unterminated string.
		const firstParen = problems[MAX_SYNTAX_PROBLEMS - 9];
		assert.equal(text.slice(firstParen.start, firstParen.end), ')');
	});

	test('a byte-order mark is reported even when the scanner alone reached the limit', () => {
		const { problems } = parseZone('\ufeff' + '"a\n'.repeat(MAX_SYNTAX_PROBLEMS) + ')\n');
		assert.equal(problems.length, MAX_SYNTAX_PROBLEMS + 1);
		assert.equal(problems[MAX_SYNTAX_PROBLEMS].code, 'byteOrderMark');
	});
});
