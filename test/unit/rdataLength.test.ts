/**
 * A record's RDLENGTH (core/src/model/rrTypes/rdataLength.ts), one record of each encoding. The
 * expected lengths are BIND 9.18's, read from `named-compilezone -F raw` output of this zone
 * (test/corpus/rdataLength.test.ts does the same for every corpus zone).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { rdataLength } from '../../core/src/model/rrTypes/rdataLength';

const ZONE = String.raw`$ORIGIN example.com.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
ns1 A 192.0.2.1
a MX 10 mail.example.net.
b TXT "a\"b" c\065 "ü"
c SRV 0 5 443 .
d NSEC host.example.com. A MX RRSIG NSEC TYPE1234
e CAA 128 tbs "Unknown"
f NAPTR 100 10 "" "" "/urn:cid:.+@([^\\.]+\\.)(.*)$/\\2/i" .
g SSHFP 4 2 123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789
h DNSKEY 257 3 13 kXKkvWU3vGYfTJGl3qBd4qhiWp5aRs7YtkCJxD2d+t7KXqwahww5IgJtxJT2yFItlggazyfXqJEVOmMJ3qT0tQ==
i TYPE65280 \# 3 abcdef
j SVCB 1 . alpn=h2,h3 port=8443
k TLSA 3 1 1 ( 0123456789abcdef0123456789abcdef
              0123456789abcdef0123456789abcdef )
l LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m
m HINFO "PC" "Linux"
$GENERATE 1-2 gen$ TXT text-$
`;

test('RDLENGTH as named stores it: exact for the encodings the model knows, a lower bound for the rest', () => {
	const { model } = analyzeZone('lengths.zone', ZONE);
	const lengths = Object.fromEntries(
		model.records.map((record) => {
			const { octets, exact } = rdataLength(model, record);
			return [`${record.owner} ${record.type}`, exact ? octets : `≥ ${octets}`];
		}),
	);
	assert.deepEqual(lengths, {
		'example.com. 6': 61,
		'example.com. 2': 17,
		'ns1.example.com. 1': 4,
		'a.example.com. 15': 20,
		'b.example.com. 16': 10,
		'c.example.com. 33': 7,
		'd.example.com. 47': 55,
		'e.example.com. 257': 12,
		'f.example.com. 35': 40,
		'g.example.com. 44': 34,
		'h.example.com. 48': 68,
		'i.example.com. 65280': 3,
		// SvcParams are not encoded here (BIND: 19).
		'j.example.com. 64': '≥ 3',
		'k.example.com. 52': 35,
		'l.example.com. 29': 16,
		'm.example.com. 13': 9,
		// The text of a $GENERATEd record is the directive's template, not read here.
		'gen1.example.com. 16': '≥ 0',
		'gen2.example.com. 16': '≥ 0',
	});
});

test('a relative name, the origin unknown, is counted as if it ended at the root: a lower bound', () => {
	const { model } = analyzeZone('fragment.zone', 'www 3600 CNAME host\n');
	assert.deepEqual(rdataLength(model, model.records[0]), { octets: 6, exact: false });
});
