/**
 * The three forms of an SMTP test result: text for the terminal, markdown for VS Code, and a
 * stable JSON document for scripts (shape documented in the README, "Testing mail exchangers").
 * All server-supplied text is already free of control characters (see `visible`); the markdown
 * form also escapes it, so a hostile banner cannot inject markup into the preview.
 */
import { DRILL_HEADER } from './message';
import type { MtaStsReport } from './mtaSts';
import {
	bare,
	type DomainResult,
	type DrillReport,
	type ExchangerResult,
	type MailTestResult,
	type TranscriptLine,
	type Verdict,
} from './results';
import type { ReplyRecord } from './smtpSession';
import { tlsSummary } from './tlsInfo';
import { visible } from './validate';

/** Increment when a field changes meaning or disappears; adding fields keeps the version. */
export const JSON_SCHEMA_VERSION = 1;

const VERDICT_LABEL: Record<Verdict, string> = {
	accepts: 'ACCEPTS',
	rejects: 'REJECTS',
	defers: 'DEFERS',
	unreachable: 'UNREACHABLE',
	failed: 'FAILED',
	cancelled: 'CANCELLED',
};

/** `2026-11-29T10:00:00.123Z mx1.example.com. [127.0.0.1:2525] S: 220 mx1 ESMTP` */
export function formatTranscriptLine(line: TranscriptLine): string {
	return `${line.time} ${line.exchange}${line.address ? ` [${line.address}]` : ''} ${line.direction}: ${line.text}`;
}

const reply = (r: ReplyRecord | undefined): string | undefined => (r ? `${r.code} ${r.text}`.trim() : undefined);

/** What was tested with what, e.g. `port 25, STARTTLS off, no message sent`. */
function settingsLine(result: MailTestResult): string {
	return `port ${result.port} unless overridden, STARTTLS ${result.starttls ? 'on' : 'off'}, ${result.send ? 'test message sent where accepted' : 'no message sent'}`;
}

function stoppedLine(result: MailTestResult): string | undefined {
	if (result.stopped === 'cancelled') return 'The test was cancelled; results are partial.';
	if (result.stopped === 'timeLimit') return 'The test reached its time limit; results are partial.';
	return undefined;
}

/** Steps of the conversation as label/value pairs, for both text and markdown. */
function steps(x: ExchangerResult): [string, string][] {
	const s = x.session;
	const rows: [string, string][] = [];
	const connected = x.attempts.find((a) => a.outcome === 'connected');
	for (const attempt of x.attempts) {
		rows.push([
			'address',
			`${attempt.address} port ${attempt.port} (${x.addressSource}): ${attempt.outcome === 'connected' ? 'connected' : (attempt.message ?? attempt.outcome)}`,
		]);
	}
	if (x.mtaSts.listed !== null)
		rows.push([
			'MTA-STS',
			`${x.mtaSts.listed ? 'listed' : 'NOT LISTED'} by the policy's mx: patterns (mode ${x.mtaSts.mode ?? 'missing'})`,
		]);
	if (!s || !connected) return rows;
	if (s.greeting) rows.push(['greeting', reply(s.greeting) ?? '']);
	// The EHLO keywords get their own row; the reply's first line is the server's hello.
	if (s.hello) rows.push([s.hello.command, `${s.hello.reply.code} ${s.hello.reply.text.split(' / ')[0]}`.trim()]);
	if (s.extensions.length > 0) rows.push(['extensions', s.extensions.join(', ')]);
	if (s.tls) rows.push(['TLS', tlsSummary(s.tls) + (s.tls.issuer && s.tls.issuer !== s.tls.subject ? `, issuer ${s.tls.issuer}` : '')]);
	for (const d of x.dane ?? [])
		rows.push([
			'DANE',
			`TLSA ${shortRecord(d.record)}: ${d.match === null ? 'not judged (a PKIX usage, or fields out of range)' : d.match ? 'matches' : 'does not match'}`,
		]);
	if (s.mailFrom) rows.push(['MAIL FROM', reply(s.mailFrom) ?? '']);
	if (s.rcptTo) rows.push(['RCPT TO', reply(s.rcptTo) ?? '']);
	if (s.data) rows.push(['DATA', reply(s.data) ?? '']);
	if (s.failure) rows.push(['stopped', `at ${s.failure.stage}: ${s.failure.message}`]);
	// Replies and certificate fields come from the server: never print its control characters.
	return rows.map(([label, value]) => [label, visible(value)]);
}

