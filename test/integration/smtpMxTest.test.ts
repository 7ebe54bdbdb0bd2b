/**
 * The SMTP test against real servers on 127.0.0.1: the `smtp-server` package for well-behaved
 * exchangers, raw `net` servers for misbehaving ones. Addresses always come from host overrides
 * (the zone's are loopback too) and DNS is replaced by a lookup that fails the test.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { runMailTests } from '../../smtp/src/mxTest';
import { DEFAULT_SMTP_OPTIONS, type HostOverride, type SmtpTestOptions } from '../../smtp/src/options';
import { planMailTests } from '../../smtp/src/plan';
import { formatMarkdown, formatText, toJson } from '../../smtp/src/report';
import type { MailTestResult } from '../../smtp/src/results';
import {
	closedPort,
	defaultReply,
	type MailServer,
	opensslCertificateChain,
	selfSignedCertificate,
	startMailServer,
	startScriptedServer,
	TWO_MX_ZONE,
} from '../helpers/smtpServers';

const noDns = async (host: string): Promise<string[]> => {
	throw new Error(`a test tried to resolve ${host}`);
};

/** Fast limits so that failure cases finish in well under a second. */
const FAST: Partial<SmtpTestOptions> = {
	connectTimeoutMs: 1000,
	replyTimeoutMs: 1000,
	totalTimeoutMs: 10_000,
	heloName: 'tester.example.org',
};

async function mailTest(
	ports: { mx1: number; mx2?: number },
	extra: Partial<SmtpTestOptions> = {},
	zone = TWO_MX_ZONE,
	signal?: AbortSignal,
): Promise<MailTestResult> {
	const plans = planMailTests(analyzeZone('file:///t/example.com.zone', zone).model);
	assert.ok(Array.isArray(plans), String(plans));
	const hostOverrides = new Map<string, HostOverride>([['mx1.example.com.', { address: '127.0.0.1', port: ports.mx1 }]]);
	if (ports.mx2 !== undefined) hostOverrides.set('mx2.example.com.', { address: '127.0.0.1', port: ports.mx2 });
	return runMailTests(plans, { ...DEFAULT_SMTP_OPTIONS, ...FAST, hostOverrides, ...extra }, { lookup: noDns, signal });
}

const verdicts = (result: MailTestResult): string[] => result.domains[0].exchangers.map((x) => `${x.exchange} ${x.verdict}`);

