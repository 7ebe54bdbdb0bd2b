/**
 * One SMTP conversation with one address of one mail exchanger, as a sender would hold it up to
 * the point of handing over mail, and no further unless asked:
 *
 *   connect → greeting → EHLO (HELO on 5xx) → [STARTTLS → EHLO] → MAIL FROM → RCPT TO
 *           → [DATA → message] → RSET → QUIT
 *
 * Each step is a stage; the result records the reply of every stage reached and, when the
 * conversation broke, the stage and the reason. No authentication is ever attempted, and forward
 * hints in 251/551 replies are ignored: we never connect anywhere the caller did not name.
 */
import type { TlsaFields } from '../../core/src/index';
import { type DaneMatch, matchTlsa } from './dane';
import { encodeData } from './message';
import { type ReaderLimits, replyText, type SmtpReply } from './replyReader';
import { describeTls, peerChain, type TlsReport } from './tlsInfo';
import { addressLiteral, wireHostName } from './validate';
import { connectTcp, type FailureKind, SessionFailure, SmtpWire, type TranscriptSink } from './wire';

export type Stage = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'mail' | 'rcpt' | 'data' | 'rset' | 'probe' | 'quit' | 'done';

/** The recipients of the hygiene probes: RCPT only, never DATA, RSET after each. */
export interface ProbeRecipients {
	/** A random local part at the domain: a backup should refuse what the primary would refuse. */
	readonly unknownRecipient: string;
	/** An address at a domain that cannot exist (`.invalid`): anyone who accepts it relays for strangers. */
	readonly otherDomain: string;
}

/** A reply as reports show it: `{ code: 550, text: '5.7.1 Relaying denied' }`. */
export interface ReplyRecord {
	readonly code: number;
	/** All lines joined by ` / `, control characters kept (reports make them visible). */
	readonly text: string;
}

export interface SessionParams {
	/** The MX host name, e.g. `mx1.example.com.`: sent as TLS server name and checked against the certificate. */
	readonly exchange: string;
	/** A literal IP address: sessions never resolve names. */
	readonly address: string;
	readonly port: number;
	/** Our EHLO name, already validated; `undefined` sends the address literal of our end, e.g. `[192.0.2.7]`. */
	readonly heloName: string | undefined;
	/** Validated mailboxes for MAIL FROM and RCPT TO. */
	readonly sender: string;
	readonly recipient: string;
	readonly starttls: boolean;
	/** The zone's TLSA records for this exchanger, compared with its certificate after STARTTLS. */
	readonly tlsa?: readonly TlsaFields[];
	/** Lines of a message to send with DATA once RCPT is accepted; absent: never send DATA. */
	readonly message?: readonly string[];
	/** Absent: no probes. */
	readonly probes?: ProbeRecipients;
	readonly connectTimeoutMs: number;
	readonly replyTimeoutMs: number;
	readonly limits: ReaderLimits;
	readonly signal: AbortSignal;
	readonly transcript: TranscriptSink;
}