/** The drill's findings as label/value pairs, for both text and markdown. */
function drillRows(drill: DrillReport): [string, string][] {
	const rows: [string, string][] = [
		['verdict', DRILL_LABEL[drill.verdict]],
		['token', `${drill.token} (Subject and ${DRILL_HEADER})`],
		['mailbox', drill.mailbox],
	];
	if (drill.acceptedAt)
		rows.push(['accepted', `${drill.acceptedAt} by ${drill.via ? bare(drill.via) : '?'}${drill.address ? ` (${drill.address})` : ''}`]);
	if (drill.arrivedAt) rows.push(['arrived', `${drill.arrivedAt}, ${drill.delaySeconds} s later (found on check ${drill.checks})`]);
	else if (drill.acceptedAt) rows.push(['arrived', `not yet (${drill.checks} checks)`]);
	if (drill.arrivedAt) {
		rows.push(['path', drill.receivedPath.length > 0 ? drill.receivedPath.map(visible).join(' → ') : 'no Received: headers']);
		rows.push(['intact', drill.intact ? 'yes: headers, body and the dot-stuffed line as sent' : `no: ${drill.problems.join('; ')}`]);
		rows.push(['deleted', drill.deleted ? 'yes' : 'no (kept in the mailbox)']);
	}
	// Everything but the path (made visible per host above) is ours or already visible.
	return rows;
}

const DRILL_LABEL: Record<DrillReport['verdict'], string> = {
	delivered: 'DELIVERED',
	queued: 'QUEUED at the backup, not delivered yet',
	rejected: 'REJECTED',
	failed: 'FAILED',
};

function drillText(result: MailTestResult, drill: DrillReport): string {
	const out = [
		`Failover drill of ${bare(drill.domain)}: ${drill.primary ? `primary ${bare(drill.primary)} skipped` : 'no primary'}, message through ${drill.via ? bare(drill.via) : 'no backup'}`,
	];
	for (const domain of result.domains) {
		out.push(`MAIL FROM:<${domain.sender}>  RCPT TO:<${domain.recipient}>`, '');
		for (const x of domain.exchangers) {
			out.push(`  ${bare(x.exchange)} (preference ${x.preference}, ${x.role}): ${VERDICT_LABEL[x.verdict]}, ${x.reason}`);
			for (const [label, value] of steps(x)) out.push(`       ${label.padEnd(10)} ${value}`);
		}
	}
	out.push('', '  Drill');
	for (const [label, value] of drillRows(drill)) out.push(`       ${label.padEnd(10)} ${value}`);
	out.push('', `Result: ${drill.summary}`);
	const stopped = stoppedLine(result);
	if (stopped) out.push(stopped);
	return out.join('\n');
}

const PROBE_ROWS = [
	['unknown recipient', 'unknownRecipient'],
	['other domain', 'otherDomain'],
] as const;

/**
 * The probes' answers side by side, one column per exchanger, so a backup whose policy differs
 * from the primary's shows at a glance; `undefined` when nothing was probed.
 */
function probeGrid(domain: DomainResult): string[][] | undefined {
	if (!domain.exchangers.some((x) => x.session?.probes)) return undefined;
	const cell = (reply: ReplyRecord | undefined): string => {
		if (!reply) return 'not probed';
		const status = /^\d\.\d{1,3}\.\d{1,3}/.exec(reply.text)?.[0];
		return `${reply.code >= 200 && reply.code < 300 ? 'ACCEPTS' : 'refuses'} (${reply.code}${status ? ' ' + status : ''})`;
	};
	return [
		['', ...domain.exchangers.map((x) => bare(x.exchange))],
		...PROBE_ROWS.map(([label, key]) => [label, ...domain.exchangers.map((x) => visible(cell(x.session?.probes?.[key])))]),
	];
}

function probeText(domain: DomainResult): string[] {
	const grid = probeGrid(domain);
	if (!grid) return [];
	const widths = grid[0].map((_, column) => Math.max(...grid.map((row) => row[column].length)));
	return [
		'Probes (RCPT TO only, no message, RSET after each):',
		...grid.map(
			(row) =>
				'  ' +
				row
					.map((text, column) => text.padEnd(widths[column]))
					.join('   ')
					.trimEnd(),
		),
		'',
	];
}

