/**
 * RDATA validators (core/src/model/rrTypes): each case is one record in a small valid zone; a bad
 * case must give exactly the expected error code on exactly the word that is wrong, a good case none.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { base32HexLength, base64Length } from '../../core/src/model/rrTypes/encodings';
import { checkSignatureTime } from '../../core/src/model/rrTypes/fields';

const HEADER = '$ORIGIN example.\n$TTL 3600\n@ SOA ns hostmaster 1 3600 900 604800 300\n@ NS ns\nns A 192.0.2.53\n';

/** Model errors (not rule findings) of `record` in a valid zone, as `code:word`. */
function errors(record: string): string[] {
	const text = HEADER + record + '\n';
	const { model } = analyzeZone('test.zone', text, { origin: 'example.' });
	return model.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}:${text.slice(p.start, p.end)}`);
}

function good(...records: string[]): void {
	for (const record of records) assert.deepEqual(errors(record), [], record);
}

describe('SVCB/HTTPS SvcParams (RFC 9460)', () => {
	test('valid parameters', () => {
		good(
			'svc SVCB 1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1',
			'svc HTTPS 1 . alpn="h2,h3" no-default-alpn mandatory=alpn,port port=443',
			'svc SVCB 16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"',
			'svc SVCB 1 . key667="hello\\210qoo" key65534',
			'svc HTTPS 1 . ech="aGVsbG93b3JsZCE="',
			'svc HTTPS 1 . alpn=h2 dohpath=/dns-query{?dns}',
			'svc HTTPS 1 . alpn=h2 ohttp',
			'svc HTTPS 0 svc.example.net.',
		);
	});
	test('list values must not have empty items', () => {
		assert.deepEqual(errors('svc SVCB 1 . alpn=,abc'), ['invalidSvcParam:alpn=,abc']);
		assert.deepEqual(errors('svc SVCB 1 . alpn=a,,abc'), ['invalidSvcParam:alpn=a,,abc']);
		assert.deepEqual(errors('svc SVCB 1 . alpn=abc,'), ['invalidSvcParam:alpn=abc,']);
		assert.deepEqual(errors('svc SVCB 1 . alpn'), ['invalidSvcParam:alpn']);
		assert.deepEqual(errors('svc SVCB 1 . ipv4hint'), ['invalidSvcParam:ipv4hint']);
	});
	test('keys without values, numbers and unknown keys', () => {
		assert.deepEqual(errors('svc SVCB 1 . alpn=h2 no-default-alpn=abc'), ['invalidSvcParam:no-default-alpn=abc']);
		assert.deepEqual(errors('svc SVCB 1 . alpn=h2 ohttp=hopsa'), ['invalidSvcParam:ohttp=hopsa']);
		assert.deepEqual(errors('svc SVCB 1 . port=65536'), ['invalidSvcParam:port=65536']);
		assert.deepEqual(errors('svc SVCB 1 . unknown=wha'), ['invalidSvcParam:unknown=wha']);
		assert.deepEqual(errors('svc SVCB 1 . key0123=x'), ['invalidSvcParam:key0123=x']);
		assert.deepEqual(errors('svc SVCB 1 . key65535'), ['invalidSvcParam:key65535']);
		assert.deepEqual(errors('svc HTTPS 1 . ech="123"'), ['invalidSvcParam:ech="123"']);
		assert.deepEqual(errors('svc HTTPS 1 . dohpath=/dns-query{é?dns}'), ['invalidSvcParam:dohpath=/dns-query{é?dns}']);
	});
	test('self-consistency: duplicates, mandatory, no-default-alpn', () => {
		assert.deepEqual(errors('svc SVCB 1 . key123=abc key123=def'), ['invalidSvcParam:key123=def']);
		assert.deepEqual(errors('svc SVCB 1 . mandatory=key123'), ['invalidSvcParam:mandatory=key123']);
		assert.deepEqual(errors('svc SVCB 1 . mandatory=mandatory'), ['invalidSvcParam:mandatory=mandatory']);
		assert.deepEqual(errors('svc SVCB 1 . mandatory=key123,key123 key123=abc'), ['invalidSvcParam:mandatory=key123,key123']);
		assert.deepEqual(errors('svc HTTPS 0 . no-default-alpn'), ['invalidSvcParam:no-default-alpn']);
	});
});

describe('RFC 3597 generic RDATA of known types', () => {
	test('valid wire data', () => {
		good(
			'a A \\# 4 c0000201',
			'mx MX \\# 20 000a 04686f7374076578616d706c6503636f6d00',
			'svc SVCB \\# 3 0001 00',
			'txt TXT \\# text',
			'u TYPE65534 \\# 2 abcd',
		);
	});
	test('wire data that does not decode as the type', () => {
		assert.deepEqual(errors('a A \\# 5 c000020101'), ['invalidGenericRdata:c000020101']);
		assert.deepEqual(errors('e TYPE109 \\# 4 abcdabcd'), ['invalidGenericRdata:abcdabcd']);
		assert.deepEqual(errors('hip HIP \\# 4 ff01ffff'), ['invalidGenericRdata:ff01ffff']);
		assert.deepEqual(errors('svc SVCB \\# 9 0001 00 aaaa aaaa aa'), ['invalidGenericRdata:0001 00 aaaa aaaa aa']);
		assert.deepEqual(errors('n NS \\# 3 c00c00'), ['invalidGenericRdata:c00c00']);
	});
	test('meta types and UNSPEC', () => {
		assert.deepEqual(errors('m TYPE0 \\# 1 00'), ['metaType:TYPE0']);
		assert.deepEqual(errors('m TYPE200 \\# 1 00'), ['metaType:TYPE200']);
		assert.deepEqual(errors('u TYPE103 ^# 1 00'), ['genericRdataRequired:^# 1 00']);
		good('u UNSPEC \\# 1 00');
	});
});

describe('DNSSEC fields', () => {
	test('NSEC3 next hash and owner (RFC 5155)', () => {
		good('i7a7a184ggmi35k1e3ir650lko7nob5r NSEC3 1 0 10 76931F IMQ912BREQP1POLAH3RMONG3UED541AS A RRSIG');
		assert.deepEqual(errors('i7a7a184ggmi35k1e3ir650lko7nob5r NSEC3 1 0 10 76931F IMQ912BREQP1POLAH3RMONG A'), [
			'invalidRdata:IMQ912BREQP1POLAH3RMONG',
		]);
		assert.deepEqual(errors('CPNMU=== NSEC3 2 1 12 aabbccdd CPNMU MX'), ['invalidNsec3Owner:CPNMU===']);
		assert.deepEqual(errors('wxyzwxyzwxyzwxyzwxyzwxyzwxyzwxyz NSEC3 2 1 12 aabbccdd CPNMU MX'), [
			'invalidNsec3Owner:wxyzwxyzwxyzwxyzwxyzwxyzwxyzwxyz',
		]);
	});
	test('signature times', () => {
		assert.equal(checkSignatureTime('20100227180048'), undefined);
		assert.equal(checkSignatureTime('2010'), undefined);
		assert.equal(checkSignatureTime('20000229000000'), undefined);
		assert.match(checkSignatureTime('00100227180048') ?? '', /not a valid date/);
		assert.match(checkSignatureTime('20100230000000') ?? '', /not a valid date/);
		assert.match(checkSignatureTime('4294967296') ?? '', /not a signature time/);
		assert.deepEqual(errors('x RRSIG A 8 2 3600 00100227180048 20100221180048 30323 example. AQID'), ['invalidRdata:00100227180048']);
	});
	test('digest lengths fixed by the digest type', () => {
		good('s DS 58470 5 1 3079F1593EBAD6DC121E202A8B766A6A4837206C', 's CDS 0 0 0 00', 'z ZONEMD 1 1 240 e2d523f654b9422a96c5a8f44607bbee');
		assert.deepEqual(errors('s DS 58470 5 2 3079F1593EBAD6DC121E202A8B766A6A4837206C'), [
			'invalidDigestLength:3079F1593EBAD6DC121E202A8B766A6A4837206C',
		]);
		assert.deepEqual(errors('s CDS 0 0 0 0'), ['invalidHex:0']);
		assert.deepEqual(errors('z ZONEMD 1 241 1 e1846540e33a9e41 89792d18d5d131f6'), [
			'invalidDigestLength:e1846540e33a9e41 89792d18d5d131f6',
		]);
	});
	test('base64 and base32hex as BIND decodes them', () => {
		assert.equal(base64Length('AQID'), 3);
		assert.equal(base64Length('AA=='), 1);
		assert.equal(base64Length('AB=='), undefined, 'non-zero bits before the padding');
		assert.equal(base64Length('AQI'), undefined);
		assert.equal(base32HexLength('CPNMU'), 3);
		assert.equal(base32HexLength('CPNMU==='), undefined);
		assert.equal(base32HexLength('C'), undefined);
		assert.deepEqual(errors('k DNSKEY 256 3 8 AB=='), ['invalidBase64:AB==']);
		good('k KEY NOAUTH|ZONE|FLAG2 3 1', 'k DNSKEY 257 3 8 AwEAAQ==');
	});
});

describe('other types', () => {
	test('EUI48 / EUI64 (RFC 7043)', () => {
		good('e EUI48 00-00-5e-00-53-2a', 'e EUI64 00-00-5e-ef-10-00-00-2a');
		assert.deepEqual(errors('e EUI48 00-00-5e-00-53-2'), ['invalidRdata:00-00-5e-00-53-2']);
		assert.deepEqual(errors('e EUI64 00.00.5e.ef.10.00.00.2a'), ['invalidRdata:00.00.5e.ef.10.00.00.2a']);
	});
	test('newer and rare types', () => {
		good(
			'd DSYNC CDS 1 5359 cds-scanner.example.net.',
			'i IPN 429496729700',
			'i IPN 100.100',
			'a AMTRELAY 10 0 1 203.0.113.15',
			'a AMTRELAY 128 1 3 amtrelays.example.com.',
			'k IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
			'a APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32',
			'n NSAP 0x47.0005.80.005a00.0000.0001.e133.aaaaaa000111.00',
			'x X25 311061700956',
			'w WKS 192.0.2.1 tcp 0 tcpmux',
			'n NXT . ( A 127 )',
			'doa DOA 0 1 2 "" bWFpbHRvOmxhYnNAbmxuZXRsYWJzLm5s',
		);
		assert.deepEqual(errors('a AMTRELAY 10 0 1 2001:db8::15'), ['invalidIpv4Address:2001:db8::15']);
		assert.deepEqual(errors('a APL 1:192.168.32.0/33'), ['invalidRdata:1:192.168.32.0/33']);
		assert.deepEqual(errors('s SINK 64 1 TkxuZXRMYWJzLm5s'), ['invalidRdata:TkxuZXRMYWJzLm5s']);
		assert.deepEqual(errors('m MD host.example.com.'), ['obsoleteType:MD']);
	});
	test('character-strings', () => {
		good('t TXT "a\\255b" plain \\"q\\"');
		assert.deepEqual(errors('t TXT "a\\256b"'), ['invalidEscape:"a\\256b"']);
		assert.deepEqual(errors(`t TXT "${'x'.repeat(256)}"`), [`characterStringTooLong:"${'x'.repeat(256)}"`]);
		assert.deepEqual(
			errors(`t TXT "${'é'.repeat(128)}"`),
			[`characterStringTooLong:"${'é'.repeat(128)}"`],
			'UTF-8 octets count, not characters',
		);
	});
});

describe('lowering', () => {
	test('identical SOA and CNAME records are one record (RFC 2181 §5)', () => {
		const text = HEADER + '@ SOA ns hostmaster 1 3600 900 604800 300\nwww CNAME host\nwww CNAME HOST.example.\n';
		const { model } = analyzeZone('t.zone', text, { origin: 'example.' });
		assert.equal(model.records.filter((r) => r.type === 6).length, 1);
		assert.equal(model.records.filter((r) => r.type === 5).length, 1);
	});
	test('$GENERATE: quoted parts lose their quotes, offsets may carry a sign and must stay in range', () => {
		good('$GENERATE 1-2 host-$ MX "0 ."', '$GENERATE 1-2 wp-db${+10,2,d} A 192.0.2.$');
		assert.deepEqual(
			errors('$GENERATE 1-1 host$ TXT foo${2147483647}').map((e) => e.split(':')[0]),
			['invalidGenerate'],
		);
	});
	test('$DATE is a BIND directive', () => {
		good('$DATE 20210101000000');
	});
});
