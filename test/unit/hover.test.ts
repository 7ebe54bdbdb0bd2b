/**
 * Hovers, with the cursor marked `|` in inline zones; assertions are on the markdown text.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { DEFAULT_RULE_OPTIONS, RuleOptions } from '../../core/src/rules/rule';
import { getHover } from '../../server/src/service/hover';
import { withCursor, zone } from '../helpers/cursor';

/** The hover's markdown at the `|`, or `undefined` when there is none. */
function hover(marked: string, options: RuleOptions = DEFAULT_RULE_OPTIONS): string | undefined {
	const { document, position } = withCursor(marked);
	const result = getHover(document, analyzeZone(document.uri, document.getText(), { ruleOptions: options }), position, options);
	if (!result) return undefined;
	const contents = result.contents as { kind: string; value: string };
	assert.equal(contents.kind, 'markdown');
	return contents.value;
}

function hoverText(marked: string, options?: RuleOptions): string {
	const value = hover(marked, options);
	assert.ok(value !== undefined, 'expected a hover');
	return value;
}

const HEAD = ['$ORIGIN example.com.', '$TTL 1h', '@ SOA ns1 hostmaster 2026112901 2h 30m 2w 1h', '  NS ns1', 'ns1 A 192.0.2.53'];

const THREE_MX = (line: string): string =>
	zone(...HEAD, '@ MX 10 mx1', line, '@ MX 30 backup.example.net.', 'mx1 A 192.0.2.25', 'mx2 A 198.51.100.25', 'mx2 AAAA 2001:db8:10::25');

