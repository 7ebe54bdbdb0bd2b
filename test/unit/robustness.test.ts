/**
 * Regression tests for the problems the robustness fuzzing found (issue 5), one small input each.
 * The linear-time checks for the shapes that used to be quadratic are in test/perf/linearity.test.ts.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone, type ZoneAnalysis } from '../../core/src/analysis';
import { MAX_GENERATED_CHARACTERS_PER_ZONE, MAX_MESSAGE_LENGTH, MAX_ZONE_CHARACTERS } from '../../core/src/limits';
import { checkName } from '../../core/src/model/domainName';
import { expandGenerate, fullGenerateBudget } from '../../core/src/model/generate';
import { lineEndOf } from '../../core/src/edits/recordEdits';
import { getHover } from '../../server/src/service/hover';
import { toDiagnostics } from '../../server/src/service/validation';
import { scan } from '../../core/src/syntax/scanner';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';
const URI = 'file:///zones/example.com.zone';

const analyse = (text: string): ZoneAnalysis => analyzeZone(URI, text);
const codes = (analysis: ZoneAnalysis): string[] => analysis.problems.map((p) => p.code);
const owners = (analysis: ZoneAnalysis): string[] => analysis.model.records.map((r) => r.owner);
const fixTitles = (analysis: ZoneAnalysis, code: string): string[] =>
	analysis.problems.filter((p) => p.code === code).flatMap((p) => (p.fixes ?? []).map((f) => f.title));

describe('robustness regressions: the model', () => {
	test('a record with an invalid owner name is reported and not kept, nor are blank-owner lines after it', () => {
		const analysis = analyse(HEAD + 'a..b A 192.0.2.1\n  TXT "inherits a..b"\nok A 192.0.2.2\n');
		assert.ok(codes(analysis).includes('emptyLabel'));
		assert.deepEqual(owners(analysis).slice(3), ['ok.example.com.']);
	});

	test('a quoted string cut off by the line end is reported once, and its record is not kept', () => {
		const analysis = analyse(HEAD + 'www TXT "abc\n  A 192.0.2.1\n');
		assert.deepEqual(codes(analysis), ['unterminatedString']);
		// The line is not read at all, so the blank-owner line keeps the earlier owner (ns1).
		assert.deepEqual(owners(analysis).slice(3), ['ns1.example.com.']);
	});

	test('a quote inside a word that never closes is an unterminated string (BIND: "unbalanced quotes")', () => {
		const text = HEAD + 't TXT a"b\ns SVCB 1 . key9999=""something"\n';
		const tokens = scan(text);
		assert.deepEqual(
			tokens.errors.map((e) => text.slice(e.start, e.end)),
			['a"b', 'key9999=""something"'],
		);
		const analysis = analyse(text);
		assert.deepEqual(codes(analysis), ['unterminatedString', 'unterminatedString']);
		assert.equal(analysis.model.records.length, 3);
		// A quoted part that closes stays one word: `alpn="h2 h3"`.
		assert.deepEqual(codes(analyse(HEAD + 's SVCB 1 . alpn="h2 h3"\n')), []);
	});

	test('a directive with an unterminated string is not read', () => {
		const analysis = analyse('$ORIGIN e"xample.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n');
		assert.ok(!analysis.model.records.some((r) => r.owner.includes('"')), owners(analysis).join(' '));
	});

	test('a quoted owner is read without its quotes, as BIND does; `""` is not a name', () => {
		assert.deepEqual(owners(analyse(HEAD + '"www" A 192.0.2.1\n')).slice(3), ['www.example.com.']);
		assert.deepEqual(owners(analyse(HEAD + '"a b" A 192.0.2.1\n')).slice(3), ['a\\ b.example.com.']);
		assert.ok(codes(analyse(HEAD + '"" A 192.0.2.1\n')).includes('emptyLabel'));
		assert.equal(checkName(''), 'emptyLabel');
	});

	test('a quoted $ORIGIN is refused (BIND: "unbalanced quotes")', () => {
		const analysis = analyse('$ORIGIN "example.com."\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n');
		assert.equal(analysis.problems[0].code, 'invalidDirective');
	});

	test('a relative $ORIGIN that would make the origin longer than a name can be is refused', () => {
		const analysis = analyse(HEAD + '$ORIGIN sub\n'.repeat(70) + 'x A 192.0.2.1\n');
		assert.ok(codes(analysis).includes('nameTooLong'));
		const x = analysis.model.records.at(-1)!;
		assert.ok(x.owner.length <= 255, x.owner);
	});

	test('a type that needs RFC 3597 form, written without RDATA, is reported on the record (it crashed the diagnostics)', () => {
		for (const line of ['www UNSPEC', 'www NULL', 'www TYPE65534']) {
			const text = HEAD + line + '\n';
			const analysis = analyse(text);
			const problem = analysis.problems.find((p) => p.code === 'genericRdataRequired');
			assert.ok(problem, line);
			assert.equal(text.slice(problem.start, problem.end), line);
			assert.doesNotThrow(() => toDiagnostics(TextDocument.create(URI, 'dns-zone', 1, text), analysis));
		}
	});

	test('a LOC record without a longitude is reported without reading past its words', () => {
		const analysis = analyse(HEAD + 'www LOC 52 N\n' + 'x'.repeat(5000) + ' A 192.0.2.1\n');
		const loc = analysis.problems.find((p) => p.code === 'invalidLoc');
		assert.ok(loc);
		assert.match(loc.message, /missing its longitude/);
		assert.ok(loc.message.length < 200, loc.message);
	});

	test('a word of a type with free-form RDATA may not end in a lone backslash', () => {
		assert.ok(codes(analyse(HEAD + 'www A6 ( a\\\nb )\n')).includes('invalidEscape'));
	});

	test('a relative IPSECKEY gateway is kept absolute in the typed RDATA', () => {
		const [record] = analyse(HEAD + 'gw IPSECKEY 10 3 2 gateway AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n').model.records.slice(3);
		assert.equal(record.rdata[3], 'gateway.example.com.');
	});

	test('a TTL taken from an SOA minimum above 2^31 − 1 counts as 0, for the SOA and for the records after it', () => {
		const analysis = analyse('$ORIGIN example.com.\n@ SOA ns1 hm 1 2 3 4 2147483651\n  NS ns1\n');
		assert.ok(codes(analysis).includes('ttlTooLarge'));
		assert.deepEqual(
			analysis.model.records.map((r) => r.ttl),
			[0, 0],
		);
	});

	test('a broken first record gives no origin', () => {
		assert.equal(analyse('e"xample.com. SOA ns1 hm 1 2 3 4 5\n').model.origin, undefined);
	});

	test('$GENERATE: at most 65,536 records per directive, 262,144 per zone, and a bounded amount of text', () => {
		const tooMany = analyse(HEAD + '$GENERATE 1-1000000 h$ A 192.0.2.1\n');
		assert.match(
			tooMany.problems.find((p) => p.code === 'generateTooLarge')?.message ?? '',
			/1000000 records; Zone Sentinel expands at most 65536 per directive/,
		);
		// A long template times a large range: refused as soon as the text outgrows what is left.
		const long = expandGenerate({
			words: ['1-65536', 'h$', 'TXT', '$'.repeat(1000)],
			budget: { ...fullGenerateBudget(), records: 65536, characters: 100_000 },
		});
		assert.ok('error' in long && long.code === 'generateTooLarge');
		assert.match(
			'error' in long ? long.error : '',
			new RegExp(`more than 100000 characters.*at most ${MAX_GENERATED_CHARACTERS_PER_ZONE} in all`),
		);
	});
});

describe('robustness regressions: quick fixes', () => {
	test('no "Add backup MX record" after an MX whose parenthesis never closes (the line would join it)', () => {
		assert.deepEqual(fixTitles(analyse(HEAD + 'mail MX (20 mx1.example.net. ; )\n'), 'mxSingle'), []);
	});

	test('the backup MX line copies the indent, not a parenthesis before the first word', () => {
		const text = HEAD + 'mail A 192.0.2.9\n \t ( 1h MX ) 10 mx1.example.net.\n';
		const [fix] = analyse(text).problems.find((p) => p.code === 'mxSingle')?.fixes ?? [];
		assert.equal(fix.edits[0].newText, ' \t 1h MX 20 backup-mx.invalid.\n');
	});

	test('no backup MX beside a CNAME, and none after a line whose comment silences the next record', () => {
		assert.deepEqual(fixTitles(analyse(HEAD + 'mail CNAME www\nmail MX 10 mx1.example.net.\n'), 'mxSingle'), []);
		assert.deepEqual(
			fixTitles(analyse(HEAD + 'mail MX 10 mx1.example.net. ; zone-sentinel-disable-next-line\nx MX 0 192.0.2.25\n'), 'mxSingle'),
			[],
		);
	});

	test('no removal fix when the next line inherits the owner or the TTL, or a silencing comment would go', () => {
		const removals = (text: string): string[] => [
			...fixTitles(analyse(text), 'nullMxNotAlone'),
			...fixTitles(analyse(text), 'mxDuplicateTarget'),
		];
		assert.deepEqual(removals(HEAD + 'mail MX 0 .\n  MX 10 mx1.example.net.\n'), []);
		assert.deepEqual(removals('$ORIGIN example.com.\n@ 60 SOA ns1 hm 1 2 3 4 5\nmail 300 MX 0 .\nmail MX 10 mx1.example.net.\n'), []);
		assert.deepEqual(removals(HEAD + 'mail MX 0 . ; zone-sentinel-disable-next-line\nmail MX 10 mx1.example.net.\n'), []);
		assert.deepEqual(removals(HEAD + 'mail MX 0 .\nmail MX 10 mx1.example.net.\n'), ['Remove the null MX record']);
	});

	test('the line end of a fix is the first one the file uses', () => {
		assert.equal(lineEndOf('a\rb\nc'), '\r');
		assert.equal(lineEndOf('a\r\nb\n'), '\r\n');
		assert.equal(lineEndOf('a\nb\r\n'), '\n');
		assert.equal(lineEndOf('one line'), '\n');
	});

	test('addresses and CNAMEs in RFC 3597 form never show as "undefined" or become a fix', () => {
		const text =
			HEAD +
			'@ A \\# 4 c0000201\n@ MX 10 mail\nmail CNAME \\# 6 0477777731c0\nmx1 A \\# 4 c0000219\nmx2 A \\# 4 c0000219\nb MX 10 mx1\nb MX 20 mx2\n';
		const analysis = analyse(text);
		for (const problem of analysis.problems) assert.doesNotMatch(problem.message, /undefined/, problem.code);
		assert.deepEqual(fixTitles(analysis, 'mxTargetIsAlias'), []);
		assert.ok(!codes(analysis).includes('mxSharedAddress'), 'addresses without a value are not compared');
		const document = TextDocument.create(URI, 'dns-zone', 1, text);
		const hover = getHover(document, analysis, document.positionAt(text.indexOf('MX 10 mail') + 7));
		assert.doesNotMatch(JSON.stringify(hover), /undefined/);
	});
});

describe('robustness regressions: limits', () => {
	test('messages quoting a huge word are shortened in the middle', () => {
		const analysis = analyse(HEAD + 'a'.repeat(1_000_000) + ' A 192.0.2.1\n');
		const long = analysis.problems.find((p) => p.code === 'labelTooLong');
		assert.ok(long);
		assert.ok(long.message.length <= MAX_MESSAGE_LENGTH + 60, `${long.message.length} characters`);
		assert.match(long.message, /characters left out/);
		assert.match(long.message, /longer than 63 octets/);
	});

	test(`text over ${MAX_ZONE_CHARACTERS / 1048576} MiB is refused with one diagnostic naming the limit`, () => {
		const text = '; big\n' + 'x'.repeat(MAX_ZONE_CHARACTERS);
		const analysis = analyzeZone(URI, text);
		assert.deepEqual(codes(analysis), ['zoneTooLarge']);
		assert.match(analysis.problems[0].message, /up to 64 MiB/);
		assert.deepEqual(toDiagnostics(TextDocument.create(URI, 'dns-zone', 1, text), analysis)[0].range, {
			start: { line: 0, character: 0 },
			end: { line: 0, character: 5 },
		});
	});
});
