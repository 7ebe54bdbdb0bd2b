/**
 * Small IMAP4rev1 (RFC 3501) and POP3 (RFC 1939) clients for one job: find the message that carries
 * a drill token, read it, and delete it. Plain TCP, implicit TLS (`imaps:`, `pop3s:`) or STARTTLS
 * (IMAP `STARTTLS`, POP3 `STLS`, RFC 2595); with TLS the certificate must verify (system CAs, or the
 * CA given). Every read is bounded (line length, literal and message size) and timed; the password
 * is sent only in LOGIN/PASS and never written to the transcript.
 */
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { visible } from './validate';
import { abortFailure, connectTcp, seconds, SessionFailure, type TranscriptSink } from './wire';

export interface MailboxAddress {
	readonly protocol: 'imap' | 'pop3';
	/** `implicit`: TLS from the first byte (`imaps:`, `pop3s:`); `starttls`: upgraded before the login. */
	readonly tls: 'none' | 'implicit' | 'starttls';
	readonly user: string;
	/** A host name or an IP literal (without brackets). */
	readonly host: string;
	readonly port: number;
	/** The IMAP folder, `INBOX` by default; POP3 has only one. */
	readonly folder: string;
	/** The URL as shown in reports (it never holds a password). */
	readonly url: string;
}

export const MAILBOX_PASSWORD_VARIABLE = 'ZONE_SENTINEL_MAILBOX_PASSWORD';

/** Printable ASCII without blanks, quotes and backslashes: safe in an IMAP quoted string and a POP3 line. */
const SAFE_ATOM = /^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/;

/**
 * `imap://user@host:port/INBOX`, `imaps://…`, `pop3://user@host:port` or `pop3s://…` → the address,
 * or an error message; `starttls` upgrades a plain `imap:`/`pop3:` connection. A password in the URL
 * is refused: it would be visible in the process list and in shell history.
 */
export function parseMailboxUrl(text: string, starttls = false): MailboxAddress | string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `'${visible(text)}' is not a mailbox URL such as imap://user@127.0.0.1:143/INBOX or pop3://user@127.0.0.1:110`;
	}
	const scheme = /^(imap|pop3)(s?):$/.exec(url.protocol);
	if (!scheme) return `'${visible(url.protocol)}' is not a supported mailbox protocol (imap:, imaps:, pop3: or pop3s:)`;
	const protocol = scheme[1] as MailboxAddress['protocol'];
	const implicit = scheme[2] === 's';
	if (implicit && starttls) return `${url.protocol} is TLS from the start: STARTTLS is for imap: and pop3:`;
	if (url.password !== '') return `put the mailbox password in the environment variable ${MAILBOX_PASSWORD_VARIABLE}, never in the URL`;
	const user = decodeURIComponent(url.username);
	if (!SAFE_ATOM.test(user)) return `the mailbox URL needs a user name of printable characters (imap://user@host/INBOX)`;
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	if (host === '') return 'the mailbox URL has no host';
	const port = url.port !== '' ? Number(url.port) : protocol === 'imap' ? (implicit ? 993 : 143) : implicit ? 995 : 110;
	const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
	if (protocol === 'pop3' && path !== '') return 'a POP3 mailbox has no folder: use pop3://user@host:port';
	const folder = path === '' ? 'INBOX' : path;
	if (!SAFE_ATOM.test(folder.replace(/ /g, '_'))) return `'${visible(folder)}' is not a folder name this client can select`;
	return {
		protocol,
		tls: implicit ? 'implicit' : starttls ? 'starttls' : 'none',
		user,
		host,
		port,
		folder,
		url: `${url.protocol}//${encodeURIComponent(user)}@${url.host}${protocol === 'imap' ? `/${folder}` : ''}`,
	};
}

/** Why a password cannot be sent, or undefined. */
export function mailboxPasswordError(password: string): string | undefined {
	return /^[\x20-\x7e]{1,255}$/.test(password) ? undefined : `${MAILBOX_PASSWORD_VARIABLE} must be 1 to 255 printable ASCII characters`;
}

