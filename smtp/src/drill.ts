/**
 * The failover drill: with the primary treated as down (never contacted), hand one tagged test
 * message to a backup, then watch the final mailbox until it arrives, and report when it was
 * accepted and when it arrived, the path its `Received:` headers show, and whether it arrived
 * intact. The drill ends with one verdict: delivered, queued (accepted but not arrived within the
 * time limit), rejected (the backup refused it) or failed (anything else).
 */
import { randomBytes } from 'node:crypto';
import { checkMailbox, MailboxLoginRefused, MailboxRefused, type MailboxAddress } from './mailbox';
import { buildTestMessage, DRILL_HEADER } from './message';
import { type DrillMessage, type MailTestHooks, sendDrillMessage } from './mxTest';
import type { SmtpTestOptions } from './options';
import type { MailDomainPlan } from './plan';
import { bare, type DomainOutcome, type DrillReport, type DrillVerdict, type ExchangerResult, type MailTestResult } from './results';
import { visible } from './validate';
import { SessionFailure } from './wire';

export interface DrillOptions {
	/** Host key of the exchanger to send through (see `hostKey`); absent: the first backup in delivery order. */
	readonly via?: string;
	readonly mailbox: MailboxAddress;
	readonly password: string;
	/** PEM certificates to trust for the mailbox's TLS instead of the system's CAs. */
	readonly ca?: string;
	/** Leave the test message in the mailbox. */
	readonly keep: boolean;
	/** How long to watch the mailbox after the backup accepted the message. */
	readonly timeoutMs: number;
	/** First pause between mailbox checks; it grows by half each time up to {@link maxPollMs}. */
	readonly pollMs?: number;
	readonly maxPollMs?: number;
}

export const DEFAULT_DRILL_TIMEOUT_MS = 600_000;

