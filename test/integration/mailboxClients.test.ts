/**
 * The drill's IMAP and POP3 clients against raw fake servers that misbehave (the real Dovecot is
 * in mailStack.test.ts): every bound and time limit gives a clear failure, never a hang, and a
 * drill whose mailbox cannot be reached ends with "failed", not "queued".
 */
import * as assert from 'node:assert/strict';
import type * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { runDrill } from '../../smtp/src/drill';
import { checkMailbox, DEFAULT_MAILBOX_LIMITS, MailboxRefused, type MailboxAddress, type MailboxSession } from '../../smtp/src/mailbox';
import { DEFAULT_SMTP_OPTIONS, type HostOverride } from '../../smtp/src/options';
import { planMailTests } from '../../smtp/src/plan';
import { SessionFailure } from '../../smtp/src/wire';
import { closedPort, type MailServer, type Script, startMailServer, startScriptedServer, TWO_MX_ZONE } from '../helpers/smtpServers';

const address = (protocol: 'imap' | 'pop3', port: number): MailboxAddress => ({
	protocol,
	tls: 'none',
	user: 'drill',
	host: '127.0.0.1',
	port,
	folder: 'INBOX',
	url: `${protocol}://drill@127.0.0.1:${port}`,
});

/** One mailbox check against a scripted server; resolves with the failure it ended with. */
async function failureOf(protocol: 'imap' | 'pop3', script: Script, extra: Partial<MailboxSession> = {}): Promise<Error> {
	const server = await startScriptedServer(script);
	try {
		await checkMailbox({
			address: address(protocol, server.port),
			password: 'secret',
			header: 'X-Zone-Sentinel-Drill',
			token: 'zs-1',
			keep: false,
			timeoutMs: 500,
			signal: new AbortController().signal,
			transcript: () => undefined,
			...extra,
		});
	} catch (error) {
		return error as Error;
	} finally {
		await server.close();
	}
	throw new Error('the check did not fail');
}

/** An IMAP server that logs in and selects, then answers other lines with `answer` (which may write itself). */
function imapScript(answer: (line: string, socket: net.Socket) => string | undefined): Script {
	return {
		greeting: '* OK [CAPABILITY IMAP4rev1 UIDPLUS] fake\r\n',
		respond: (line, socket) => {
			const [tag, ...rest] = line.split(' ');
			const command = rest.join(' ');
			if (/^(LOGIN|SELECT)/.test(command)) return `${tag} OK done\r\n`;
			if (/^UID SEARCH/.test(command)) return `* SEARCH 7\r\n${tag} OK done\r\n`;
			return answer(line, socket);
		},
	};
}

