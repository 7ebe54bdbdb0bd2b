/**
 * `zone-sentinel smtp-test` end to end: the real bin → dist/cli.js, spawned asynchronously (the
 * SMTP servers it talks to run in this process), with --host overrides to 127.0.0.1 ports.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
	closedPort,
	type MailServer,
	runSmtpCli,
	startMailServer,
	startScriptedServer,
	tempZone,
	TWO_MX_ZONE,
} from '../helpers/smtpServers';

const FAST = ['--connect-timeout', '1', '--reply-timeout', '1', '--helo', 'tester.example.org'];

describe('CLI smtp-test', () => {
	let good: MailServer;
	let denier: MailServer;
	let zone: string;
	before(async () => {
		good = await startMailServer({ acceptDomains: ['example.com'] });
		denier = await startMailServer({ acceptDomains: ['other.example'] });
		zone = tempZone(TWO_MX_ZONE);
	});
	after(async () => {
		await good.close();
		await denier.close();
	});

	test('primary down, backup up: text report says the backup takes the mail, exit 0', async () => {
		const down = await closedPort();
		const run = await runSmtpCli([
			'--zone',
			zone,
			...FAST,
			'--host',
			`mx1.example.com.=127.0.0.1:${down}`,
			`--host=mx2.example.com=127.0.0.1:${good.port}`,
		]);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(
			run.stdout,
			/^Mail exchangers of example\.com \(2 hosts, in delivery order; port 25 unless overridden, STARTTLS off, no message sent\)$/m,
		);
		assert.match(
			run.stdout,
			/1\. mx1\.example\.com \(preference 10, primary\): UNREACHABLE, not reachable: connection refused at 127\.0\.0\.1 port \d+/,
		);
		assert.match(run.stdout, /2\. mx2\.example\.com \(preference 20, backup\): ACCEPTS, accepts mail for example\.com \(250 /);
		assert.match(
			run.stdout,
			/Result: mx1\.example\.com is not reachable right now, so senders hand mail for example\.com to mx2\.example\.com, which accepts it/,
		);
		assert.equal(run.stderr, '');
	});

	test('--format json, a broken backup: stable document, exit 1', async () => {
		const run = await runSmtpCli([
			'--zone',
			zone,
			'--domain',
			'example.com',
			...FAST,
			'--format',
			'json',
			'--host',
			`mx1.example.com=127.0.0.1:${good.port}`,
			'--host',
			`mx2.example.com=127.0.0.1:${denier.port}`,
		]);
		assert.equal(run.status, 1, run.stderr);
		const json = JSON.parse(run.stdout);
		assert.equal(json.schemaVersion, 1);
		assert.equal(json.zone, zone);
		assert.equal(json.ok, false);
		assert.equal(json.domains[0].outcome, 'backupBroken');
		assert.deepEqual(
			json.domains[0].exchangers.map((x: { verdict: string; relayDenied: boolean }) => [x.verdict, x.relayDenied]),
			[
				['accepts', false],
				['rejects', true],
			],
		);
		assert.equal(json.domains[0].exchangers[1].rcptTo.code, 550);
	});

	test('--send delivers one message through the accepting backup', async () => {
		const before = good.messages.length;
		const run = await runSmtpCli([
			'--zone',
			zone,
			...FAST,
			'--send',
			'--to',
			'hostmaster@{domain}',
			'--host',
			`mx1.example.com=127.0.0.1:${await closedPort()}`,
			'--host',
			`mx2.example.com=127.0.0.1:${good.port}`,
		]);
		assert.equal(run.status, 0, run.stdout);
		assert.equal(good.messages.length, before + 1);
		assert.deepEqual(good.messages[good.messages.length - 1].to, ['hostmaster@example.com']);
		assert.match(run.stdout, /test message delivered \(250 /);
	});

	test('an address with CR/LF is a usage error, and no server sees a connection', async () => {
		const watcher = await startScriptedServer();
		try {
			const run = await runSmtpCli([
				'--zone',
				zone,
				'--from',
				'x@example.com\r\nRCPT TO:<victim@elsewhere.example>',
				'--host',
				`mx1.example.com=127.0.0.1:${watcher.port}`,
				'--host',
				`mx2.example.com=127.0.0.1:${watcher.port}`,
			]);
			assert.equal(run.status, 2);
			assert.match(
				run.stderr,
				/--from: 'x@example\.com\\r\\nRCPT TO:<victim@elsewhere\.example>' contains control or non-ASCII characters/,
			);
			assert.equal(watcher.connections, 0);
		} finally {
			await watcher.close();
		}
	});

	test('usage and I/O errors exit 2; --help exits 0', async () => {
		assert.equal((await runSmtpCli([])).status, 2);
		assert.match(
			(await runSmtpCli(['--zone', zone, '--host', 'mx1.example.com=mail.example.net'])).stderr,
			/--host: 'mail\.example\.net' is not an IP address/,
		);
		assert.match((await runSmtpCli(['--zone', zone, '--port', '99999'])).stderr, /--port needs a number from 1 to 65535/);
		assert.match((await runSmtpCli(['--zone', path.join(path.dirname(zone), 'missing.zone')])).stderr, /cannot read \(ENOENT\)/);
		assert.match(
			(await runSmtpCli(['--zone', zone, '--domain', 'nothing.example.org'])).stderr,
			/nothing\.example\.org\. has no MX records/,
		);
		const help = await runSmtpCli(['--help']);
		assert.equal(help.status, 0);
		assert.match(help.stdout, /^Usage: zone-sentinel smtp-test --zone FILE/);
	});

	test('Ctrl-C closes the connection and prints the partial report, exit 2', async () => {
		const silent = await startScriptedServer({ greeting: null });
		try {
			let sent = false;
			const run = await runSmtpCli(
				[
					'--zone',
					zone,
					'--transcript',
					'--reply-timeout',
					'60',
					'--host',
					`mx1.example.com=127.0.0.1:${silent.port}`,
					'--host',
					`mx2.example.com=127.0.0.1:${silent.port}`,
				],
				(stderr, kill) => {
					if (!sent && stderr.includes('connected to 127.0.0.1')) {
						sent = true;
						kill('SIGINT');
					}
				},
			);
			assert.equal(run.status, 2, run.stdout + run.stderr);
			// Cancelled, not ended by the 60 s reply time-out: the report says so.
			assert.match(run.stdout, /The test was cancelled; results are partial\./);
			assert.match(run.stderr, /Z mx1\.example\.com\. \[127\.0\.0\.1:\d+\] \*: connected to 127\.0\.0\.1 port \d+/);
		} finally {
			await silent.close();
		}
	});
});
