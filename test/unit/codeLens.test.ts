/**
 * Code lenses above the first MX of each owner. The `|` marks the line the lens must sit on.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../../core/src/rules/rule';
import { type ClientFeatures, PLAIN_LSP_CLIENT } from '../../server/src/service/clientCommands';
import { getCodeLenses } from '../../server/src/service/codeLens';
import { withCursor, zone } from '../helpers/cursor';

const VSCODE: ClientFeatures = { askForHost: true, testSmtp: true };

/** `line: title` of every lens, in order; the `|` line must carry the first lens. */
function lenses(
	marked: string,
	options: RuleOptions = DEFAULT_RULE_OPTIONS,
	features: ClientFeatures = PLAIN_LSP_CLIENT,
	policy?: string,
): string[] {
	const { document, position } = withCursor(marked);
	const mtaStsPolicy = policy === undefined ? undefined : { fileId: 'file:///zones/.well-known/mta-sts.txt', text: policy };
	const analysis = analyzeZone(document.uri, document.getText(), { ruleOptions: options, mtaStsPolicy });
	const found = getCodeLenses(document, analysis, options, features);
	assert.ok(found.length > 0, 'expected lenses');
	assert.equal(found[0].range.start.line, position.line, 'the first lens is on the marked line');
	return found.map((lens) => `${lens.range.start.line}: ${lens.command?.title}`);
}

const HEAD = ['$ORIGIN example.com.', '$TTL 1h', '@ SOA ns1 hostmaster 1 2h 30m 2w 1h', '  NS ns1', 'ns1 A 192.0.2.53'];