describe('mailbox clients against misbehaving servers', () => {
	test('an IMAP literal larger than the limit is refused before it is read', async () => {
		const error = await failureOf(
			'imap',
			imapScript((line) => (/UID FETCH/.test(line) ? '* 1 FETCH (UID 7 BODY[] {999999999}\r\n' : undefined)),
		);
		assert.ok(error instanceof SessionFailure);
		assert.equal(error.kind, 'replyTooLarge');
		assert.match(error.message, new RegExp(`larger than ${DEFAULT_MAILBOX_LIMITS.maxMessageBytes} octets`));
	});

	test('an IMAP literal split across packets is read exactly, and the message is expunged by UID', async () => {
		const message = 'Subject: x\r\nX-Zone-Sentinel-Drill: zs-1\r\n\r\n.dot line\r\n';
		const server = await startScriptedServer(
			imapScript((line, socket) => {
				const tag = line.split(' ')[0];
				if (/UID FETCH 7/.test(line)) {
					// Cut inside the literal and right after it: the reader must count octets, not lines.
					const parts = [
						`* 1 FETCH (UID 7 BODY[] {${message.length}}\r\nSubject: x\r\nX-Zone`,
						`-Sentinel-Drill: zs-1\r\n\r\n.dot line\r\n`,
						`)\r\n${tag} OK done\r\n`,
					];
					parts.forEach((part, i) => setTimeout(() => socket.write(part), 20 * i));
					return undefined;
				}
				if (/UID STORE 7|UID EXPUNGE 7/.test(line)) return `${tag} OK done\r\n`;
				if (/LOGOUT/.test(line)) return `* BYE bye\r\n${tag} OK done\r\n`;
				return undefined;
			}),
		);
		try {
			const found = await checkMailbox({
				address: address('imap', server.port),
				password: 'secret',
				header: 'X-Zone-Sentinel-Drill',
				token: 'zs-1',
				keep: false,
				timeoutMs: 1000,
				signal: new AbortController().signal,
				transcript: () => undefined,
				limits: { ...DEFAULT_MAILBOX_LIMITS, maxLineLength: 64 },
			});
			assert.equal(found.message?.toString('latin1'), message);
			assert.equal(found.deleted, true);
			assert.ok(server.received.some((line) => /UID EXPUNGE 7$/.test(line)));
			// The password went over the wire (that is the login), quoted.
			assert.ok(server.received.some((line) => / LOGIN "drill" "secret"$/.test(line)));
		} finally {
			await server.close();
		}
	});

	test('an IMAP server that goes silent after the greeting: the reply time-out, not a hang', async () => {
		const started = Date.now();
		const error = await failureOf('imap', { greeting: '* OK fake\r\n', respond: () => undefined });
		assert.ok(error instanceof SessionFailure);
		assert.equal(error.kind, 'timeout');
		assert.match(error.message, /no answer from the mailbox server within 0\.5 s/);
		assert.ok(Date.now() - started < 5000);
	});

	test('a refused IMAP login and a refused POP3 password are MailboxRefused', async () => {
		const imap = await failureOf('imap', {
			greeting: '* OK fake\r\n',
			respond: (line) => `${line.split(' ')[0]} NO [AUTHENTICATIONFAILED] nope\r\n`,
		});
		assert.ok(imap instanceof MailboxRefused);
		assert.match(imap.message, /refused the login of drill: z1 NO \[AUTHENTICATIONFAILED\] nope/);
		const pop3 = await failureOf('pop3', {
			greeting: '+OK fake\r\n',
			respond: (line) => (line.startsWith('PASS') ? '-ERR no\r\n' : '+OK\r\n'),
		});
		assert.ok(pop3 instanceof MailboxRefused);
	});

	test('a POP3 line without end is cut at the line limit; a greeting that is not +OK is named', async () => {
		const long = await failureOf('pop3', { onConnect: (socket) => socket.write('+OK ' + 'x'.repeat(200_000)) });
		assert.ok(long instanceof SessionFailure);
		assert.equal(long.kind, 'lineTooLong');
		const wrong = await failureOf('pop3', { greeting: '220 this is SMTP\r\n' });
		assert.match(wrong.message, /did not greet with \+OK: '220 this is SMTP'/);
	});
});

describe('drill with a mailbox that cannot be reached', () => {
	let backup: MailServer;
	before(async () => {
		backup = await startMailServer({ acceptDomains: ['example.com'] });
	});
	after(async () => {
		await backup.close();
	});

	test('the backup accepts, the mailbox port is closed the whole time: verdict "failed", and the reason', async () => {
		const plans = planMailTests(analyzeZone('file:///t/example.com.zone', TWO_MX_ZONE).model);
		assert.ok(Array.isArray(plans));
		const hostOverrides = new Map<string, HostOverride>([['mx2.example.com.', { address: '127.0.0.1', port: backup.port }]]);
		const result = await runDrill(
			plans[0],
			{ ...DEFAULT_SMTP_OPTIONS, hostOverrides, heloName: 'tester.example.org', replyTimeoutMs: 1000 },
			{ mailbox: address('imap', await closedPort()), password: 'secret', keep: false, timeoutMs: 700, pollMs: 100 },
		);
		assert.equal(backup.messages.length, 1);
		assert.match(backup.messages[0].raw, /^X-Zone-Sentinel-Drill: zs-[0-9a-f]{18}\r$/m);
		assert.equal(result.drill?.verdict, 'failed');
		assert.match(
			result.drill?.summary ?? '',
			/accepted the drill message, but imap:\/\/drill@127\.0\.0\.1:\d+ could not be checked \(connection refused\)/,
		);
		assert.ok((result.drill?.checks ?? 0) >= 2);
		assert.equal(result.ok, false);
	});
});
