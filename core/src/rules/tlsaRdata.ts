/**
 * `tlsaRdata`: a TLSA record (RFC 6698) whose fields cannot be right: a certificate usage other than
 * 0–3, a selector other than 0–1, a matching type other than 0–2 (RFC 7218), or association data
 * whose length does not fit the matching type (SHA-256: 32 octets, SHA-512: 64). BIND loads all of
 * these (`TLSA 3 1 1 00` loads), but a sender that validates DANE then fails every connection.
 *
 * Bad:  `_25._tcp.mx1 TLSA 3 1 1 00`
 * Good: `_25._tcp.mx1 TLSA 3 1 1 <64 hex digits of a SHA-256 digest>`
 */
import { TypeCode } from '../model/rrTypes/typeCodes';
import { tlsaFields } from '../model/tlsa';
import { fieldSpan, recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

const DIGEST_OCTETS: Readonly<Record<number, { octets: number; name: string }>> = {
	1: { octets: 32, name: 'SHA-256' },
	2: { octets: 64, name: 'SHA-512' },
};

export const tlsaRdata: Rule = {
	id: 'tlsaRdata',
	defaultLevel: 'error',
	description: 'A TLSA record has a usage, selector or matching type out of range, or data of the wrong length for its digest.',
	reference: 'RFC 6698 §2.1, RFC 7218, RFC 7671',
	check(context) {
		const { model } = context;
		for (const record of model.records) {
			if (record.type !== TypeCode.TLSA || record.generated) continue;
			// RFC 3597 form keeps no typed fields.
			const fields = tlsaFields(model, record);
			if (!fields) continue;
			const { usage, selector, matchingType: matching } = fields;
			const field = record.rdataField;
			const at = (index: number): ReturnType<typeof fieldSpan> => fieldSpan(model, record, field + index);
			if (usage > 3)
				context.report({
					...at(0),
					message: `TLSA certificate usage ${usage} is not one of 0–3 (PKIX-TA, PKIX-EE, DANE-TA, DANE-EE; RFC 7218).`,
				});
			if (selector > 1) context.report({ ...at(1), message: `TLSA selector ${selector} is not 0 (full certificate) or 1 (public key).` });
			if (matching > 2) {
				context.report({ ...at(2), message: `TLSA matching type ${matching} is not 0 (full), 1 (SHA-256) or 2 (SHA-512).` });
				continue;
			}
			const octets = fields.data.length / 2;
			const digest = DIGEST_OCTETS[matching];
			if (digest && octets !== digest.octets) {
				context.report({
					...recordSpan(record),
					message: `TLSA matching type ${matching} is a ${digest.name} digest of ${digest.octets} octets (${digest.octets * 2} hex digits); this data is ${octets} octet${octets === 1 ? '' : 's'}. Senders that validate DANE would refuse every connection.`,
				});
			}
		}
	},
};