describe('hover on MX records', () => {
	test('the preference: rank, the whole delivery order, what the numbers mean, the addresses', () => {
		const value = hoverText(THREE_MX('@ MX 2|0 mx2'));
		assert.match(value, /^Preference 20: tried \*\*2nd of 3\*\* for `example\.com\.`\./);
		assert.ok(
			value.includes(['Delivery order, lowest preference first:', '', '1. 10: `mx1.example.com.`', '2. 20: **`mx2.example.com.`** (this record)', '3. 30: `backup.example.net.`'].join('\n')),
			value,
		);
		assert.match(value, /Lower numbers are tried first/);
		assert.match(value, /RFC 5321 §5\.1/);
		assert.match(value, /`mx2\.example\.com\.` in this zone: `198\.51\.100\.25` \(network 198\.51\.100\.0\/24\), `2001:db8:10::25` \(network 2001:db8:10::\/48\)\./);
	});

	test('the range is the hovered word', () => {
		const { document, position } = withCursor(THREE_MX('@ MX 2|0 mx2'));
		const result = getHover(document, analyzeZone(document.uri, document.getText()), position);
		assert.deepEqual(result?.range, { start: { line: 6, character: 5 }, end: { line: 6, character: 7 } });
	});

	test('the exchange: its absolute form, then the same card', () => {
		const value = hoverText(THREE_MX('@ MX 20 m|x2'));
		assert.match(value, /^`mx2` → `mx2\.example\.com\.` \(no trailing dot: the origin is appended\)\.\n\nPreference 20: tried \*\*2nd of 3\*\*/);
	});

	test('the type word: registry summary and RFC links, the card, and the effective TTL', () => {
		const value = hoverText(THREE_MX('@ M|X 20 mx2'));
		assert.match(value, /^\*\*MX\*\* \(type 15\) — Mail exchanger: where mail for this name is delivered\./);
		assert.match(value, /RDATA: `preference exchange` · \[RFC 1035\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc1035\), \[RFC 5321 §5\.1\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc5321#section-5\.1\)/);
		assert.match(value, /tried \*\*2nd of 3\*\*/);
		assert.match(value, /TTL 3600 seconds \(1h\), from the `\$TTL` directive above\.$/);
	});

	test('equal preferences share a rank and the load, at random', () => {
		const text = zone(...HEAD, '@ MX 10 mx1', '@ MX 10 mx2', '@ MX 2|0 mx3.example.net.', 'mx1 A 192.0.2.25', 'mx2 A 198.51.100.25');
		const value = hoverText(text);
		assert.match(value, /^Preference 20: tried \*\*2nd of 2\*\* for `example\.com\.`\./);
		assert.ok(value.includes('1. 10: `mx1.example.com.`, `mx2.example.com.` (same preference: picked at random)'), value);
		const first = hoverText(text.replace('|', '').replace('@ MX 10 mx2', '@ MX 1|0 mx2'));
		assert.match(first, /^Preference 10: tried \*\*1st of 2\*\* for `example\.com\.`, together with `mx1\.example\.com\.`: equal preferences share the load at random \(RFC 5321 §5\.1\)\./);
	});

	test('a single MX says there is no backup', () => {
		const value = hoverText(zone(...HEAD, '@ MX 1|0 mx1', 'mx1 A 192.0.2.25'));
		assert.match(value, /^Preference 10: tried \*\*1st of 1\*\* for `example\.com\.`\.\n\nNo backup: when this host is down/);
	});

	test('the network follows the configured prefix length', () => {
		const value = hoverText(zone(...HEAD, '@ MX 1|0 mx1', 'mx1 A 192.0.2.25'), { ...DEFAULT_RULE_OPTIONS, mxNetworkPrefixV4: 16 });
		assert.match(value, /`192\.0\.2\.25` \(network 192\.0\.0\.0\/16\)/);
	});

	test('an exchange that is an alias, outside the zone, or without addresses', () => {
		assert.match(hoverText(zone(...HEAD, '@ MX 10 ma|il', 'mail CNAME mx1', 'mx1 A 192.0.2.25')), /`mail\.example\.com\.` is an alias \(CNAME to `mx1\.example\.com\.`\)/);
		assert.match(hoverText(zone(...HEAD, '@ MX 10 mx.example.net|.')), /`mx\.example\.net\.` is outside this zone, so its addresses and network are not known here\./);
		assert.match(hoverText(zone(...HEAD, '@ MX 1|0 mx1')), /`mx1\.example\.com\.` has no A or AAAA record in this zone\./);
	});

	test('a null MX explains RFC 7505', () => {
		const value = hoverText(zone(...HEAD, 'nomail MX 0 |.'));
		assert.match(value, /^\*\*Null MX\*\* \(RFC 7505\): `nomail\.example\.com\.` accepts no mail\./);
		assert.match(value, /must be the only MX of its name, with preference 0/);
		assert.match(hoverText(zone(...HEAD, '@ MX |0 .', '@ MX 10 mx1.example.net.')), /has 1 other MX record too, which contradicts it/);
	});

	test('a multi-line MX in a CRLF file: the exchange on the second line', () => {
		const text = [...HEAD, '@ MX ( 10 ; primary', '       m|x1 ) ; exchange', '@ MX 20 mx2.example.net.', 'mx1 A 192.0.2.25', ''].join('\r\n');
		assert.match(hoverText(text), /`mx1` → `mx1\.example\.com\.`[\s\S]*tried \*\*1st of 2\*\*/);
	});
});

describe('hover on TTLs', () => {
	test('a TTL word in human units', () => {
		assert.equal(hoverText(zone(...HEAD, 'www 30|0 IN A 192.0.2.80')), '**TTL** 300 seconds (5m)\n\nSet on this record: caches keep the answer this long.');
		assert.equal(hoverText(zone(...HEAD, 'www 1d2|h IN A 192.0.2.80')), '**TTL** 93600 seconds (1d 2h)\n\nSet on this record: caches keep the answer this long.');
		assert.match(hoverText(zone(...HEAD, 'www 4|5 IN A 192.0.2.80')), /^\*\*TTL\*\* 45 seconds\n/);
	});

	test('the $TTL directive', () => {
		assert.equal(hoverText(zone('$ORIGIN example.com.', '$TTL 1|h', ...HEAD.slice(2))), '**$TTL** 3600 seconds (1h)\n\nThe default TTL of the records below that give none of their own (RFC 2308 §4).');
	});

	test('the owner of a record without a TTL word tells where its TTL came from', () => {
		assert.match(hoverText(zone(...HEAD, 'w|ww A 192.0.2.80')), /TTL 3600 seconds \(1h\), from the `\$TTL` directive above\.$/);
		const noDirective = zone('$ORIGIN example.com.', '@ 7200 SOA ns1 hostmaster 1 2h 30m 2w 1h', '  NS ns1', 'ns1 A 192.0.2.53', 'w|ww A 192.0.2.80');
		assert.match(hoverText(noDirective), /TTL 7200 seconds \(2h\), inherited from the record before it/);
		const soaMinimum = zone('$ORIGIN example.com.', '@ S|OA ns1 hostmaster 1 2h 30m 2w 1h', '  NS ns1');
		assert.match(hoverText(soaMinimum), /TTL 3600 seconds \(1h\), from the SOA minimum field/);
		assert.doesNotMatch(hoverText(zone(...HEAD, 'w|ww 300 A 192.0.2.80')), /TTL/, 'a record with its own TTL word does not repeat it');
	});
});

describe('hover on names', () => {
	test('a relative owner, @ and an absolute owner', () => {
		assert.equal(hoverText(zone(...HEAD, 'w|ww 300 A 192.0.2.80')), '**Owner** `www` → `www.example.com.`\n\nA name without a trailing dot is relative: the origin is appended.');
		assert.match(hoverText(zone(...HEAD, '|@ 300 TXT "x"')), /^\*\*Owner\*\* `@` is the origin: `example\.com\.`/);
		assert.equal(hoverText(zone(...HEAD, 'www.example.com|. 300 A 192.0.2.80')), '**Owner** `www.example.com.`');
	});

	test('a relative target in other RDATA: its field name and expansion', () => {
		assert.equal(hoverText(zone(...HEAD, 'www CNAME w|eb', 'web A 192.0.2.80')), '**CNAME** `cname`\n\n`web` → `web.example.com.` (no trailing dot: the origin is appended).');
		assert.match(hoverText(zone(...HEAD, '_sip._tcp SRV 0 5 5060 s|ip')), /^\*\*SRV\*\* `target`\n\n`sip` → `sip\.example\.com\.`/);
		assert.equal(hoverText(zone(...HEAD, 'www A 192.0|.2.80')), '**A** `address`');
	});

	test('the origin changes with $ORIGIN', () => {
		assert.match(hoverText(zone(...HEAD, '$ORIGIN mail.example.com.', 'm|x1 A 192.0.2.25')), /`mx1` → `mx1\.mail\.example\.com\.`/);
	});
});

describe('hover on SOA fields', () => {
	const soa = (field: string): string => {
		const words = ['ns1', 'hostmaster', '2026112901', '2h', '30m', '2w', '1h'];
		const index = ['mname', 'rname', 'serial', 'refresh', 'retry', 'expire', 'minimum'].indexOf(field);
		words[index] = words[index][0] + '|' + words[index].slice(1);
		return hoverText(zone('$ORIGIN example.com.', '$TTL 1h', `@ SOA ${words.join(' ')}`, '  NS ns1', 'ns1 A 192.0.2.53'));
	};

	test('the name fields', () => {
		assert.match(soa('mname'), /^\*\*SOA mname\*\* `ns1\.example\.com\.`\n\nThe primary name server of the zone/);
		assert.match(soa('rname'), /^\*\*SOA rname\*\* `hostmaster\.example\.com\.`[\s\S]*Mail goes to `hostmaster@example\.com`\.$/);
	});

	test('the serial, read as a date when it is one', () => {
		assert.match(soa('serial'), /^\*\*SOA serial\*\* `2026112901`\n\nThe version of the zone[\s\S]*Read as a date: 2026-11-29, change 01\.$/);
	});

	test('the timers in human units', () => {
		assert.match(soa('refresh'), /^\*\*SOA refresh\*\* 7200 seconds \(2h\)\n\nHow often secondaries ask the primary/);
		assert.match(soa('retry'), /^\*\*SOA retry\*\* 1800 seconds \(30m\)\n\nHow long a secondary waits/);
		assert.match(soa('expire'), /^\*\*SOA expire\*\* 1209600 seconds \(2w\)\n\nHow long a secondary keeps answering/);
		assert.match(soa('minimum'), /^\*\*SOA minimum\*\* 3600 seconds \(1h\)\n\nThe negative-caching TTL[\s\S]*RFC 2308 §4/);
	});
});

describe('hover on type words and elsewhere', () => {
	test('a type word shows the registry entry', () => {
		assert.match(hoverText(zone(...HEAD, 'www AA|AA 2001:db8::80')), /^\*\*AAAA\*\* \(type 28\) — IPv6 address of a host\.\n\nRDATA: `address` · \[RFC 3596\]/);
		assert.match(hoverText(zone(...HEAD, 'www TYPE6553|4 \\# 1 00')), /^\*\*TYPE65534\*\* \(type 65534\): no mnemonic/);
	});

	test('the cursor right after a word still hovers it', () => {
		assert.match(hoverText(zone(...HEAD, 'www 300| A 192.0.2.80')), /^\*\*TTL\*\* 300 seconds/);
	});

	test('$GENERATE: the type word, with the number of records made', () => {
		assert.match(hoverText(zone(...HEAD, '$GENERATE 1-3 host-$ |A 192.0.2.$')), /^\*\*A\*\* \(type 1\)[\s\S]*Made by `\$GENERATE`: 3 records of this type\.$/);
		assert.equal(hover(zone(...HEAD, '$GENERATE 1-3 host-$ A 192.0.|2.$')), undefined);
	});

	test('no hover on blanks, comments, directives other than $TTL, or broken records', () => {
		assert.equal(hover(zone(...HEAD, 'www  | A 192.0.2.80')), undefined);
		assert.equal(hover(zone(...HEAD, 'www A 192.0.2.80 ; a com|ment')), undefined);
		assert.equal(hover(zone('$ORIG|IN example.com.', ...HEAD.slice(1))), undefined);
		assert.equal(hover(zone(...HEAD, 'www A 192.0.2.3|00')), undefined);
	});

	test('finds the record at the end of a large zone', () => {
		const hosts = Array.from({ length: 20000 }, (_, i) => `h${i} A 192.0.2.${i % 250}`);
		assert.match(hoverText(zone(...HEAD, ...hosts, 'h|last 60 A 192.0.2.1')), /`hlast` → `hlast\.example\.com\.`/);
	});
});