describe('SMTP test of an MX set', () => {
	let good: MailServer;
	let relayDenier: MailServer;
	before(async () => {
		good = await startMailServer({ acceptDomains: ['example.com'], name: 'good.test' });
		relayDenier = await startMailServer({ acceptDomains: ['other.example'], name: 'denier.test' });
	});
	after(async () => {
		await good.close();
		await relayDenier.close();
	});

	test('primary down, backup accepts: the report says the backup would queue the mail', async () => {
		const result = await mailTest({ mx1: await closedPort(), mx2: good.port });
		assert.deepEqual(verdicts(result), ['mx1.example.com. unreachable', 'mx2.example.com. accepts']);
		const domain = result.domains[0];
		assert.equal(domain.outcome, 'backupWorks');
		assert.equal(domain.ok, true);
		assert.match(
			domain.summary,
			/mx1\.example\.com is not reachable right now, so senders hand mail for example\.com to mx2\.example\.com, which accepts it and would queue it/,
		);
		assert.match(domain.exchangers[0].reason, /connection refused/);
		const backup = domain.exchangers[1];
		assert.equal(backup.session?.greeting?.code, 220);
		assert.deepEqual(backup.session?.rcptTo?.code, 250);
		assert.equal(good.messages.length, 0, 'no message without --send');
		assert.ok(backup.transcript.some((line) => line.direction === 'C' && line.text === 'RCPT TO:<postmaster@example.com>'));
		assert.ok(backup.transcript.some((line) => line.direction === 'C' && line.text === 'RSET'));
		assert.ok(backup.transcript.some((line) => line.direction === 'C' && line.text === 'QUIT'));
		assert.match(formatText(result), /Result: mx1\.example\.com is not reachable right now/);
	});

	test('both accept: "if mx1 goes down, mx2 would queue mail"; EHLO extensions noted from a multi-line reply', async () => {
		const result = await mailTest({ mx1: good.port, mx2: good.port });
		assert.equal(result.ok, true);
		assert.equal(
			result.domains[0].summary,
			'If mx1.example.com goes down, mx2.example.com would queue mail for example.com until it is back.',
		);
		const extensions = result.domains[0].exchangers[0].session?.extensions ?? [];
		for (const keyword of ['PIPELINING', '8BITMIME', 'SMTPUTF8'])
			assert.ok(extensions.includes(keyword), `${keyword} in ${extensions.join(', ')}`);
		assert.ok(extensions.some((e) => /^SIZE \d+$/.test(e)));
	});

	test('a backup that rejects the domain with 550 relaying denied is called a broken backup', async () => {
		const result = await mailTest({ mx1: good.port, mx2: relayDenier.port });
		const domain = result.domains[0];
		assert.equal(domain.outcome, 'backupBroken');
		assert.equal(result.ok, false);
		const backup = domain.exchangers[1];
		assert.equal(backup.verdict, 'rejects');
		assert.equal(backup.relayDenied, true);
		assert.match(
			domain.summary,
			/^No working backup: mx2\.example\.com rejects mail for example\.com \(550 .*Relaying denied\): relaying denied, so it is no backup for this domain\. If mx1\.example\.com goes down, mail for example\.com would queue at senders and bounce/,
		);
		assert.match(formatMarkdown(result), /\*\*REJECTS\*\*/);
	});

	test('a single exchanger is "no backup", even when it works', async () => {
		const zone = TWO_MX_ZONE.replace(/^.*MX\s+20 mx2\n/m, '');
		const result = await mailTest({ mx1: good.port }, {}, zone);
		assert.equal(result.domains[0].outcome, 'noBackup');
		assert.match(
			result.domains[0].summary,
			/^No backup: example\.com has a single mail exchanger, mx1\.example\.com, which accepts mail now\. If it goes down/,
		);
	});

	test('--send delivers exactly one message per accepting exchanger, headers and dotted body intact', async () => {
		const before = good.messages.length;
		const result = await mailTest({ mx1: await closedPort(), mx2: good.port }, { send: true });
		assert.equal(good.messages.length - before, 1);
		const message = good.messages[good.messages.length - 1];
		assert.equal(message.from, 'zone-sentinel-test@example.com');
		assert.deepEqual(message.to, ['postmaster@example.com']);
		const [head] = message.raw.split('\r\n\r\n', 1);
		const headers = Object.fromEntries(
			head.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
		);
		assert.match(headers.Date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		assert.equal(headers.From, 'Zone Sentinel <zone-sentinel-test@example.com>');
		assert.equal(headers.To, '<postmaster@example.com>');
		assert.equal(headers.Subject, 'Zone Sentinel test of mx2.example.com. for example.com.');
		assert.match(headers['Message-ID'], /^<[0-9a-f-]{36}@example\.com>$/);
		assert.ok(message.raw.includes('\r\n.This line starts with a single dot'), 'the dot-stuffed line arrives with one dot');
		assert.ok(!/[^\r]\n/.test(message.raw), 'CRLF line ends only');
		assert.ok(message.raw.endsWith('you can delete this message.\r\n'));
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.messageSent, true);
		assert.equal(backup.session?.data?.code, 250);
	});

	test('an address with CR/LF is refused before anything is sent: no server sees a connection', async () => {
		const watcher = await startScriptedServer();
		try {
			const result = await mailTest(
				{ mx1: watcher.port, mx2: watcher.port },
				{ sender: 'x@example.com\r\nRCPT TO:<victim@elsewhere.example>' },
			);
			assert.equal(result.domains[0].outcome, 'invalid');
			assert.equal(result.ok, false);
			assert.match(result.domains[0].summary, /control or non-ASCII characters/);
			assert.equal(watcher.connections, 0);
			assert.deepEqual(watcher.received, []);
		} finally {
			await watcher.close();
		}
	});

	test('the JSON document has the documented keys', async () => {
		const result = await mailTest({ mx1: await closedPort(), mx2: good.port });
		const json = toJson(result, 'example.com.zone') as Record<string, unknown> & { domains: Record<string, unknown>[] };
		assert.deepEqual(Object.keys(json), [
			'schemaVersion',
			'zone',
			'startedAt',
			'durationMs',
			'ok',
			'stopped',
			'options',
			'drill',
			'domains',
		]);
		// Only `--drill` fills it.
		assert.equal(json.drill, null);
		assert.deepEqual(Object.keys(json.domains[0]), [
			'domain',
			'kind',
			'outcome',
			'ok',
			'summary',
			'problems',
			'sender',
			'recipient',
			'exchangers',
			'mtaSts',
		]);
		// Only a zone with an _mta-sts record makes the test fetch a policy.
		assert.equal(json.domains[0].mtaSts, null);
		const exchangers = json.domains[0].exchangers as Record<string, unknown>[];
		assert.deepEqual(Object.keys(exchangers[0]), [
			'exchange',
			'preference',
			'rank',
			'role',
			'verdict',
			'reason',
			'relayDenied',
			'messageSent',
			'probes',
			'dane',
			'mtaSts',
			'addressSource',
			'address',
			'port',
			'attempts',
			'greeting',
			'hello',
			'extensions',
			'tls',
			'mailFrom',
			'rcptTo',
			'data',
			'failure',
			'transcript',
		]);
		assert.deepEqual(exchangers[0].mtaSts, { listed: null, mode: null });
		assert.equal(exchangers[0].address, null);
		assert.equal(exchangers[1].address, '127.0.0.1');
	});
});

