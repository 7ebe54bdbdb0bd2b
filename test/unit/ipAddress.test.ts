import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressKey, networkKey, networkLabel } from '../../core/src/model/ipNetwork';
import { ipv6Groups, isIpv6 } from '../../core/src/model/rrTypes/addresses';

test('IPv6 text forms of RFC 4291 §2.2 are accepted and expanded', () => {
	assert.deepEqual(ipv6Groups('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
	assert.deepEqual(ipv6Groups('::1'), [0, 0, 0, 0, 0, 0, 0, 1]);
	assert.deepEqual(ipv6Groups('1::'), [1, 0, 0, 0, 0, 0, 0, 0]);
	assert.deepEqual(ipv6Groups('2001:DB8::25'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x25]);
	assert.deepEqual(ipv6Groups('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
	assert.deepEqual(ipv6Groups('::ffff:192.0.2.1'), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
	assert.deepEqual(ipv6Groups('1:2:3:4:5:6:1.2.3.4'), [1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
});

test('IPv6 look-alikes are refused', () => {
	for (const text of [
		':',
		':::',
		'1:::2',
		'1::2::3',
		'1::2:',
		':1::2',
		'12345::',
		'fe80::1%eth0',
		'1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:8:9',
		'1:2:3:4:5:6:7::8',
		'::1.2.3.256',
		'1.2.3.4',
		'1.2.3.4::',
		'g::1',
		'',
	]) {
		assert.equal(isIpv6(text), false, text);
	}
});

test('equal addresses have equal keys, and networks follow the prefix length', () => {
	assert.equal(addressKey('2001:DB8:0:0::25'), addressKey('2001:db8::25'));
	assert.notEqual(addressKey('2001:db8::25'), addressKey('2001:db8::26'));
	assert.equal(networkKey('192.0.2.25', 24, 48), networkKey('192.0.2.200', 24, 48));
	assert.notEqual(networkKey('192.0.2.25', 24, 48), networkKey('192.0.3.25', 24, 48));
	assert.equal(networkKey('2001:db8:10:1::25', 24, 48), networkKey('2001:db8:10:ffff::1', 24, 48));
	assert.notEqual(networkKey('2001:db8:10::25', 24, 48), networkKey('2001:db8:11::25', 24, 48));
	assert.equal(networkLabel('2001:db8:10:1::25', 24, 48), '2001:db8:10::/48');
	assert.equal(networkLabel('198.51.100.7', 24, 48), '198.51.100.0/24');
});