describe('code lens', () => {
	test('three exchangers on two networks, above the first MX in file order', () => {
		const text = zone(
			...HEAD,
			'|@ MX 20 backup1',
			'@ MX 5 primary',
			'@ MX 25 backup2',
			'primary A 192.0.2.10',
			'backup1 A 198.51.100.10',
			'backup2 A 198.51.100.20',
		);
		assert.deepEqual(lenses(text), ['5: 3 mail exchangers · 2 networks · tried first: primary.example.com. (5)']);
	});

	test('one exchanger: no backup', () => {
		assert.deepEqual(lenses(zone(...HEAD, '|@ MX 10 mx1', 'mx1 A 192.0.2.25')), ['5: 1 mail exchanger — no backup']);
	});

	test('one lens per owner, in file order; a null MX; the same host twice is one exchanger', () => {
		const text = zone(...HEAD, '|@ MX 10 mx1', 'nomail MX 0 .', 'dup MX 10 mx1', 'dup MX 20 MX1.example.com.', 'mx1 A 192.0.2.25');
		assert.deepEqual(lenses(text), [
			'5: 1 mail exchanger — no backup',
			'6: null MX — this name accepts no mail (RFC 7505)',
			'7: 1 mail exchanger — no backup',
		]);
	});

	test('equal first preferences are tried at random; hosts outside the zone are counted as unknown', () => {
		const text = zone(...HEAD, '|@ MX 10 mx1', '@ MX 10 mx2', '@ MX 20 mx.example.net.', 'mx1 A 192.0.2.25', 'mx2 A 192.0.2.26');
		assert.deepEqual(lenses(text), [
			'5: 3 mail exchangers · 1 network, 1 unknown · tried first: mx1.example.com. or mx2.example.com. (10, at random)',
		]);
	});

	test('no network part when no exchanger has addresses here', () => {
		assert.deepEqual(lenses(zone(...HEAD, '|@ MX 10 mx1.example.net.', '@ MX 20 mx2.example.org.')), [
			'5: 2 mail exchangers · tried first: mx1.example.net. (10)',
		]);
	});

	test('networks are counted at the configured prefix lengths', () => {
		const text = zone(
			...HEAD,
			'|@ MX 10 mx1',
			'@ MX 20 mx2',
			'mx1 A 192.0.2.25',
			'mx2 A 192.0.3.25',
			'mx1 AAAA 2001:db8:1::25',
			'mx2 AAAA 2001:db8:2::25',
		);
		assert.deepEqual(lenses(text), ['5: 2 mail exchangers · 2 networks (IPv4) / 2 networks (IPv6) · tried first: mx1.example.com. (10)']);
		assert.deepEqual(lenses(text, { ...DEFAULT_RULE_OPTIONS, mxNetworkPrefixV4: 16, mxNetworkPrefixV6: 32 }), [
			'5: 2 mail exchangers · 1 network (IPv4) / 1 network (IPv6) · tried first: mx1.example.com. (10)',
		]);
	});

	test('one dual-stack host is one exchanger, not two networks', () => {
		assert.deepEqual(lenses(zone(...HEAD, '|@ MX 10 mx1', 'mx1 A 192.0.2.25', 'mx1 AAAA 2001:db8::25')), [
			'5: 1 mail exchanger — no backup',
		]);
	});

	test('two names for one address are one server; networks per family', () => {
		const text = zone(
			...HEAD,
			'|@ MX 10 mx1',
			'@ MX 20 mx2',
			'mx1 A 192.0.2.25',
			'mx2 A 192.0.2.25',
			'mx1 AAAA 2001:db8:1::25',
			'mx2 AAAA 2001:db8:2::25',
		);
		assert.deepEqual(lenses(text), [
			'5: 2 mail exchangers · 1 server · 1 network (IPv4) / 2 networks (IPv6) · tried first: mx1.example.com. (10)',
		]);
	});

	test('a placeholder is named, not counted', () => {
		assert.deepEqual(lenses(zone(...HEAD, '|@ MX 10 mx1', '@ MX 20 backup-mx.invalid.', 'mx1 A 192.0.2.25')), [
			'5: 1 mail exchanger — no backup · backup-mx.invalid. is a placeholder',
		]);
	});

	test('summary lenses have no command to run', () => {
		const { document } = withCursor(zone(...HEAD, '|@ MX 10 mx1'));
		const [lens] = getCodeLenses(document, analyzeZone(document.uri, document.getText()));
		assert.equal(lens.command?.command, '');
		assert.deepEqual(lens.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 11 } });
	});

	test('"Test SMTP" only for a client that has the command, with the uri and the owner', () => {
		const marked = zone(...HEAD, '|@ MX 10 mx1', 'nomail MX 0 .', 'lists MX 10 mx1');
		assert.deepEqual(lenses(marked, DEFAULT_RULE_OPTIONS, VSCODE), [
			'5: 1 mail exchanger — no backup',
			'5: Test SMTP',
			'6: null MX — this name accepts no mail (RFC 7505)',
			'7: 1 mail exchanger — no backup',
			'7: Test SMTP',
		]);
		const { document } = withCursor(marked);
		const smtp = getCodeLenses(document, analyzeZone(document.uri, document.getText()), DEFAULT_RULE_OPTIONS, VSCODE).filter(
			(lens) => lens.command?.title === 'Test SMTP',
		);
		assert.deepEqual(
			smtp.map((lens) => lens.command),
			[
				{ title: 'Test SMTP', command: 'zoneSentinel.testSmtp', arguments: [{ uri: document.uri, owner: 'example.com.' }] },
				{ title: 'Test SMTP', command: 'zoneSentinel.testSmtp', arguments: [{ uri: document.uri, owner: 'lists.example.com.' }] },
			],
		);
	});

	test('"Failover Drill" only for a client that has the command, and only for a set with a backup', () => {
		const marked = zone(...HEAD, '|@ MX 10 mx1', '@ MX 20 mx2', 'lists MX 10 mx1', 'mx1 A 192.0.2.25', 'mx2 A 198.51.100.25');
		const drill: ClientFeatures = { ...VSCODE, failoverDrill: true };
		const { document } = withCursor(marked);
		const found = getCodeLenses(document, analyzeZone(document.uri, document.getText()), DEFAULT_RULE_OPTIONS, drill).filter(
			(lens) => lens.command?.title === 'Failover Drill',
		);
		assert.deepEqual(
			found.map((lens) => lens.command),
			[{ title: 'Failover Drill', command: 'zoneSentinel.runFailoverDrill', arguments: [{ uri: document.uri, owner: 'example.com.' }] }],
		);
		assert.ok(!lenses(marked, DEFAULT_RULE_OPTIONS, VSCODE).some((line) => line.endsWith('Failover Drill')));
	});

	test('a zone without MX records has no lenses', () => {
		const { document } = withCursor(zone(...HEAD, '|www A 192.0.2.80'));
		assert.deepEqual(getCodeLenses(document, analyzeZone(document.uri, document.getText())), []);
	});

	describe('MTA-STS, when the policy beside the zone is known', () => {
		const text = zone(
			...HEAD,
			'_mta-sts TXT "v=STSv1; id=1"',
			'|@ MX 10 mx1',
			'@ MX 20 backup.example.net.',
			'mx1 A 192.0.2.25',
			'sub MX 10 mx1',
		);
		const policy = (mode: string, ...mx: string[]): string =>
			['version: STSv1', `mode: ${mode}`, ...mx.map((pattern) => `mx: ${pattern}`), 'max_age: 86400', ''].join('\n');

		test("how many exchangers its mx: lines list, and the mode; only on the apex (the policy is the apex domain's)", () => {
			assert.deepEqual(lenses(text, DEFAULT_RULE_OPTIONS, PLAIN_LSP_CLIENT, policy('enforce', 'mx1.example.com')), [
				'6: 2 mail exchangers · 1 network, 1 unknown · tried first: mx1.example.com. (10) · MTA-STS enforce: 1 of 2 listed',
				'9: 1 mail exchanger — no backup',
			]);
			assert.deepEqual(
				lenses(text, DEFAULT_RULE_OPTIONS, PLAIN_LSP_CLIENT, policy('testing', 'mx1.example.com', '*.example.net'))[0],
				'6: 2 mail exchangers · 1 network, 1 unknown · tried first: mx1.example.com. (10) · MTA-STS testing: all listed',
			);
			assert.deepEqual(
				lenses(text, DEFAULT_RULE_OPTIONS, PLAIN_LSP_CLIENT, policy('none'))[0],
				'6: 2 mail exchangers · 1 network, 1 unknown · tried first: mx1.example.com. (10) · MTA-STS none (withdrawn)',
			);
		});

		test('nothing without the policy file, or without the _mta-sts record', () => {
			assert.doesNotMatch(lenses(text)[0], /MTA-STS/);
			const withoutRecord = text.replace('_mta-sts TXT "v=STSv1; id=1"\n', '');
			assert.doesNotMatch(
				lenses(withoutRecord, DEFAULT_RULE_OPTIONS, PLAIN_LSP_CLIENT, policy('enforce', 'mx1.example.com'))[0],
				/MTA-STS/,
			);
		});
	});

	test('DANE: how many of the exchangers this zone holds have TLSA records, only in a zone with TLSA', () => {
		const tlsa = '3 1 1 ' + 'ab'.repeat(32);
		const text = zone(...HEAD, '|@ MX 10 mx1', '@ MX 20 mx2', '@ MX 30 backup.example.net.', 'mx1 A 192.0.2.25', 'mx2 A 198.51.100.25');
		assert.doesNotMatch(lenses(text)[0], /DANE/);
		const one = zone(
			...HEAD,
			'|@ MX 10 mx1',
			'@ MX 20 mx2',
			'@ MX 30 backup.example.net.',
			'mx1 A 192.0.2.25',
			'mx2 A 198.51.100.25',
			`_25._tcp.mx1 TLSA ${tlsa}`,
		);
		assert.match(lenses(one)[0], / · DANE: 1 of 2 with TLSA$/);
		assert.match(lenses(one + `_25._tcp.mx2 TLSA ${tlsa}\n`)[0], / · DANE: all with TLSA$/);
		const elsewhere = zone(...HEAD, '|@ MX 10 mx1', 'mx1 A 192.0.2.25', `_25._tcp.www TLSA ${tlsa}`);
		assert.match(lenses(elsewhere)[0], / · DANE: no TLSA$/);
	});
});