describe('SMTP test against misbehaving servers', () => {
	test('421 greeting: the exchanger defers, and gets no further command (not even QUIT)', async () => {
		const busy = await startScriptedServer({ greeting: '421 4.3.2 mx.test Service not available, closing channel\r\n' });
		try {
			const result = await mailTest({ mx1: busy.port, mx2: busy.port });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.verdict, 'defers');
			assert.match(primary.reason, /refuses connections \(421 4\.3\.2/);
			assert.deepEqual(busy.received, []);
			assert.equal(result.ok, false);
		} finally {
			await busy.close();
		}
	});

	test('a server that never answers: the reply time-out is honoured, the test ends inside the whole-test limit', async () => {
		const silent = await startScriptedServer({ greeting: null });
		try {
			// Which timer ended it is in the outcome (a reply time-out at the greeting, not `stopped`).
			const result = await mailTest({ mx1: silent.port, mx2: silent.port }, { replyTimeoutMs: 300, totalTimeoutMs: 60_000 });
			assert.equal(result.stopped, undefined);
			for (const x of result.domains[0].exchangers) {
				assert.equal(x.verdict, 'failed');
				assert.equal(x.session?.failure?.kind, 'timeout');
				assert.equal(x.session?.failure?.stage, 'greeting');
			}
		} finally {
			await silent.close();
		}
	});

	test('the whole-test limit stops a slow test and marks the rest as not tested', async () => {
		const silent = await startScriptedServer({ greeting: null });
		try {
			// The reply time-out (60 s) would give 'timeout' failures; the whole-test limit gives 'timeLimit'.
			const result = await mailTest({ mx1: silent.port, mx2: silent.port }, { replyTimeoutMs: 60_000, totalTimeoutMs: 400 });
			assert.equal(result.stopped, 'timeLimit');
			assert.equal(result.ok, false);
			assert.deepEqual(verdicts(result), ['mx1.example.com. cancelled', 'mx2.example.com. cancelled']);
			assert.match(formatText(result), /reached its time limit/);
		} finally {
			await silent.close();
		}
	});

	test('cancelling closes the open connection at once', async () => {
		const silent = await startScriptedServer({ greeting: null });
		try {
			const controller = new AbortController();
			setTimeout(() => controller.abort(), 150);
			// The reply time-out (60 s) would give 'timeout' failures; the abort gives 'cancelled'.
			const result = await mailTest({ mx1: silent.port, mx2: silent.port }, { replyTimeoutMs: 60_000 }, TWO_MX_ZONE, controller.signal);
			assert.equal(result.stopped, 'cancelled');
			assert.equal(result.domains[0].outcome, 'cancelled');
		} finally {
			await silent.close();
		}
	});

	test('a server that closes mid-dialog: the stage and the reason are reported', async () => {
		const dropper = await startScriptedServer({ respond: (line) => (line.startsWith('MAIL') ? 'close' : defaultReply(line)) });
		try {
			const result = await mailTest({ mx1: dropper.port, mx2: dropper.port });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.verdict, 'failed');
			assert.equal(primary.session?.failure?.stage, 'mail');
			assert.equal(primary.session?.failure?.kind, 'closed');
			assert.match(primary.reason, /broke at mail: the server closed the connection/);
		} finally {
			await dropper.close();
		}
	});

	test('a megabyte without a newline: bounded, with a clear error', async () => {
		const flood = await startScriptedServer({ onConnect: (socket) => socket.write(Buffer.alloc(1024 * 1024, 0x41)) });
		try {
			const result = await mailTest({ mx1: flood.port, mx2: flood.port });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.session?.failure?.kind, 'lineTooLong');
			assert.match(primary.reason, /line longer than 1000 octets/);
		} finally {
			await flood.close();
		}
	});

	test('multi-line greeting and EHLO refused with 502: falls back to HELO', async () => {
		const old = await startScriptedServer({
			greeting: '220-old.test first line\r\n220-second line\r\n220 old SMTP\r\n',
			respond: (line) => (line.startsWith('EHLO') ? '502 5.5.2 Command not recognized\r\n' : defaultReply(line)),
		});
		try {
			const result = await mailTest({ mx1: old.port, mx2: old.port });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.session?.greeting?.text, 'old.test first line / second line / old SMTP');
			assert.equal(primary.session?.hello?.command, 'HELO');
			assert.deepEqual(primary.session?.extensions, []);
			assert.equal(primary.verdict, 'accepts');
			assert.deepEqual(old.received.slice(0, 6), [
				'EHLO tester.example.org',
				'HELO tester.example.org',
				'MAIL FROM:<zone-sentinel-test@example.com>',
				'RCPT TO:<postmaster@example.com>',
				'RSET',
				'QUIT',
			]);
		} finally {
			await old.close();
		}
	});

	test('4xx to RCPT (greylisting) defers; a 551 forward hint is a refusal and is never followed', async () => {
		const grey = await startScriptedServer({
			respond: (line) => (line.startsWith('RCPT') ? '451 4.7.1 Greylisted, try again later\r\n' : defaultReply(line)),
		});
		const forwarder = await startScriptedServer({
			respond: (line) =>
				line.startsWith('RCPT') ? '551 5.1.6 User not local; please try <postmaster@elsewhere.example>\r\n' : defaultReply(line),
		});
		try {
			const result = await mailTest({ mx1: grey.port, mx2: forwarder.port });
			const [primary, backup] = result.domains[0].exchangers;
			assert.equal(primary.verdict, 'defers');
			assert.equal(backup.verdict, 'rejects');
			assert.equal(backup.attempts.length, 1);
			assert.equal(forwarder.connections, 1);
			assert.ok(!forwarder.received.some((line) => line.includes('elsewhere')));
		} finally {
			await grey.close();
			await forwarder.close();
		}
	});

	test('a server that answers before it is asked (a spoofed 250 for RCPT) is not counted as accepting', async () => {
		// Its reply to MAIL carries a second reply, which a careless client would take as the answer to RCPT TO.
		const spoofer = await startScriptedServer({
			respond: (line) =>
				line.startsWith('MAIL')
					? '250 OK\r\n250 2.1.5 Recipient ok\r\n'
					: line.startsWith('RCPT')
						? '550 5.7.1 Relaying denied\r\n'
						: defaultReply(line),
		});
		const good = await startScriptedServer();
		try {
			const result = await mailTest({ mx1: good.port, mx2: spoofer.port });
			const backup = result.domains[0].exchangers[1];
			assert.equal(backup.verdict, 'failed');
			assert.match(backup.reason, /at rcpt: the server sent a reply before our RCPT command, so its replies cannot be matched to commands/);
			assert.equal(backup.session?.rcptTo, undefined);
			// The conversation stopped: RCPT TO was never sent.
			assert.ok(!spoofer.received.some((line) => line.startsWith('RCPT')));
		} finally {
			await spoofer.close();
			await good.close();
		}
	});

	test('unspecified, loopback and link-local addresses from the zone or DNS are not contacted; an override still is', async () => {
		// The zone points every host at this machine; a server listens on the port the test would use.
		const listener = await startMailServer({ acceptDomains: ['example.com'] });
		const good = await startMailServer({ acceptDomains: ['example.com'] });
		try {
			const zone = [
				'$ORIGIN example.com.',
				'$TTL 1h',
				'@    SOA  ns1 hostmaster 1 2h 30m 2w 1h',
				'     NS   ns1',
				'     MX   10 mx1',
				'     MX   20 mx2',
				'     MX   30 mx3.example.net.',
				'     MX   40 mx4',
				'ns1  A    192.0.2.1',
				'mx1  A    0.0.0.0',
				'mx1  A    127.0.0.1',
				'mx1  AAAA ::1',
				'mx2  AAAA fe80::1',
				'mx4  A    127.0.0.1',
				'',
			].join('\n');
			const plans = planMailTests(analyzeZone('file:///t/example.com.zone', zone).model);
			assert.ok(Array.isArray(plans), String(plans));
			const lookup = async (): Promise<string[]> => ['::ffff:127.0.0.1', '169.254.10.1'];
			const result = await runMailTests(
				plans,
				{
					...DEFAULT_SMTP_OPTIONS,
					...FAST,
					port: listener.port,
					hostOverrides: new Map([['mx4.example.com.', { address: '127.0.0.1', port: good.port }]]),
				},
				{ lookup },
			);
			const [mx1, mx2, mx3, mx4] = result.domains[0].exchangers;
			assert.equal(listener.connections, 0);
			for (const refused of [mx1, mx2, mx3]) {
				assert.equal(refused.verdict, 'unreachable');
				assert.deepEqual(refused.attempts, []);
				assert.match(refused.reason, /so it was not contacted \(to test a server on this machine, give a host override: --host /);
			}
			assert.match(
				mx1.reason,
				/0\.0\.0\.0 \(from the zone\) is an unspecified \("this network"\) address; 127\.0\.0\.1 \(from the zone\) is a loopback address; ::1 \(from the zone\) is the loopback address/,
			);
			assert.match(mx2.reason, /fe80::1 \(from the zone\) is a link-local address/);
			assert.equal(mx3.addressSource, 'dns');
			assert.match(
				mx3.reason,
				/::ffff:127\.0\.0\.1 \(from the DNS\) is a loopback address; 169\.254\.10\.1 \(from the DNS\) is a link-local address/,
			);
			assert.ok(mx1.transcript.some((line) => line.text.startsWith('not connecting to 0.0.0.0: it is an unspecified')));
			// The override is the way to test a local server, even where the zone has a loopback address.
			assert.equal(mx4.addressSource, 'override');
			assert.equal(mx4.verdict, 'accepts');
			assert.equal(good.connections, 1);
		} finally {
			await listener.close();
			await good.close();
		}
	});

	test('a host without an address: the DNS failure is reported as unreachable', async () => {
		const zone = TWO_MX_ZONE.replace('MX   20 mx2', 'MX   20 mx2.example.net.');
		const plans = planMailTests(analyzeZone('file:///t/example.com.zone', zone).model);
		assert.ok(Array.isArray(plans));
		const lookup = async (host: string): Promise<string[]> => {
			throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
		};
		const result = await runMailTests(
			plans,
			{
				...DEFAULT_SMTP_OPTIONS,
				...FAST,
				hostOverrides: new Map([['mx1.example.com.', { address: '127.0.0.1', port: await closedPort() }]]),
			},
			{ lookup },
		);
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.addressSource, 'dns');
		assert.equal(backup.verdict, 'unreachable');
		assert.match(backup.reason, /DNS lookup of mx2\.example\.net failed \(ENOTFOUND\)/);
		assert.equal(result.domains[0].outcome, 'backupUnreachable');
		assert.match(result.domains[0].summary, /block outbound port 25/);
	});
});

