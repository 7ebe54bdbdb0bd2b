/**
 * One SMTP connection on the wire: connecting with a time limit, writing command lines, reading
 * replies with a time limit through the bounded {@link ReplyReader}, and upgrading to TLS. Every
 * way it can go wrong (refused, time-out, dropped, oversized line, cancelled) becomes a
 * {@link SessionFailure} with a kind the session and the reports understand.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { type ReaderLimits, ReplyReader, type SmtpReply } from './replyReader';
import { assertSafeCommand, visible } from './validate';

export type FailureKind =
	'refused' | 'timeout' | 'unreachable' | 'closed' | 'lineTooLong' | 'replyTooLarge' | 'badReply' | 'tls' | 'cancelled' | 'error';

/** Written to the transcript: `C` what we sent, `S` what the server sent, `*` what happened. */
export type Direction = 'C' | 'S' | '*';
export type TranscriptSink = (direction: Direction, text: string) => void;

/** The reason an abort signal carries when the whole test ran out of time (anything else is a cancel). */
export const DEADLINE_REASON = 'zone-sentinel:deadline';

export class SessionFailure extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
	) {
		super(message);
	}
}

/** The failure an aborted signal stands for: the whole-test limit or the user's cancel. */
export function abortFailure(signal: AbortSignal): SessionFailure {
	return new SessionFailure(
		'cancelled',
		signal.reason === DEADLINE_REASON ? 'the whole test reached its time limit' : 'the test was cancelled',
	);
}

/** Opens a TCP connection to a literal address (never a name: no DNS happens here). */
export function connectTcp(address: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<net.Socket> {
	if (net.isIP(address) === 0) return Promise.reject(new SessionFailure('error', `'${visible(address)}' is not an IP address`));
	if (signal.aborted) return Promise.reject(abortFailure(signal));
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: address, port, noDelay: true });
		const finish = (failure?: SessionFailure): void => {
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			socket.removeListener('error', onError);
			if (failure) {
				socket.destroy();
				reject(failure);
			} else {
				resolve(socket);
			}
		};
		const onAbort = (): void => finish(abortFailure(signal));
		const onError = (error: NodeJS.ErrnoException): void => finish(connectFailure(error));
		const timer = setTimeout(() => finish(new SessionFailure('timeout', `no connection within ${seconds(timeoutMs)}`)), timeoutMs);
		signal.addEventListener('abort', onAbort, { once: true });
		socket.once('error', onError);
		socket.once('connect', () => finish());
	});
}

function connectFailure(error: NodeJS.ErrnoException): SessionFailure {
	switch (error.code) {
		case 'ECONNREFUSED':
			return new SessionFailure('refused', 'connection refused');
		case 'ETIMEDOUT':
			return new SessionFailure('timeout', 'connection timed out');
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
		case 'EHOSTDOWN':
		case 'EADDRNOTAVAIL':
			return new SessionFailure('unreachable', `no route to the address (${error.code})`);
		default:
			return new SessionFailure('error', error.message);
	}
}

/** `1.5 s`, `30 s` */
export function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

interface Waiter {
	readonly resolve: (reply: SmtpReply) => void;
	readonly reject: (failure: SessionFailure) => void;
	readonly timer: ReturnType<typeof setTimeout>;
}

export class SmtpWire {
	#socket: net.Socket;
	readonly #reader: ReplyReader;
	readonly #transcript: TranscriptSink;
	readonly #signal: AbortSignal;
	#waiter: Waiter | undefined;
	/** Set once the connection is unusable; later reads fail with it at once. */
	#broken: SessionFailure | undefined;
	#unbind: () => void = () => undefined;
	readonly #onAbort = (): void => this.#breakWith(abortFailure(this.#signal));

