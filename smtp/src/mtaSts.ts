/**
 * MTA-STS live (RFC 8461): fetches the policy a domain's `_mta-sts` TXT record announces, from
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`, the way a sender must (valid certificate for
 * that name, no redirects, text/plain, small), parses it with the core parser and judges every
 * exchanger of the domain against its `mx:` patterns.
 */
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import * as tls from 'node:tls';
import { matchesMxPattern, parseMtaStsPolicy } from '../../core/src/index';
import { lookupWithin } from './lookup';
import { hostKey, type SmtpTestOptions } from './options';
import type { MailDomainPlan, PlannedExchanger } from './plan';
import { forbiddenTargetReason, visible, wireHostName } from './validate';
import { abortFailure } from './wire';

/** RFC 8461 says policies are small; a sender that reads more is being fed something else. */
export const MTA_STS_MAX_BYTES = 64 * 1024;
/** Below a day, a policy protects little between fetches (RFC 8461 section 3.2 recommends weeks). */
export const MTA_STS_MIN_MAX_AGE = 86_400;
/** The longest max_age RFC 8461 section 3.2 allows: one year. */
export const MTA_STS_MAX_MAX_AGE = 31_557_600;
const WELL_KNOWN = '/.well-known/mta-sts.txt';

/** What the fetch found and what it means for the domain; every field present, `null` when unknown. */
export interface MtaStsReport {
	readonly url: string;
	/** `127.0.0.1:8443`: where the policy host was reached (or tried). */
	readonly address: string | null;
	readonly addressSource: 'override' | 'dns' | 'none';
	/** The HTTP status, `null` when no response came. */
	readonly status: number | null;
	/** Why no policy was obtained: the senders' view, e.g. a redirect they must not follow. */
	readonly error: string | null;
	/** The `_mta-sts` TXT record's `id`: senders cache the fetched policy under it. */
	readonly txtId: string | null;
	readonly mode: string | null;
	readonly maxAge: number | null;
	readonly mx: readonly string[];
	/** Whether the served policy says what `.well-known/mta-sts.txt` beside the zone says; `null` without that file or a policy. */
	readonly sameAsLocalFile: boolean | null;
	/** Each a reason for exit status 1. */
	readonly problems: readonly string[];
	readonly warnings: readonly string[];
}

/** Per exchanger: whether the fetched policy lists it; `listed` is `null` when there is no policy. */
export interface MtaStsListing {
	readonly listed: boolean | null;
	readonly mode: string | null;
}

export const NO_MTA_STS_LISTING: MtaStsListing = Object.freeze({ listed: null, mode: null });

export interface MtaStsHooks {
	readonly lookup: (host: string) => Promise<string[]>;
	readonly signal: AbortSignal;
	readonly log: (text: string) => void;
}

/** The policy host of a domain: `example.com.` → `mta-sts.example.com.` (the key `--host` overrides use). */
export function mtaStsHost(domain: string): string {
	return `mta-sts.${domain}`;
}

/**
 * Fetches and judges the policy of `plan` (which has an `_mta-sts` record). Never throws: network
 * trouble is part of the report.
 */
export async function checkMtaSts(
	plan: MailDomainPlan & { readonly mtaSts: NonNullable<MailDomainPlan['mtaSts']> },
	options: SmtpTestOptions,
	hooks: MtaStsHooks,
): Promise<{ report: MtaStsReport; listings: ReadonlyMap<string, MtaStsListing> }> {
	const host = wireHostName(mtaStsHost(plan.domain));
	const url = `https://${host}${WELL_KNOWN}`;
	hooks.log(`fetching the MTA-STS policy ${url}`);
	const fetched = await fetchPolicy(host, options, hooks);
	if (fetched.error !== undefined) hooks.log(`no policy: ${fetched.error}`);
	else hooks.log(`HTTP ${fetched.status}, ${Buffer.byteLength(fetched.body ?? '')} bytes`);
	return judgeMtaSts(plan, url, fetched);
}

interface Fetched {
	readonly address: string | null;
	readonly addressSource: MtaStsReport['addressSource'];
	readonly status: number | null;
	readonly body?: string;
	readonly error?: string;
}

async function fetchPolicy(host: string, options: SmtpTestOptions, hooks: MtaStsHooks): Promise<Fetched> {
	const override = options.hostOverrides.get(hostKey(host));
	let target: { address: string; port: number };
	let addressSource: Fetched['addressSource'];
	if (override) {
		target = { address: override.address, port: override.port ?? 443 };
		addressSource = 'override';
	} else {
		addressSource = 'dns';
		const found = await lookupWithin(hooks.lookup, host, options.connectTimeoutMs, hooks.signal);
		if (typeof found === 'string') return { address: null, addressSource, status: null, error: found };
		// As for the exchangers, only an override may point the test at this machine or its link.
		const allowed = found.find((candidate) => forbiddenTargetReason(candidate) === undefined);
		if (allowed === undefined)
			return {
				address: null,
				addressSource,
				status: null,
				error: `${found[0]} (from the DNS) is ${forbiddenTargetReason(found[0])}, so it was not contacted (to test a server on this machine, give --host ${host}=ADDRESS:PORT)`,
			};
		target = { address: allowed, port: 443 };
	}
	const address = target.address.includes(':') ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
	const result = await get(host, target, options, hooks.signal);
	return { address, addressSource, ...result };
}