describe('SMTP test with STARTTLS', () => {
	test('a self-signed certificate is reported with subject, issuer and validity, and does not fail the test', async () => {
		const tls = await selfSignedCertificate('mx1.example.com');
		const server = await startMailServer({ acceptDomains: ['example.com'], tls });
		try {
			const result = await mailTest({ mx1: server.port, mx2: server.port }, { starttls: true });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.verdict, 'accepts');
			const report = primary.session?.tls;
			assert.equal(report?.status, 'self-signed');
			assert.deepEqual(report?.problems, ['self-signed']);
			assert.equal(report?.subject, 'CN=mx1.example.com');
			assert.equal(report?.issuer, 'CN=mx1.example.com');
			assert.ok(report?.validFrom && report.validTo && report.validFrom < report.validTo);
			assert.match(report?.protocol ?? '', /^TLSv1\.[23]$/);
			// The backup's name is not in the certificate.
			assert.deepEqual(result.domains[0].exchangers[1].session?.tls?.problems, ['self-signed', 'name mismatch']);
			assert.equal(result.ok, true);
			assert.ok(primary.transcript.filter((line) => line.text.startsWith('EHLO')).length === 2, 'EHLO again after STARTTLS');
			assert.match(formatText(result), /TLS\s+TLSv1\.\d, certificate self-signed \(CN=mx1\.example\.com, valid until \d{4}-\d\d-\d\d\)/);
		} finally {
			await server.close();
		}
	});

	test('an expired certificate is reported as expired', async () => {
		const tls = await selfSignedCertificate('mx1.example.com', {
			notBefore: new Date('2020-01-01T00:00:00Z'),
			notAfter: new Date('2021-01-01T00:00:00Z'),
		});
		const server = await startMailServer({ acceptDomains: ['example.com'], tls });
		try {
			const result = await mailTest({ mx1: server.port, mx2: server.port }, { starttls: true });
			const report = result.domains[0].exchangers[0].session?.tls;
			assert.equal(report?.status, 'expired');
			assert.ok(report?.problems.includes('self-signed'));
			assert.equal(report?.validTo, '2021-01-01T00:00:00.000Z');
			assert.equal(result.domains[0].exchangers[0].verdict, 'accepts');
		} finally {
			await server.close();
		}
	});

	test('a failed TLS handshake is reported, and the exchanger is asked again without TLS, as senders do', async () => {
		const broken = await startScriptedServer({
			onConnect: (socket) => {
				socket.write('220 fake ESMTP\r\n');
				let tlsStarted = false;
				socket.on('data', (chunk: Buffer) => {
					if (tlsStarted) return void socket.end('this is not TLS\r\n');
					for (const line of chunk
						.toString('latin1')
						.split('\r\n')
						.filter((l) => l.length > 0)) {
						if (line.startsWith('EHLO')) socket.write('250-fake\r\n250 STARTTLS\r\n');
						else if (line === 'STARTTLS') {
							tlsStarted = true;
							socket.write('220 go ahead\r\n');
						} else socket.write(defaultReply(line));
					}
				});
			},
		});
		try {
			const result = await mailTest({ mx1: broken.port, mx2: broken.port }, { starttls: true });
			const primary = result.domains[0].exchangers[0];
			assert.equal(primary.session?.tls?.status, 'failed');
			assert.match(primary.session?.tls?.detail ?? '', /TLS handshake failed/);
			assert.equal(primary.verdict, 'accepts');
			assert.equal(broken.connections, 4, 'two connections per exchanger');
			assert.ok(primary.transcript.some((line) => line.text.startsWith('trying again without STARTTLS')));
		} finally {
			await broken.close();
		}
	});

	test('STARTTLS asked for but not offered is noted, and the test goes on in plain text', async () => {
		const plain = await startMailServer({ acceptDomains: ['example.com'] });
		try {
			const result = await mailTest({ mx1: plain.port, mx2: plain.port }, { starttls: true });
			assert.equal(result.domains[0].exchangers[0].session?.tls?.status, 'not offered');
			assert.equal(result.ok, true);
		} finally {
			await plain.close();
		}
	});
});

