/**
 * The editor's failover drill over a real LSP connection (test/helpers/lspHarness.ts) against the real
 * mail stack (Postfix primary and backups, Dovecot; test/helpers/mailStack.ts):
 * `zoneSentinel/failoverDrillPlan` and `zoneSentinel/runFailoverDrill`. The password the client
 * sends must reach the mailbox login and nothing else: no notification, report or log holds it.
 */
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { MAILBOX_PASSWORD, MAILBOX_USER, type MailStack, startMailStack } from '../helpers/mailStack';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { requires } from '../helpers/requires';
import { closedPort, TWO_MX_ZONE } from '../helpers/smtpServers';

const URI = 'file:///work/zones/example.com.zone';
const TRANSCRIPT = 'zoneSentinel/smtpTranscript';

interface PlanResult {
	error?: string;
	domains: {
		domain: string;
		primary: string;
		backups: { exchange: string; preference: number; override?: string }[];
		sender: string;
		recipient: string;
	}[];
}

interface DrillResult {
	verdict?: string;
	error?: string;
	loginRefused: boolean;
	cancelled: boolean;
	summary: string;
	markdown: string;
	text: string;
	report: { drill: { verdict: string; via: string; receivedPath: string[]; intact: boolean; deleted: boolean | null } | null } | null;
}

