/**
 * fast-check arbitraries for zone files: a grammar of valid and nearly-valid records and directives.
 *
 * Every directive and every registered RR type is generated, with RDATA drawn per field kind (a mix
 * of valid values, boundary values and near misses), random blanks, comments, parentheses across
 * lines (with comments inside), escapes, quoted strings, LF/CRLF/CR mixes, Unicode, very long labels
 * and long names. A small pool of owners, exchangers and addresses makes the MX rules fire, so that
 * their quick fixes are exercised too. `$INCLUDE` names files of an in-memory workspace that the
 * case carries (including itself and cycles).
 */
import fc from 'fast-check';
import { ALL_RR_TYPES } from '../../core/src/model/rrTypes/index';
import type { FieldKind, RrTypeInfo } from '../../core/src/model/rrTypes/rrType';

/** One fuzz input: the main file's text and the files `$INCLUDE` may read (by name). */
export interface FuzzCase {
	readonly text: string;
	/** Files of the in-memory workspace, by the name `$INCLUDE` uses; `self.zone` is the main file. */
	readonly includes: Readonly<Record<string, string>>;
	/** What produced it, e.g. `grammar` or `mutation:simdzone/…`; informational. */
	readonly source: string;
}

/** Names `$INCLUDE` lines use. `self.zone` is the main text; unlisted names are missing files. */
export const INCLUDE_NAMES = ['a.inc', 'b.inc', 'self.zone', 'missing.inc', 'sub/', '/etc/passwd', '../outside.inc'] as const;

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

const UNICODE = ['bücher', 'xn--bcher-kva', 'пример', '中文', '😀', 'e\u0301', '\u200b', '\ufeff', '\ufffd', '\u0000', '\u007f'];

const label = fc.oneof(
	{ arbitrary: pick('www', 'mail', 'mx1', 'mx2', 'ns1', 'a', 'B', '*', '_tcp', '_443', 'sub', 'x-y', '1', '0'), weight: 10 },
	{ arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/), weight: 3 },
	{ arbitrary: pick('a\\.b', '\\065bc', '\\999', '\\', 'a\\ b', '\\(x\\)', 'a\\;b', '\\"q', '\\$x', '\\@'), weight: 2 },
	{ arbitrary: pick(...UNICODE), weight: 1 },
	{ arbitrary: fc.integer({ min: 62, max: 65 }).map((n) => 'l'.repeat(n)), weight: 1 },
);

