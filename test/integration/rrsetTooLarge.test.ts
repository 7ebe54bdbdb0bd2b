/**
 * `rrsetTooLarge` agrees with BIND: for RRsets of many types (names, escapes and multi-strings,
 * hex, base64, RFC 3597), at the boundary the rule finds (k records, where record k is the first
 * that does not fit) and one record below it, the real `named-checkzone` says "ran out of space"
 * iff the rule fires, and names the line the rule reports on. BIND names the line at which it
 * stores a batch of records (the last of the owner's run, or where its 128 KiB read buffer fills),
 * so the line is compared where that is the first record that does not fit: one run that ends there.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

const ORIGIN = 't.example.';
const HEAD = `$ORIGIN ${ORIGIN}\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n`;
const HEAD_LINES = 5;
/** More records than any set below needs to pass the limit (an A record is the smallest: 6 octets). */
const ENOUGH = 11_000;

const hex = (i: number, octets: number): string =>
	createHash('sha512')
		.update(String(i))
		.digest('hex')
		.repeat(4)
		.slice(0, octets * 2);
const base64 = (i: number, octets: number): string => Buffer.from(hex(i, octets), 'hex').toString('base64');
const address = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** One line per record of the set at `big`, distinct for each i. */
const SETS: Readonly<Record<string, (i: number) => string>> = {
	A: (i) => `big A ${address(i)}`,
	AAAA: (i) => `big AAAA 2001:db8::${i.toString(16)}`,
	'MX (relative and absolute names)': (i) => (i % 2 ? `big MX ${i} mx${i}` : `big MX ${i} mx${i}.example.net.`),
	'TXT (escapes, multi-strings, UTF-8)': (i) => `big TXT "s\\"q\\\\ ${i}" "\\228\\189\\160 x" plain${i} "ü${'y'.repeat(i % 7)}"`,
	CAA: (i) => `big CAA 0 issue "ca${i}.example.net; account=\\"x\\""`,
	SRV: (i) => `big SRV 10 ${i % 65536} 443 srv${i}.example.net.`,
	'TLSA (hex in two words)': (i) => `big TLSA 3 1 1 ${hex(i, 16)} ${hex(i + 1, 16).toUpperCase()}`,
	'DS (hex)': (i) => `big DS ${i % 65536} 13 2 ${hex(i, 32)}`,
	'DNSKEY (base64 in words)': (i) => `big DNSKEY 256 3 13 ${base64(i, 33)} ${base64(i + 7, 30)}`,
	NAPTR: (i) => `big NAPTR ${i % 65536} 10 "S" "SIP+D2U" "!^.*$!sip:${i}@example.net!" _sip._udp.example.net.`,
	'RFC 3597 (\\# N hex), lengths 1 to 9': (i) => `big TYPE65280 \\# ${(i % 9) + 1} ${hex(i, (i % 9) + 1)}`,
};

function zone(line: (i: number) => string, count: number): string {
	const lines: string[] = [];
	for (let i = 0; i < count; i++) lines.push(line(i));
	return HEAD + lines.join('\n') + '\n';
}

/** Our `rrsetTooLarge` findings as 1-based line numbers, with their messages. */
function ourFindings(text: string): { line: number; message: string }[] {
	const { problems } = analyzeZone('rrset.zone', text, { origin: ORIGIN });
	return problems
		.filter((p) => p.code === 'rrsetTooLarge')
		.map((p) => ({ line: text.slice(0, p.start).split('\n').length, message: p.message }));
}

/** The line BIND names in "…:LINE: big.t.example: ran out of space", or undefined when it loads the zone. */
function bindRefusal(text: string): number | undefined {
	const result = namedCheckzone(ORIGIN, text);
	if (result.status === 0) return undefined;
	const match = /:(\d+): big\.t\.example: ran out of space/.exec(result.output);
	assert.ok(match, `named-checkzone refused the zone for another reason:\n${result.output.slice(0, 2000)}`);
	return Number(match[1]);
}

after(cleanUpNamedCheckzone);

describe('rrsetTooLarge fires iff named-checkzone runs out of space, on the same line', requires('named-checkzone'), () => {
	for (const [name, line] of Object.entries(SETS)) {
		test(name, () => {
			const over = ourFindings(zone(line, ENOUGH));
			assert.equal(over.length, 1, `one finding for ${ENOUGH} records`);
			const k = over[0].line - HEAD_LINES;
			assert.ok(k > 1 && k < ENOUGH, `boundary ${k}`);

			const atLimit = zone(line, k - 1);
			assert.deepEqual(ourFindings(atLimit), [], `${k - 1} records fit`);
			assert.equal(bindRefusal(atLimit), undefined, `named-checkzone loads ${k - 1} records`);

			const past = zone(line, k);
			const findings = ourFindings(past);
			assert.deepEqual(
				findings.map((f) => f.line),
				[HEAD_LINES + k],
			);
			assert.match(findings[0].message, /^This big\.t\.example\. \S+ RRset needs [\d,]+ octets .* named refuses more than 65,512/);
			assert.equal(bindRefusal(past), HEAD_LINES + k, `named-checkzone refuses ${k} records on the line of the last`);
		});
	}

	test('one record alone: 65,510 octets of RDATA load, 65,511 do not', () => {
		// 255 strings of 255 octets (256 with their length octet), then one that makes up the rest.
		const txt = (rdataOctets: number): string =>
			`big TXT ${Array.from({ length: 255 }, () => 'x'.repeat(255)).join(' ')} ${'y'.repeat(rdataOctets - 255 * 256 - 1)}`;
		const fits = zone(() => txt(65_510), 1);
		assert.deepEqual(ourFindings(fits), []);
		assert.equal(bindRefusal(fits), undefined);
		const tooLong = zone(() => txt(65_511), 1);
		const findings = ourFindings(tooLong);
		assert.deepEqual(
			findings.map((f) => f.line),
			[HEAD_LINES + 1],
		);
		assert.match(findings[0].message, /^This big\.t\.example\. TXT record needs 65,513 octets .* Shorten its RDATA\.$/);
		assert.equal(bindRefusal(tooLong), HEAD_LINES + 1);
	});

	test('identical records count once, as named stores them (an RRset is a set)', () => {
		const k = ourFindings(zone(SETS.A, ENOUGH))[0].line - HEAD_LINES;
		// k - 1 distinct addresses, and as many copies again of the first ones, spelled as written.
		const text = zone((i) => SETS.A(i < k - 1 ? i : i - (k - 1)), 2 * (k - 1));
		assert.deepEqual(ourFindings(text), []);
		assert.equal(bindRefusal(text), undefined);
	});

	test('records of one set split by another owner: both refuse, the rule once on the first record that does not fit', () => {
		const text = zone((i) => (i === 100 ? 'other A 192.0.2.9' : SETS.A(i)), 12_000);
		const findings = ourFindings(text);
		assert.equal(findings.length, 1);
		assert.match(findings[0].message, /10,919 records of 11,999, counted up to this one/);
		assert.notEqual(bindRefusal(text), undefined);
	});
});
