/**
 * Runs the SMTP test of one or more mail domains: walks each MX set in delivery order, finds each
 * exchanger's addresses (host override, then the zone's A/AAAA, then the system resolver), holds
 * one conversation per exchanger, and judges the results. Exchangers are tested one at a time, in
 * the order a sender would try them, so the transcript reads like a delivery attempt.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { type DaneMatch, matchTlsa } from './dane';
import { lookupWithin, systemLookup } from './lookup';
import { buildTestMessage } from './message';
import { checkMtaSts, mtaStsHost, NO_MTA_STS_LISTING } from './mtaSts';
import type { SmtpTestOptions } from './options';
import type { MailDomainPlan, PlannedExchanger } from './plan';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './replyReader';
import {
	type ConnectionAttempt,
	type DomainResult,
	type ExchangerResult,
	judge,
	judgeDomain,
	type MailTestResult,
	NOT_PROBED,
	probeResults,
	PORT_25_HINT,
	type TranscriptLine,
} from './results';
import { type ProbeRecipients, runSession, type SessionParams, type SessionResult } from './smtpSession';
import { expandAddress, forbiddenTargetReason, heloNameError, hostNameError, mailboxError, visible, wireHostName } from './validate';
import { abortFailure, DEADLINE_REASON, type Direction } from './wire';

/** A sender tries a few addresses of one host; so do we, to bound the time one host can take. */
export const MAX_ADDRESSES_PER_HOST = 4;

export interface MailTestHooks {
	/** Cancels the test: the current conversation is closed at once, the rest is skipped. */
	readonly signal?: AbortSignal;
	/** Every transcript line as it happens (VS Code's output channel, the CLI's `--transcript`). */
	readonly onTranscript?: (line: TranscriptLine) => void;
	/** A short status for progress UIs, e.g. `mx2.example.net. (2 of 3)`. */
	readonly onProgress?: (message: string) => void;
	/** Host name → addresses; the default asks the system resolver. Tests replace it: they never use DNS. */
	readonly lookup?: (host: string) => Promise<string[]>;
	readonly limits?: ReaderLimits;
}

/** Tests every plan; never throws for network trouble, which is part of the result. */
export async function runMailTests(
	plans: readonly MailDomainPlan[],
	options: SmtpTestOptions,
	hooks: MailTestHooks = {},
): Promise<MailTestResult> {
	const started = Date.now();
	const heloName = options.heloName ?? defaultHeloName();
	const domains: DomainResult[] = [];
	const total = plans.reduce((sum, plan) => sum + plan.exchangers.length, 0);
	let index = 0;
	const stopped = await withDeadline(options.totalTimeoutMs, hooks.signal, async (signal) => {
		for (const plan of plans) {
			const addresses = envelope(plan, options, heloName);
			if (typeof addresses === 'string') {
				domains.push({
					domain: plan.domain,
					kind: plan.kind,
					sender: visible(expandAddress(options.sender, plan.domain)),
					recipient: visible(expandAddress(options.recipient, plan.domain)),
					exchangers: [],
					outcome: 'invalid',
					ok: false,
					summary: `Not tested: ${addresses}.`,
					problems: [`${addresses}.`],
					mtaSts: null,
				});
				index += plan.exchangers.length;
				continue;
			}
			const probeRecipients = probeRecipientsFor(plan.domain);
			// Senders fetch the policy before they deliver, so the test does too.
			const { mtaSts: record } = plan;
			const mtaSts = record
				? await checkMtaSts({ ...plan, mtaSts: record }, options, {
						lookup: hooks.lookup ?? systemLookup,
						signal,
						log: policyLog(plan.domain, hooks),
					})
				: undefined;
			const exchangers: ExchangerResult[] = [];
			for (const planned of plan.exchangers) {
				hooks.onProgress?.(`${planned.exchange} (${++index} of ${total})`);
				const tested = await testExchanger(plan, planned, exchangers.length === 0, {
					options,
					hooks,
					heloName,
					...addresses,
					signal,
					probeRecipients,
				});
				exchangers.push({ ...tested, mtaSts: mtaSts?.listings.get(planned.exchangeKey) ?? NO_MTA_STS_LISTING });
			}
			const report = mtaSts?.report ?? null;
			domains.push({
				domain: plan.domain,
				kind: plan.kind,
				...addresses,
				exchangers,
				...judgeDomain(plan, exchangers, report),
				mtaSts: report,
			});
		}
	});
	return {
		startedAt: new Date(started).toISOString(),
		durationMs: Date.now() - started,
		port: options.port,
		starttls: options.starttls,
		send: options.send,
		domains,
		ok: stopped === undefined && domains.every((domain) => domain.ok),
		...(stopped ? { stopped } : {}),
	};
}