/** One GET, no redirects, bounded in size and time; a certificate that is not valid for `host` fails it. */
function get(
	host: string,
	target: { address: string; port: number },
	options: SmtpTestOptions,
	signal: AbortSignal,
): Promise<{ status: number | null; body?: string; error?: string }> {
	return new Promise((resolve) => {
		let status: number | null = null;
		let settled = false;
		const finish = (outcome: { body?: string; error?: string }): void => {
			if (settled) return;
			settled = true;
			clearTimeout(connectTimer);
			clearTimeout(totalTimer);
			signal.removeEventListener('abort', onAbort);
			request.destroy();
			resolve({ status, ...outcome });
		};
		const request = https.request({
			host: target.address,
			port: target.port,
			path: WELL_KNOWN,
			method: 'GET',
			servername: host,
			headers: { host, accept: 'text/plain', 'user-agent': 'zone-sentinel smtp-test' },
			agent: false,
			...(options.mtaStsCa ? { ca: options.mtaStsCa } : {}),
			rejectUnauthorized: true,
			// RFC 8461 section 3.3: the certificate must be valid for the policy host, whatever address it came from.
			checkServerIdentity: (_name, certificate) => tls.checkServerIdentity(host, certificate),
		});
		const connectTimer = setTimeout(
			() => finish({ error: `no HTTPS connection within ${options.connectTimeoutMs / 1000} s` }),
			options.connectTimeoutMs,
		);
		const totalTimer = setTimeout(
			() => finish({ error: `the policy did not arrive within ${options.replyTimeoutMs / 1000} s` }),
			options.replyTimeoutMs,
		);
		const onAbort = (): void => finish({ error: abortFailure(signal).message });
		if (signal.aborted) onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		request.on('socket', (socket) => socket.once('secureConnect', () => clearTimeout(connectTimer)));
		request.on('error', (error: NodeJS.ErrnoException) => finish({ error: describeError(error) }));
		request.on('response', (response: IncomingMessage) => {
			status = response.statusCode ?? null;
			const refused = responseProblem(response);
			if (refused !== undefined) return finish({ error: refused });
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MTA_STS_MAX_BYTES)
					finish({ error: `the policy is larger than ${MTA_STS_MAX_BYTES / 1024} KiB, senders do not read it` });
				else chunks.push(chunk);
			});
			response.on('end', () => finish({ body: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', (error: NodeJS.ErrnoException) => finish({ error: describeError(error) }));
		});
		request.end();
	});
}

/** Why senders would not use this response, before reading its body; `undefined` when they would. */
function responseProblem(response: IncomingMessage): string | undefined {
	const status = response.statusCode ?? 0;
	if (status >= 300 && status < 400) {
		const location = response.headers.location;
		return `HTTP ${status}, a redirect${location ? ` to ${visible(location).slice(0, 200)}` : ''}: not followed, senders must not follow redirects (RFC 8461 section 3.3)`;
	}
	if (status !== 200) return `HTTP ${status} ${visible(response.statusMessage ?? '').slice(0, 100)}`.trim();
	const type = response.headers['content-type'];
	const media = type?.split(';')[0].trim().toLowerCase();
	if (media !== 'text/plain')
		return `Content-Type ${type ? `'${visible(type).slice(0, 100)}'` : 'missing'}: senders accept only text/plain (RFC 8461 section 3.2)`;
	const length = Number(response.headers['content-length']);
	if (Number.isFinite(length) && length > MTA_STS_MAX_BYTES)
		return `the policy is larger than ${MTA_STS_MAX_BYTES / 1024} KiB (Content-Length ${length}), senders do not read it`;
	return undefined;
}

/** Node's error as a sentence, keeping the certificate error code that says what was wrong. */
function describeError(error: NodeJS.ErrnoException): string {
	const code = error.code ?? '';
	if (code === 'ECONNREFUSED') return 'connection refused';
	if (code.startsWith('ERR_TLS_CERT_ALTNAME') || /does not match certificate|not in the cert/i.test(error.message))
		return `the certificate is not valid for the policy host (${visible(error.message)})`;
	if (/CERT|SELF_SIGNED|UNABLE_TO|VERIFY/.test(code))
		return `the certificate is not valid (${code}): senders refuse the policy (RFC 8461 section 3.3)`;
	return visible(code && !error.message.includes(code) ? `${error.message} (${code})` : error.message);
}