	constructor(socket: net.Socket, limits: ReaderLimits, transcript: TranscriptSink, signal: AbortSignal) {
		this.#socket = socket;
		this.#reader = new ReplyReader(limits);
		this.#transcript = transcript;
		this.#signal = signal;
		signal.addEventListener('abort', this.#onAbort, { once: true });
		this.#bind(socket);
	}

	get localAddress(): string | undefined {
		return this.#socket.localAddress;
	}

	/** Writes one command line (CRLF added) after a last safety check. */
	send(line: string): void {
		assertSafeCommand(line);
		this.#transcript('C', line);
		if (!this.#broken) this.#socket.write(line + '\r\n');
	}

	/** Writes an encoded DATA payload (see `encodeData`); the transcript gets a one-line summary. */
	sendPayload(payload: string, summary: string): void {
		this.#transcript('C', summary);
		this.#transcript('C', '.');
		if (!this.#broken) this.#socket.write(payload);
	}

	/**
	 * Sends a command and waits for its reply. A complete reply already waiting was sent before the
	 * command: a server that does that (or someone injecting replies) could make any command look
	 * accepted, so the conversation stops there instead of counting it.
	 */
	async command(line: string, timeoutMs: number): Promise<SmtpReply> {
		const early = this.#reader.take();
		if (early) {
			this.#logged(early);
			throw new SessionFailure(
				'badReply',
				`the server sent a reply before our ${line.split(' ')[0]} command, so its replies cannot be matched to commands (a pipelining violation, or injected replies)`,
			);
		}
		this.send(line);
		return this.read(timeoutMs);
	}

	/** The next complete reply, or a failure when none arrives within `timeoutMs`. */
	read(timeoutMs: number): Promise<SmtpReply> {
		const ready = this.#reader.take();
		if (ready) return Promise.resolve(this.#logged(ready));
		if (this.#broken) return Promise.reject(this.#broken);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiter = undefined;
				reject(new SessionFailure('timeout', `no reply within ${seconds(timeoutMs)}`));
			}, timeoutMs);
			this.#waiter = { resolve, reject, timer };
		});
	}

	/**
	 * Replaces the connection with TLS on top of it, after the server's `220` to STARTTLS. The
	 * certificate is not required to verify: its problems are reported by the caller instead.
	 */
	startTls(serverName: string, timeoutMs: number): Promise<tls.TLSSocket> {
		// Plain text that arrived after the 220 must not be taken as if it came over TLS.
		if (this.#reader.discard()) this.#transcript('*', 'discarded plain-text data the server sent after 220 (RFC 3207 §4.2)');
		this.#unbind();
		const plain = this.#socket;
		return new Promise((resolve, reject) => {
			const secure = tls.connect({ socket: plain, servername: net.isIP(serverName) ? undefined : serverName, rejectUnauthorized: false });
			const finish = (failure?: SessionFailure): void => {
				clearTimeout(timer);
				this.#signal.removeEventListener('abort', onAbort);
				secure.removeListener('error', onError);
				this.#socket = secure;
				this.#bind(secure);
				if (failure) {
					this.#breakWith(failure);
					reject(failure);
				} else {
					resolve(secure);
				}
			};
			const onAbort = (): void => finish(abortFailure(this.#signal));
			const onError = (error: Error): void => finish(new SessionFailure('tls', `TLS handshake failed: ${error.message}`));
			const timer = setTimeout(
				() => finish(new SessionFailure('timeout', `TLS handshake not done within ${seconds(timeoutMs)}`)),
				timeoutMs,
			);
			this.#signal.addEventListener('abort', onAbort, { once: true });
			secure.once('error', onError);
			secure.once('secureConnect', () => finish());
		});
	}

	/** Closes the connection at once; safe to call more than once. */
	destroy(): void {
		this.#signal.removeEventListener('abort', this.#onAbort);
		this.#unbind();
		this.#socket.destroy();
		if (this.#waiter) this.#breakWith(new SessionFailure('closed', 'the connection was closed'));
	}

	#bind(socket: net.Socket): void {
		const onData = (chunk: Buffer): void => this.#receive(chunk);
		const onEnd = (): void => this.#breakWith(new SessionFailure('closed', 'the server closed the connection'));
		const onError = (error: Error): void => this.#breakWith(new SessionFailure('closed', `the connection failed: ${error.message}`));
		socket.on('data', onData);
		socket.on('end', onEnd);
		socket.on('close', onEnd);
		socket.on('error', onError);
		this.#unbind = () => {
			socket.removeListener('data', onData);
			socket.removeListener('end', onEnd);
			socket.removeListener('close', onEnd);
			socket.removeListener('error', onError);
			// A late error after unbinding must not crash the process.
			socket.on('error', () => undefined);
		};
	}

	#receive(chunk: Buffer): void {
		this.#reader.push(chunk);
		const waiter = this.#waiter;
		const reply = waiter ? this.#reader.take() : undefined;
		if (waiter && reply) {
			this.#waiter = undefined;
			clearTimeout(waiter.timer);
			waiter.resolve(this.#logged(reply));
		}
		// Replies that nobody waits for yet stay queued in the reader, in order, for the next read.
		const error = this.#reader.error;
		if (error) {
			this.#breakWith(new SessionFailure(error.kind, error.message));
			this.#socket.destroy();
		}
	}

	#logged(reply: SmtpReply): SmtpReply {
		reply.lines.forEach((text, i) => this.#transcript('S', `${reply.code}${i < reply.lines.length - 1 ? '-' : ' '}${text}`.trimEnd()));
		return reply;
	}

	#breakWith(failure: SessionFailure): void {
		if (!this.#broken) this.#broken = failure;
		const waiter = this.#waiter;
		if (waiter) {
			this.#waiter = undefined;
			clearTimeout(waiter.timer);
			waiter.reject(failure);
		}
		if (failure.kind === 'cancelled') this.#socket.destroy();
	}
}