/** Runs the drill for one domain; never throws for network trouble. */
export async function runDrill(
	plan: MailDomainPlan,
	options: SmtpTestOptions,
	drill: DrillOptions,
	hooks: MailTestHooks = {},
): Promise<MailTestResult> {
	const started = Date.now();
	const token = `zs-${randomBytes(9).toString('hex')}`;
	const primary = plan.exchangers[0]?.exchange ?? null;
	const planned = drill.via === undefined ? plan.exchangers[1] : plan.exchangers.find((x) => x.exchangeKey === drill.via);
	const report = (fields: Partial<DrillReport> & Pick<DrillReport, 'verdict' | 'summary'>): DrillReport => ({
		domain: plan.domain,
		primary,
		via: planned?.exchange ?? null,
		address: null,
		mailbox: drill.mailbox.url,
		token,
		acceptedAt: null,
		arrivedAt: null,
		delaySeconds: null,
		receivedPath: [],
		intact: null,
		problems: [],
		deleted: null,
		checks: 0,
		...fields,
	});
	const result = (
		drillReport: DrillReport,
		exchanger?: ExchangerResult,
		envelope = { sender: options.sender, recipient: options.recipient },
		stopped?: 'cancelled' | 'timeLimit',
	): MailTestResult => ({
		startedAt: new Date(started).toISOString(),
		durationMs: Date.now() - started,
		port: options.port,
		starttls: options.starttls,
		send: true,
		domains: [
			{
				domain: plan.domain,
				kind: plan.kind,
				...envelope,
				exchangers: exchanger ? [exchanger] : [],
				outcome: outcomeOf(exchanger),
				ok: drillReport.verdict === 'delivered',
				summary: drillReport.summary,
				problems: drillReport.verdict === 'delivered' ? [] : [drillReport.summary],
				// The drill proves delivery through one backup; the policy check belongs to the plain test.
				mtaSts: null,
			},
		],
		ok: drillReport.verdict === 'delivered' && stopped === undefined,
		...(stopped ? { stopped } : {}),
		drill: drillReport,
	});

	if (!planned) return result(report({ verdict: 'failed', summary: `${bare(plan.domain)} has no backup mail exchanger to drill.` }));
	const via = bare(planned.exchange);
	const message: DrillMessage = { token, date: new Date(), messageId: `<${token}@zone-sentinel.invalid>` };
	hooks.onProgress?.(`sending the drill message through ${via}`);
	const sent = await sendDrillMessage(plan, planned, options, hooks, message);
	if (typeof sent === 'string') return result(report({ verdict: 'failed', summary: `Not sent: ${sent}.` }));
	const { exchanger, sender, recipient } = sent;
	const envelope = { sender, recipient };
	const connected = exchanger.attempts.find((a) => a.outcome === 'connected');
	const address = connected ? `${connected.address}:${connected.port}` : null;
	if (!exchanger.messageSent || !connected) {
		const verdict: DrillVerdict = exchanger.verdict === 'rejects' ? 'rejected' : 'failed';
		const summary =
			verdict === 'rejected'
				? `Rejected: ${via} refused the drill message: it ${exchanger.reason}.`
				: `Failed: the drill message could not be handed to ${via}: it ${exchanger.reason}.`;
		return result(report({ address, verdict, summary }), exchanger, envelope, sent.stopped);
	}
	const acceptedAt = acceptanceTime(exchanger) ?? Date.now();
	const sentLines = buildTestMessage({
		sender,
		recipient,
		domain: plan.domain,
		exchange: planned.exchange,
		preference: planned.preference,
		address: connected.address,
		port: connected.port,
		date: message.date,
		messageId: message.messageId,
		drillToken: token,
	});

	// Watch the mailbox: first check at once, then at growing intervals, until the time limit.
	const deadline = acceptedAt + drill.timeoutMs;
	let pause = drill.pollMs ?? 250;
	const maxPause = drill.maxPollMs ?? 10_000;
	let checks = 0;
	let lastError: string | undefined;
	let everChecked = false;
	const seen = new Set<string>();
	const accepted = { address, acceptedAt: new Date(acceptedAt).toISOString() };
	const log = (direction: 'C' | 'S' | '*', text: string): void =>
		hooks.onTranscript?.({ time: new Date().toISOString(), exchange: drill.mailbox.url, direction, text: visible(text) });
	for (;;) {
		if (hooks.signal?.aborted) {
			return result(
				report({
					...accepted,
					checks,
					verdict: 'failed',
					summary: `Cancelled while waiting for the drill message in ${drill.mailbox.url}.`,
				}),
				exchanger,
				envelope,
				'cancelled',
			);
		}
		checks++;
		hooks.onProgress?.(`checking ${drill.mailbox.url} for the drill message (check ${checks})`);
		try {
			const found = await checkMailbox({
				address: drill.mailbox,
				password: drill.password,
				header: DRILL_HEADER,
				token,
				keep: drill.keep,
				timeoutMs: options.replyTimeoutMs,
				signal: hooks.signal ?? new AbortController().signal,
				transcript: log,
				seen,
				...(drill.ca ? { ca: drill.ca } : {}),
			});
			everChecked = true;
			if (found.message) {
				const arrivedAt = Date.now();
				const arrived = analyse(found.message, sentLines);
				const intact = arrived.problems.length === 0;
				const path = arrived.receivedPath.length > 0 ? arrived.receivedPath.join(' → ') : 'no Received: headers';
				const delay = Math.round((arrivedAt - acceptedAt) / 100) / 10;
				return result(
					report({
						...accepted,
						arrivedAt: new Date(arrivedAt).toISOString(),
						delaySeconds: delay,
						receivedPath: arrived.receivedPath,
						intact,
						problems: arrived.problems,
						deleted: drill.keep ? false : found.deleted,
						checks,
						verdict: 'delivered',
						summary:
							`Delivered: ${via} accepted the drill message and it arrived in ${drill.mailbox.url} ${delay} s later, via ${path}` +
							(intact ? ', intact.' : `, but not intact: ${arrived.problems.join('; ')}.`) +
							(found.note ? ` Note: ${found.note}.` : ''),
					}),
					exchanger,
					envelope,
				);
			}
		} catch (error) {
			if (error instanceof MailboxRefused)
				return result(
					report({
						...accepted,
						checks,
						verdict: 'failed',
						summary: `Failed: ${error.message}; the message was accepted by ${via}.`,
						...(error instanceof MailboxLoginRefused ? { loginRefused: true } : {}),
					}),
					exchanger,
					envelope,
				);
			lastError = error instanceof Error ? error.message : String(error);
			if (error instanceof SessionFailure && error.kind === 'cancelled') continue;
			log('*', `mailbox check failed: ${lastError}`);
		}
		const now = Date.now();
		if (now >= deadline) break;
		await sleep(Math.min(pause, deadline - now), hooks.signal);
		pause = Math.min(maxPause, pause * 1.5);
	}
	const waited = Math.round((Date.now() - acceptedAt) / 1000);
	if (!everChecked)
		return result(
			report({
				...accepted,
				checks,
				verdict: 'failed',
				summary: `Failed: ${via} accepted the drill message, but ${drill.mailbox.url} could not be checked (${lastError ?? 'no answer'}).`,
			}),
			exchanger,
			envelope,
		);
	return result(
		report({
			...accepted,
			checks,
			verdict: 'queued',
			summary: `Queued at the backup, not delivered yet: ${via} accepted the drill message, but it was not in ${drill.mailbox.url} after ${waited} s (${checks} checks). The backup may still hold it until the primary takes mail again.`,
		}),
		exchanger,
		envelope,
	);
}

