/**
 * Turns the bytes a server sends into SMTP replies, with hard bounds: a line may not grow past
 * `maxLineLength` octets and one reply (all its lines) past `maxReplyBytes`. A server that sends a
 * megabyte without a newline costs us at most `maxLineLength` octets of memory before we stop.
 *
 * Reply syntax (RFC 5321 §4.2): `250-first line`, `250-more`, `250 last line`; a line may also be
 * the bare code. Lines end in CRLF; a bare LF is accepted too, as most clients do.
 */

/** One complete reply, e.g. `{ code: 250, lines: ['mx1 Hello', 'PIPELINING', 'SIZE 10240000'] }`. */
export interface SmtpReply {
	readonly code: number;
	/** The text after the code and separator, one entry per line; control characters are kept. */
	readonly lines: readonly string[];
}

export interface ReaderLimits {
	/** Longest line accepted, without its CRLF; RFC 5321 allows 512 for replies, we allow more. */
	readonly maxLineLength: number;
	/** Largest reply accepted, all lines together. */
	readonly maxReplyBytes: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = Object.freeze({ maxLineLength: 1000, maxReplyBytes: 64 * 1024 });

/** Why reading stopped: the server broke the protocol or a bound. */
export interface ReaderError {
	readonly kind: 'lineTooLong' | 'replyTooLarge' | 'badReply';
	readonly message: string;
}

const LF = 0x0a;

export class ReplyReader {
	readonly #limits: ReaderLimits;
	/** Bytes of the line being received (no LF seen yet). */
	#partial: Buffer[] = [];
	#partialLength = 0;
	/** Lines of the reply being received (a `250-` seen, the final `250 ` not yet). */
	#lines: string[] = [];
	#code = 0;
	#replyBytes = 0;
	readonly #replies: SmtpReply[] = [];
	#error: ReaderError | undefined;

	constructor(limits: ReaderLimits = DEFAULT_READER_LIMITS) {
		this.#limits = limits;
	}

	/** The first violation seen; once set, further input is ignored. */
	get error(): ReaderError | undefined {
		return this.#error;
	}

	/** True while bytes or lines of an unfinished reply are held. */
	get hasPartialInput(): boolean {
		return this.#partialLength > 0 || this.#lines.length > 0;
	}

	/** Feeds received bytes; complete replies become available from {@link take}. */
	push(chunk: Buffer): void {
		let start = 0;
		while (this.#error === undefined && start < chunk.length) {
			const newline = chunk.indexOf(LF, start);
			const end = newline === -1 ? chunk.length : newline;
			// Check the bound before keeping anything, so memory never exceeds it.
			if (this.#partialLength + (end - start) > this.#limits.maxLineLength + 1) {
				this.#fail('lineTooLong', `the server sent a line longer than ${this.#limits.maxLineLength} octets`);
				return;
			}
			if (end > start) {
				this.#partial.push(chunk.subarray(start, end));
				this.#partialLength += end - start;
			}
			if (newline === -1) return;
			const bytes = Buffer.concat(this.#partial, this.#partialLength);
			this.#partial = [];
			this.#partialLength = 0;
			start = newline + 1;
			// The +1 above leaves room for the CR of CRLF, which is not part of the line.
			const length = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
			if (length > this.#limits.maxLineLength) {
				this.#fail('lineTooLong', `the server sent a line longer than ${this.#limits.maxLineLength} octets`);
				return;
			}
			this.#line(bytes.toString('latin1', 0, length));
		}
	}

	/** The oldest complete reply not yet taken. */
	take(): SmtpReply | undefined {
		return this.#replies.shift();
	}

	/**
	 * Forgets everything buffered. Used after `220` to STARTTLS: anything the server sent after that
	 * reply arrived in plain text and must not be read as if it came over TLS (RFC 3207 §4.2).
	 */
	discard(): boolean {
		const had = this.hasPartialInput || this.#replies.length > 0;
		this.#partial = [];
		this.#partialLength = 0;
		this.#lines = [];
		this.#replyBytes = 0;
		this.#replies.length = 0;
		return had;
	}

	#line(line: string): void {
		const match = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/s.exec(line);
		if (!match) {
			this.#fail('badReply', `the server sent a line that is not an SMTP reply: '${truncate(line)}'`);
			return;
		}
		this.#replyBytes += line.length + 2;
		if (this.#replyBytes > this.#limits.maxReplyBytes) {
			this.#fail('replyTooLarge', `the server sent a reply larger than ${this.#limits.maxReplyBytes} octets`);
			return;
		}
		const code = Number(match[1]);
		// Every line of a reply carries the same code (RFC 5321 §4.2.1); we keep the first one.
		if (this.#lines.length === 0) this.#code = code;
		this.#lines.push(match[3] ?? '');
		if (match[2] === '-') return;
		this.#replies.push({ code: this.#code, lines: this.#lines });
		this.#lines = [];
		this.#replyBytes = 0;
	}

	#fail(kind: ReaderError['kind'], message: string): void {
		this.#error = { kind, message };
		this.#partial = [];
		this.#partialLength = 0;
	}
}

function truncate(line: string): string {
	const shown = line.replace(/[^\x20-\x7e]/g, '?');
	return shown.length > 60 ? shown.slice(0, 60) + '…' : shown;
}

/** A reply as one display string, e.g. `550 5.7.1 Relaying denied`; continuation lines joined by ` / `. */
export function replyText(reply: SmtpReply): string {
	return `${reply.code} ${reply.lines.join(' / ')}`.trimEnd();
}
