/**
 * The result types of an SMTP test and the judgements made from them: a verdict per mail
 * exchanger ("accepts mail for example.com"), and per domain an outcome with the one sentence that
 * matters, what happens to mail if the primary goes down right now.
 */
import type { DaneMatch } from './dane';
import type { MtaStsListing, MtaStsReport } from './mtaSts';
import type { MailDomainPlan } from './plan';
import type { ReplyRecord, SessionResult } from './smtpSession';
import { visible, wireHostName } from './validate';
import type { Direction, FailureKind } from './wire';

/**
 * `accepts`: RCPT TO got 2xx (and the message, when one was sent). `rejects`: a 5xx refused the
 * mail. `defers`: a 4xx, the sender would retry later (busy, greylisting). `unreachable`: no
 * address, or no TCP connection. `failed`: the conversation broke (time-out, dropped, garbage).
 * `cancelled`: stopped by the user or the whole-test time limit before or during this exchanger.
 */
export type Verdict = 'accepts' | 'rejects' | 'defers' | 'unreachable' | 'failed' | 'cancelled';

export interface TranscriptLine {
	/** ISO 8601 with milliseconds. */
	readonly time: string;
	readonly exchange: string;
	readonly address?: string;
	readonly direction: Direction;
	readonly text: string;
}

export interface ConnectionAttempt {
	readonly address: string;
	readonly port: number;
	/** `connected`, or why not. */
	readonly outcome: 'connected' | FailureKind;
	readonly message?: string;
}

export interface ExchangerResult {
	readonly exchange: string;
	readonly preference: number;
	readonly rank: number;
	/** The first host in delivery order is the primary; every other host is a backup. */
	readonly role: 'primary' | 'backup';
	/** Where the addresses came from: a host override, the zone's A/AAAA records, or DNS. */
	readonly addressSource: 'override' | 'zone' | 'dns' | 'none';
	readonly attempts: readonly ConnectionAttempt[];
	/** The conversation with the address that answered (or the last one tried). */
	readonly session?: SessionResult;
	readonly verdict: Verdict;
	/** A 5xx to RCPT that mentions relaying: the host does not consider itself a backup for the domain. */
	readonly relayDenied: boolean;
	readonly messageSent: boolean;
	/** The hygiene probes' findings; each `null` when not probed (or not reached). */
	readonly probes: ProbeResults;
	/** The zone's TLSA records compared with the certificate after STARTTLS; `null` without TLSA or TLS. */
	readonly dane: readonly DaneMatch[] | null;
	/** Whether the domain's fetched MTA-STS policy lists this host; `listed: null` without a policy. */
	readonly mtaSts: MtaStsListing;
	/** One clause for reports, e.g. `rejects mail for example.com (550 5.7.1 Relaying denied)`. */
	readonly reason: string;
	readonly transcript: readonly TranscriptLine[];
}

export interface ProbeResults {
	/** RCPT TO a random local part at the domain got 2xx. */
	readonly acceptsUnknownRecipient: boolean | null;
	/** RCPT TO an address at a `.invalid` domain got 2xx. */
	readonly openRelay: boolean | null;
}

export const NOT_PROBED: ProbeResults = Object.freeze({ acceptsUnknownRecipient: null, openRelay: null });

/** The probes' findings from the session's RCPT replies: 2xx accepts, anything else refuses. */
export function probeResults(session: SessionResult | undefined): ProbeResults {
	const accepted = (reply: ReplyRecord | undefined): boolean | null => (reply ? reply.code >= 200 && reply.code < 300 : null);
	return { acceptsUnknownRecipient: accepted(session?.probes?.unknownRecipient), openRelay: accepted(session?.probes?.otherDomain) };
}

/**
 * One sentence per dangerous probe finding: an open relay, and a backup that takes any local part
 * while the primary refuses it (spam to made-up addresses then comes back as bounces to forged
 * senders: backscatter).
 */
