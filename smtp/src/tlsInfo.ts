/**
 * What STARTTLS found: the certificate a mail exchanger presents, judged the way a careful sender
 * would (trusted chain, name, dates) but only reported. Most senders deliver over TLS with any
 * certificate, or without TLS at all, so a certificate problem never fails the test.
 */
import * as tls from 'node:tls';

/** A certificate that ends sooner than this is a warning: renewal is due and may have failed. */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `valid`: trusted chain, right name, in date. The others name the first problem found, in this
 * order: `expired`/`not yet valid`, `self-signed`, `untrusted` (unknown issuer), `name mismatch`.
 * `not offered`: no STARTTLS in the EHLO reply; `refused`: STARTTLS answered with an error;
 * `failed`: the handshake did not complete.
 */
export type TlsStatus =
	'valid' | 'expired' | 'not yet valid' | 'self-signed' | 'untrusted' | 'name mismatch' | 'not offered' | 'refused' | 'failed';

export interface TlsReport {
	readonly status: TlsStatus;
	/** e.g. `TLSv1.3` */
	readonly protocol?: string;
	readonly cipher?: string;
	/** Distinguished names as `CN=mx1.example.com, O=Example`. */
	readonly subject?: string;
	readonly issuer?: string;
	/** ISO 8601. */
	readonly validFrom?: string;
	readonly validTo?: string;
	/** DNS names of the subjectAltName extension. */
	readonly altNames?: readonly string[];
	/** Every problem found, e.g. `['self-signed', 'name mismatch']`; empty when valid. */
	readonly problems: readonly string[];
	/** The verification error code of OpenSSL, or the reason STARTTLS failed. */
	readonly detail?: string;
}

/** Builds the report of an established TLS connection to `host` (the MX name, not the address). */
export function describeTls(socket: tls.TLSSocket, host: string, now: Date = new Date()): TlsReport {
	const cert = socket.getPeerCertificate(true);
	const protocol = socket.getProtocol() ?? undefined;
	const cipher = socket.getCipher()?.name;
	if (!cert || Object.keys(cert).length === 0) {
		return { status: 'untrusted', protocol, cipher, problems: ['no certificate'], detail: 'the server sent no certificate' };
	}
	const problems: string[] = [];
	const validFrom = new Date(cert.valid_from);
	const validTo = new Date(cert.valid_to);
	if (validTo.getTime() < now.getTime()) problems.push('expired');
	if (validFrom.getTime() > now.getTime()) problems.push('not yet valid');
	// Node only checks the name when the chain verified, so we check it ourselves, always.
	const nameMatches = tls.checkServerIdentity(host, cert) === undefined;
	const code = socket.authorized ? undefined : String(socket.authorizationError ?? 'unknown');
	// OpenSSL names only one error; an expired self-signed certificate says CERT_HAS_EXPIRED. A
	// certificate that is its own issuer is self-signed whatever the error code.
	const ownIssuer = cert.issuerCertificate !== undefined && cert.issuerCertificate.fingerprint256 === cert.fingerprint256;
	if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || (code !== undefined && ownIssuer))
		problems.push('self-signed');
	else if (code !== undefined && code !== 'CERT_HAS_EXPIRED' && code !== 'CERT_NOT_YET_VALID') problems.push('untrusted');
	if (!nameMatches) problems.push('name mismatch');
	const status = (problems[0] as TlsStatus | undefined) ?? 'valid';
	const daysLeft = Math.ceil((validTo.getTime() - now.getTime()) / DAY_MS);
	// A warning, not a status: the certificate still works today.
	if (daysLeft >= 0 && daysLeft <= EXPIRY_WARNING_DAYS) problems.push(`expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`);
	return {
		status,
		protocol,
		cipher,
		subject: distinguishedName(cert.subject),
		issuer: distinguishedName(cert.issuer),
		validFrom: isoOrUndefined(validFrom),
		validTo: isoOrUndefined(validTo),
		altNames: (cert.subjectaltname ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry.startsWith('DNS:'))
			.map((entry) => entry.slice(4)),
		problems,
		detail: code,
	};
}

/** The chain as the server presented it (DER), its own certificate first, up to a self-issued one. */
export function peerChain(socket: tls.TLSSocket): Buffer[] {
	const leaf = socket.getPeerCertificate(true);
	const chain: Buffer[] = [];
	const seen = new Set<string>();
	for (
		let cert: tls.DetailedPeerCertificate | undefined = leaf;
		cert?.raw && !seen.has(cert.fingerprint256);
		cert = cert.issuerCertificate
	) {
		seen.add(cert.fingerprint256);
		chain.push(cert.raw);
	}
	return chain;
}

/** `{ CN: 'mx1', O: 'Example' }` → `CN=mx1, O=Example`. */
function distinguishedName(name: tls.Certificate | undefined): string | undefined {
	if (!name) return undefined;
	const parts = Object.entries(name).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`));
	return parts.length > 0 ? parts.join(', ') : undefined;
}

function isoOrUndefined(date: Date): string | undefined {
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** One line for reports, e.g. `self-signed, name mismatch (CN=localhost, valid until 2027-01-01)`. */
export function tlsSummary(report: TlsReport): string {
	switch (report.status) {
		case 'not offered':
			return 'STARTTLS not offered';
		case 'refused':
		case 'failed':
			return `STARTTLS ${report.status}${report.detail ? `: ${report.detail}` : ''}`;
		default: {
			const verdict = report.problems.length === 0 ? 'valid certificate' : `certificate ${report.problems.join(', ')}`;
			const until = report.validTo ? `, valid until ${report.validTo.slice(0, 10)}` : '';
			return `${report.protocol ?? 'TLS'}, ${verdict} (${report.subject ?? 'no subject'}${until})`;
		}
	}
}