function outcomeOf(exchanger: ExchangerResult | undefined): DomainOutcome {
	if (!exchanger) return 'noBackup';
	switch (exchanger.verdict) {
		case 'accepts':
			return 'backupWorks';
		case 'unreachable':
			return 'backupUnreachable';
		case 'cancelled':
			return 'cancelled';
		default:
			return 'backupBroken';
	}
}

/** When the reply to the end of the message arrived: the first server line after our final `.`. */
function acceptanceTime(exchanger: ExchangerResult): number | undefined {
	const end = exchanger.transcript.findIndex((line) => line.direction === 'C' && line.text === '.');
	const reply = end === -1 ? undefined : exchanger.transcript.slice(end + 1).find((line) => line.direction === 'S');
	return reply ? Date.parse(reply.time) : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(done, ms);
		function done(): void {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});
}

/**
 * Reads the arrived copy: the relay path from its `Received:` headers (newest first in the
 * message, so reversed), and what differs from the lines sent: every header we wrote must be
 * there unchanged (receivers add headers, they must not alter ours) and the body must match line
 * for line, in particular the line that starts with a dot (sent dot-stuffed, stored with one dot).
 */
export function analyse(raw: Buffer, sent: readonly string[]): { receivedPath: string[]; problems: string[] } {
	const lines = raw.toString('utf8').split(/\r?\n/);
	const blank = lines.indexOf('');
	const headerLines = blank === -1 ? lines : lines.slice(0, blank);
	const body = blank === -1 ? [] : lines.slice(blank + 1);
	// The split leaves one empty string after the last CRLF.
	if (body.length > 0 && body[body.length - 1] === '') body.pop();
	const headers: string[] = [];
	for (const line of headerLines) {
		if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += ' ' + line.trim();
		else headers.push(line);
	}
	const receivedPath = headers
		.filter((h) => /^received:/i.test(h))
		.map((h) => /\bby\s+([^\s;()]+)/i.exec(h)?.[1])
		.filter((host): host is string => host !== undefined)
		.reverse();
	const problems: string[] = [];
	const sentBlank = sent.indexOf('');
	for (const header of sent.slice(0, sentBlank)) {
		if (!headers.includes(header)) problems.push(`header '${visible(header.split(':')[0])}' changed or missing`);
	}
	const sentBody = sent.slice(sentBlank + 1);
	const dotLine = sentBody.findIndex((line) => line.startsWith('.'));
	if (dotLine !== -1 && body[dotLine] !== sentBody[dotLine])
		problems.push(`the line that starts with a dot arrived as '${visible(body[dotLine] ?? '').slice(0, 40)}' (dot-stuffing broken)`);
	const differs = sentBody.findIndex((line, i) => i !== dotLine && body[i] !== line);
	if (differs !== -1) problems.push(`the body differs from line ${differs + 1} on`);
	else if (body.length !== sentBody.length) problems.push(`the body has ${body.length} lines instead of ${sentBody.length}`);
	return { receivedPath, problems };
}
