/**
 * Options of the SMTP test, one schema for both front ends: the `zoneSentinel.smtp.*` settings
 * (parsed here, field by field, like the other settings) and the `smtp-test` CLI flags, which
 * build the same value. Everything a user can set is validated before any connection is made.
 */
import * as net from 'node:net';
import { nameKey } from '../../core/src/index';
import { heloNameError, hostNameError, mailboxError, visible } from './validate';

/** Where an override sends one mail exchanger instead of its DNS addresses, e.g. `127.0.0.1:2525`. */
export interface HostOverride {
	readonly address: string;
	/** Absent: the test's port (default 25). */
	readonly port?: number;
}

export interface SmtpTestOptions {
	/** TCP port of the mail exchangers, 25 unless testing something else. */
	readonly port: number;
	/** By MX host key (lower case, absolute, see `nameKey`): `mx1.example.com.` → `127.0.0.1:2525`. */
	readonly hostOverrides: ReadonlyMap<string, HostOverride>;
	readonly starttls: boolean;
	/** MAIL FROM; `{domain}` is replaced by the domain under test. */
	readonly sender: string;
	/** RCPT TO; `{domain}` is replaced by the domain under test. */
	readonly recipient: string;
	/** EHLO name; `null`: this machine's host name when it is a full name, else our address literal. */
	readonly heloName: string | null;
	readonly connectTimeoutMs: number;
	readonly replyTimeoutMs: number;
	/** For the whole test: every exchanger of every domain. */
	readonly totalTimeoutMs: number;
	/** Send a real message through every exchanger that accepts the recipient. Never from settings. */
	readonly send: boolean;
	/** Also ask each exchanger about an unknown local part and another domain (RCPT only, RSET after). */
	readonly probes: boolean;
	/** PEM certificates trusted for the MTA-STS policy host instead of the system's (`--mta-sts-ca`). Never from settings. */
	readonly mtaStsCa?: string;
}

export const DEFAULT_SMTP_OPTIONS: SmtpTestOptions = Object.freeze({
	port: 25,
	hostOverrides: new Map<string, HostOverride>(),
	starttls: false,
	sender: 'zone-sentinel-test@{domain}',
	recipient: 'postmaster@{domain}',
	heloName: null,
	connectTimeoutMs: 10_000,
	replyTimeoutMs: 30_000,
	totalTimeoutMs: 120_000,
	send: false,
	probes: false,
});

/** Bounds of the time limits in seconds: long enough for slow greeters, short enough to stay interactive. */
export const TIMEOUT_BOUNDS = Object.freeze({ min: 0.05, max: 3600 });

/**
 * Parses `mx1.example.com.=127.0.0.1:2525`, `mx1.example.com=[::1]:2525` or `mx1.example.com=192.0.2.7`
 * into a host key and an override; a string is an error message.
 */
export function parseHostOverride(text: string): [string, HostOverride] | string {
	const equals = text.indexOf('=');
	if (equals === -1) return `'${visible(text)}' is not HOST=ADDRESS[:PORT]`;
	const host = text.slice(0, equals).trim();
	const error = hostNameError(host);
	if (error) return error;
	const override = parseEndpoint(text.slice(equals + 1).trim());
	if (typeof override === 'string') return override;
	return [hostKey(host), override];
}

/** `127.0.0.1`, `127.0.0.1:2525`, `::1`, `[::1]:2525` → address and optional port. */
export function parseEndpoint(text: string): HostOverride | string {
	let address = text;
	let port: string | undefined;
	const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(text);
	if (bracketed) [, address, port] = bracketed;
	else if (net.isIPv4(text.split(':')[0]) && text.includes(':')) [address, port] = text.split(':');
	if (net.isIP(address) === 0) return `'${visible(text)}' is not an IP address (with an optional :PORT)`;
	if (port === undefined) return { address };
	const number = parsePort(port);
	return number === undefined ? `'${visible(port)}' is not a port number (1-65535)` : { address, port: number };
}

export function parsePort(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= 65535 ? number : undefined;
}