export interface MailboxLimits {
	readonly maxLineLength: number;
	/** Largest message (IMAP literal, POP3 RETR) read. */
	readonly maxMessageBytes: number;
	/** POP3: messages whose headers are read per check (newest first). */
	readonly maxScanned: number;
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimits = Object.freeze({
	maxLineLength: 64 * 1024,
	maxMessageBytes: 4 * 1024 * 1024,
	maxScanned: 200,
});

export interface MailboxCheck {
	/** The raw message, when the token was found. */
	readonly message?: Buffer;
	/** True when the message was deleted (or flagged \Deleted and expunged). */
	readonly deleted: boolean;
	/** E.g. that the server could not expunge only this one message. */
	readonly note?: string;
}

export interface MailboxSession {
	readonly address: MailboxAddress;
	readonly password: string;
	/** The value of the drill header to look for. */
	readonly header: string;
	readonly token: string;
	readonly keep: boolean;
	readonly timeoutMs: number;
	readonly signal: AbortSignal;
	readonly transcript: TranscriptSink;
	readonly limits?: MailboxLimits;
	/** POP3 UIDLs already looked at without the token (kept between checks). */
	readonly seen?: Set<string>;
	/** PEM certificates to trust instead of the system's CAs (a private CA, or the test's). */
	readonly ca?: string;
}

/** Thrown when retrying will not help: the login was refused, or TLS could not be set up or verified. */
export class MailboxRefused extends Error {}

/** The server refused the user name and password (not TLS or a folder): a stored password is wrong. */
export class MailboxLoginRefused extends MailboxRefused {}

/** One check of the mailbox: connect, log in, look for the token, fetch and delete it, log out. */
export async function checkMailbox(session: MailboxSession): Promise<MailboxCheck> {
	const addresses = net.isIP(session.address.host) ? [session.address.host] : await resolve(session.address.host);
	const socket = await connectTcp(addresses[0], session.address.port, session.timeoutMs, session.signal);
	const wire = new LineWire(socket, session.limits ?? DEFAULT_MAILBOX_LIMITS, session.transcript, session.signal);
	try {
		if (session.address.tls === 'implicit') await wire.startTls(session);
		return await (session.address.protocol === 'imap' ? imapCheck(wire, session) : pop3Check(wire, session));
	} finally {
		wire.destroy();
	}
}

async function resolve(host: string): Promise<string[]> {
	try {
		const found = await dns.promises.lookup(host, { all: true, verbatim: false });
		return found.map((entry) => entry.address);
	} catch (error) {
		throw new SessionFailure('error', `cannot find the address of ${host} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
}

/** IMAP string: the atoms we send are checked to need no escapes beyond these two. */
const quoted = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;

async function imapCheck(wire: LineWire, session: MailboxSession): Promise<MailboxCheck> {
	const wait = session.timeoutMs;
	let counter = 0;
	const capabilities = new Set<string>();
	const noteCapabilities = (text: string): void => {
		const found = /\[CAPABILITY ([^\]]*)\]/i.exec(text) ?? /^\* CAPABILITY (.*)$/i.exec(text);
		if (found) for (const name of found[1].split(' ')) capabilities.add(name.toUpperCase());
	};
	const command = async (line: string, shown = line): Promise<ImapResponse> => {
		const tag = `z${++counter}`;
		wire.send(`${tag} ${line}`, `${tag} ${shown}`);
		const response = await readImapResponse(wire, tag, wait, line === 'LOGOUT');
		for (const untagged of response.untagged) noteCapabilities(untagged.text);
		noteCapabilities(response.text);
		return response;
	};
	const greeting = await wire.readLine(wait);
	if (!/^\* (OK|PREAUTH)\b/i.test(greeting))
		throw new SessionFailure('badReply', `the IMAP server did not greet with * OK: '${visible(greeting).slice(0, 120)}'`);
	noteCapabilities(greeting);
	if (session.address.tls === 'starttls') {
		const reply = await command('STARTTLS');
		if (reply.status !== 'OK') throw new MailboxRefused(`the IMAP server refused STARTTLS: ${visible(reply.text).slice(0, 200)}`);
		await wire.startTls(session);
		// What the server said before TLS no longer counts (RFC 3501 §6.2.1).
		capabilities.clear();
	}
	const login = await command(
		`LOGIN ${quoted(session.address.user)} ${quoted(session.password)}`,
		`LOGIN ${quoted(session.address.user)} <password>`,
	);
	if (login.status !== 'OK') {
		const why = `the IMAP server refused the login of ${session.address.user}: ${visible(login.text).slice(0, 200)}`;
		// Only a NO about the credentials says the password is wrong; BAD, or a NO that the server is unavailable or wants TLS, does not (RFC 5530).
		if (login.status === 'NO' && !/\[(?:UNAVAILABLE|PRIVACYREQUIRED|SERVERBUG|LIMIT|INUSE)\]/i.test(login.text))
			throw new MailboxLoginRefused(why);
		throw new MailboxRefused(why);
	}
	const select = await command(`SELECT ${quoted(session.address.folder)}`);
	if (select.status !== 'OK')
		throw new SessionFailure('badReply', `cannot select ${session.address.folder}: ${visible(select.text).slice(0, 200)}`);
	const search = await command(`UID SEARCH HEADER ${session.header} ${quoted(session.token)}`);
	const uids = search.untagged.flatMap((u) => (/^\* SEARCH((?: \d+)*)$/i.exec(u.text)?.[1] ?? '').trim().split(/\s+/).filter(Boolean));
	if (search.status !== 'OK' || uids.length === 0) {
		await command('LOGOUT');
		return { deleted: false };
	}
	const uid = uids[0];
	const fetch = await command(`UID FETCH ${uid} (BODY.PEEK[])`);
	const literal = fetch.untagged.find((u) => /^\* \d+ FETCH /i.test(u.text) && u.literals.length > 0)?.literals[0];
	if (fetch.status !== 'OK' || !literal) throw new SessionFailure('badReply', `the IMAP server did not return message ${uid}`);
	let deleted = false;
	let note: string | undefined;
	if (!session.keep) {
		const store = await command(`UID STORE ${uid} +FLAGS.SILENT (\\Deleted)`);
		// A plain EXPUNGE would also remove other messages the user flagged: only UID EXPUNGE (UIDPLUS) is safe.
		if (store.status === 'OK' && capabilities.has('UIDPLUS')) deleted = (await command(`UID EXPUNGE ${uid}`)).status === 'OK';
		else note = 'the server has no UIDPLUS, so the message is only flagged \\Deleted';
	}
	await command('LOGOUT');
	return { message: literal, deleted, ...(note ? { note } : {}) };
}

interface ImapResponse {
	readonly status: 'OK' | 'NO' | 'BAD';
	readonly text: string;
	readonly untagged: readonly { readonly text: string; readonly literals: readonly Buffer[] }[];
}

/** Reads untagged lines (with their `{n}` literals) up to the tagged status line. */
async function readImapResponse(wire: LineWire, tag: string, wait: number, loggingOut: boolean): Promise<ImapResponse> {
	const untagged: { text: string; literals: Buffer[] }[] = [];
	for (;;) {
		let text = await wire.readLine(wait);
		const literals: Buffer[] = [];
		// A line ending in {n} is followed by n octets, then the rest of the line.
		for (let literal = /\{(\d{1,10})\}$/.exec(text); literal; literal = /\{(\d{1,10})\}$/.exec(text)) {
			literals.push(await wire.readBytes(Number(literal[1]), wait));
			text += ' ' + (await wire.readLine(wait));
		}
		if (text.startsWith(tag + ' ')) {
			const status = /^\S+ (OK|NO|BAD)\b/i.exec(text)?.[1].toUpperCase();
			if (!status) throw new SessionFailure('badReply', `bad IMAP status line: '${visible(text).slice(0, 120)}'`);
			return { status: status as ImapResponse['status'], text, untagged };
		}
		if (!loggingOut && /^\* BYE\b/i.test(text))
			throw new SessionFailure('closed', `the IMAP server closed the session: ${visible(text).slice(0, 200)}`);
		untagged.push({ text, literals });
	}
}

async function pop3Check(wire: LineWire, session: MailboxSession): Promise<MailboxCheck> {
	const wait = session.timeoutMs;
	const limits = session.limits ?? DEFAULT_MAILBOX_LIMITS;
	const command = async (line: string, shown = line): Promise<string> => {
		wire.send(line, shown);
		return wire.readLine(wait);
	};
	const ok = (reply: string): boolean => reply.startsWith('+OK');
	const greeting = await wire.readLine(wait);
	if (!ok(greeting)) throw new SessionFailure('badReply', `the POP3 server did not greet with +OK: '${visible(greeting).slice(0, 120)}'`);
	if (session.address.tls === 'starttls') {
		const reply = await command('STLS');
		if (!ok(reply)) throw new MailboxRefused(`the POP3 server refused STLS: ${visible(reply).slice(0, 200)}`);
		await wire.startTls(session);
	}
	const user = await command(`USER ${session.address.user}`);
	// A refused USER is no verdict on the password (USER/PASS off, or TLS required first).
	if (!ok(user)) throw new MailboxRefused(`the POP3 server refused USER ${session.address.user}: ${visible(user).slice(0, 200)}`);
	const pass = await command(`PASS ${session.password}`, 'PASS <password>');
	if (!ok(pass)) {
		const why = `the POP3 server refused the login of ${session.address.user}: ${visible(pass).slice(0, 200)}`;
		// RFC 3206: [SYS/…] and [IN-USE] are the server's trouble, not a wrong password.
		if (/^-ERR \[(?:SYS\/|IN-USE)/i.test(pass)) throw new MailboxRefused(why);
		throw new MailboxLoginRefused(why);
	}
	if (!ok(await command('UIDL'))) throw new SessionFailure('badReply', 'the POP3 server does not support UIDL');
	const listing = (await readMultiline(wire, wait, limits.maxMessageBytes)).toString('latin1').split('\r\n').filter(Boolean);
	const messages = listing.map((line) => line.split(' ')).filter((parts) => parts.length === 2 && /^\d+$/.test(parts[0]));
	const seen = session.seen ?? new Set<string>();
	const headerPattern = new RegExp(`^${session.header}:[ \\t]*${session.token.replace(/[^a-z0-9]/gi, '\\$&')}[ \\t]*$`, 'im');
	let scanned = 0;
	// Newest first: the drill's message is among the last to arrive.
	for (const [number, uidl] of messages.reverse()) {
		if (seen.has(uidl)) continue;
		if (++scanned > limits.maxScanned) break;
		if (!ok(await command(`TOP ${number} 0`))) continue;
		const headers = (await readMultiline(wire, wait, limits.maxMessageBytes)).toString('latin1').replace(/\r\n[ \t]+/g, ' ');
		if (!headerPattern.test(headers)) {
			seen.add(uidl);
			continue;
		}
		if (!ok(await command(`RETR ${number}`))) throw new SessionFailure('badReply', `the POP3 server did not return message ${number}`);
		const message = await readMultiline(wire, wait, limits.maxMessageBytes);
		const deleted = !session.keep && ok(await command(`DELE ${number}`));
		// Deletions take effect only at QUIT (RFC 1939 §6).
		const quit = await command('QUIT');
		return { message, deleted: deleted && ok(quit) };
	}
	await command('QUIT');
	return { deleted: false };
}

/** A POP3 multi-line answer up to the `.` line, dot-unstuffed, CRLF line ends. */
async function readMultiline(wire: LineWire, wait: number, maxBytes: number): Promise<Buffer> {
	const lines: Buffer[] = [];
	let size = 0;
	for (;;) {
		const line = await wire.readRawLine(wait);
		if (line.length === 1 && line[0] === 0x2e) return Buffer.concat(lines);
		const unstuffed = line[0] === 0x2e ? line.subarray(1) : line;
		size += unstuffed.length + 2;
		if (size > maxBytes) throw new SessionFailure('replyTooLarge', `the message is larger than ${maxBytes} octets`);
		lines.push(unstuffed, CRLF);
	}
}

const CRLF = Buffer.from('\r\n');

/** A socket read as CRLF lines and counted octets, within bounds and time limits. */
class LineWire {
	#socket: net.Socket;
	readonly #limits: MailboxLimits;
	readonly #transcript: TranscriptSink;
	readonly #signal: AbortSignal;
	#buffer = Buffer.alloc(0);
	#failure: SessionFailure | undefined;
	#wake: (() => void) | undefined;
	readonly #onAbort = (): void => {
		this.#fail(abortFailure(this.#signal));
	};

	constructor(socket: net.Socket, limits: MailboxLimits, transcript: TranscriptSink, signal: AbortSignal) {
		this.#socket = socket;
		this.#limits = limits;
		this.#transcript = transcript;
		this.#signal = signal;
		signal.addEventListener('abort', this.#onAbort, { once: true });
		this.#bind(socket);
	}

	#unbind: () => void = () => undefined;

	#bind(socket: net.Socket): void {
		const onData = (chunk: Buffer): void => {
			this.#buffer = Buffer.concat([this.#buffer, chunk]);
			if (this.#buffer.length > this.#limits.maxMessageBytes + this.#limits.maxLineLength)
				this.#fail(new SessionFailure('replyTooLarge', `the mailbox server sent more than ${this.#limits.maxMessageBytes} octets at once`));
			this.#wake?.();
		};
		const onClose = (): void => {
			this.#fail(new SessionFailure('closed', 'the mailbox server closed the connection'));
		};
		const onError = (error: Error): void => {
			this.#fail(new SessionFailure('closed', `the connection failed: ${error.message}`));
		};
		socket.on('data', onData);
		socket.on('close', onClose);
		socket.on('error', onError);
		this.#unbind = () => {
			socket.removeListener('data', onData);
			socket.removeListener('close', onClose);
			socket.removeListener('error', onError);
			socket.on('error', () => undefined);
		};
	}

	/**
	 * TLS on this connection (at once for implicit TLS, after the server's yes to STARTTLS/STLS). The
	 * certificate must verify for the host name (or IP address) of the URL; a failure is final.
	 */
	async startTls(session: MailboxSession): Promise<void> {
		// Plain text sent after the server's yes must not be read as if it came over TLS (RFC 2595 §3.1).
		this.#buffer = Buffer.alloc(0);
		this.#unbind();
		const host = session.address.host;
		const secure = tls.connect({
			socket: this.#socket,
			servername: net.isIP(host) ? undefined : host,
			host,
			rejectUnauthorized: true,
			...(session.ca ? { ca: session.ca } : {}),
		});
		try {
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new SessionFailure('timeout', `TLS handshake not done within ${seconds(session.timeoutMs)}`)),
					session.timeoutMs,
				);
				secure.once('secureConnect', () => {
					clearTimeout(timer);
					resolve();
				});
				secure.once('error', (error: Error) => {
					clearTimeout(timer);
					reject(new MailboxRefused(`TLS with the mailbox server failed: ${error.message}`));
				});
			});
		} finally {
			this.#socket = secure;
			this.#bind(secure);
		}
		this.#transcript('*', `TLS established: ${secure.getProtocol() ?? '?'}, certificate verified`);
	}

	/** `shown` replaces the line in the transcript (used for the password). */
	send(line: string, shown = line): void {
		this.#transcript('C', shown);
		if (!this.#failure) this.#socket.write(line + '\r\n');
	}

	async readLine(timeoutMs: number): Promise<string> {
		const line = (await this.readRawLine(timeoutMs)).toString('latin1');
		this.#transcript('S', line.slice(0, 300));
		return line;
	}

	/** The next line without its CRLF (a bare LF is accepted). */
	async readRawLine(timeoutMs: number): Promise<Buffer> {
		await this.#until(() => this.#buffer.indexOf(0x0a) !== -1 || this.#buffer.length > this.#limits.maxLineLength, timeoutMs);
		const newline = this.#buffer.indexOf(0x0a);
		if (newline === -1 || newline > this.#limits.maxLineLength + 1)
			throw this.#fail(
				new SessionFailure('lineTooLong', `the mailbox server sent a line longer than ${this.#limits.maxLineLength} octets`),
			);
		const end = newline > 0 && this.#buffer[newline - 1] === 0x0d ? newline - 1 : newline;
		const line = this.#buffer.subarray(0, end);
		this.#buffer = this.#buffer.subarray(newline + 1);
		return line;
	}

	async readBytes(count: number, timeoutMs: number): Promise<Buffer> {
		if (count > this.#limits.maxMessageBytes)
			throw this.#fail(new SessionFailure('replyTooLarge', `the message is larger than ${this.#limits.maxMessageBytes} octets`));
		await this.#until(() => this.#buffer.length >= count, timeoutMs);
		const bytes = this.#buffer.subarray(0, count);
		this.#buffer = this.#buffer.subarray(count);
		this.#transcript('S', `<${count} octets>`);
		return bytes;
	}

	destroy(): void {
		this.#signal.removeEventListener('abort', this.#onAbort);
		this.#socket.destroy();
	}

	async #until(ready: () => boolean, timeoutMs: number): Promise<void> {
		if (ready()) return;
		if (this.#failure) throw this.#failure;
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => finish(new SessionFailure('timeout', `no answer from the mailbox server within ${seconds(timeoutMs)}`)),
				timeoutMs,
			);
			const finish = (failure?: SessionFailure): void => {
				clearTimeout(timer);
				this.#wake = undefined;
				if (failure) reject(failure);
				else resolve();
			};
			this.#wake = () => {
				if (ready()) finish();
				else if (this.#failure) finish(this.#failure);
			};
		});
	}

	#fail(failure: SessionFailure): SessionFailure {
		this.#failure ??= failure;
		this.#wake?.();
		return this.#failure;
	}
}
