/**
 * `zone-sentinel smtp-test --drill` and `--probes` against a real mail stack on loopback
 * (test/helpers/mailStack.ts): Postfix as primary and as backups of four kinds, Dovecot serving the
 * primary's Maildir over IMAP and POP3. One stack for the whole file; each test sets the primary up
 * or down itself.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { runMailTests } from '../../smtp/src/mxTest';
import { DEFAULT_SMTP_OPTIONS, type HostOverride } from '../../smtp/src/options';
import { planMailTests } from '../../smtp/src/plan';
import { type BackupVariant, MAILBOX_PASSWORD, MAILBOX_USER, type MailStack, startMailStack } from '../helpers/mailStack';
import { requires } from '../helpers/requires';
import { runSmtpCli, tempZone, TWO_MX_ZONE } from '../helpers/smtpServers';

const STACK_REQUIRED = requires('mail-stack');

interface DrillJson {
	readonly ok: boolean;
	readonly drill: {
		via: string;
		acceptedAt: string | null;
		arrivedAt: string | null;
		delaySeconds: number | null;
		receivedPath: string[];
		intact: boolean | null;
		verdict: string;
		summary: string;
		deleted: boolean | null;
		token: string;
		problems: string[];
		checks: number;
	};
	readonly domains: { exchangers: { exchange: string; role: string; verdict: string; rcptTo: { code: number; text: string } | null }[] }[];
}

describe('drill and probes against real Postfix and Dovecot', STACK_REQUIRED, () => {
	let stack: MailStack;
	let zone: string;
	const env = { ...process.env, ZONE_SENTINEL_MAILBOX_PASSWORD: MAILBOX_PASSWORD };
	before(async () => {
		stack = await startMailStack(['validating', 'acceptsAny', 'openRelay', 'rejectsDomain']);
		zone = tempZone(TWO_MX_ZONE);
	});
	after(async () => {
		await stack?.stop();
	});

	const drillArgs = (backupPort: number, mailbox: string, extra: string[] = []): string[] => [
		'--zone',
		zone,
		'--drill',
		'--mailbox',
		mailbox,
		'--host',
		`mx2.example.com=127.0.0.1:${backupPort}`,
		'--from',
		'drill-sender@example.org',
		'--to',
		`${MAILBOX_USER}@example.com`,
		'--helo',
		'tester.example.org',
		'--connect-timeout',
		'2',
		'--reply-timeout',
		'5',
		'--transcript',
		...extra,
	];
	const imap = (): string => `imap://${MAILBOX_USER}@127.0.0.1:${stack.imapPort}/INBOX`;
	const pop3 = (): string => `pop3://${MAILBOX_USER}@127.0.0.1:${stack.pop3Port}`;

	const ensurePrimary = (up: boolean): Promise<void> => (up ? stack.startPrimary() : stack.stopPrimary());

	/**
	 * Runs a drill with the primary down; once the backup has tried the primary and queued the
	 * message ("Connection refused" in its queue), starts the primary and flushes the backup.
	 */
	async function drillThroughOutage(mailbox: string, format: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
		await ensurePrimary(false);
		let released = false;
		let releaseError: unknown;
		const run = await runSmtpCli(
			drillArgs(stack.backupPorts.validating, mailbox, ['--drill-timeout', '60', ...format]),
			(stderr) => {
				if (released || !/S: 250 2\.0\.0 Ok: queued as/.test(stderr)) return;
				released = true;
				void (async () => {
					const started = Date.now();
					while (!/Connection refused/.test(stack.queue('validating'))) {
						if (Date.now() - started > 20_000) throw new Error('the backup never queued the message');
						await new Promise((resolve) => setTimeout(resolve, 50));
					}
					await stack.startPrimary();
					stack.flush('validating');
				})().catch((error: unknown) => (releaseError = error));
			},
			env,
		);
		assert.equal(releaseError, undefined);
		assert.ok(released, 'the backup never accepted the message: ' + run.stdout + run.stderr);
		return run;
	}

	test('primary down: the backup queues, the primary returns, the drill sees the message arrive (IMAP, JSON)', async () => {
		const before = stack.maildirFiles().length;
		const run = await drillThroughOutage(imap(), ['--format', 'json']);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		const json = JSON.parse(run.stdout) as DrillJson;
		const drill = json.drill;
		assert.equal(drill.verdict, 'delivered', drill.summary);
		assert.equal(json.ok, true);
		assert.equal(drill.via, 'mx2.example.com.');
		assert.deepEqual(drill.receivedPath, ['mx2.example.com', 'mx1.example.com']);
		assert.equal(drill.intact, true, drill.problems.join('; '));
		assert.equal(drill.deleted, true);
		assert.ok(drill.delaySeconds !== null && drill.delaySeconds > 0);
		assert.ok(Date.parse(drill.arrivedAt ?? '') > Date.parse(drill.acceptedAt ?? ''));
		assert.match(drill.token, /^zs-[0-9a-f]{18}$/);
		// The primary was never contacted by the drill: only the backup is in the report.
		assert.deepEqual(
			json.domains[0].exchangers.map((x) => [x.exchange, x.role, x.verdict]),
			[['mx2.example.com.', 'backup', 'accepts']],
		);
		assert.doesNotMatch(run.stderr, /mx1\.example\.com\. \[/);
		// Deleted from the Maildir by UID EXPUNGE.
		assert.equal(stack.maildirFiles().length, before);
		// The password never appears in the transcript or the report.
		assert.doesNotMatch(run.stderr + run.stdout, new RegExp(MAILBOX_PASSWORD));
		assert.match(run.stderr, /C: z\d+ LOGIN "drill" <password>/);
	});

	test('the same over POP3, text report, --keep leaves the copy', async () => {
		const before = stack.maildirFiles().length;
		const run = await drillThroughOutage(pop3(), ['--keep']);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^Failover drill of example\.com: primary mx1\.example\.com skipped, message through mx2\.example\.com$/m);
		assert.match(run.stdout, /^ {7}verdict {4}DELIVERED$/m);
		assert.match(run.stdout, /^ {7}path {7}mx2\.example\.com → mx1\.example\.com$/m);
		assert.match(run.stdout, /^ {7}intact {5}yes: headers, body and the dot-stuffed line as sent$/m);
		assert.match(run.stdout, /^ {7}deleted {4}no \(kept in the mailbox\)$/m);
		assert.match(
			run.stdout,
			/^Result: Delivered: mx2\.example\.com accepted the drill message and it arrived in pop3:\/\/drill@127\.0\.0\.1:\d+ [0-9.]+ s later/m,
		);
		assert.match(run.stderr, /C: PASS <password>/);
		assert.doesNotMatch(run.stderr + run.stdout, new RegExp(MAILBOX_PASSWORD));
		assert.equal(stack.maildirFiles().length, before + 1);
	});

	test('a backup that rejects the domain: verdict "rejected", exit 1, nothing waits for the mailbox', async () => {
		await ensurePrimary(true);
		const run = await runSmtpCli(drillArgs(stack.backupPorts.rejectsDomain, imap(), ['--format', 'json']), undefined, env);
		assert.equal(run.status, 1, run.stdout + run.stderr);
		const json = JSON.parse(run.stdout) as DrillJson;
		assert.equal(json.drill.verdict, 'rejected');
		assert.equal(json.drill.acceptedAt, null);
		assert.equal(json.domains[0].exchangers[0].rcptTo?.code, 554);
		assert.match(
			json.drill.summary,
			/^Rejected: mx2\.example\.com refused the drill message: it rejects mail for example\.com \(554 5\.7\.1 /,
		);
		assert.doesNotMatch(run.stderr, /LOGIN/);
	});

	test('the primary stays down past --drill-timeout: verdict "queued", exit 1', async () => {
		await ensurePrimary(false);
		const run = await runSmtpCli(
			drillArgs(stack.backupPorts.validating, imap(), ['--drill-timeout', '1.5', '--format', 'json']),
			undefined,
			env,
		);
		assert.equal(run.status, 1, run.stdout + run.stderr);
		const json = JSON.parse(run.stdout) as DrillJson;
		assert.equal(json.drill.verdict, 'queued', json.drill.summary);
		assert.equal(json.drill.arrivedAt, null);
		assert.match(
			json.drill.summary,
			/^Queued at the backup, not delivered yet: mx2\.example\.com accepted the drill message, but it was not in imap:/,
		);
		assert.match(stack.queue('validating'), /Connection refused/);
		// Let the queued message go, so the stack is clean for whatever runs next.
		await stack.startPrimary();
		stack.flush('validating');
	});

	test('a wrong password fails the drill at once with the server refusal, exit 1', async () => {
		await ensurePrimary(true);
		const run = await runSmtpCli(drillArgs(stack.backupPorts.validating, pop3(), ['--format', 'json']), undefined, {
			...env,
			ZONE_SENTINEL_MAILBOX_PASSWORD: 'wrong-password',
		});
		assert.equal(run.status, 1, run.stdout + run.stderr);
		const json = JSON.parse(run.stdout) as DrillJson;
		assert.equal(json.drill.verdict, 'failed');
		assert.match(json.drill.summary, /the POP3 server refused the login of drill/);
	});

	test('usage errors: no --mailbox, a password in the URL, --via the primary or an unknown host, no password', async () => {
		const usage = async (args: string[], pattern: RegExp, environment: NodeJS.ProcessEnv = env): Promise<void> => {
			const run = await runSmtpCli(['--zone', zone, ...args], undefined, environment);
			assert.equal(run.status, 2, run.stdout + run.stderr);
			assert.match(run.stderr, pattern);
		};
		await usage(['--drill'], /--drill needs --mailbox URL/);
		await usage(['--mailbox', imap()], /--mailbox belongs to a failover drill: add --drill\./);
		await usage(
			['--drill', '--mailbox', `imap://drill:${MAILBOX_PASSWORD}@127.0.0.1:143/INBOX`],
			/--mailbox: put the mailbox password in the environment variable ZONE_SENTINEL_MAILBOX_PASSWORD, never in the URL\./,
		);
		await usage(
			['--drill', '--mailbox', imap(), '--via', 'mx1.example.com'],
			/--via mx1\.example\.com is the primary, which a drill treats as down/,
		);
		await usage(
			['--drill', '--mailbox', imap(), '--via', 'mx9.example.com'],
			/--via mx9\.example\.com: no such mail exchanger of example\.com\./,
		);
		const without: NodeJS.ProcessEnv = { ...env };
		delete without.ZONE_SENTINEL_MAILBOX_PASSWORD;
		await usage(
			['--drill', '--mailbox', imap()],
			/--drill needs the mailbox password in the environment variable ZONE_SENTINEL_MAILBOX_PASSWORD/,
			without,
		);
	});

	/** The SMTP test (no drill) with both exchangers overridden to the stack. */
	async function mailTest(backup: BackupVariant, primaryPort: number, send: boolean) {
		const plans = planMailTests(analyzeZone('file:///t/example.com.zone', TWO_MX_ZONE).model);
		assert.ok(Array.isArray(plans));
		const hostOverrides = new Map<string, HostOverride>([
			['mx1.example.com.', { address: '127.0.0.1', port: primaryPort }],
			['mx2.example.com.', { address: '127.0.0.1', port: stack.backupPorts[backup] }],
		]);
		const options = { ...DEFAULT_SMTP_OPTIONS, hostOverrides, send, heloName: 'tester.example.org', recipient: `${MAILBOX_USER}@{domain}` };
		return runMailTests(plans, options, { lookup: () => Promise.reject(new Error('no DNS in tests')) });
	}

	test('primary down, Postfix as backup accepts example.com and takes the test message', async () => {
		await ensurePrimary(false);
		const result = await mailTest('validating', stack.primaryPort, true);
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.verdict, 'accepts', backup.reason);
		assert.equal(backup.session?.greeting?.text, 'mx2.example.com ESMTP');
		assert.ok(backup.session?.extensions.includes('PIPELINING'));
		assert.match(backup.session?.data?.text ?? '', /^2\.0\.0 Ok: queued as [0-9A-F]+$/);
		assert.equal(result.domains[0].outcome, 'backupWorks');
		assert.match(stack.queue('validating'), /Connection refused/);
		await stack.startPrimary();
		stack.flush('validating');
	});

	test('Postfix that does not relay for example.com is reported as a broken backup', async () => {
		await ensurePrimary(true);
		const result = await mailTest('rejectsDomain', stack.primaryPort, false);
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.verdict, 'rejects');
		assert.equal(backup.relayDenied, true);
		assert.equal(backup.session?.rcptTo?.text, '5.7.1 <drill@example.com>: Relay access denied');
		assert.equal(result.domains[0].outcome, 'backupBroken');
	});

	test('probes: each backup kind answers the made-up recipient and the other domain as configured, and nothing is queued', async () => {
		await ensurePrimary(true);
		const plans = planMailTests(analyzeZone('file:///t/example.com.zone', TWO_MX_ZONE).model);
		assert.ok(Array.isArray(plans));
		const expected: Record<BackupVariant, [boolean, boolean]> = {
			validating: [false, false],
			acceptsAny: [true, false],
			openRelay: [true, true],
			rejectsDomain: [false, false],
		};
		for (const [variant, [unknown, relay]] of Object.entries(expected) as [BackupVariant, [boolean, boolean]][]) {
			const hostOverrides = new Map<string, HostOverride>([
				['mx1.example.com.', { address: '127.0.0.1', port: stack.primaryPort }],
				['mx2.example.com.', { address: '127.0.0.1', port: stack.backupPorts[variant] }],
			]);
			const result = await runMailTests(
				plans,
				{
					...DEFAULT_SMTP_OPTIONS,
					hostOverrides,
					probes: true,
					heloName: 'tester.example.org',
					sender: 'probe@example.org',
					recipient: `${MAILBOX_USER}@{domain}`,
				},
				{ lookup: () => Promise.reject(new Error('no DNS in tests')) },
			);
			const [primary, backup] = result.domains[0].exchangers;
			assert.deepEqual(primary.probes, { acceptsUnknownRecipient: false, openRelay: false }, 'the primary');
			assert.deepEqual(backup.probes, { acceptsUnknownRecipient: unknown, openRelay: relay }, variant);
			const problems = result.domains[0].problems.join('\n');
			assert.equal(/accepts any recipient .*backscatter/.test(problems), unknown, `${variant}: ${problems}`);
			assert.equal(/is an open relay/.test(problems), relay, `${variant}: ${problems}`);
			// RCPT only: no probe ever left a message behind.
			assert.match(stack.queue(variant), /Mail queue is empty/);
		}
	});

	test('probes in the CLI: the answers side by side, the warning with what to configure, JSON probes, exit 1', async () => {
		await ensurePrimary(true);
		const args = [
			'--zone',
			zone,
			'--probes',
			'--to',
			`${MAILBOX_USER}@{domain}`,
			'--helo',
			'tester.example.org',
			'--host',
			`mx1.example.com=127.0.0.1:${stack.primaryPort}`,
			'--host',
			`mx2.example.com=127.0.0.1:${stack.backupPorts.acceptsAny}`,
		];
		const text = await runSmtpCli(args);
		assert.equal(text.status, 1, text.stdout + text.stderr);
		assert.match(text.stdout, /^Probes \(RCPT TO only, no message, RSET after each\):$/m);
		assert.match(text.stdout, /^ {2}unknown recipient +refuses \(550 5\.1\.1\) +ACCEPTS \(250 2\.1\.5\)$/m);
		assert.match(text.stdout, /^ {2}other domain +refuses \(554 5\.7\.1\) +refuses \(554 5\.7\.1\)$/m);
		assert.match(
			text.stdout,
			/mx2\.example\.com accepts any recipient \(250 2\.1\.5 Ok\) while the primary does not: .*relay_recipient_maps/,
		);
		const json = JSON.parse((await runSmtpCli([...args, '--format', 'json'])).stdout) as {
			domains: { exchangers: { probes: unknown }[] }[];
		};
		assert.deepEqual(
			json.domains[0].exchangers.map((x) => x.probes),
			[
				{ acceptsUnknownRecipient: false, openRelay: false },
				{ acceptsUnknownRecipient: true, openRelay: false },
			],
		);
		// Without --probes, the keys are there with null.
		const plain = JSON.parse((await runSmtpCli(args.filter((a) => a !== '--probes').concat('--format', 'json'))).stdout) as typeof json;
		assert.deepEqual(plain.domains[0].exchangers[1].probes, { acceptsUnknownRecipient: null, openRelay: null });
	});

	test('TLS mailboxes: IMAPS and POP3 with STLS, the certificate verified against --mailbox-ca', async () => {
		await ensurePrimary(true);
		const ca = path.join(path.dirname(zone), 'mailbox-ca.pem');
		fs.writeFileSync(ca, stack.certificate);
		for (const [mailbox, extra] of [
			[`imaps://${MAILBOX_USER}@localhost:${stack.imapsPort}/INBOX`, []],
			[`pop3://${MAILBOX_USER}@localhost:${stack.pop3Port}`, ['--mailbox-starttls']],
		] as const) {
			const run = await runSmtpCli(
				drillArgs(stack.backupPorts.validating, mailbox, ['--mailbox-ca', ca, '--format', 'json', ...extra]),
				undefined,
				env,
			);
			assert.equal(run.status, 0, run.stdout + run.stderr);
			const json = JSON.parse(run.stdout) as DrillJson;
			assert.equal(json.drill.verdict, 'delivered', json.drill.summary);
			assert.deepEqual(json.drill.receivedPath, ['mx2.example.com', 'mx1.example.com']);
			assert.match(run.stderr, /\*: TLS established: TLSv1\.[23], certificate verified/);
			if (extra.length > 0) assert.match(run.stderr, /C: STLS\n.*S: \+OK/);
		}
	});

	test('IMAP STARTTLS to a certificate nobody vouches for: the drill fails at once, the password is never sent', async () => {
		await ensurePrimary(true);
		const run = await runSmtpCli(
			drillArgs(stack.backupPorts.validating, `imap://${MAILBOX_USER}@localhost:${stack.imapPort}/INBOX`, [
				'--mailbox-starttls',
				'--format',
				'json',
			]),
			undefined,
			env,
		);
		assert.equal(run.status, 1, run.stdout + run.stderr);
		const json = JSON.parse(run.stdout) as DrillJson;
		assert.equal(json.drill.verdict, 'failed');
		assert.match(json.drill.summary, /^Failed: TLS with the mailbox server failed: self[- ]signed certificate/);
		assert.equal(json.drill.checks, 1);
		assert.doesNotMatch(run.stderr, /C: z\d+ LOGIN/);
	});
});