/** The report and each exchanger's listing, from what the fetch returned. */
function judgeMtaSts(
	plan: MailDomainPlan & { readonly mtaSts: NonNullable<MailDomainPlan['mtaSts']> },
	url: string,
	fetched: Fetched,
): { report: MtaStsReport; listings: ReadonlyMap<string, MtaStsListing> } {
	const problems: string[] = [];
	const warnings: string[] = [];
	const txtId = plan.mtaSts.id;
	const where = `the MTA-STS policy ${url}`;
	if (plan.mtaSts.version !== 'STSv1')
		problems.push(`The _mta-sts record says v=${plan.mtaSts.version ?? '(none)'}, senders need v=STSv1.`);
	if (txtId === null) warnings.push('The _mta-sts record has no id=: senders cannot tell when the policy changes.');
	const base = { url, address: fetched.address, addressSource: fetched.addressSource, status: fetched.status, txtId };
	const listings = new Map<string, MtaStsListing>();
	if (fetched.body === undefined) {
		problems.push(
			`${where} could not be fetched (${fetched.error ?? 'no answer'}), but the _mta-sts record tells senders there is one: they keep a cached policy or deliver without MTA-STS; serve the policy, or remove the record.`,
		);
		return {
			report: { ...base, error: fetched.error ?? 'no answer', mode: null, maxAge: null, mx: [], sameAsLocalFile: null, problems, warnings },
			listings,
		};
	}
	const policy = parseMtaStsPolicy(fetched.body);
	const tooLong = overlongMaxAge(fetched.body);
	for (const problem of policy.problems) {
		// A max_age above the RFC's one year is capped by lenient senders: a warning, not a broken policy.
		if (tooLong !== undefined && problem.message.startsWith("'max_age:")) continue;
		problems.push(`${where}, line ${problem.line + 1}: ${problem.message}`);
	}
	const maxAge = policy.maxAge ?? tooLong ?? null;
	if (tooLong !== undefined) warnings.push(`max_age ${tooLong} is above the ${MTA_STS_MAX_MAX_AGE} seconds (one year) RFC 8461 allows.`);
	else if (maxAge !== null && maxAge < MTA_STS_MIN_MAX_AGE)
		warnings.push(`max_age ${maxAge} is below one day: senders fetch the policy again so often that it protects little between fetches.`);
	const mode = policy.mode ?? null;
	for (const x of plan.exchangers) {
		const listed = policy.mx.some((line) => matchesMxPattern(line.pattern, x.exchangeKey));
		listings.set(x.exchangeKey, { listed, mode });
		if (!listed) unlistedFinding(x, x === plan.exchangers[0], mode, problems, warnings);
	}
	const mx = policy.mx.map((line) => line.pattern);
	const local = plan.mtaSts.localPolicy === null ? undefined : parseMtaStsPolicy(plan.mtaSts.localPolicy);
	const sameAsLocalFile = local === undefined ? null : samePolicy(local, policy);
	if (sameAsLocalFile === false)
		warnings.push(
			'The served policy differs from .well-known/mta-sts.txt beside the zone (mode, max_age or mx:): when the file is published, change the id of the _mta-sts record, or senders keep the policy they cached.',
		);
	return { report: { ...base, error: null, mode, maxAge, mx, sameAsLocalFile, problems, warnings }, listings };
}

/** The sentence about an exchanger the policy does not list: a problem under enforce, a warning under testing. */
function unlistedFinding(x: PlannedExchanger, primary: boolean, mode: string | null, problems: string[], warnings: string[]): void {
	const name = wireHostName(x.exchange);
	const fix = `add 'mx: ${name}' to the policy and change the id of the _mta-sts record`;
	if (mode === 'enforce')
		problems.push(
			primary
				? `${name} is not listed by the enforce MTA-STS policy: senders that apply MTA-STS refuse to deliver to it; ${fix}.`
				: `${name} is a backup the enforce MTA-STS policy does not list: senders that apply MTA-STS refuse to deliver to it, exactly when the primary is down; ${fix}.`,
		);
	else if (mode === 'testing')
		warnings.push(
			`${name} is not listed by the testing MTA-STS policy: senders still deliver but report failures (TLS-RPT), and switching to enforce would cut it off; ${fix}.`,
		);
}

/** Same mode, max_age and set of mx: patterns (case and order do not matter to senders). */
function samePolicy(a: ReturnType<typeof parseMtaStsPolicy>, b: ReturnType<typeof parseMtaStsPolicy>): boolean {
	const patterns = (p: typeof a): string =>
		[...new Set(p.mx.map((line) => line.pattern.toLowerCase().replace(/\.$/, '')))].sort().join(' ');
	return a.mode === b.mode && a.maxAge === b.maxAge && patterns(a) === patterns(b);
}

/** The max_age value when it is a number above the RFC's limit (the parser rejects it), else `undefined`. */
function overlongMaxAge(text: string): number | undefined {
	const value = /^max_age:[ \t]*(\d{1,15})[ \t]*$/m.exec(text)?.[1];
	return value !== undefined && Number(value) > MTA_STS_MAX_MAX_AGE ? Number(value) : undefined;
}