export function probeProblems(exchangers: readonly ExchangerResult[]): string[] {
	const problems: string[] = [];
	const primaryRefuses = exchangers[0]?.probes.acceptsUnknownRecipient !== true;
	for (const x of exchangers) {
		const name = bare(x.exchange);
		if (x.probes.openRelay)
			problems.push(
				`${name} is an open relay: it accepted a recipient at a domain it has nothing to do with (${shown(x.session?.probes?.otherDomain)}); allow relaying only for your own domains.`,
			);
		if (x.role === 'backup' && x.probes.acceptsUnknownRecipient && primaryRefuses)
			problems.push(
				`${name} accepts any recipient (${shown(x.session?.probes?.unknownRecipient)}) while the primary does not: spam to made-up addresses turns into bounces to forged senders (backscatter); give the backup the list of valid recipients (Postfix: relay_recipient_maps; Exim: verify = recipient).`,
			);
	}
	return problems;
}

/**
 * One sentence per exchanger whose certificate matches none of its DANE TLSA records: senders that
 * validate DANE refuse to deliver to it (RFC 7672 §2.2), so a backup there is no backup for them.
 */
export function daneProblems(exchangers: readonly ExchangerResult[]): string[] {
	const problems: string[] = [];
	for (const x of exchangers) {
		const judged = (x.dane ?? []).filter((d) => d.match !== null);
		if (judged.length === 0 || judged.some((d) => d.match)) continue;
		const tls = x.session?.tls?.status;
		if (tls === 'not offered' || tls === 'refused' || tls === 'failed') {
			problems.push(
				`${bare(x.exchange)} has TLSA records but STARTTLS ${tls === 'not offered' ? 'was not offered' : tls}: senders that validate DANE will not deliver to it without TLS; enable STARTTLS with the certificate the records name.`,
			);
			continue;
		}
		problems.push(
			`${bare(x.exchange)} presents a certificate that matches none of its TLSA records (${judged.length === 1 ? 'one record' : `${judged.length} records`}): senders that validate DANE will not deliver to it; publish TLSA for the certificate it uses (or install the certificate they name).`,
		);
	}
	return problems;
}

export type DomainOutcome = 'backupWorks' | 'backupBroken' | 'backupUnreachable' | 'noBackup' | 'nullMx' | 'invalid' | 'cancelled';

export interface DomainResult {
	readonly domain: string;
	readonly kind: MailDomainPlan['kind'];
	readonly sender: string;
	readonly recipient: string;
	readonly exchangers: readonly ExchangerResult[];
	readonly outcome: DomainOutcome;
	/** False when a problem was found: see the exit codes in the README. */
	readonly ok: boolean;
	readonly summary: string;
	/** One sentence per problem (broken backups, refusals, unreachable hosts). */
	readonly problems: readonly string[];
	/** The live MTA-STS check; `null` when the zone has no `_mta-sts` record for the domain (or it was not run). */
	readonly mtaSts: MtaStsReport | null;
}

export interface MailTestResult {
	readonly startedAt: string;
	readonly durationMs: number;
	readonly port: number;
	readonly starttls: boolean;
	readonly send: boolean;
	readonly domains: readonly DomainResult[];
	readonly ok: boolean;
	/** Set when the user cancelled, or the whole-test time limit struck. */
	readonly stopped?: 'cancelled' | 'timeLimit';
	/** Set for a failover drill (`smtp-test --drill`). */
	readonly drill?: DrillReport;
}

/** How a failover drill ended (see smtp/src/drill.ts). */
export type DrillVerdict = 'delivered' | 'queued' | 'rejected' | 'failed';

/** What a failover drill found. */
export interface DrillReport {
	readonly domain: string;
	/** The primary, skipped. */
	readonly primary: string | null;
	readonly via: string | null;
	/** `127.0.0.1:2526`: where the backup was reached. */
	readonly address: string | null;
	readonly mailbox: string;
	readonly token: string;
	readonly acceptedAt: string | null;
	/** When the drill first found the message in the mailbox. */
	readonly arrivedAt: string | null;
	readonly delaySeconds: number | null;
	/** The hosts that relayed it, in the order it passed them (from the `by` of each `Received:`). */
	readonly receivedPath: readonly string[];
	readonly intact: boolean | null;
	/** What differed when not intact. */
	readonly problems: readonly string[];
	readonly deleted: boolean | null;
	/** Mailbox checks made. */
	readonly checks: number;
	readonly verdict: DrillVerdict;
	readonly summary: string;
	/** The mailbox refused the user name and password (so an editor forgets the stored password). Not in the JSON. */
	readonly loginRefused?: boolean;
}

