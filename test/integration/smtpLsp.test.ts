/**
 * The `zoneSentinel/testMailExchangers` request over a real LSP connection (test/helpers/lspHarness.ts):
 * settings pulled from the client, transcript notifications, the "Test SMTP" lens arguments, and
 * cancellation through the request's token.
 */
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { requires } from '../helpers/requires';
import {
	closedPort,
	type MailServer,
	opensslCertificateChain,
	startMailServer,
	startScriptedServer,
	TWO_MX_ZONE,
} from '../helpers/smtpServers';

const URI = 'file:///work/zones/example.com.zone';
const REQUEST = 'zoneSentinel/testMailExchangers';
const TRANSCRIPT = 'zoneSentinel/smtpTranscript';

interface Result {
	ok: boolean;
	error?: string;
	summaries: string[];
	accepting: number;
	markdown: string;
	text: string;
	report: { domains: { outcome: string }[] } | null;
}

describe('LSP request zoneSentinel/testMailExchangers', () => {
	let good: MailServer;
	let session: ReturnType<typeof startInProcess>;
	let client: LspTestClient;
	let notifications: { testId: string; line?: string; progress?: string }[];

	before(async () => {
		good = await startMailServer({ acceptDomains: ['example.com'] });
	});
	after(() => good.close());

	beforeEach(async () => {
		session = startInProcess();
		client = session.client;
		notifications = [];
		client.connection.onNotification(TRANSCRIPT, (params: { testId: string; line?: string; progress?: string }) => {
			notifications.push(params);
		});
		await client.initialize({ pull: true, initializationOptions: { supportsTestSmtp: true } });
	});
	afterEach(() => session.dispose());

	const smtpSettings = async (mx1: number, mx2: number, extra: Record<string, unknown> = {}) => ({
		smtp: {
			hostOverrides: { 'mx1.example.com.': `127.0.0.1:${mx1}`, 'mx2.example.com': `127.0.0.1:${mx2}` },
			connectTimeout: 1,
			replyTimeout: 1,
			heloName: 'tester.example.org',
			...extra,
		},
	});

	test('the "Test SMTP" lens arguments run the test with the pulled settings; transcript and progress stream to the client', async () => {
		client.settings = await smtpSettings(await closedPort(), good.port);
		await client.open(URI, TWO_MX_ZONE);
		const lenses = (await client.codeLenses(URI)) ?? [];
		const lens = lenses.find((l) => l.command?.command === 'zoneSentinel.testSmtp');
		assert.ok(lens?.command?.arguments, 'the lens is offered');
		const args = lens.command.arguments[0] as { uri: string; owner: string };
		assert.deepEqual(args, { uri: URI, owner: 'example.com.' });
		const result: Result = await client.connection.sendRequest(REQUEST, { ...args, testId: 'test-1' });
		assert.equal(result.ok, true, result.text);
		assert.equal(result.accepting, 1);
		assert.match(result.summaries[0], /so senders hand mail for example\.com to mx2\.example\.com, which accepts it/);
		assert.match(result.markdown, /^# Mail exchanger test of example\.com\.zone$/m);
		assert.match(result.markdown, /\| 2 \| mx2\.example\.com \| 20 \| backup \| \*\*ACCEPTS\*\*/);
		assert.equal(result.report?.domains[0].outcome, 'backupWorks');
		assert.ok(notifications.every((n) => n.testId === 'test-1'));
		assert.ok(notifications.some((n) => n.progress === 'mx2.example.com. (2 of 2)'));
		assert.ok(notifications.some((n) => /mx2\.example\.com\. \[127\.0\.0\.1:\d+\] S: 220 /.test(n.line ?? '')));
		assert.ok(notifications.some((n) => /C: RCPT TO:<postmaster@example\.com>$/.test(n.line ?? '')));
		assert.equal(good.messages.length, 0);
	});

	test(
		"an _mta-sts record: the policy is fetched through the settings' override and the report has an MTA-STS section",
		requires('openssl'),
		async () => {
			// The server trusts only the system's CAs, so a policy host with a test CA is refused, as senders would.
			const chain = opensslCertificateChain('mta-sts.example.com', 30);
			const policyServer = https.createServer({ key: chain.key, cert: chain.cert }, (_request, response) =>
				response
					.writeHead(200, { 'content-type': 'text/plain' })
					.end('version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n'),
			);
			await new Promise<void>((resolve) => policyServer.listen(0, '127.0.0.1', resolve));
			try {
				const policyPort = (policyServer.address() as AddressInfo).port;
				const settings = await smtpSettings(good.port, good.port);
				client.settings = {
					smtp: { ...settings.smtp, hostOverrides: { ...settings.smtp.hostOverrides, 'mta-sts.example.com': `127.0.0.1:${policyPort}` } },
				};
				await client.open(URI, TWO_MX_ZONE + '_mta-sts TXT "v=STSv1; id=1"\n');
				const result: Result = await client.connection.sendRequest(REQUEST, { uri: URI, owner: 'example.com.', testId: 'sts' });
				assert.equal(result.ok, false);
				assert.match(result.markdown, /^### MTA-STS$/m);
				assert.match(
					result.markdown,
					/^- policy: https:\/\/mta-sts\.example\.com\/\.well-known\/mta-sts\.txt \(127\.0\.0\.1:\d+, override\)$/m,
				);
				assert.match(
					result.markdown,
					/^- fetch: FAILED: the certificate is not valid \((SELF\\_SIGNED\\_CERT\\_IN\\_CHAIN|UNABLE\\_TO\\_GET\\_ISSUER\\_CERT\\_LOCALLY)\): senders refuse the policy \(RFC 8461 section 3\.3\)$/m,
				);
				assert.ok(
					notifications.some((n) => /mta-sts\.example\.com\. \*: fetching the MTA-STS policy/.test(n.line ?? '')),
					JSON.stringify(notifications),
				);
			} finally {
				policyServer.close();
			}
		},
	);

	test('send: true (after the user confirmed) delivers one message; unsafe settings fall back to defaults', async () => {
		client.settings = await smtpSettings(good.port, await closedPort(), { sender: 'evil@example.com\r\nDATA' });
		await client.open(URI, TWO_MX_ZONE);
		const before = good.messages.length;
		const result: Result = await client.connection.sendRequest(REQUEST, { uri: URI, send: true });
		assert.equal(good.messages.length, before + 1);
		assert.equal(good.messages[good.messages.length - 1].from, 'zone-sentinel-test@example.com');
		assert.equal(result.accepting, 1);
		assert.ok(client.logs.some((line) => /zoneSentinel\.smtp\.sender: ignoring invalid value/.test(line)));
	});

	test('a document that is not open, or has no mail domain, gets an explanation instead of a test', async () => {
		const closed: Result = await client.connection.sendRequest(REQUEST, { uri: 'file:///work/zones/other.zone' });
		assert.equal(closed.ok, false);
		assert.match(closed.error ?? '', /Open the zone file first/);
		await client.open(URI, '$ORIGIN example.com.\n@ 3600 SOA ns1 hm 1 2 3 4 5\n');
		const empty: Result = await client.connection.sendRequest(REQUEST, { uri: URI });
		assert.match(empty.error ?? '', /no MX records/);
	});

	test('cancelling the request closes the connection and answers RequestCancelled at once', async () => {
		const silent = await startScriptedServer({ greeting: null });
		try {
			client.settings = await smtpSettings(silent.port, silent.port, { replyTimeout: 60 });
			await client.open(URI, TWO_MX_ZONE);
			const source = new CancellationTokenSource();
			const pending = client.connection.sendRequest(REQUEST, { uri: URI, testId: 'cancel' }, source.token);
			// A guard against a hang, not a time limit on the server.
			for (let waited = 0; !notifications.some((n) => n.line?.includes('connected to')); waited += 10) {
				assert.ok(waited < 30_000, 'the server never connected to the silent exchanger');
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			source.cancel();
			// "At once": the answer is RequestCancelled, which only the cancellation gives; the reply
			// time-out (60 s) would have ended the test with a result instead.
			await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
		} finally {
			await silent.close();
		}
	});
});