export interface SessionResult {
	/** True once the TCP connection was established. */
	readonly connected: boolean;
	/** The last stage entered; `done` after QUIT. */
	readonly stage: Stage;
	readonly greeting?: ReplyRecord;
	/** The EHLO reply, or the HELO reply when EHLO was refused with 5xx. */
	readonly hello?: { readonly command: 'EHLO' | 'HELO'; readonly reply: ReplyRecord };
	/** ESMTP keywords with their parameters, e.g. `SIZE 10240000`, from the last EHLO. */
	readonly extensions: readonly string[];
	readonly tls?: TlsReport;
	/** The zone's TLSA records compared with the chain presented after STARTTLS; absent without both. */
	readonly dane?: readonly DaneMatch[];
	readonly mailFrom?: ReplyRecord;
	readonly rcptTo?: ReplyRecord;
	/** The reply to DATA (when not 354) or to the end of the message. */
	readonly data?: ReplyRecord;
	/** The RCPT replies of the probes that were reached. */
	readonly probes?: { readonly unknownRecipient?: ReplyRecord; readonly otherDomain?: ReplyRecord };
	/** Why the conversation ended early; absent when it ran to QUIT (whatever the replies said). */
	readonly failure?: { readonly stage: Stage; readonly kind: FailureKind; readonly message: string };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const record = (reply: SmtpReply): ReplyRecord => ({ code: reply.code, text: replyText(reply).slice(4) });

/** Runs the conversation; never throws. */
export async function runSession(params: SessionParams): Promise<SessionResult> {
	const result: Mutable<SessionResult> = { connected: false, stage: 'connect', extensions: [] };
	let wire: SmtpWire | undefined;
	try {
		const socket = await connectTcp(params.address, params.port, params.connectTimeoutMs, params.signal);
		result.connected = true;
		params.transcript('*', `connected to ${params.address} port ${params.port}`);
		wire = new SmtpWire(socket, params.limits, params.transcript, params.signal);
		await converse(wire, params, result);
	} catch (error) {
		const failure =
			error instanceof SessionFailure ? error : new SessionFailure('error', error instanceof Error ? error.message : String(error));
		// Trouble while saying goodbye does not undo what the server already answered.
		if (result.stage !== 'rset' && result.stage !== 'quit')
			result.failure = { stage: result.stage, kind: failure.kind, message: failure.message };
		params.transcript('*', `${result.stage === 'connect' ? 'connection failed' : `stopped at ${result.stage}`}: ${failure.message}`);
	} finally {
		wire?.destroy();
	}
	return result;
}

async function converse(wire: SmtpWire, params: SessionParams, result: Mutable<SessionResult>): Promise<void> {
	const wait = params.replyTimeoutMs;
	result.stage = 'greeting';
	const greeting = await wire.read(wait);
	result.greeting = record(greeting);
	// 554: "no SMTP service here"; the client should still say QUIT (RFC 5321 §3.1).
	if (greeting.code !== 220) return closing(wire, greeting, wait, result);

	result.stage = 'ehlo';
	const heloName = params.heloName ?? addressLiteral(wire.localAddress ?? '127.0.0.1');
	if (!(await hello(wire, heloName, wait, result))) return;

	if (params.starttls) {
		if (!hasExtension(result.extensions, 'STARTTLS')) {
			result.tls = { status: 'not offered', problems: [] };
		} else {
			result.stage = 'starttls';
			const reply = await wire.command('STARTTLS', wait);
			if (reply.code !== 220) {
				result.tls = { status: 'refused', problems: [], detail: replyText(reply) };
				if (reply.code === 421) return;
			} else {
				try {
					const secure = await wire.startTls(wireHostName(params.exchange), wait);
					result.tls = describeTls(secure, wireHostName(params.exchange));
					if (params.tlsa && params.tlsa.length > 0) result.dane = matchTlsa(params.tlsa, peerChain(secure));
					params.transcript('*', `TLS established: ${result.tls.protocol ?? '?'}, certificate ${result.tls.status}`);
				} catch (error) {
					if (!(error instanceof SessionFailure && error.kind === 'cancelled'))
						result.tls = { status: 'failed', problems: [], detail: error instanceof Error ? error.message : String(error) };
					throw error;
				}
				// The server forgets everything about the session after TLS starts (RFC 3207 §4.2).
				result.stage = 'ehlo';
				if (!(await hello(wire, heloName, wait, result))) return;
			}
		}
	}

	result.stage = 'mail';
	const mail = await wire.command(`MAIL FROM:<${params.sender}>`, wait);
	result.mailFrom = record(mail);
	if (mail.code === 421) return;
	if (mail.code === 250) {
		result.stage = 'rcpt';
		const rcpt = await wire.command(`RCPT TO:<${params.recipient}>`, wait);
		result.rcptTo = record(rcpt);
		if (rcpt.code === 421) return;
		// 251 "will forward to <path>" still accepts; 551 "try <path>" is a refusal. Either way we
		// never follow the path it names.
		if ((rcpt.code === 250 || rcpt.code === 251) && params.message) {
			result.stage = 'data';
			const data = await wire.command('DATA', wait);
			if (data.code === 354) {
				const payload = encodeData(params.message);
				wire.sendPayload(payload, `<message: ${params.message.length} lines, ${Buffer.byteLength(payload)} octets>`);
				result.data = record(await wire.read(wait));
			} else {
				result.data = record(data);
			}
			if (result.data.code === 421) return;
		}
	}
	result.stage = 'rset';
	const rset = await wire.command('RSET', wait);
	if (rset.code === 421) return;
	if (params.probes && mail.code === 250 && !(await probe(wire, params, params.probes, result))) return;
	result.stage = 'quit';
	await wire.command('QUIT', wait);
	result.stage = 'done';
}

/** Each probe as its own transaction: MAIL FROM, RCPT TO, RSET. False when the server closed (421). */
async function probe(wire: SmtpWire, params: SessionParams, probes: ProbeRecipients, result: Mutable<SessionResult>): Promise<boolean> {
	const wait = params.replyTimeoutMs;
	const replies: { unknownRecipient?: ReplyRecord; otherDomain?: ReplyRecord } = {};
	result.probes = replies;
	result.stage = 'probe';
	for (const kind of ['unknownRecipient', 'otherDomain'] as const) {
		const mail = await wire.command(`MAIL FROM:<${params.sender}>`, wait);
		if (mail.code === 421) return false;
		if (mail.code === 250) {
			const rcpt = await wire.command(`RCPT TO:<${probes[kind]}>`, wait);
			if (rcpt.code === 421) return false;
			replies[kind] = record(rcpt);
		}
		const rset = await wire.command('RSET', wait);
		if (rset.code === 421) return false;
	}
	return true;
}

/** EHLO, or HELO when EHLO gets a 5xx (an SMTP server without extensions, RFC 5321 §3.2). */
async function hello(wire: SmtpWire, name: string, wait: number, result: Mutable<SessionResult>): Promise<boolean> {
	let command: 'EHLO' | 'HELO' = 'EHLO';
	let reply = await wire.command(`EHLO ${name}`, wait);
	if (reply.code >= 500) {
		command = 'HELO';
		reply = await wire.command(`HELO ${name}`, wait);
	}
	result.hello = { command, reply: record(reply) };
	result.extensions =
		command === 'EHLO' && reply.code === 250
			? reply.lines
					.slice(1)
					.map((line) => line.trim())
					.filter((line) => line.length > 0)
			: [];
	if (reply.code === 250) return true;
	await closing(wire, reply, wait, result);
	return false;
}

/** After a refusal: QUIT politely, except after 421, when the server is already closing. */
async function closing(wire: SmtpWire, reply: SmtpReply, wait: number, result: Mutable<SessionResult>): Promise<void> {
	if (reply.code === 421) return;
	result.stage = 'quit';
	await wire.command('QUIT', wait);
	result.stage = 'done';
}

/** True when an EHLO keyword is present, e.g. `STARTTLS` in `['PIPELINING', 'STARTTLS']`. */
export function hasExtension(extensions: readonly string[], keyword: string): boolean {
	return extensions.some((line) => line.split(/\s+/)[0].toUpperCase() === keyword);
}