describe("DANE: the certificate after STARTTLS against the zone's TLSA records", () => {
	test('DANE-EE and DANE-TA records match or not per record, a certificate ending in 5 days is a warning', async () => {
		// openssl makes the CA and the server certificate, and computes the digests the records carry.
		const chain = opensslCertificateChain('mx1.example.com', 5);
		const server = await startMailServer({ acceptDomains: ['example.com'], tls: chain });
		try {
			const sha512 = chain.leaf.certSha512;
			const zone = TWO_MX_ZONE.replace(
				'ns1  A',
				[
					`_25._tcp.mx1 TLSA 3 1 1 ${chain.leaf.spkiSha256}`,
					// Data split over lines in parentheses, upper case: read as BIND reads it.
					`_25._tcp.mx1 TLSA 3 0 2 ( ${sha512.slice(0, 64).toUpperCase()}`,
					`                         ${sha512.slice(64)} )`,
					`_25._tcp.mx1 TLSA 3 1 1 ${chain.ca.spkiSha256}`,
					`_25._tcp.mx1 TLSA 2 0 1 ${chain.ca.certSha256}`,
					`_25._tcp.mx1 TLSA 2 1 1 ${chain.leaf.spkiSha256}`,
					`_25._tcp.mx1 TLSA 0 0 1 ${chain.ca.certSha256}`,
					`_25._tcp.mx2 TLSA 3 1 1 ${chain.ca.spkiSha256}`,
					'ns1  A',
				].join('\n'),
			);
			const result = await mailTest({ mx1: server.port, mx2: server.port }, { starttls: true }, zone);
			const [mx1, mx2] = result.domains[0].exchangers;
			assert.deepEqual(
				mx1.dane?.map((d) => [d.record.slice(0, 5), d.match]),
				[
					['3 1 1', true],
					['3 0 2', true],
					['3 1 1', false],
					['2 0 1', true],
					['2 1 1', false],
					['0 0 1', null],
				],
			);
			assert.equal(mx1.dane?.[1].record, `3 0 2 ${sha512}`);
			assert.deepEqual(mx2.dane, [{ record: `3 1 1 ${chain.ca.spkiSha256}`, match: false }]);
			// The backup's certificate matches none of its records: DANE senders would not deliver there.
			assert.equal(result.ok, false);
			assert.equal(result.domains[0].problems.length, 1);
			assert.match(
				result.domains[0].problems[0],
				/^mx2\.example\.com presents a certificate that matches none of its TLSA records \(one record\)/,
			);
			// A private CA (OpenSSL: self-signed certificate in the chain) and about to end: both reported,
			// the expiry as a warning after the status.
			assert.equal(mx1.session?.tls?.status, 'self-signed');
			assert.deepEqual(mx1.session?.tls?.problems, ['self-signed', 'expires in 5 days']);
			const text = formatText(result);
			assert.match(text, /DANE\s+TLSA 3 1 1 [0-9a-f]{16}\.\.\.: matches/);
			assert.match(text, /DANE\s+TLSA 0 0 1 [0-9a-f]{16}\.\.\.: not judged/);
			const json = JSON.parse(JSON.stringify(toJson(result, null))) as { domains: { exchangers: { dane: unknown }[] }[] };
			assert.deepEqual(json.domains[0].exchangers[1].dane, [{ record: `3 1 1 ${chain.ca.spkiSha256}`, match: false }]);
		} finally {
			await server.close();
		}
	});

	test('an exchanger without TLSA records, or a test without STARTTLS, has dane null', async () => {
		const chain = opensslCertificateChain('mx1.example.com', 90);
		const server = await startMailServer({ acceptDomains: ['example.com'], tls: chain });
		try {
			const zone = TWO_MX_ZONE.replace('ns1  A', `_25._tcp.mx1 TLSA 3 1 1 ${chain.leaf.spkiSha256}\nns1  A`);
			const withTls = await mailTest({ mx1: server.port, mx2: server.port }, { starttls: true }, zone);
			assert.deepEqual(
				withTls.domains[0].exchangers.map((x) => x.dane),
				[[{ record: `3 1 1 ${chain.leaf.spkiSha256}`, match: true }], null],
			);
			assert.deepEqual(withTls.domains[0].exchangers[0].session?.tls?.problems, ['self-signed']);
			const plain = await mailTest({ mx1: server.port, mx2: server.port }, { starttls: false }, zone);
			assert.deepEqual(
				plain.domains[0].exchangers.map((x) => x.dane),
				[null, null],
			);
		} finally {
			await server.close();
		}
	});

	test('TLSA records and no STARTTLS offered: no record is met, and DANE senders would not deliver', async () => {
		const chain = opensslCertificateChain('mx1.example.com', 90);
		const plain = await startMailServer({ acceptDomains: ['example.com'] });
		try {
			const zone = TWO_MX_ZONE.replace(
				'ns1  A',
				[`_25._tcp.mx1 TLSA 3 1 1 ${chain.leaf.spkiSha256}`, `_25._tcp.mx1 TLSA 0 0 1 ${chain.ca.certSha256}`, 'ns1  A'].join('\n'),
			);
			const result = await mailTest({ mx1: plain.port, mx2: plain.port }, { starttls: true }, zone);
			const [mx1, mx2] = result.domains[0].exchangers;
			assert.equal(mx1.session?.tls?.status, 'not offered');
			assert.deepEqual(
				mx1.dane?.map((d) => d.match),
				[false, null],
			);
			assert.equal(mx2.dane, null);
			assert.equal(result.ok, false);
			assert.deepEqual(result.domains[0].problems, [
				'mx1.example.com has TLSA records but STARTTLS was not offered: senders that validate DANE will not deliver to it without TLS; enable STARTTLS with the certificate the records name.',
			]);
		} finally {
			await plain.close();
		}
	});
});