/** The MTA-STS check as label/value pairs, for both text and markdown (policy text is made visible). */
function mtaStsRows(report: MtaStsReport): [string, string][] {
	const rows: [string, string][] = [
		['policy', `${report.url}${report.address ? ` (${report.address}, ${report.addressSource})` : ''}`],
		[
			'_mta-sts',
			report.txtId === null
				? 'record without id='
				: `id ${report.txtId}: senders cache the policy fetched now under this id, for max_age; change the id whenever the policy changes`,
		],
	];
	if (report.error !== null) rows.push(['fetch', `FAILED: ${report.error}`]);
	else {
		rows.push(['fetch', `HTTP ${report.status}`]);
		rows.push(['mode', report.mode ?? 'missing']);
		rows.push(['max_age', report.maxAge === null ? 'missing' : `${report.maxAge} s (${(report.maxAge / 86_400).toFixed(1)} days)`]);
		rows.push(['mx', report.mx.length > 0 ? report.mx.join(', ') : 'none']);
		if (report.sameAsLocalFile !== null)
			rows.push(['file', `${report.sameAsLocalFile ? 'the same as' : 'DIFFERS from'} .well-known/mta-sts.txt beside the zone`]);
	}
	for (const warning of report.warnings) rows.push(['warning', warning]);
	return rows.map(([label, value]) => [label, visible(value)]);
}

function mtaStsText(domain: DomainResult): string[] {
	if (!domain.mtaSts) return [];
	return [
		'MTA-STS (fetched as senders do: valid certificate, no redirects, text/plain):',
		...mtaStsRows(domain.mtaSts).map(([label, value]) => `  ${label.padEnd(9)} ${value}`),
		'',
	];
}

/** Plain text, as `zone-sentinel smtp-test` prints it. */
export function formatText(result: MailTestResult): string {
	if (result.drill) return drillText(result, result.drill);
	const out: string[] = [];
	for (const domain of result.domains) {
		out.push(
			`Mail exchangers of ${bare(domain.domain)} (${domain.exchangers.length} ${domain.exchangers.length === 1 ? 'host' : 'hosts'}, in delivery order; ${settingsLine(result)})`,
		);
		out.push(`MAIL FROM:<${domain.sender}>  RCPT TO:<${domain.recipient}>`, '');
		domain.exchangers.forEach((x, i) => {
			out.push(`  ${i + 1}. ${bare(x.exchange)} (preference ${x.preference}, ${x.role}): ${VERDICT_LABEL[x.verdict]}, ${x.reason}`);
			for (const [label, value] of steps(x)) out.push(`       ${label.padEnd(10)} ${value}`);
		});
		if (domain.exchangers.length > 0) out.push('');
		out.push(...probeText(domain));
		out.push(...mtaStsText(domain));
		out.push(`Result: ${domain.summary}`);
		if (domain.problems.length > 0) out.push('Problems:', ...domain.problems.map((p) => `  - ${p}`));
		out.push('');
	}
	const stopped = stoppedLine(result);
	if (stopped) out.push(stopped);
	out.push(result.ok ? 'OK: every reachable backup accepts mail.' : 'PROBLEM: see above.');
	return out.join('\n');
}

/** Escapes text for markdown prose and table cells. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/([\\`*_[\]#|~!])/g, '\\$1');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(lines: readonly string[]): string {
	const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
	const fence = '`'.repeat(longest + 1);
	return [fence + 'text', ...lines, fence].join('\n');
}

/** A markdown document, as VS Code shows it after a test. */
export function formatMarkdown(result: MailTestResult, title = 'Mail exchanger test'): string {
	const out: string[] = [
		`# ${escapeMarkdown(title)}`,
		'',
		`_${escapeMarkdown(`${result.startedAt}, ${Math.round(result.durationMs)} ms; ${settingsLine(result)}.`)}_`,
		'',
	];
	const stopped = stoppedLine(result);
	if (stopped) out.push(`> ${stopped}`, '');
	if (result.drill) {
		out.push(`**${escapeMarkdown(result.drill.summary)}**`, '');
		for (const [label, value] of drillRows(result.drill)) out.push(`- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`);
		out.push('');
	}
	for (const domain of result.domains) out.push(...markdownDomain(domain));
	return out.join('\n');
}