/** Hint attached to time-outs: the most common reason is the tester's network, not the server. */
export const PORT_25_HINT = 'many networks block outbound port 25; test from a host that may send mail';

/** Names in prose lose the trailing dot: `mx1.example.com.` → `mx1.example.com`. */
export const bare = wireHostName;

const shown = (reply: ReplyRecord | undefined): string =>
	reply === undefined ? '?' : visible(`${reply.code} ${reply.text}`.trim()).slice(0, 200);

/** The verdict of one exchanger from its last session; `undefined` session: nothing connected. */
export function judge(
	domain: string,
	session: SessionResult | undefined,
	unreachableReason: string,
): Pick<ExchangerResult, 'verdict' | 'relayDenied' | 'messageSent' | 'reason'> {
	const d = bare(domain);
	const none = { relayDenied: false, messageSent: false };
	if (!session || !session.connected) {
		if (session?.failure?.kind === 'cancelled') return { ...none, verdict: 'cancelled', reason: `not tested: ${session.failure.message}` };
		return { ...none, verdict: 'unreachable', reason: `not reachable: ${unreachableReason}` };
	}
	if (session.failure?.kind === 'cancelled')
		return { ...none, verdict: 'cancelled', reason: `not finished: ${session.failure.message} (at ${session.failure.stage})` };
	const rcpt = session.rcptTo;
	if (rcpt) {
		const relayDenied = rcpt.code >= 500 && /relay/i.test(rcpt.text);
		if (rcpt.code >= 500)
			return {
				...none,
				relayDenied,
				verdict: 'rejects',
				reason: `rejects mail for ${d} (${shown(rcpt)})${relayDenied ? ': relaying denied, so it is no backup for this domain' : ''}`,
			};
		if (rcpt.code >= 400) return { ...none, verdict: 'defers', reason: `defers mail for ${d} (${shown(rcpt)}); senders would retry later` };
		const data = session.data;
		if (data && data.code !== 250) {
			return {
				...none,
				verdict: data.code >= 500 ? 'rejects' : 'defers',
				reason: `accepted the recipient but refused the message (${shown(data)})`,
			};
		}
		if (data)
			return { ...none, messageSent: true, verdict: 'accepts', reason: `accepts mail for ${d}; test message delivered (${shown(data)})` };
		return { ...none, verdict: 'accepts', reason: `accepts mail for ${d} (${shown(rcpt)})` };
	}
	if (session.failure) {
		const during = session.failure.stage === 'greeting' ? 'waiting for the greeting' : `at ${session.failure.stage}`;
		return { ...none, verdict: 'failed', reason: `the conversation broke ${during}: ${session.failure.message}` };
	}
	const refusal: [string, ReplyRecord | undefined][] = [
		['greeting', session.greeting?.code === 220 ? undefined : session.greeting],
		['hello', session.hello?.reply.code === 250 ? undefined : session.hello?.reply],
		['sender', session.mailFrom?.code === 250 ? undefined : session.mailFrom],
	];
	for (const [step, reply] of refusal) {
		if (!reply) continue;
		const what =
			step === 'greeting'
				? 'refuses connections'
				: step === 'hello'
					? `refused our ${session.hello?.command ?? 'EHLO'}`
					: 'refused our sender address';
		return { ...none, verdict: reply.code >= 500 ? 'rejects' : 'defers', reason: `${what} (${shown(reply)})` };
	}
	return { ...none, verdict: 'failed', reason: 'the conversation ended before RCPT TO' };
}

/** Judges a domain: its outcome, whether it is OK, the summary sentence and the problems (probe findings last). */
export function judgeDomain(
	plan: MailDomainPlan,
	exchangers: readonly ExchangerResult[],
	mtaSts: MtaStsReport | null = null,
): Pick<DomainResult, 'outcome' | 'ok' | 'summary' | 'problems'> {
	const judged = judgeDelivery(plan, exchangers);
	const found = [...probeProblems(exchangers), ...daneProblems(exchangers), ...(mtaSts?.problems ?? [])];
	return found.length === 0 ? judged : { ...judged, ok: false, problems: [...judged.problems, ...found] };
}