describe('LSP failover drill against real Postfix and Dovecot', requires('mail-stack'), () => {
	let stack: MailStack;
	let session: ReturnType<typeof startInProcess>;
	let client: LspTestClient;
	let seen: string[];

	before(async () => {
		stack = await startMailStack(['validating', 'rejectsDomain']);
	});
	after(async () => {
		await stack?.stop();
	});
	beforeEach(async () => {
		session = startInProcess();
		client = session.client;
		seen = [];
		client.connection.onNotification(TRANSCRIPT, (params: { line?: string; progress?: string }) => {
			seen.push(params.line ?? params.progress ?? '');
		});
		await client.initialize({ pull: true, initializationOptions: { supportsTestSmtp: true, supportsFailoverDrill: true } });
	});
	afterEach(() => session.dispose());

	const settings = async (backupPort: number) => ({
		smtp: {
			// The primary is never contacted: its override points at a closed port, and a contact would show in the transcript.
			hostOverrides: { 'mx1.example.com.': `127.0.0.1:${await closedPort()}`, 'mx2.example.com.': `127.0.0.1:${backupPort}` },
			recipient: `${MAILBOX_USER}@{domain}`,
			heloName: 'tester.example.org',
			connectTimeout: 2,
			replyTimeout: 5,
		},
	});
	const imap = (): string => `imap://${MAILBOX_USER}@127.0.0.1:${stack.imapPort}/INBOX`;
	const assertNoPassword = (result: DrillResult, password: string): void => {
		for (const text of [...seen, result.summary, result.markdown, result.text, JSON.stringify(result.report)])
			assert.ok(!text.includes(password), `the password leaked into: ${text.slice(0, 200)}`);
	};

	test('the "Failover Drill" lens gives the owner; the plan lists the backup in delivery order with its override and the addresses', async () => {
		client.settings = await settings(stack.backupPorts.validating);
		await client.open(URI, TWO_MX_ZONE);
		const lens = ((await client.codeLenses(URI)) ?? []).find((l) => l.command?.command === 'zoneSentinel.runFailoverDrill');
		assert.deepEqual(lens?.command?.arguments, [{ uri: URI, owner: 'example.com.' }]);
		const plan: PlanResult = await client.connection.sendRequest('zoneSentinel/failoverDrillPlan', lens.command.arguments[0]);
		assert.equal(plan.error, undefined);
		assert.equal(plan.domains.length, 1);
		const [domain] = plan.domains;
		assert.equal(domain.domain, 'example.com.');
		assert.equal(domain.primary, 'mx1.example.com.');
		assert.deepEqual(domain.backups, [
			{ exchange: 'mx2.example.com.', preference: 20, override: `127.0.0.1:${stack.backupPorts.validating}` },
		]);
		assert.equal(domain.recipient, 'drill@example.com');
		assert.equal(domain.sender, 'zone-sentinel-test@example.com');
	});

	test('a zone with one mail exchanger has nothing to drill', async () => {
		await client.open(URI, TWO_MX_ZONE.replace('     MX   20 mx2\n', ''));
		const plan: PlanResult = await client.connection.sendRequest('zoneSentinel/failoverDrillPlan', { uri: URI });
		assert.match(plan.error ?? '', /needs a backup/);
		assert.deepEqual(plan.domains, []);
	});

	test('the drill delivers through the backup into the IMAP mailbox; the password appears nowhere', async () => {
		await stack.startPrimary();
		client.settings = await settings(stack.backupPorts.validating);
		await client.open(URI, TWO_MX_ZONE);
		const before = stack.maildirFiles().length;
		const result: DrillResult = await client.connection.sendRequest('zoneSentinel/runFailoverDrill', {
			uri: URI,
			domain: 'example.com.',
			testId: 'drill-1',
			mailbox: imap(),
			password: MAILBOX_PASSWORD,
			via: 'mx2.example.com.',
			sender: 'drill-sender@example.org',
		});
		assert.equal(result.verdict, 'delivered', result.summary);
		assert.equal(result.loginRefused, false);
		assert.match(result.markdown, /^# Failover drill of example\.com\.zone$/m);
		assert.deepEqual(result.report?.drill?.receivedPath, ['mx2.example.com', 'mx1.example.com']);
		assert.equal(result.report?.drill?.intact, true);
		assert.equal(result.report?.drill?.deleted, true);
		assert.equal(stack.maildirFiles().length, before, 'the drill message was deleted');
		assert.ok(
			seen.some((line) => /LOGIN "drill" <password>/.test(line)),
			'the login is in the transcript, masked',
		);
		assert.ok(!seen.some((line) => /mx1\.example\.com\. \[/.test(line)), 'the primary was not contacted');
		assertNoPassword(result, MAILBOX_PASSWORD);
	});

	test('a wrong password: the login is refused and said so, so the editor can forget it', async () => {
		client.settings = await settings(stack.backupPorts.validating);
		await client.open(URI, TWO_MX_ZONE);
		const wrong = 'not-the-password-42';
		const result: DrillResult = await client.connection.sendRequest('zoneSentinel/runFailoverDrill', {
			uri: URI,
			domain: 'example.com.',
			mailbox: imap(),
			password: wrong,
		});
		assert.equal(result.verdict, 'failed', result.summary);
		assert.equal(result.loginRefused, true);
		assert.match(result.summary, /refused the login of drill/);
		assertNoPassword(result, wrong);
	});

	test('a backup that refuses the domain: "rejected", and the mailbox is not read', async () => {
		client.settings = await settings(stack.backupPorts.rejectsDomain);
		await client.open(URI, TWO_MX_ZONE);
		const result: DrillResult = await client.connection.sendRequest('zoneSentinel/runFailoverDrill', {
			uri: URI,
			domain: 'example.com.',
			mailbox: imap(),
			password: MAILBOX_PASSWORD,
		});
		assert.equal(result.verdict, 'rejected', result.summary);
		assert.ok(!seen.some((line) => /LOGIN/.test(line)));
	});

	test('cancelling while the backup queues (primary down) answers RequestCancelled and stops checking the mailbox', async () => {
		await stack.stopPrimary();
		try {
			client.settings = await settings(stack.backupPorts.validating);
			await client.open(URI, TWO_MX_ZONE);
			const source = new CancellationTokenSource();
			const pending = client.connection.sendRequest(
				'zoneSentinel/runFailoverDrill',
				{ uri: URI, domain: 'example.com.', mailbox: imap(), password: MAILBOX_PASSWORD },
				source.token,
			);
			// A guard against a hang, not a time limit on the server.
			for (let waited = 0; !seen.some((line) => /\(check 2\)/.test(line)); waited += 10) {
				assert.ok(waited < 30_000, 'the drill never checked the mailbox twice');
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			source.cancel();
			await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
			const checks = seen.filter((line) => /\(check \d+\)/.test(line)).length;
			// Longer than the next pause between checks (0.25 s × 1.5 per check).
			await new Promise((resolve) => setTimeout(resolve, 1500));
			assert.equal(seen.filter((line) => /\(check \d+\)/.test(line)).length, checks, 'the drill went on checking after the cancellation');
		} finally {
			await stack.startPrimary();
			stack.flush('validating');
		}
	});

	test('bad input gets a clear error, no drill', async () => {
		await client.open(URI, TWO_MX_ZONE);
		const run = (fields: Record<string, unknown>): Promise<DrillResult> =>
			client.connection.sendRequest('zoneSentinel/runFailoverDrill', {
				uri: URI,
				domain: 'example.com.',
				mailbox: imap(),
				password: MAILBOX_PASSWORD,
				...fields,
			});
		assert.match((await run({ via: 'mx1.example.com.' })).error ?? '', /not a backup mail exchanger/);
		assert.match((await run({ mailbox: 'imap://drill:secret@127.0.0.1/INBOX' })).error ?? '', /never in the URL/);
		assert.match((await run({ password: '' })).error ?? '', /printable ASCII/);
		assert.match((await run({ sender: 'no address' })).error ?? '', /sender/);
		assert.deepEqual(seen, []);
	});
});