/**
 * Hands one test message carrying a drill token to one exchanger, as a backup (the primary is
 * never contacted). A string: the sender, recipient or EHLO name is invalid, nothing was sent.
 */
export async function sendDrillMessage(
	plan: MailDomainPlan,
	planned: PlannedExchanger,
	options: SmtpTestOptions,
	hooks: MailTestHooks,
	drill: DrillMessage,
): Promise<{ exchanger: ExchangerResult; sender: string; recipient: string; stopped?: 'cancelled' | 'timeLimit' } | string> {
	const heloName = options.heloName ?? defaultHeloName();
	const addresses = envelope(plan, options, heloName);
	if (typeof addresses === 'string') return addresses;
	let exchanger: ExchangerResult | undefined;
	const stopped = await withDeadline(options.totalTimeoutMs, hooks.signal, async (signal) => {
		exchanger = await testExchanger(plan, planned, false, {
			options: { ...options, send: true },
			hooks,
			heloName,
			...addresses,
			signal,
			drill,
		});
	});
	if (!exchanger) throw new Error('unreachable: testExchanger always returns');
	return { exchanger, ...addresses, ...(stopped ? { stopped } : {}) };
}

/** Transcript lines of the policy fetch, under the policy host's name. */
function policyLog(domain: string, hooks: MailTestHooks): (text: string) => void {
	const exchange = mtaStsHost(domain);
	return (text) => hooks.onTranscript?.({ time: new Date().toISOString(), exchange, direction: '*', text: visible(text) });
}

/** A random local part at the domain, and an address at a domain that cannot exist (RFC 2606 `.invalid`). */
function probeRecipientsFor(domain: string): ProbeRecipients {
	return {
		unknownRecipient: `zs-no-such-user-${randomBytes(6).toString('hex')}@${wireHostName(domain)}`,
		otherDomain: 'postmaster@example.invalid',
	};
}

/** The expanded sender and recipient, checked with the EHLO name before anything reaches the wire; a string is why not. */
function envelope(
	plan: MailDomainPlan,
	options: SmtpTestOptions,
	heloName: string | undefined,
): { sender: string; recipient: string } | string {
	const sender = expandAddress(options.sender, plan.domain);
	const recipient = expandAddress(options.recipient, plan.domain);
	const invalid = mailboxError(sender) ?? mailboxError(recipient) ?? (heloName === undefined ? undefined : heloNameError(heloName));
	return invalid ?? { sender, recipient };
}

/**
 * Runs `work` with a signal that aborts at the time limit or when `cancel` aborts; resolves with
 * why it was stopped, if it was.
 */
async function withDeadline(
	limitMs: number,
	cancel: AbortSignal | undefined,
	work: (signal: AbortSignal) => Promise<void>,
): Promise<'cancelled' | 'timeLimit' | undefined> {
	const controller = new AbortController();
	const deadline = setTimeout(() => controller.abort(DEADLINE_REASON), limitMs);
	const onCancel = (): void => controller.abort('cancelled');
	if (cancel?.aborted) onCancel();
	cancel?.addEventListener('abort', onCancel, { once: true });
	try {
		await work(controller.signal);
	} finally {
		clearTimeout(deadline);
		cancel?.removeEventListener('abort', onCancel);
	}
	return !controller.signal.aborted ? undefined : controller.signal.reason === DEADLINE_REASON ? 'timeLimit' : 'cancelled';
}