function judgeDelivery(
	plan: MailDomainPlan,
	exchangers: readonly ExchangerResult[],
): Pick<DomainResult, 'outcome' | 'ok' | 'summary' | 'problems'> {
	const d = bare(plan.domain);
	if (plan.kind === 'null')
		return {
			outcome: 'nullMx',
			ok: true,
			summary: `${d} publishes a null MX (RFC 7505): it accepts no mail, so there is nothing to test.`,
			problems: [],
		};
	const problems = exchangers.filter((x) => x.verdict !== 'accepts').map((x) => `${bare(x.exchange)} ${x.reason}.`);
	if (exchangers.some((x) => x.verdict === 'cancelled'))
		return { outcome: 'cancelled', ok: false, summary: `The test of ${d} was stopped before it finished.`, problems };
	const [primary, ...backups] = exchangers;
	const p = bare(primary.exchange);
	const reached = (x: ExchangerResult): boolean => x.verdict !== 'unreachable';
	// A backup an enforce MTA-STS policy leaves out takes no mail from senders that apply the policy.
	const leftOut = (x: ExchangerResult): boolean => x.mtaSts.mode === 'enforce' && x.mtaSts.listed === false;
	const working = backups.filter((x) => x.verdict === 'accepts' && !leftOut(x));
	const refusedByPolicy = backups.filter((x) => x.verdict === 'accepts' && leftOut(x)).map((x) => bare(x.exchange));
	const policyNote =
		refusedByPolicy.length === 0
			? ''
			: ` ${list(refusedByPolicy)} ${refusedByPolicy.length === 1 ? 'accepts' : 'accept'} mail too, but the enforce MTA-STS policy does not list ${refusedByPolicy.length === 1 ? 'it' : 'them'}, so senders that apply MTA-STS will not deliver there.`;
	const badReached = exchangers.filter((x) => reached(x) && x.verdict !== 'accepts');
	const bounce = `mail for ${d} would queue at senders and bounce after their retry period (typically 4 to 5 days)`;
	if (backups.length === 0) {
		const now = primary.verdict === 'accepts' ? `, which accepts mail now` : `, which ${primary.reason}`;
		const implicit = plan.kind === 'implicit' ? " (no MX records: senders use the domain's own address)" : '';
		return {
			outcome: 'noBackup',
			ok: false,
			summary: `No backup: ${d} has a single mail exchanger, ${p}${implicit}${now}. If it goes down, ${bounce}.`,
			problems,
		};
	}
	if (working.length > 0) {
		const names = list(working.map((x) => bare(x.exchange)));
		const verb = working.length === 1 ? 'accepts' : 'accept';
		const summary =
			primary.verdict === 'accepts'
				? `If ${p} goes down, ${names} would queue mail for ${d} until it is back.`
				: `${p} ${primary.verdict === 'unreachable' ? 'is not reachable right now' : 'does not take mail right now'}, so senders hand mail for ${d} to ${names}, which ${verb} it and would queue it until ${p} is back.`;
		return { outcome: 'backupWorks', ok: badReached.length === 0, summary: summary + policyNote, problems };
	}
	if (refusedByPolicy.length > 0)
		return {
			outcome: 'backupBroken',
			ok: false,
			summary: `No working backup for senders that apply MTA-STS:${policyNote} If ${p} goes down, ${bounce}.`,
			problems,
		};
	if (backups.some(reached)) {
		const broken = backups.filter(reached).map((x) => `${bare(x.exchange)} ${x.reason}`);
		return {
			outcome: 'backupBroken',
			ok: false,
			summary: `No working backup: ${broken.join('; ')}. If ${p} goes down, ${bounce}.`,
			problems,
		};
	}
	return {
		outcome: 'backupUnreachable',
		ok: false,
		summary: `No backup could be reached from here, so it is not proven that mail for ${d} survives an outage of ${p} (${PORT_25_HINT}).`,
		problems,
	};
}

/** `a`, `a and b`, `a, b and c` */
function list(items: readonly string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
