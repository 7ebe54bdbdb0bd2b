import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { serialChange, serialGreater } from '../../core/src/edits/serialChange';

const zone = (serial: number, ...records: string[]): string =>
	['$ORIGIN example.com.', '$TTL 3600', `@ SOA ns1 hostmaster ( ${serial} 7200 3600 1209600 300 )`, ' NS ns1', ...records, ''].join('\n');
const change = (current: string, previous: string) =>
	serialChange(analyzeZone('a', current, {}).model, analyzeZone('b', previous, {}).model);

test('serial arithmetic compares as RFC 1982 says, across the wrap', () => {
	assert.ok(serialGreater(2, 1));
	assert.ok(!serialGreater(1, 2));
	assert.ok(serialGreater(0, 4294967295));
	assert.ok(!serialGreater(4294967295, 0));
	assert.ok(!serialGreater(5, 5));
	assert.ok(!serialGreater(2 ** 31, 0), 'exactly half the space apart: neither is greater');
});

test('a record change with the same (or a lower) serial needs an increment; a greater serial does not', () => {
	const before = zone(7, 'ns1 A 192.0.2.53');
	assert.deepEqual(change(zone(7, 'ns1 A 192.0.2.54'), before), { serial: 7, previous: 7, needsIncrement: true });
	assert.equal(change(zone(6, 'ns1 A 192.0.2.54'), before)?.needsIncrement, true);
	assert.equal(change(zone(8, 'ns1 A 192.0.2.54'), before)?.needsIncrement, false);
	assert.equal(change(zone(0, 'ns1 A 192.0.2.54'), zone(4294967295, 'ns1 A 192.0.2.53'))?.needsIncrement, false);
});

test('layout, comments, record order and relative or absolute spelling are not changes', () => {
	const before = zone(7, 'ns1 A 192.0.2.53', 'www CNAME ns1');
	assert.equal(change(zone(7, 'www\tCNAME ns1.example.com. ; web', 'ns1   A 192.0.2.53'), before)?.needsIncrement, false);
});

test('without an SOA on either side there is nothing to judge', () => {
	assert.equal(change('$ORIGIN example.com.\nns1 A 192.0.2.53\n', zone(7)), undefined);
});