/** Owner and target names: pool names, relative and absolute names, escapes, long names and bad ones. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
	{
		arbitrary: pick(
			'@',
			'mail',
			'mx1',
			'mx2',
			'www',
			'mx1.example.com.',
			'mail.example.com',
			'mx.example.net',
			'mx.example.net.',
			'.',
			'ns1',
		),
		weight: 12,
	},
	{
		arbitrary: fc
			.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean())
			.map(([labels, dot]) => labels.join('.') + (dot ? '.' : '')),
		weight: 6,
	},
	{ arbitrary: pick('a..b', '.a', 'a.', '..', '@.', '@x', 'a.@'), weight: 1 },
	{ arbitrary: fc.integer({ min: 100, max: 300 }).map((n) => 'a.'.repeat(n)), weight: 1 },
);

export const ttlArb: fc.Arbitrary<string> = fc.oneof(
	{
		arbitrary: pick('3600', '300', '0', '1h', '1H', '1w2d3h4m5s', '2147483647', '2147483648', '4294967295', '4294967296', '1h30', '86400'),
		weight: 8,
	},
	{ arbitrary: pick('1x', '1hh', 'h1', '99999999999', '1.5', '-1', '1w1w1w1w1w1w1w1w1w1w1w1w'), weight: 1 },
	{ arbitrary: fc.nat({ max: 100000 }).map(String), weight: 2 },
);

const classArb = fc.oneof(
	{ arbitrary: pick('IN', 'in', 'In'), weight: 10 },
	{ arbitrary: pick('CH', 'HS', 'CHAOS', 'CLASS1', 'CLASS3', 'CLASS65535', 'CLASS65536', 'ANY', 'NONE'), weight: 1 },
);

const ipv4 = fc.oneof(
	{ arbitrary: pick('192.0.2.1', '192.0.2.25', '192.0.2.26', '198.51.100.25', '203.0.113.7', '192.0.2.53'), weight: 6 },
	{ arbitrary: fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')), weight: 2 },
	{ arbitrary: pick('1.2.3', '1.2.3.4.5', '01.2.3.4', '1..3.4', 'x'), weight: 1 },
);
const ipv6 = pick(
	'2001:db8::1',
	'2001:db8:1::25',
	'2001:db8:2::25',
	'::',
	'::1',
	'::ffff:192.0.2.1',
	'2001:db8:0:0:0:0:0:1',
	'2001:db8::g',
	':::',
	'1:2:3:4:5:6:7:8:9',
	'fe80::1%eth0',
);
const u8 = fc.oneof({ arbitrary: fc.nat(255).map(String), weight: 8 }, { arbitrary: pick('256', '-1', 'x', '00', ''), weight: 1 });
const u16 = fc.oneof(
	{ arbitrary: fc.nat(65535).map(String), weight: 8 },
	{ arbitrary: pick('0', '10', '20', '65535', '65536', 'x'), weight: 3 },
);
const u32 = fc.oneof(
	{ arbitrary: fc.nat().map(String), weight: 8 },
	{ arbitrary: pick('4294967295', '4294967296', '12345678901'), weight: 1 },
);

/** A <character-string>: quoted or not, with escapes, Unicode, an over-long one, and broken ones. */
const characterString = fc.oneof(
	{
		arbitrary: pick(
			'"v=spf1 -all"',
			'hello',
			'"a ; b ( c"',
			'"a\\"b"',
			'"\\255\\000"',
			'"\\256"',
			'"\\12"',
			'""',
			'"é中😀"',
			'a\\ b',
			'"tab\tin"',
		),
		weight: 8,
	},
	{ arbitrary: fc.string({ maxLength: 20 }).map((s) => `"${s.replace(/["\\\r\n]/g, '')}"`), weight: 3 },
	{ arbitrary: fc.integer({ min: 250, max: 300 }).map((n) => `"${'x'.repeat(n)}"`), weight: 1 },
	{ arbitrary: pick('"unterminated', 'trailing\\', '"x\\"'), weight: 1 },
);

const base64 = pick('AwEAAcw=', 'AAAA', 'AAA=', 'AA==', 'A===', '====', 'Zm9vYmFy', '%%%%', 'AwEAAa', 'dGVzdA==');
const hex = pick('00', 'abcdef', '0A0B', 'abc', 'zz', 'c0000201');

