/**
 * The test message sent with `--send` (or after the user confirms in VS Code): a plain RFC 5322
 * message with the headers receivers expect, and its transfer encoding for DATA.
 */
import { randomUUID } from 'node:crypto';

export interface TestMessageInput {
	readonly sender: string;
	readonly recipient: string;
	/** The domain under test, e.g. `example.com.` */
	readonly domain: string;
	/** The mail exchanger it goes through, e.g. `mx2.example.net.` */
	readonly exchange: string;
	readonly preference: number;
	readonly address: string;
	readonly port: number;
	readonly date?: Date;
	readonly messageId?: string;
	/** A failover drill's token: put in the Subject and the {@link DRILL_HEADER}, so the copy can be found in the mailbox. */
	readonly drillToken?: string;
}

/** The header that carries a drill's token. */
export const DRILL_HEADER = 'X-Zone-Sentinel-Drill';

/**
 * The message as lines without line ends. The body has a line that starts with a dot, so the
 * receiver can check that dot-stuffing (RFC 5321 §4.5.2) worked: it must arrive with one dot.
 */
export function buildTestMessage(input: TestMessageInput): string[] {
	const date = input.date ?? new Date();
	const senderDomain = input.sender.slice(input.sender.lastIndexOf('@') + 1) || 'zone-sentinel.invalid';
	const messageId = input.messageId ?? `<${randomUUID()}@${senderDomain}>`;
	return [
		`Date: ${rfc5322Date(date)}`,
		`From: Zone Sentinel <${input.sender}>`,
		`To: <${input.recipient}>`,
		input.drillToken
			? `Subject: Zone Sentinel failover drill ${input.drillToken} via ${input.exchange}`
			: `Subject: Zone Sentinel test of ${input.exchange} for ${input.domain}`,
		`Message-ID: ${messageId}`,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=us-ascii',
		'Content-Transfer-Encoding: 7bit',
		// RFC 3834: tells vacation responders and ticket systems not to answer.
		'Auto-Submitted: auto-generated',
		`X-Zone-Sentinel-Test: ${input.exchange} ${input.address} port ${input.port}`,
		...(input.drillToken ? [`${DRILL_HEADER}: ${input.drillToken}`] : []),
		'',
		`This message was sent by Zone Sentinel to prove that the mail exchanger`,
		`${input.exchange} (MX preference ${input.preference}) accepts mail for ${input.domain}`,
		`It was handed to ${input.address} port ${input.port} at ${date.toISOString()}.`,
		'',
		'.This line starts with a single dot, to check that dot-stuffing works.',
		'',
		'No action is needed; you can delete this message.',
	];
}

/** `Tue, 01 Dec 2026 09:30:00 +0000` (RFC 5322 §3.3; the obsolete `GMT` zone is avoided). */
export function rfc5322Date(date: Date): string {
	return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * The DATA payload: CRLF line ends, a leading dot doubled on every line, and the final `.` line.
 * Lines must not contain CR or LF themselves.
 */
export function encodeData(lines: readonly string[]): string {
	return lines.map((line) => (line.startsWith('.') ? '.' + line : line) + '\r\n').join('') + '.\r\n';
}
