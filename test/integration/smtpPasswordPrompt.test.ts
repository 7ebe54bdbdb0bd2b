/**
 * `smtp-test --drill` asks for the mailbox password on a real pseudo-terminal (script(1)) when the
 * environment does not give it: the typed password reaches the IMAP login, never the terminal or
 * the report; Backspace edits, Ctrl-C aborts with exit 2; without a terminal it is a usage error.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';
import {
	closedPort,
	type MailServer,
	runSmtpCli,
	type ScriptedServer,
	startMailServer,
	startScriptedServer,
	tempZone,
	TWO_MX_ZONE,
} from '../helpers/smtpServers';
import { requires } from '../helpers/requires';

const PASSWORD = 's3cret-Pw';

/** The environment without the password variable, so the CLI has to ask. */
function environmentWithoutPassword(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.ZONE_SENTINEL_MAILBOX_PASSWORD;
	return env;
}

/**
 * Runs the CLI under script(1) and types `keys` once the prompt shows; resolves with the exit
 * status and everything the terminal showed (script's own copy of the session, too).
 */
function runOnTerminal(args: readonly string[], keys: string): Promise<{ status: number | null; terminal: string; typescript: string }> {
	const dir = fs.mkdtempSync(path.join(path.dirname(tempZone('')), 'tty-'));
	const typescript = path.join(dir, 'typescript');
	const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
	const command = [process.execPath, path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'smtp-test', ...args].map(quote).join(' ');
	const child = spawn('script', ['-qec', command, typescript], { cwd: REPO_ROOT, env: environmentWithoutPassword() });
	let terminal = '';
	let typed = false;
	child.stdout.on('data', (chunk: Buffer) => {
		terminal += chunk.toString();
		// Typed only once the prompt is up: by then echo is off, as it is for a person typing.
		if (!typed && terminal.includes('Password for drill@127.0.0.1: ')) {
			typed = true;
			child.stdin.write(keys);
		}
	});
	return new Promise((resolve) =>
		child.on('close', (status) => resolve({ status, terminal, typescript: fs.readFileSync(typescript, 'utf8') })),
	);
}

describe('smtp-test --drill: the mailbox password typed on a terminal', requires('script'), () => {
	let backup: MailServer;
	let imap: ScriptedServer;
	let zone: string;
	let args: (extra?: string[]) => string[];
	before(async () => {
		backup = await startMailServer({ acceptDomains: ['example.com'] });
		// An IMAP server that logs in only with the right password, and never has the message.
		imap = await startScriptedServer({
			greeting: '* OK [CAPABILITY IMAP4rev1 UIDPLUS] fake\r\n',
			respond: (line) => {
				const [tag, ...rest] = line.split(' ');
				const command = rest.join(' ');
				if (command.startsWith('LOGIN '))
					return command === `LOGIN "drill" "${PASSWORD}"`
						? `${tag} OK done\r\n`
						: `${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`;
				if (command.startsWith('SELECT')) return `${tag} OK done\r\n`;
				if (command.startsWith('UID SEARCH')) return `* SEARCH\r\n${tag} OK done\r\n`;
				if (command.startsWith('LOGOUT')) return `* BYE bye\r\n${tag} OK done\r\n`;
				return `${tag} BAD unknown\r\n`;
			},
		});
		zone = tempZone(TWO_MX_ZONE);
		const down = await closedPort();
		args = (extra = []) => [
			'--zone',
			zone,
			'--helo',
			'tester.example.org',
			'--connect-timeout',
			'1',
			'--reply-timeout',
			'2',
			'--host',
			`mx1.example.com=127.0.0.1:${down}`,
			'--host',
			`mx2.example.com=127.0.0.1:${backup.port}`,
			'--drill',
			'--mailbox',
			`imap://drill@127.0.0.1:${imap.port}/INBOX`,
			'--drill-timeout',
			'1',
			...extra,
		];
	});
	after(async () => {
		await backup.close();
		await imap.close();
	});

	test('the typed password (with a Backspace) reaches the IMAP login and is never shown', async () => {
		const before = imap.received.length;
		// A typo corrected with Backspace, then Enter.
		const run = await runOnTerminal(args(['--transcript']), `${PASSWORD}X\x7f\r`);
		const logins = imap.received.slice(before).filter((line) => / LOGIN /.test(line));
		assert.ok(logins.length > 0 && logins.every((line) => line.endsWith(`LOGIN "drill" "${PASSWORD}"`)), logins.join('\n'));
		// Logged in, so the drill went on to look for the message: not there within 1 s, queued.
		assert.ok(imap.received.slice(before).some((line) => / UID SEARCH /.test(line)));
		assert.equal(run.status, 1, run.terminal);
		assert.match(run.terminal, /verdict +QUEUED at the backup/);
		for (const shown of [run.terminal, run.typescript]) {
			assert.ok(!shown.includes(PASSWORD), 'the password is never echoed, printed or in the transcript');
			assert.ok(!shown.includes(PASSWORD.slice(0, 4)));
		}
		assert.match(run.terminal, /LOGIN "drill" <password>/);
	});

	test('a wrong password: the IMAP server refuses the login, the drill says so', async () => {
		const run = await runOnTerminal(args(), 'wrong-one\r');
		assert.equal(run.status, 1, run.terminal);
		assert.match(run.terminal, /Failed: the IMAP server refused the login of drill: .*Authentication failed/);
		assert.ok(!run.terminal.includes('wrong-one'));
	});

	test('Ctrl-C at the prompt aborts with exit 2 before any connection', async () => {
		const connections = backup.connections;
		const run = await runOnTerminal(args(), 'abc\x03');
		assert.equal(run.status, 2, run.terminal);
		assert.match(run.terminal, /cancelled at the password prompt/);
		assert.equal(backup.connections, connections);
	});

	test('no terminal and no environment variable: a usage error, exit 2', async () => {
		const connections = backup.connections;
		const run = await runSmtpCli(args(), undefined, environmentWithoutPassword());
		assert.equal(run.status, 2);
		assert.match(
			run.stderr,
			/--drill needs the mailbox password in the environment variable ZONE_SENTINEL_MAILBOX_PASSWORD, or a terminal to ask for it/,
		);
		assert.equal(backup.connections, connections);
	});
});