/** Seconds (fractions allowed) to milliseconds, within {@link TIMEOUT_BOUNDS}. */
export function parseTimeoutSeconds(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^[0-9]+(?:\.[0-9]+)?$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
	return number >= TIMEOUT_BOUNDS.min && number <= TIMEOUT_BOUNDS.max ? Math.round(number * 1000) : undefined;
}

/** The comparison key of a host name, absolute: `MX1.Example.com` → `mx1.example.com.`. */
export function hostKey(host: string): string {
	return nameKey(host.endsWith('.') ? host : host + '.');
}

/** Checks an address template such as `postmaster@{domain}` with a sample domain. */
export function addressTemplateError(template: string): string | undefined {
	return mailboxError(template.split('{domain}').join('example.com'));
}

/** The fields of the `zoneSentinel.smtp` settings section that {@link parseSmtpSettings} reads. */
export const SMTP_SETTING_KEYS = [
	'hostOverrides',
	'port',
	'starttls',
	'sender',
	'recipient',
	'heloName',
	'connectTimeout',
	'replyTimeout',
	'totalTimeout',
] as const;

/**
 * The `zoneSentinel.smtp` settings section (any JSON value) → options. A missing or invalid field
 * takes its default, and invalid overrides are dropped one by one; `send` is never read from
 * settings (the user confirms each real message). Returns the problems found, for the log.
 */
export function parseSmtpSettings(raw: unknown): { options: SmtpTestOptions; problems: string[] } {
	const problems: string[] = [];
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { options: DEFAULT_SMTP_OPTIONS, problems };
	const section = raw as Record<string, unknown>;
	const pick = <T>(key: string, parse: (value: unknown) => T | undefined, fallback: T): T => {
		if (section[key] === undefined || section[key] === null) return fallback;
		const parsed = parse(section[key]);
		if (parsed === undefined) problems.push(`zoneSentinel.smtp.${key}: ignoring invalid value ${JSON.stringify(section[key])}`);
		return parsed ?? fallback;
	};
	const hostOverrides = new Map<string, HostOverride>();
	const rawOverrides = section.hostOverrides;
	if (typeof rawOverrides === 'object' && rawOverrides !== null && !Array.isArray(rawOverrides)) {
		for (const [host, target] of Object.entries(rawOverrides)) {
			const parsed =
				typeof target === 'string' ? parseHostOverride(`${host}=${target}`) : `'${visible(host)}' needs a string such as "127.0.0.1:2525"`;
			if (typeof parsed === 'string') problems.push(`zoneSentinel.smtp.hostOverrides: ${parsed}`);
			else hostOverrides.set(...parsed);
		}
	}
	const template = (value: unknown): string | undefined =>
		typeof value === 'string' && addressTemplateError(value) === undefined ? value : undefined;
	// An empty name means "choose automatically", like null.
	const helo = (value: unknown): string | null | undefined =>
		value === '' ? null : typeof value === 'string' && heloNameError(value) === undefined ? value : undefined;
	const options: SmtpTestOptions = Object.freeze({
		port: pick('port', parsePort, DEFAULT_SMTP_OPTIONS.port),
		hostOverrides,
		starttls: pick('starttls', (v) => (typeof v === 'boolean' ? v : undefined), DEFAULT_SMTP_OPTIONS.starttls),
		sender: pick('sender', template, DEFAULT_SMTP_OPTIONS.sender),
		recipient: pick('recipient', template, DEFAULT_SMTP_OPTIONS.recipient),
		heloName: pick<string | null>('heloName', helo, DEFAULT_SMTP_OPTIONS.heloName),
		connectTimeoutMs: pick('connectTimeout', parseTimeoutSeconds, DEFAULT_SMTP_OPTIONS.connectTimeoutMs),
		replyTimeoutMs: pick('replyTimeout', parseTimeoutSeconds, DEFAULT_SMTP_OPTIONS.replyTimeoutMs),
		totalTimeoutMs: pick('totalTimeout', parseTimeoutSeconds, DEFAULT_SMTP_OPTIONS.totalTimeoutMs),
		send: false,
		probes: false,
	});
	return { options, problems };
}