function wordsForKind(kind: FieldKind): fc.Arbitrary<string[]> {
	const one = (arb: fc.Arbitrary<string>): fc.Arbitrary<string[]> => arb.map((w) => [w]);
	const some = (arb: fc.Arbitrary<string>, min = 1, max = 3): fc.Arbitrary<string[]> => fc.array(arb, { minLength: min, maxLength: max });
	switch (kind) {
		case 'name':
			return one(nameArb);
		case 'u8':
			return one(u8);
		case 'u16':
			return one(u16);
		case 'u32':
			return one(u32);
		case 'ttl':
			return one(ttlArb);
		case 'ipv4':
			return one(ipv4);
		case 'ipv6':
			return one(ipv6);
		case 'string':
		case 'text':
			return one(characterString);
		case 'strings':
			return some(characterString);
		case 'base64':
		case 'base64opt':
			return some(base64, kind === 'base64' ? 1 : 0, 2);
		case 'base64dash':
			return fc.oneof(some(base64, 1, 2), fc.constant<string[]>(['-']));
		case 'hex':
		case 'hexopt':
			return some(hex, kind === 'hex' ? 1 : 0, 2);
		case 'salt':
			return one(pick('-', 'aabb', 'abc', 'AABBCCDD'));
		case 'base32hex':
		case 'nsec3Hash':
			return one(pick('2vptu5timamqttgl4luu9kg21e0aor3s', '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom', 'abc', 'wwww'));
		case 'types':
			return some(pick('A', 'MX', 'RRSIG', 'NSEC', 'TYPE65534', 'FOO', 'TYPE0', '1'), 0, 4);
		case 'type':
			return one(pick('A', 'SOA', 'TYPE65534', 'FOO', 'NSEC'));
		case 'algorithm':
			return one(pick('8', '13', 'RSASHA256', 'PRIVATEOID', '256', '-1'));
		case 'certType':
			return one(pick('1', 'PKIX', '65536', '#'));
		case 'dsyncScheme':
			return one(pick('1', 'NOTIFY', 'notify', '256', 'NOTIFY2'));
		case 'time':
			return one(pick('20260101000000', '1700000000', '20261301000000', '19691231235959', 'x', '4294967296'));
		case 'eui48':
			return one(pick('00-00-5e-00-53-2a', '00-00-5e-00-53', 'zz-00-5e-00-53-2a'));
		case 'eui64':
			return one(pick('00-00-5e-ef-10-00-00-2a', '00-00'));
		case 'ilnp64':
			return one(pick('2001:0db8:1234:5678', '2001:db8', 'x:y:z:w'));
		case 'caaTag':
			return one(pick('issue', 'iodef', 'issuewild', 'bad-tag', 'x'.repeat(256)));
		case 'svcParams':
			return some(
				pick(
					'alpn=h2,h3',
					'port=443',
					'mandatory=alpn',
					'no-default-alpn',
					'ipv4hint=192.0.2.1',
					'ech=AAAA',
					'ipv6hint=2001:db8::1',
					'dohpath=/dns-query{?dns}',
					'key65534=x',
					'key65535',
					'alpn="h2,h3"',
					'alpn=h\\,2',
					'port=99999',
					'mandatory=mandatory',
					'ohttp',
					'alpn=',
					'foo=bar',
				),
				0,
				4,
			);
		case 'loc':
			return pick(
				'52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m',
				'52 N 4 E 0m',
				'91 N 0 E 0m',
				'52 22 N 4 53 E',
				'0 0 0 N 0 0 0 E 0',
				'52 N',
			).map((s) => s.split(' '));
		case 'keyFlags':
			return one(pick('256', '257', 'ZONE|SEP', 'NOAUTH|ZONE', '65536', 'ZONE|'));
		case 'digest':
			return fc.oneof(one(pick('a'.repeat(40), 'b'.repeat(64), 'c'.repeat(96), 'abc', 'zz')), fc.constant<string[]>(['aaaa', 'bbbb']));
		case 'bit':
			return one(pick('0', '1', '2'));
		case 'gateway':
			return one(pick('.', '192.0.2.1', '2001:db8::1', 'gw', 'gw.example.com.', 'a..b'));
		case 'x25':
			return one(pick('311061700956', '"311061700956"', '12', 'abcd'));
		case 'nsap':
			return one(pick('0x47.0005.80.005a00.0000.0001.e133.ffffff000162.00', '0xabc', '47'));
		case 'atma':
			return one(pick('39246f00e7c9a0a8b0c0d0e0f000000000000000', '+358400123', '+', 'abc'));
		case 'ipn':
			return one(pick('1', '1.2', '18446744073709551615', '18446744073709551616', '1.'));
		case 'wks':
			return some(pick('tcp', 'udp', 'smtp', 'http', '25', '65536', '6'), 1, 3);
		case 'apl':
			return some(pick('1:192.0.2.0/24', '!2:2001:db8::/32', '3:x/1', '1:192.0.2.0/33'), 0, 2);
		case 'hip':
			return fc
				.tuple(pick('200100107b1a74df365639cc39f1d578', 'abc'), base64, fc.array(nameArb, { maxLength: 2 }))
				.map(([h, k, rvs]) => [h, k, ...rvs]);
		case 'any':
		default:
			return some(pick('\\#', '0', 'abc', '"q"', 'a\\'), 1, 2);
	}
}

