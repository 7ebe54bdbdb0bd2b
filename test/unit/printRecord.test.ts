/**
 * `printRecord`: one canonical, self-contained line per record of the model, which reads back as the
 * same record (the fuzzing checks that for every record; these are the shapes to remember).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildZoneModel } from '../../core/src/model/lower';
import { printRecord } from '../../core/src/model/printRecord';

function printed(text: string): (string | undefined)[] {
	const model = buildZoneModel('file:///zones/example.com.zone', text);
	return model.records.map((record) => printRecord(model, record));
}

test('owner absolute, TTL, class and type explicit, names in RDATA absolute, other words as written', () => {
	assert.deepEqual(
		printed('$ORIGIN example.com.\n$TTL 1h\nmail MX 10 mx1\n  TXT "a b" c\\;d\nsub 300 in ( SRV 0 5 ; weight\n 25 mx1.example.net. )\n'),
		[
			'mail.example.com. 3600 IN MX 10 mx1.example.com.',
			'mail.example.com. 3600 IN TXT "a b" c\\;d',
			'sub.example.com. 300 IN SRV 0 5 25 mx1.example.net.',
		],
	);
});

test('RFC 3597 RDATA and TYPEnnn are kept; a relative gateway is made absolute', () => {
	assert.deepEqual(
		printed(
			'$ORIGIN example.com.\n$TTL 60\na A \\# 4 c0000201\nb TYPE65534 \\# 1 0a\nc IPSECKEY 10 3 2 gw AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n',
		),
		[
			'a.example.com. 60 IN A \\# 4 c0000201',
			'b.example.com. 60 IN TYPE65534 \\# 1 0a',
			'c.example.com. 60 IN IPSECKEY 10 3 2 gw.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
		],
	);
});

test('an owner starting with $ is escaped, so the line is not read as a directive', () => {
	assert.deepEqual(printed('$ORIGIN \\$x.example.\n$TTL 60\n@ A 192.0.2.1\n'), ['\\$x.example. 60 IN A 192.0.2.1']);
});

test('$GENERATE records are printed from their typed values, or not at all when those are text', () => {
	assert.deepEqual(printed('$ORIGIN example.com.\n$TTL 60\n$GENERATE 1-2 h$ A 192.0.2.$\n$GENERATE 1-1 t$ TXT "v$"\n'), [
		'h1.example.com. 60 IN A 192.0.2.1',
		'h2.example.com. 60 IN A 192.0.2.2',
		undefined,
	]);
});
