/**
 * Host name → addresses for the SMTP test and the MTA-STS fetch: the system resolver, bounded in
 * time and cancellable, with failures as sentences rather than exceptions.
 */
import * as dns from 'node:dns';
import { abortFailure, seconds } from './wire';

/** Resolves with addresses, or a reason (DNS failure, time-out, cancel) as a string. */
export async function lookupWithin(
	lookup: (host: string) => Promise<string[]>,
	host: string,
	timeoutMs: number,
	signal: AbortSignal,
): Promise<string[] | string> {
	// An 'abort' that already happened fires no event.
	if (signal.aborted) return abortFailure(signal).message;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let onAbort: (() => void) | undefined;
	const limit = new Promise<string>((resolve) => {
		timer = setTimeout(() => resolve(`the DNS lookup of ${host} took longer than ${seconds(timeoutMs)}`), timeoutMs);
		onAbort = () => resolve(abortFailure(signal).message);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	const answer = lookup(host).then(
		(addresses) => (addresses.length > 0 ? addresses : `DNS has no address for ${host}`),
		(error: NodeJS.ErrnoException) => `DNS lookup of ${host} failed (${error.code ?? error.message})`,
	);
	try {
		return await Promise.race([answer, limit]);
	} finally {
		clearTimeout(timer);
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), IPv4 first like the zone addresses. */
export async function systemLookup(host: string): Promise<string[]> {
	const found = await dns.promises.lookup(host, { all: true, verbatim: false });
	return found.map((entry) => entry.address);
}