interface Context {
	readonly options: SmtpTestOptions;
	readonly hooks: MailTestHooks;
	readonly heloName: string | undefined;
	readonly sender: string;
	readonly recipient: string;
	readonly signal: AbortSignal;
	/** The same for every exchanger of a domain, so their answers compare. */
	readonly probeRecipients?: ProbeRecipients;
	/** Set for a failover drill: the message carries this token, date and Message-ID. */
	readonly drill?: DrillMessage;
}

/** What makes a drill's message recognisable and rebuildable for the intact check. */
export interface DrillMessage {
	readonly token: string;
	readonly date: Date;
	readonly messageId: string;
}

async function testExchanger(
	plan: MailDomainPlan,
	planned: PlannedExchanger,
	primary: boolean,
	context: Context,
): Promise<ExchangerResult> {
	const { options, hooks, signal } = context;
	const transcript: TranscriptLine[] = [];
	let address: string | undefined;
	const log = (direction: Direction, text: string): void => {
		const line: TranscriptLine = {
			time: new Date().toISOString(),
			exchange: planned.exchange,
			...(address ? { address } : {}),
			direction,
			text: visible(text),
		};
		transcript.push(line);
		hooks.onTranscript?.(line);
	};
	const base = {
		exchange: planned.exchange,
		preference: planned.preference,
		rank: planned.rank,
		role: primary ? 'primary' : 'backup',
	} as const;
	const finish = (
		source: ExchangerResult['addressSource'],
		attempts: ConnectionAttempt[],
		session: SessionResult | undefined,
		unreachable: string,
	): ExchangerResult => {
		const verdict = judge(plan.domain, session, unreachable);
		log('*', `verdict: ${verdict.verdict}, ${verdict.reason}`);
		return {
			...base,
			addressSource: source,
			attempts,
			...(session ? { session } : {}),
			...verdict,
			probes: probeResults(session),
			dane: session?.dane ?? daneWithoutTls(planned, session),
			mtaSts: NO_MTA_STS_LISTING,
			transcript,
		};
	};

	const notTested = (source: ExchangerResult['addressSource']): ExchangerResult => ({
		...base,
		addressSource: source,
		attempts: [],
		verdict: 'cancelled',
		relayDenied: false,
		messageSent: false,
		probes: NOT_PROBED,
		dane: null,
		mtaSts: NO_MTA_STS_LISTING,
		reason: `not tested: ${abortFailure(signal).message}`,
		transcript,
	});
	if (signal.aborted) return notTested('none');
	const nameError = hostNameError(planned.exchange);
	if (nameError) return finish('none', [], undefined, `${nameError}, so it cannot be contacted`);

	const override = options.hostOverrides.get(planned.exchangeKey);
	let source: ExchangerResult['addressSource'];
	let targets: { address: string; port: number }[];
	if (override) {
		source = 'override';
		targets = [{ address: override.address, port: override.port ?? options.port }];
		log('*', `using the override ${override.address} port ${override.port ?? options.port}`);
	} else if (planned.zoneAddresses.length > 0) {
		source = 'zone';
		targets = planned.zoneAddresses.map((a) => ({ address: a, port: options.port }));
	} else {
		source = 'dns';
		log('*', `looking up the addresses of ${planned.exchange}`);
		const found = await lookupWithin(hooks.lookup ?? systemLookup, wireHostName(planned.exchange), options.connectTimeoutMs, signal);
		if (typeof found === 'string') return signal.aborted ? notTested(source) : finish(source, [], undefined, found);
		targets = found.map((a) => ({ address: a, port: options.port }));
	}
	if (source !== 'override') {
		// Only an override may send the test to this machine or its link: the zone (or DNS) is input.
		const refused: string[] = [];
		targets = targets.filter(({ address: candidate }) => {
			const why = forbiddenTargetReason(candidate);
			if (why === undefined) return true;
			refused.push(`${candidate} (from the ${source === 'zone' ? 'zone' : 'DNS'}) is ${why}`);
			log('*', `not connecting to ${candidate}: it is ${why}, not an address of a mail exchanger`);
			return false;
		});
		if (targets.length === 0)
			return finish(
				source,
				[],
				undefined,
				`${refused.join('; ')}, so it was not contacted (to test a server on this machine, give a host override: --host ${planned.exchange}=ADDRESS:PORT or zoneSentinel.smtp.hostOverrides)`,
			);
	}

	const attempts: ConnectionAttempt[] = [];
	let session: SessionResult | undefined;
	for (const target of targets.slice(0, MAX_ADDRESSES_PER_HOST)) {
		address = `${target.address}:${target.port}`;
		const params: SessionParams = {
			exchange: planned.exchange,
			address: target.address,
			port: target.port,
			heloName: context.heloName,
			sender: context.sender,
			recipient: context.recipient,
			starttls: options.starttls,
			tlsa: planned.tlsa,
			probes: options.probes ? context.probeRecipients : undefined,
			message: options.send
				? buildTestMessage({
						sender: context.sender,
						recipient: context.recipient,
						domain: plan.domain,
						exchange: planned.exchange,
						preference: planned.preference,
						address: target.address,
						port: target.port,
						drillToken: context.drill?.token,
						date: context.drill?.date,
						messageId: context.drill?.messageId,
					})
				: undefined,
			connectTimeoutMs: options.connectTimeoutMs,
			replyTimeoutMs: options.replyTimeoutMs,
			limits: hooks.limits ?? DEFAULT_READER_LIMITS,
			signal,
			transcript: log,
		};
		session = await runSession(params);
		if (session.tls?.status === 'failed' && !signal.aborted) {
			// Senders that use STARTTLS opportunistically deliver in plain text when the handshake
			// fails, so the question "does it accept mail" is asked again without TLS.
			log('*', 'trying again without STARTTLS, as senders do after a failed handshake');
			session = { ...(await runSession({ ...params, starttls: false })), tls: session.tls };
		}
		const failure = session.connected ? undefined : session.failure;
		attempts.push({ ...target, outcome: failure ? failure.kind : 'connected', ...(failure ? { message: failure.message } : {}) });
		// A sender moves on to the next address only when this one did not answer at all.
		if (session.connected || signal.aborted) break;
	}
	return finish(source, attempts, session, unreachableReason(attempts));
}