/** RDATA for a registered type: its fields in order, sometimes one missing or one extra. */
function rdataFor(info: RrTypeInfo): fc.Arbitrary<string[]> {
	const fields = fc.tuple(...info.fields.map((field) => wordsForKind(field.kind))).map((parts) => parts.flat());
	return fc.oneof(
		{ arbitrary: fields, weight: 10 },
		{ arbitrary: fields.map((words) => words.slice(0, -1)), weight: 1 },
		{ arbitrary: fc.tuple(fields, pick('extra', '0', '"x"')).map(([words, extra]) => [...words, extra]), weight: 1 },
	);
}

/** RFC 3597 generic RDATA, with a length that matches or not. */
const genericRdata = fc
	.tuple(fc.nat(6), fc.array(pick('0a', '00', 'ff', 'c0000201', '0001', 'abc', 'zz'), { maxLength: 3 }))
	.map(([length, hexWords]) => ['\\#', String(length), ...hexWords]);

interface RecordParts {
	readonly type: string;
	readonly rdata: readonly string[];
}

const ALL_TYPES = ALL_RR_TYPES.filter((info) => !info.meta);

const anyTypeRecord: fc.Arbitrary<RecordParts> = fc.oneof(
	{
		arbitrary: fc
			.constantFrom(...ALL_TYPES)
			.chain((info) => fc.tuple(fc.mixedCase(fc.constant(info.mnemonic)), rdataFor(info)))
			.map(([type, rdata]) => ({ type, rdata })),
		weight: 10,
	},
	{
		arbitrary: fc
			.tuple(pick('TYPE65534', 'TYPE1', 'A', 'MX', 'TXT', 'TYPE260', 'NULL', 'SOA'), genericRdata)
			.map(([type, rdata]) => ({ type, rdata })),
		weight: 2,
	},
	{
		arbitrary: fc
			.tuple(pick('FOO', 'ANY', 'AXFR', 'MD', 'TYPE0', 'TYPE128', 'OPT', 'TYPE65536'), fc.array(pick('a', '1'), { maxLength: 2 }))
			.map(([type, rdata]) => ({ type, rdata })),
		weight: 1,
	},
);

/** Records around the mail rules: a small pool of owners, exchangers and addresses. */
const mailRecord: fc.Arbitrary<RecordParts> = fc.oneof(
	{
		arbitrary: fc
			.tuple(
				pick('0', '10', '20', '10', '65535', '65534'),
				pick(
					'mx1',
					'mx2',
					'mx1.example.com.',
					'MX1.example.com.',
					'mail',
					'mx.example.net.',
					'mail.example.com',
					'.',
					'192.0.2.25',
					'alias',
				),
			)
			.map(([p, x]) => ({ type: 'MX', rdata: [p, x] })),
		weight: 6,
	},
	{ arbitrary: ipv4.map((a) => ({ type: 'A', rdata: [a] })), weight: 3 },
	{ arbitrary: ipv6.map((a) => ({ type: 'AAAA', rdata: [a] })), weight: 1 },
	{ arbitrary: pick('mx1', 'mx2', 'mail', 'web.example.com', 'mx1.example.com.').map((t) => ({ type: 'CNAME', rdata: [t] })), weight: 2 },
	{ arbitrary: pick('mx1', 'sub.example.com.').map((t) => ({ type: 'DNAME', rdata: [t] })), weight: 1 },
	{ arbitrary: pick('ns1', 'ns1.example.com', 'ns.example.net.').map((t) => ({ type: 'NS', rdata: [t] })), weight: 1 },
	{ arbitrary: fc.constant({ type: 'SOA', rdata: ['ns1', 'hostmaster', '1', '2h', '30m', '2w', '1h'] }), weight: 1 },
);

const blank = fc.oneof({ arbitrary: fc.constant(' '), weight: 6 }, { arbitrary: pick('\t', '  ', ' \t ', '\t\t'), weight: 2 });
const lineEnd = fc.oneof({ arbitrary: fc.constant('\n'), weight: 8 }, { arbitrary: pick('\r\n', '\r'), weight: 2 });
const comment = fc.oneof(
	{ arbitrary: fc.constant(''), weight: 8 },
	{
		arbitrary: pick(' ; comment', ';', ' ; ( unbalanced', ' ; "quote', '; é中😀', ' ; zone-sentinel-disable-next-line', ' ; )'),
		weight: 2,
	},
);

