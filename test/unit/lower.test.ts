import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { buildZoneModel, type IncludeResolver } from '../../core/src/model/lower';
import { fieldSpan } from '../../core/src/model/zoneModel';

/** Records as `owner ttl/source TYPE rdata…` lines, the smallest projection that shows the lowering. */
function records(text: string, options = {}): string[] {
	const model = buildZoneModel('test.zone', text, options);
	return model.records.map((r) => `${r.owner} ${r.ttl}/${r.ttlSource} ${r.class} ${r.type} ${r.rdata.join(',')}`);
}

/** This suite is about lowering: the zone-level rules (their own fixtures) would add a finding to most inputs. */
const ZONE_RULES_OFF = { soaMissing: 'off', apexNsMissing: 'off', nsTargetNoAddress: 'off', noRecords: 'off' } as const;

function problems(text: string, options = {}): string[] {
	const { problems } = analyzeZone('test.zone', text, { ruleLevels: ZONE_RULES_OFF, ...options });
	return problems.map((p) => `${p.severity} ${p.code} ${JSON.stringify(text.slice(p.start, p.end))}`);
}

describe('lowering', () => {
	test('applies $ORIGIN, @, relative names and blank owners', () => {
		const text = '$ORIGIN example.com.\n$TTL 1h\n@ MX 10 mail\n  MX 20 backup.example.net.\nmail A 192.0.2.1\n';
		assert.deepEqual(records(text), [
			'example.com. 3600/$TTL IN 15 10,mail.example.com.',
			'example.com. 3600/$TTL IN 15 20,backup.example.net.',
			'mail.example.com. 3600/$TTL IN 1 192.0.2.1',
		]);
	});

	test('TTL and class in either order, TTL units in any case', () => {
		const text = '$ORIGIN example.com.\na 1H IN A 192.0.2.1\nb IN 1w2d A 192.0.2.2\nc CH TXT "x"\n';
		assert.deepEqual(records(text).slice(0, 2), [
			'a.example.com. 3600/record IN 1 192.0.2.1',
			'b.example.com. 777600/record IN 1 192.0.2.2',
		]);
		assert.ok(problems(text).some((p) => p.startsWith('error classMismatch "CH"')));
	});

	test('without $TTL: previous TTL, then the SOA minimum with a warning, else an error', () => {
		// BIND keeps the SOA minimum as the default TTL, like a $TTL: not the previous record's TTL.
		assert.deepEqual(records('$ORIGIN e.\n@ SOA ns hm 1 2 3 4 5\nx A 192.0.2.1\ny 60 A 192.0.2.2\nz A 192.0.2.3\n'), [
			'e. 5/soaMinimum IN 6 ns.e.,hm.e.,1,2,3,4,5',
			'x.e. 5/soaMinimum IN 1 192.0.2.1',
			'y.e. 60/record IN 1 192.0.2.2',
			'z.e. 5/soaMinimum IN 1 192.0.2.3',
		]);
		assert.deepEqual(records('$ORIGIN e.\nx 60 A 192.0.2.1\ny A 192.0.2.2\n'), [
			'x.e. 60/record IN 1 192.0.2.1',
			'y.e. 60/previous IN 1 192.0.2.2',
		]);
		assert.deepEqual(problems('$ORIGIN e.\nx A 192.0.2.1\n@ SOA ns hm 1 2 3 4 5\n'), [
			'error noTtl "x A 192.0.2.1"',
			'warning noTtlUsingSoaMinimum "SOA"',
		]);
		// With no SOA at all the file may be a fragment: one soaMissing says so, without a noTtl beside it.
		assert.deepEqual(problems('$ORIGIN e.\nx A 192.0.2.1\n', { ruleLevels: {} }), ['error soaMissing "$ORIGIN e."']);
	});

	test('origin from the option, then the SOA owner, then the file name', () => {
		const text = '$TTL 60\n@ SOA ns hm 1 2 3 4 5\n';
		assert.equal(buildZoneModel('x', text, { origin: 'opt.example' }).origin, 'opt.example.');
		assert.equal(buildZoneModel('x', 'zone.test. 60 SOA ns hm 1 2 3 4 5\n').origin, 'zone.test.');
		assert.equal(buildZoneModel('x', text, { fileName: '/srv/db.example.org' }).origin, 'example.org.');
		assert.equal(buildZoneModel('x', text, { fileName: 'zones/example.net.zone' }).origin, 'example.net.');
		const unknown = analyzeZone('x', text, { fileName: 'zone.txt' });
		assert.equal(unknown.model.origin, undefined);
		assert.deepEqual(unknown.problems.filter((p) => p.code === 'originUnknown').length, 1);
	});

	test('RFC 3597 generic RDATA for known and unknown types', () => {
		assert.deepEqual(problems('$ORIGIN e.\n$TTL 1\na TYPE65534 \\# 4 0a000001\nb A \\# 4 0A000001\nc TYPE1 \\# 3 0a0000\n'), [
			'error invalidGenericRdata "0a0000"',
		]);
	});

	test('errors point at the exact word and the parser resumes', () => {
		const text = '$ORIGIN e.\n$TTL 1\n@ SOA ns hm 1 2 3 4 5\na A 192.0.2.999\nb MX x mail\nc BOGUS 1\nd A 192.0.2.1\n';
		assert.deepEqual(problems(text), ['error invalidIpv4Address "192.0.2.999"', 'error invalidRdata "x"', 'error unknownRrType "BOGUS"']);
		assert.equal(records(text).length, 2);
	});

	test('field spans cover the exchange of an MX', () => {
		const text = '$ORIGIN e.\n$TTL 1\n@ MX 10 mail.e.\n';
		const model = buildZoneModel('x', text);
		const mx = model.records[0];
		const span = fieldSpan(model, mx, mx.rdataField + 1);
		assert.equal(text.slice(span.start, span.end), 'mail.e.');
	});

	test('$INCLUDE through the injected reader, with origin argument, cycles and depth limits', () => {
		const files: Record<string, string> = {
			main: '$ORIGIN e.\n$TTL 1\n@ SOA ns hm 1 2 3 4 5\n$INCLUDE hosts sub.e.\n$INCLUDE loop\n$INCLUDE missing\nafter A 192.0.2.9\n',
			hosts: 'www A 192.0.2.1\n',
			loop: '$INCLUDE loop\n',
		};
		const resolve: IncludeResolver = (path) => (path in files ? { id: path, text: files[path] } : { error: 'file not found' });
		const { model, problems } = analyzeZone('main', files.main, { resolveInclude: resolve, ruleLevels: ZONE_RULES_OFF });
		assert.deepEqual(
			model.records.map((r) => r.owner),
			['e.', 'www.sub.e.', 'after.e.'],
		);
		assert.deepEqual(
			problems.map((p) => `${p.file} ${p.code}`),
			['0 includedFileHasErrors', '0 includeNotFound', '2 includeCycle'],
		);
	});

	test('$GENERATE expands with modifiers and refuses huge ranges', () => {
		assert.deepEqual(records('$ORIGIN e.\n$TTL 1\n$GENERATE 1-3/2 h${0,3} A 192.0.2.$\n'), [
			'h001.e. 1/$TTL IN 1 192.0.2.1',
			'h003.e. 1/$TTL IN 1 192.0.2.3',
		]);
		assert.deepEqual(
			problems('$ORIGIN e.\n$TTL 1\n$GENERATE 1-1000000 h$ A 192.0.2.1\n').map((p) => p.split(' ').slice(0, 2).join(' ')),
			['error generateTooLarge'],
		);
		assert.deepEqual(
			problems('$ORIGIN e.\n$TTL 1\n$GENERATE 5-1 h$ A 192.0.2.1\n').map((p) => p.split(' ').slice(0, 2).join(' ')),
			['error invalidGenerate'],
		);
	});

	test('names: label and name length limits, empty labels', () => {
		const long = 'a'.repeat(64);
		assert.deepEqual(
			problems(`$ORIGIN e.\n$TTL 1\n${long} A 192.0.2.1\nx..y A 192.0.2.1\n`)
				.filter((p) => p.startsWith('error'))
				.map((p) => p.split(' ')[1]),
			['labelTooLong', 'emptyLabel'],
		);
	});
});
