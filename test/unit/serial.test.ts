/**
 * The next SOA serial (core/src/edits/soaSerial.ts): date serials `YYYYMMDDnn` move to today or
 * up by one, others up by one with RFC 1982 wrap-around; the edit is the serial's word only.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { incrementSerial, looksLikeDate, nextSerial } from '../../core/src/edits/soaSerial';
import { zone } from '../helpers/cursor';

const TODAY = { year: 2026, month: 12, day: 1 };

describe('next SOA serial', () => {
	test('a date serial from an earlier day becomes today’s with 00', () => {
		assert.equal(nextSerial(2024061501, TODAY), 2026120100);
		assert.equal(nextSerial(2026113099, TODAY), 2026120100);
	});

	test('a date serial of today or later goes up by one (99 runs into the next day, still newer)', () => {
		assert.equal(nextSerial(2026120100, TODAY), 2026120101);
		assert.equal(nextSerial(2026120199, TODAY), 2026120200);
		assert.equal(nextSerial(2027010100, TODAY), 2027010101);
	});

	test('other serials go up by one; 4294967295 wraps to 0 (RFC 1982 §3.1)', () => {
		assert.equal(nextSerial(1, TODAY), 2);
		assert.equal(nextSerial(0, TODAY), 1);
		assert.equal(nextSerial(4294967295, TODAY), 0);
		// Ten digits, but no date: month 13, day 30 of February, day 0.
		assert.equal(nextSerial(2026130100, TODAY), 2026130101);
		assert.equal(nextSerial(2026023000, TODAY), 2026023001);
		assert.equal(nextSerial(2026120000, TODAY), 2026120001);
	});

	test('which serials read as dates', () => {
		assert.equal(looksLikeDate(2024022900), true, 'a leap day');
		assert.equal(looksLikeDate(2023022900), false, 'no leap day in 2023');
		assert.equal(looksLikeDate(1969123100), false, 'before 1970');
		assert.equal(looksLikeDate(202612010), false, 'nine digits');
	});
});

describe('the serial edit', () => {
	test('replaces the serial word of a multi-line SOA and nothing else', () => {
		const text = zone(
			'$ORIGIN example.com.',
			'$TTL 1h',
			'@ IN SOA ns1 hostmaster (',
			'\t\t0042 ; serial',
			'\t\t2h 30m 2w 1h )',
			'  NS ns1',
			'ns1 A 192.0.2.53',
		);
		const found = incrementSerial(analyzeZone('file:///zones/example.com.zone', text).model, TODAY);
		assert.ok(found);
		assert.equal(text.slice(found.edit.start, found.edit.end), '0042');
		assert.deepEqual([found.from, found.to, found.edit.newText], [42, 43, '43']);
	});

	test('no SOA, no edit', () => {
		assert.equal(
			incrementSerial(analyzeZone('file:///zones/x.zone', zone('$ORIGIN example.com.', 'www A 192.0.2.1')).model, TODAY),
			undefined,
		);
	});
});