function markdownDomain(domain: DomainResult): string[] {
	const out = [`## ${escapeMarkdown(bare(domain.domain))}`, '', `**${escapeMarkdown(domain.summary)}**`, ''];
	if (domain.exchangers.length > 0) {
		out.push('| # | Mail exchanger | Preference | Role | Result |', '|---|---|---|---|---|');
		domain.exchangers.forEach((x, i) =>
			out.push(
				`| ${i + 1} | ${escapeMarkdown(bare(x.exchange))} | ${x.preference} | ${x.role} | **${VERDICT_LABEL[x.verdict]}**: ${escapeMarkdown(x.reason)} |`,
			),
		);
		out.push('', escapeMarkdown(`MAIL FROM:<${domain.sender}>, RCPT TO:<${domain.recipient}>`), '');
	}
	const grid = probeGrid(domain);
	if (grid) {
		const row = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
		out.push('### Probes', '', row(['Probe', ...grid[0].slice(1)]), `|${'---|'.repeat(grid[0].length)}`, ...grid.slice(1).map(row), '');
	}
	if (domain.mtaSts)
		out.push(
			'### MTA-STS',
			'',
			...mtaStsRows(domain.mtaSts).map(([label, value]) => `- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`),
			'',
		);
	if (domain.problems.length > 0) out.push('### Problems', '', ...domain.problems.map((p) => `- ${escapeMarkdown(p)}`), '');
	for (const x of domain.exchangers) {
		out.push(`### ${escapeMarkdown(bare(x.exchange))} (preference ${x.preference})`, '');
		for (const [label, value] of steps(x)) out.push(`- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`);
		if (x.transcript.length > 0)
			out.push('', '<details><summary>Transcript</summary>', '', fenced(x.transcript.map(formatTranscriptLine)), '', '</details>');
		out.push('');
	}
	return out;
}

/** The stable JSON document; absent values are `null`, so every key is always present. */
export function toJson(result: MailTestResult, zone: string | null): unknown {
	return {
		schemaVersion: JSON_SCHEMA_VERSION,
		zone,
		startedAt: result.startedAt,
		durationMs: result.durationMs,
		ok: result.ok,
		stopped: result.stopped ?? null,
		options: { port: result.port, starttls: result.starttls, send: result.send },
		drill: result.drill ? drillJson(result.drill) : null,
		domains: result.domains.map((domain) => ({
			domain: domain.domain,
			kind: domain.kind,
			outcome: domain.outcome,
			ok: domain.ok,
			summary: domain.summary,
			problems: domain.problems,
			sender: domain.sender,
			recipient: domain.recipient,
			exchangers: domain.exchangers.map(exchangerJson),
			mtaSts: domain.mtaSts,
		})),
	};
}

function drillJson(drill: DrillReport): unknown {
	return {
		via: drill.via,
		acceptedAt: drill.acceptedAt,
		arrivedAt: drill.arrivedAt,
		delaySeconds: drill.delaySeconds,
		receivedPath: drill.receivedPath,
		intact: drill.intact,
		verdict: drill.verdict,
		summary: drill.summary,
		primary: drill.primary,
		address: drill.address,
		mailbox: drill.mailbox,
		token: drill.token,
		problems: drill.problems,
		deleted: drill.deleted,
		checks: drill.checks,
	};
}

function exchangerJson(x: ExchangerResult): unknown {
	const s = x.session;
	const connected = x.attempts.find((a) => a.outcome === 'connected');
	return {
		exchange: x.exchange,
		preference: x.preference,
		rank: x.rank,
		role: x.role,
		verdict: x.verdict,
		reason: x.reason,
		relayDenied: x.relayDenied,
		messageSent: x.messageSent,
		probes: x.probes,
		dane: x.dane,
		mtaSts: x.mtaSts,
		addressSource: x.addressSource,
		address: connected?.address ?? null,
		port: connected?.port ?? null,
		attempts: x.attempts.map((a) => ({ address: a.address, port: a.port, outcome: a.outcome, message: a.message ?? null })),
		greeting: s?.greeting ?? null,
		hello: s?.hello ? { command: s.hello.command, code: s.hello.reply.code, text: s.hello.reply.text } : null,
		extensions: s?.extensions ?? [],
		tls: s?.tls ?? null,
		mailFrom: s?.mailFrom ?? null,
		rcptTo: s?.rcptTo ?? null,
		data: s?.data ?? null,
		failure: s?.failure ?? null,
		transcript: x.transcript.map(formatTranscriptLine),
	};
}

/** `3 1 1 8f3a...` cut after 16 hex digits (ASCII dots: reports show only ASCII) of the data: enough to tell records apart in a report. */
function shortRecord(record: string): string {
	const [usage, selector, matching, data = ''] = record.split(' ');
	return `${usage} ${selector} ${matching} ${data.length > 16 ? data.slice(0, 16) + '...' : data}`;
}