/** Owner, TTL and class (either order, each optional) and type + RDATA as a list of words. */
const recordWords: fc.Arbitrary<{ owner: string | undefined; words: string[] }> = fc
	.record({
		owner: fc.oneof(
			{ arbitrary: pick('@', 'mail', 'mx1', 'mx2', 'www', 'alias', 'sub'), weight: 5 },
			{ arbitrary: nameArb, weight: 2 },
			{ arbitrary: fc.constant(undefined), weight: 2 },
		),
		ttl: fc.option(ttlArb, { freq: 3 }),
		cls: fc.option(classArb, { freq: 2 }),
		classFirst: fc.boolean(),
		parts: fc.oneof({ arbitrary: mailRecord, weight: 3 }, { arbitrary: anyTypeRecord, weight: 2 }),
	})
	.map(({ owner, ttl, cls, classFirst, parts }) => {
		const head = classFirst ? [cls, ttl] : [ttl, cls];
		return { owner, words: [...head.filter((w): w is string => w !== null), parts.type, ...parts.rdata] };
	});

/** Lays words out on a line: random blanks, optional parentheses around a run of words across lines. */
function layOut(owner: string | undefined, words: readonly string[]): fc.Arbitrary<string> {
	return fc
		.record({
			lead: blank,
			seps: fc.array(blank, { minLength: words.length, maxLength: words.length }),
			paren: fc.option(fc.tuple(fc.nat(words.length), fc.nat(words.length), fc.boolean(), fc.boolean()), { freq: 4 }),
			breaks: fc.array(fc.tuple(lineEnd, comment), { minLength: words.length, maxLength: words.length }),
			tail: comment,
		})
		.map(({ lead, seps, paren, breaks, tail }) => {
			let out = owner === undefined ? lead : owner;
			let openAt = -1;
			let closeAt = -1;
			if (paren) {
				openAt = Math.min(paren[0], paren[1]);
				closeAt = paren[2] ? Math.max(paren[0], paren[1]) : -1; // sometimes never closed
			}
			for (let i = 0; i < words.length; i++) {
				out += seps[i];
				if (i === openAt) out += '(' + (paren?.[3] ? ' ' : '');
				out += words[i];
				// Inside parentheses a record may continue on the next line, after a comment.
				if (openAt !== -1 && i >= openAt && (closeAt === -1 || i < closeAt) && breaks[i][1] !== '')
					out += breaks[i][1] + breaks[i][0] + '\t';
				if (i === closeAt) out += ' )';
			}
			if (paren && openAt === words.length) out += ' ( )';
			return out + tail;
		});
}

const recordLine: fc.Arbitrary<string> = recordWords.chain(({ owner, words }) => layOut(owner, words));

const generateLine: fc.Arbitrary<string> = fc
	.record({
		range: pick('1-3', '0-2/2', '1-1', '3-1', '1-70000', '1-1000000', '0-4294967296', 'x', '1-2/0', '65000-65535'),
		lhs: pick('host-$', 'h${0,3,d}', 'h${-1,2,x}', '$.rev', '\\$x$', 'h${0,3,n}', 'h${1', '$$', '@', 'h${2147483647}'),
		ttl: fc.option(ttlArb, { freq: 3 }),
		cls: fc.option(pick('IN', 'CH'), { freq: 4 }),
		body: pick(
			'A 192.0.2.$',
			'A 192.0.2.${0,0,d}',
			'MX 10 mx$',
			'PTR host-$.example.com.',
			'CNAME h$',
			'TXT "v$"',
			'AAAA 2001:db8::$',
			'MX "0 ."',
			'A',
			'FOO x',
			'A 192.0.2.${300}',
		),
	})
	.map(({ range, lhs, ttl, cls, body }) =>
		['$GENERATE', range, lhs, ...(ttl === null ? [] : [ttl]), ...(cls === null ? [] : [cls]), body].join(' '),
	);

