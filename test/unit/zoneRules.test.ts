/**
 * The zone-level rules as a whole: a fragment is not a zone, a file with no SOA says so once and
 * nothing that only follows from reading a fragment alone, an empty file is refused, and RDATA is
 * measured in octets.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';

function findings(text: string, options = {}): string[] {
	return analyzeZone('test.zone', text, options).problems.map((p) => `${p.severity} ${p.code} ${p.start}-${p.end}`);
}

describe('zone-level rules', () => {
	// A fragment with MX and an NS but no SOA, no $TTL and no $ORIGIN: what an $INCLUDE file looks like.
	const fragment = 'www  A   192.0.2.1\n@    MX  10 mail\n     NS  ns1\nmail A   192.0.2.25\n';

	test('a file with no SOA gets one error at its start, and no noTtl, originUnknown or apexNsMissing', () => {
		assert.deepEqual(findings(fragment), ['error soaMissing 0-18']);
		const message = analyzeZone('test.zone', fragment).problems[0].message;
		assert.match(message, /no SOA record, so named will not load it as a zone/);
		assert.match(message, /\$INCLUDE fragment, no zone checked alongside it includes it/);
	});

	test('a fragment analysed in its includer’s context is not a zone: no zone-level findings', () => {
		const includedAt = { origin: 'example.com.', defaultTtl: 3600, zoneClass: 'IN' };
		const codes = findings(fragment, { includedAt }).map((f) => f.split(' ')[1]);
		for (const code of ['soaMissing', 'apexNsMissing', 'nsTargetNoAddress', 'noRecords', 'noTtl', 'originUnknown'])
			assert.ok(!codes.includes(code), `${code} in ${codes.join(', ')}`);
		// A zone whose $INCLUDE was not read may have its SOA and NS there: nothing is guessed.
		const unread = findings('$TTL 1h\n$INCLUDE soa.inc\nwww A 192.0.2.1\n').map((f) => f.split(' ')[1]);
		assert.deepEqual(unread, ['includeNotFollowed', 'originUnknown']);
		// An empty fragment is fine too.
		assert.deepEqual(findings('; nothing here yet\n', { includedAt }), []);
	});

	test('a line lost to an error is not reported again as missing; an error on a line that still made its record does not hide them', () => {
		const codes = (text: string): string[] => analyzeZone('t', text).problems.map((p) => p.code);
		// The broken SOA is the error, not a missing SOA; the broken address is the error, not a server without one.
		assert.deepEqual(codes('$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 x\n@ NS ns1\nns1 A 192.0.2.1\n'), ['invalidRdata']);
		assert.deepEqual(codes('$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.300\n'), ['invalidIpv4Address']);
		// A stray parenthesis leaves its record in the model: the missing NS set is still reported.
		assert.deepEqual(codes('$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\nwww A ( 192.0.2.1\n'), [
			'apexNsMissing',
			'unbalancedParenthesis',
		]);
	});

	test('an empty file, or one of only comments and directives, is refused once', () => {
		assert.deepEqual(findings(''), ['error noRecords 0-0']);
		assert.deepEqual(findings('; only a comment\n\n$TTL 1h\n'), ['error noRecords 18-25']);
		// A broken $INCLUDE already has its error; noRecords would repeat it.
		assert.deepEqual(
			findings('$INCLUDE missing.zone\n').map((f) => f.split(' ')[1]),
			['includeNotFollowed'],
		);
	});

	test('RDATA is measured in octets: a TXT over 65535 octets is no record; one of 65535 is, but too large for named', () => {
		const head = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';
		// 256 strings of 255 octets are 65536 octets with their length octets; one octet less fits exactly.
		const full = Array.from({ length: 256 }, () => 'x'.repeat(255));
		const fits = [...full.slice(0, 255), 'x'.repeat(254)];
		const codes = (strings: string[]): string[] =>
			analyzeZone('t', `${head}big TXT ( ${strings.join('\n ')} )\n`).problems.map((p) => p.code);
		assert.deepEqual(codes(full), ['rdataTooLong']);
		// Within RFC 1035's limit, past what named stores in one RRset (RDATA plus 2 octets ≤ 65,512).
		assert.deepEqual(codes(fits), ['rrsetTooLarge']);
	});
});