/**
 * With TLSA records, DANE senders insist on TLS (RFC 7672 §2.2): when STARTTLS was asked for and
 * the exchanger did not offer it, refused it or failed the handshake, no record is met.
 */
function daneWithoutTls(planned: PlannedExchanger, session: SessionResult | undefined): DaneMatch[] | null {
	const status = session?.tls?.status;
	if (planned.tlsa.length === 0 || (status !== 'not offered' && status !== 'refused' && status !== 'failed')) return null;
	return matchTlsa(planned.tlsa, []);
}

/** `connection refused at 127.0.0.1:2525` or `no connection within 10 s at …, many networks block…` */
function unreachableReason(attempts: readonly ConnectionAttempt[]): string {
	const parts = attempts.map((a) => `${a.message ?? a.outcome} at ${a.address} port ${a.port}`);
	const hint = attempts.some((a) => a.outcome === 'timeout' || a.outcome === 'unreachable') ? ` (${PORT_25_HINT})` : '';
	return (parts.length > 0 ? parts.join('; ') : 'no address to connect to') + hint;
}

/** This machine's name when it is a full host name (`mail.example.net`), else `undefined`: our address literal is used. */
export function defaultHeloName(): string | undefined {
	const name = os.hostname();
	return name.includes('.') && hostNameError(name) === undefined ? name : undefined;
}