const directiveLine: fc.Arbitrary<string> = fc.oneof(
	{
		arbitrary: fc
			.tuple(pick('$ORIGIN', '$origin'), fc.oneof(pick('example.com.', 'example.net.', 'sub', '.', 'a\\.b.example.'), nameArb))
			.map(([d, n]) => `${d} ${n}`),
		weight: 3,
	},
	{ arbitrary: ttlArb.map((t) => `$TTL ${t}`), weight: 3 },
	{
		arbitrary: fc
			.tuple(pick(...INCLUDE_NAMES), fc.option(pick('inc.example.com.', 'rel'), { freq: 3 }), fc.boolean())
			.map(([f, o, q]) => `$INCLUDE ${q ? `"${f}"` : f}${o ? ' ' + o : ''}`),
		weight: 2,
	},
	{ arbitrary: generateLine, weight: 3 },
	{
		arbitrary: pick('$DATE 20260101000000', '$DATE 2026', '$FOO bar', '$', '$TTL', '$ORIGIN', '$INCLUDE', '$ORIGIN a b', '$GENERATE'),
		weight: 1,
	},
);

/** Broken text: stray parentheses and quotes, NUL and other control characters, random Unicode. */
const noiseLine: fc.Arbitrary<string> = fc.oneof(
	pick(
		'(',
		')',
		'"',
		'\\',
		'( ( (',
		') )',
		'"abc',
		'\\\\\\',
		'\u0000\u0001',
		'@ MX ( 10',
		'   ',
		';;;',
		'\t(',
		'@ TXT "a\\',
		'$INCLUDE "a.inc',
	),
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Directive and noise lines, for insertion into corpus files. */
export const directiveLines: fc.Arbitrary<string> = fc.oneof(directiveLine, noiseLine);

const SOA_LINES = [
	'@\tIN\tSOA\tns1 hostmaster 2026112901 2h 30m 2w 1h',
	'@ 3600 IN SOA ns1.example.com. hostmaster.example.com. (\n\t2026112901 ; serial\n\t7200 3600 1209600 3600 )',
	'example.com. IN SOA ns1 hm ( 1 2 3 4 5 )',
	'@ SOA ns1 hm 1 2 3 4',
];

/** A whole zone file: optional head ($ORIGIN, $TTL, SOA), then a mix of records, directives and noise. */
export const zoneTextArb: fc.Arbitrary<string> = fc
	.record({
		origin: fc.option(pick('$ORIGIN example.com.', '$ORIGIN example.net.', '$ORIGIN .', '$ORIGIN bücher.example.'), { freq: 6 }),
		ttl: fc.option(pick('$TTL 1h', '$TTL 300', '$TTL 1x'), { freq: 4 }),
		soa: fc.option(pick(...SOA_LINES), { freq: 4 }),
		lines: fc.array(
			fc.oneof(
				{ arbitrary: recordLine, weight: 12 },
				{ arbitrary: directiveLine, weight: 2 },
				{ arbitrary: noiseLine, weight: 1 },
				{ arbitrary: fc.constant(''), weight: 1 },
			),
			{ maxLength: 25 },
		),
		ends: fc.array(lineEnd, { minLength: 30, maxLength: 30 }),
		finalEnd: fc.boolean(),
	})
	.map(({ origin, ttl, soa, lines, ends, finalEnd }) => {
		const all = [origin, ttl, soa, ...lines].filter((line): line is string => line !== null);
		let text = '';
		all.forEach((line, i) => {
			text += line;
			if (i < all.length - 1 || finalEnd) text += ends[i % ends.length];
		});
		return text;
	});

/** A case from the grammar, with an in-memory workspace for `$INCLUDE` (a.inc and b.inc include each other sometimes). */
export const grammarCaseArb: fc.Arbitrary<FuzzCase> = fc
	.record({
		text: zoneTextArb,
		a: fc.oneof(fc.constant('www A 192.0.2.1\n'), fc.constant('$INCLUDE b.inc\nmx9 A 192.0.2.300\n'), zoneTextArb),
		b: fc.oneof(fc.constant('$INCLUDE a.inc\n'), fc.constant('$INCLUDE self.zone\n'), fc.constant('@ MX 30 mx1\n')),
	})
	.map(({ text, a, b }) => ({ text, includes: { 'a.inc': a, 'b.inc': b }, source: 'grammar' }));
