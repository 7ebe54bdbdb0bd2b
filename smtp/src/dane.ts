/**
 * DANE for SMTP (RFC 7672, RFC 7671): the certificate chain an exchanger presents after STARTTLS
 * compared with the zone's own TLSA records at `_25._tcp.<exchange>`. Usage 3 (DANE-EE) matches the
 * server's own certificate; usage 2 (DANE-TA) matches a certificate of the chain above it that
 * really issued it. The PKIX usages 0 and 1 are not used for SMTP (RFC 7672 §3.1.3): not judged.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { TlsaFields } from '../../core/src/index';

export interface DaneMatch {
	/** The record's RDATA as the zone gives it, e.g. `3 1 1 8f3a…`. */
	readonly record: string;
	/** `null`: a usage this check does not judge (PKIX-TA, PKIX-EE, unknown), or a selector or matching type out of range. */
	readonly match: boolean | null;
}

/** The RDATA as text, the form reports and JSON show. */
export function tlsaText(tlsa: TlsaFields): string {
	return `${tlsa.usage} ${tlsa.selector} ${tlsa.matchingType} ${tlsa.data}`;
}

/** One result per record, in zone order; `chain` starts with the server's certificate (DER). */
export function matchTlsa(records: readonly TlsaFields[], chain: readonly Buffer[]): DaneMatch[] {
	const certificates = chain.map((der) => new X509Certificate(der));
	return records.map((tlsa) => ({ record: tlsaText(tlsa), match: matches(tlsa, certificates) }));
}

function matches(tlsa: TlsaFields, chain: readonly X509Certificate[]): boolean | null {
	if (tlsa.selector > 1 || tlsa.matchingType > 2) return null;
	const fits = (certificate: X509Certificate): boolean => association(certificate, tlsa) === tlsa.data;
	if (tlsa.usage === 3) return chain.length > 0 && fits(chain[0]);
	if (tlsa.usage !== 2) return null;
	// A trust anchor counts only when each certificate below it, down to the server's, was issued by the next.
	for (let depth = 1; depth < chain.length; depth++) {
		const below = chain[depth - 1];
		if (!below.checkIssued(chain[depth]) || !below.verify(chain[depth].publicKey)) return false;
		if (fits(chain[depth])) return true;
	}
	return false;
}

/** The certificate association data (hex) of `certificate` under the record's selector and matching type. */
function association(certificate: X509Certificate, tlsa: TlsaFields): string {
	const selected = tlsa.selector === 0 ? certificate.raw : certificate.publicKey.export({ type: 'spki', format: 'der' });
	if (tlsa.matchingType === 0) return selected.toString('hex');
	return createHash(tlsa.matchingType === 1 ? 'sha256' : 'sha512')
		.update(selected)
		.digest('hex');
}
