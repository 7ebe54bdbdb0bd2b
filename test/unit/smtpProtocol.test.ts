/**
 * The SMTP test's pure parts, without sockets: wire-string validation, the bounded reply reader,
 * option parsing, the test message, the plan read from a zone, and report escaping.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { analyse } from '../../smtp/src/drill';
import { mailboxPasswordError, parseMailboxUrl } from '../../smtp/src/mailbox';
import { buildTestMessage, encodeData, rfc5322Date } from '../../smtp/src/message';
import { DEFAULT_SMTP_OPTIONS, parseEndpoint, parseHostOverride, parseSmtpSettings, parseTimeoutSeconds } from '../../smtp/src/options';
import { type MailDomainPlan, planMailTests } from '../../smtp/src/plan';
import { ReplyReader } from '../../smtp/src/replyReader';
import { escapeMarkdown } from '../../smtp/src/report';
import { assertSafeCommand, expandAddress, heloNameError, hostNameError, mailboxError } from '../../smtp/src/validate';
import { REPO_ROOT } from '../helpers/paths';

describe('SMTP wire strings', () => {
	test('mailboxes follow RFC 5321: dot-string or quoted local part, host-name domain, length limits', () => {
		for (const ok of [
			'postmaster@example.com',
			'zone.sentinel+test@mail.example.com',
			'"john doe"@example.com',
			"o'brien@example.org",
			`${'a'.repeat(64)}@example.com`,
		]) {
			assert.equal(mailboxError(ok), undefined, ok);
		}
		for (const bad of [
			'postmaster@example.com\r\nRCPT TO:<x@evil.example>',
			'post\nmaster@example.com',
			'a\u0000b@example.com',
			'pøstmaster@example.com',
			'no-at-sign',
			'@example.com',
			'a..b@example.com',
			'.a@example.com',
			'a b@example.com',
			'a@example.com.',
			'a@-bad.example.com',
			'a@[192.0.2.1]',
			'a@127.0.0.1',
			`${'a'.repeat(65)}@example.com`,
			`a@${`${'b'.repeat(60)}.`.repeat(5)}example`,
		]) {
			assert.notEqual(mailboxError(bad), undefined, JSON.stringify(bad));
		}
		assert.doesNotMatch(mailboxError('a\r\nb@example.com') ?? '', /[\r\n]/, 'the error message shows CR/LF escaped');
	});

	test('host and EHLO names: LDH labels, one optional trailing dot, address literals for EHLO only', () => {
		assert.equal(hostNameError('mx1.example.com.'), undefined);
		assert.equal(hostNameError('localhost'), undefined);
		for (const bad of ['mx1..example.com', 'mx1.example.com\r\n', 'mx_1.example.com', '-mx.example.com', '192.0.2.1', '', 'a'.repeat(254)])
			assert.notEqual(hostNameError(bad), undefined, bad);
		assert.equal(heloNameError('[192.0.2.7]'), undefined);
		assert.equal(heloNameError('[IPv6:2001:db8::7]'), undefined);
		assert.notEqual(heloNameError('[IPv6:192.0.2.7]'), undefined);
		assert.notEqual(heloNameError('[example.com]'), undefined);
	});

	test('the last check before writing refuses CR, LF and over-long commands', () => {
		assert.throws(() => assertSafeCommand('RCPT TO:<a@example.com>\r\nDATA'));
		assert.throws(() => assertSafeCommand('X'.repeat(511)));
		assert.doesNotThrow(() => assertSafeCommand('MAIL FROM:<a@example.com>'));
	});

	test('{domain} expands without the trailing dot', () => {
		assert.equal(expandAddress('postmaster@{domain}', 'example.com.'), 'postmaster@example.com');
	});
});

describe('SMTP reply reader', () => {
	const read = (chunks: (string | Buffer)[], limits?: { maxLineLength: number; maxReplyBytes: number }) => {
		const reader = new ReplyReader(limits);
		for (const chunk of chunks) reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
		const replies = [];
		for (let reply = reader.take(); reply; reply = reader.take()) replies.push(reply);
		return { replies, error: reader.error };
	};

	test('multi-line replies, split anywhere across chunks, CRLF or bare LF, bare codes', () => {
		const text = '250-mx.test Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\n250 STARTTLS\r\n354\r\n';
		for (let cut = 1; cut < text.length; cut++) {
			const { replies, error } = read([text.slice(0, cut), text.slice(cut)]);
			assert.equal(error, undefined);
			assert.deepEqual(replies, [
				{ code: 250, lines: ['mx.test Hello', 'PIPELINING', 'SIZE 10240000', 'STARTTLS'] },
				{ code: 354, lines: [''] },
			]);
		}
	});

	test('a megabyte without a newline stops at the line bound, holding no more than the bound', () => {
		const { replies, error } = read([Buffer.alloc(1024 * 1024, 0x41)]);
		assert.deepEqual(replies, []);
		assert.equal(error?.kind, 'lineTooLong');
		const slow = read(Array.from({ length: 20 }, () => 'x'.repeat(60)));
		assert.equal(slow.error?.kind, 'lineTooLong', 'also when the line arrives in small pieces');
	});

	test('a reply larger than the bound, line by line, is refused', () => {
		const { error } = read([Array.from({ length: 2000 }, () => '250-' + 'x'.repeat(50) + '\r\n').join('')]);
		assert.equal(error?.kind, 'replyTooLarge');
	});

	test('garbage is not a reply', () => {
		assert.equal(read(['HTTP/1.1 400 Bad Request\r\n']).error?.kind, 'badReply');
		assert.equal(read(['25 short\r\n']).error?.kind, 'badReply');
	});

	test('discard() forgets plain text sent after 220 to STARTTLS', () => {
		const reader = new ReplyReader();
		reader.push(Buffer.from('220 go ahead\r\n250 injected\r\n'));
		assert.equal(reader.take()?.code, 220);
		assert.equal(reader.discard(), true);
		assert.equal(reader.take(), undefined);
	});
});

describe('SMTP options', () => {
	test('host overrides: NAME=ADDRESS[:PORT], IPv6 in brackets, names normalised to keys', () => {
		assert.deepEqual(parseHostOverride('MX1.Example.com=127.0.0.1:2525'), ['mx1.example.com.', { address: '127.0.0.1', port: 2525 }]);
		assert.deepEqual(parseHostOverride('mx1.example.com.=[::1]:25'), ['mx1.example.com.', { address: '::1', port: 25 }]);
		assert.deepEqual(parseEndpoint('::1'), { address: '::1' });
		assert.deepEqual(parseEndpoint('192.0.2.1'), { address: '192.0.2.1' });
		for (const bad of [
			'mx1.example.com',
			'mx1.example.com=mail.example.net',
			'mx1.example.com=127.0.0.1:0',
			'mx1.example.com=127.0.0.1:70000',
			'mx1\r\n.example.com=127.0.0.1',
		]) {
			assert.equal(typeof parseHostOverride(bad), 'string', bad);
		}
	});

	test('timeouts are seconds with fractions, within bounds', () => {
		assert.equal(parseTimeoutSeconds('0.25'), 250);
		assert.equal(parseTimeoutSeconds(30), 30_000);
		for (const bad of ['0', '-1', 'abc', 1e9, Number.NaN]) assert.equal(parseTimeoutSeconds(bad), undefined, String(bad));
	});

	test('settings: each field validated on its own; send is never taken from settings', () => {
		assert.deepEqual(parseSmtpSettings(undefined).options, DEFAULT_SMTP_OPTIONS);
		const { options, problems } = parseSmtpSettings({
			port: 2525,
			starttls: true,
			sender: 'bad\r\naddress@{domain}',
			recipient: 'hostmaster@{domain}',
			heloName: '',
			replyTimeout: 2.5,
			totalTimeout: 'soon',
			hostOverrides: { 'mx1.example.com': '127.0.0.1:2526', 'bad name': '127.0.0.1', 'mx2.example.com': 25 },
			send: true,
		});
		assert.equal(options.port, 2525);
		assert.equal(options.starttls, true);
		assert.equal(options.sender, DEFAULT_SMTP_OPTIONS.sender, 'an address with CR/LF falls back to the default');
		assert.equal(options.recipient, 'hostmaster@{domain}');
		assert.equal(options.heloName, null);
		assert.equal(options.replyTimeoutMs, 2500);
		assert.equal(options.totalTimeoutMs, DEFAULT_SMTP_OPTIONS.totalTimeoutMs);
		assert.deepEqual([...options.hostOverrides], [['mx1.example.com.', { address: '127.0.0.1', port: 2526 }]]);
		assert.equal(options.send, false);
		assert.equal(problems.length, 4, problems.join('\n'));
	});

	test("package.json declares every zoneSentinel.smtp setting with the parser's default, restricted in untrusted workspaces", () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
		const properties = manifest.contributes.configuration.properties;
		const expected: Record<string, unknown> = {
			port: DEFAULT_SMTP_OPTIONS.port,
			starttls: DEFAULT_SMTP_OPTIONS.starttls,
			sender: DEFAULT_SMTP_OPTIONS.sender,
			recipient: DEFAULT_SMTP_OPTIONS.recipient,
			heloName: DEFAULT_SMTP_OPTIONS.heloName,
			hostOverrides: {},
			connectTimeout: DEFAULT_SMTP_OPTIONS.connectTimeoutMs / 1000,
			replyTimeout: DEFAULT_SMTP_OPTIONS.replyTimeoutMs / 1000,
			totalTimeout: DEFAULT_SMTP_OPTIONS.totalTimeoutMs / 1000,
		};
		for (const [key, value] of Object.entries(expected)) assert.deepEqual(properties[`zoneSentinel.smtp.${key}`]?.default, value, key);
		const smtpKeys = Object.keys(properties).filter((key) => key.startsWith('zoneSentinel.smtp.'));
		assert.deepEqual(
			smtpKeys.sort(),
			Object.keys(expected)
				.map((key) => `zoneSentinel.smtp.${key}`)
				.sort(),
		);
		const untrusted = manifest.capabilities.untrustedWorkspaces;
		assert.equal(untrusted.supported, 'limited');
		assert.deepEqual([...untrusted.restrictedConfigurations].sort(), smtpKeys.sort());
		assert.ok(
			manifest.contributes.commands.some(
				(c: { command: string; category: string }) => c.command === 'zoneSentinel.testMailExchangers' && c.category === 'Zone Sentinel',
			),
		);
	});
});

describe('SMTP test message', () => {
	test('headers, CRLF line ends, dot-stuffing and the final dot', () => {
		const lines = buildTestMessage({
			sender: 's@example.com',
			recipient: 'postmaster@example.com',
			domain: 'example.com.',
			exchange: 'mx2.example.net.',
			preference: 20,
			address: '127.0.0.1',
			port: 2525,
			date: new Date('2026-12-01T09:30:00Z'),
			messageId: '<id@example.com>',
		});
		assert.deepEqual(lines.slice(0, 5), [
			'Date: Tue, 01 Dec 2026 09:30:00 +0000',
			'From: Zone Sentinel <s@example.com>',
			'To: <postmaster@example.com>',
			'Subject: Zone Sentinel test of mx2.example.net. for example.com.',
			'Message-ID: <id@example.com>',
		]);
		const data = encodeData(['a', '.b', '..c', '', '.']);
		assert.equal(data, 'a\r\n..b\r\n...c\r\n\r\n..\r\n.\r\n');
		assert.equal(rfc5322Date(new Date('2026-01-02T03:04:05Z')), 'Fri, 02 Jan 2026 03:04:05 +0000');
	});
});

describe('SMTP test plan', () => {
	const zone = (...lines: string[]) =>
		analyzeZone('file:///t/example.com.zone', ['$ORIGIN example.com.', '$TTL 1h', '@ SOA ns1 hm 1 2 3 4 5', ...lines, ''].join('\n')).model;

	test('MX sets in delivery order, distinct hosts, ranks, in-zone addresses IPv4 first, none for outside hosts', () => {
		const plans = planMailTests(
			zone(
				'@ MX 20 mx2.example.net.',
				'@ MX 10 mx1',
				'@ MX 10 mx1b',
				'@ MX 30 mx1',
				'mx1 AAAA 2001:db8::25',
				'mx1 A 192.0.2.25',
				'mx2.example.net. A 198.51.100.1',
			),
		);
		assert.ok(Array.isArray(plans));
		assert.equal(plans.length, 1);
		assert.equal(plans[0].kind, 'mx');
		assert.deepEqual(
			plans[0].exchangers.map((x) => [x.exchange, x.preference, x.rank, x.zoneAddresses]),
			[
				['mx1.example.com.', 10, 1, ['192.0.2.25', '2001:db8::25']],
				['mx1b.example.com.', 10, 1, []],
				['mx2.example.net.', 20, 2, []],
			],
		);
	});

	test('--domain picks one owner (absolute or relative); no MX means the apex as implicit MX; null MX has nothing to test', () => {
		const model = zone('@ A 192.0.2.1', 'shop MX 10 mx1', 'none MX 0 .', 'mx1 A 192.0.2.25');
		assert.deepEqual(
			(planMailTests(model, 'shop') as { domain: string }[]).map((p) => p.domain),
			['shop.example.com.'],
		);
		const apex = planMailTests(model, 'example.com') as MailDomainPlan[];
		assert.equal(apex[0].kind, 'implicit');
		assert.equal(apex[0].exchangers[0].exchange, 'example.com.');
		assert.equal((planMailTests(model, 'none.example.com.') as { kind: string }[])[0].kind, 'null');
		assert.match(planMailTests(model, 'nothing') as string, /no MX records/);
		assert.deepEqual(
			(planMailTests(model) as { domain: string }[]).map((p) => p.domain),
			['shop.example.com.', 'none.example.com.'],
		);
	});
});

describe('SMTP markdown report', () => {
	test('server text cannot inject markup', () => {
		assert.equal(
			escapeMarkdown('220 <img src=x> *bold* [link](http://x) | `code`'),
			'220 &lt;img src=x&gt; \\*bold\\* \\[link\\](http://x) \\| \\`code\\`',
		);
	});
});

describe('failover drill: mailbox URLs and the arrived copy', () => {
	test('mailbox URLs: imap with folder, pop3 without, no password, only supported schemes', () => {
		assert.deepEqual(parseMailboxUrl('imap://drill@127.0.0.1:1143/Archive'), {
			protocol: 'imap',
			tls: 'none',
			user: 'drill',
			host: '127.0.0.1',
			port: 1143,
			folder: 'Archive',
			url: 'imap://drill@127.0.0.1:1143/Archive',
		});
		const pop = parseMailboxUrl('pop3://backup%2Bmx@[::1]');
		assert.ok(typeof pop !== 'string');
		assert.deepEqual([pop.protocol, pop.user, pop.host, pop.port, pop.folder], ['pop3', 'backup+mx', '::1', 110, 'INBOX']);
		assert.match(
			String(parseMailboxUrl('imap://u:secret@host/INBOX')),
			/environment variable ZONE_SENTINEL_MAILBOX_PASSWORD, never in the URL/,
		);
		assert.match(String(parseMailboxUrl('imapx://u@host/INBOX')), /not a supported mailbox protocol/);
		const secure = parseMailboxUrl('imaps://u@mail.example.com');
		assert.ok(typeof secure !== 'string');
		assert.deepEqual([secure.tls, secure.port, secure.url], ['implicit', 993, 'imaps://u@mail.example.com/INBOX']);
		const upgraded = parseMailboxUrl('pop3://u@mail.example.com', true);
		assert.ok(typeof upgraded !== 'string');
		assert.deepEqual([upgraded.tls, upgraded.port], ['starttls', 110]);
		assert.match(String(parseMailboxUrl('pop3s://u@host', true)), /TLS from the start/);
		assert.match(String(parseMailboxUrl('pop3://u@host/INBOX')), /a POP3 mailbox has no folder/);
		assert.match(String(parseMailboxUrl('imap://host/INBOX')), /needs a user name/);
		assert.match(String(parseMailboxUrl('not a url')), /is not a mailbox URL/);
		assert.equal(mailboxPasswordError('correct horse'), undefined);
		assert.match(String(mailboxPasswordError('line\r\nbreak')), /printable ASCII/);
	});

	const sent = buildTestMessage({
		sender: 'a@example.org',
		recipient: 'drill@example.com',
		domain: 'example.com.',
		exchange: 'mx2.example.com.',
		preference: 20,
		address: '127.0.0.1',
		port: 2526,
		date: new Date('2026-12-01T10:00:00Z'),
		messageId: '<zs-1@zone-sentinel.invalid>',
		drillToken: 'zs-1',
	});
	const received = [
		'Received: from mx2.example.com (localhost [127.0.0.1])\r\n\tby mx1.example.com (Postfix) with ESMTP id A1; Tue,  1 Dec 2026 10:00:02 +0000 (UTC)',
		'Received: from tester.example.org (localhost [127.0.0.1])\r\n\tby mx2.example.com (Postfix) with ESMTP id B2; Tue,  1 Dec 2026 10:00:00 +0000 (UTC)',
	];
	const arrived = (lines: readonly string[]): Buffer => Buffer.from([...received, ...lines].join('\r\n') + '\r\n');

	test('the drill message carries its token in the Subject and its own header, and a line that starts with a dot', () => {
		assert.ok(sent.includes('X-Zone-Sentinel-Drill: zs-1'));
		assert.ok(sent.some((line) => line.startsWith('Subject: ') && line.includes('zs-1')));
		assert.ok(sent.some((line) => line.startsWith('.')));
	});

	test('an unchanged copy is intact, and its path is read from the Received headers, oldest first', () => {
		assert.deepEqual(analyse(arrived(sent), sent), { receivedPath: ['mx2.example.com', 'mx1.example.com'], problems: [] });
	});

	test('a copy with the dot line still stuffed, an altered header or a cut body is not intact', () => {
		const stuffed = sent.map((line) => (line.startsWith('.') ? '.' + line : line));
		assert.match(analyse(arrived(stuffed), sent).problems.join(), /the line that starts with a dot arrived as '\.\.This line/);
		const altered = sent.map((line) => (line.startsWith('Subject: ') ? 'Subject: [SPAM] something else' : line));
		assert.deepEqual(analyse(arrived(altered), sent).problems, ["header 'Subject' changed or missing"]);
		assert.deepEqual(analyse(arrived(sent.slice(0, -2)), sent).problems, ['the body differs from line 6 on']);
	});
});
