/**
 * `daneUnsignedZone`: the zone has TLSA records but no DNSKEY at its apex. DANE needs DNSSEC:
 * senders use TLSA records only when they validate (RFC 7672 §2.1), so in an unsigned zone they are
 * ignored. Sign the zone (or the records are only a plan).
 *
 * Bad:  `_25._tcp.mx1 TLSA 3 1 1 …` in a zone without DNSKEY
 * Good: the zone signed (DNSKEY at the apex, RRSIGs)
 */
import { nameKey } from '../model/domainName';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const daneUnsignedZone: Rule = {
	id: 'daneUnsignedZone',
	defaultLevel: 'information',
	description: 'The zone has TLSA records but no DNSKEY: DANE needs DNSSEC, so senders ignore them.',
	reference: 'RFC 7672 §2.1',
	check(context) {
		const { model, byOwner } = context;
		if (model.origin === undefined) return;
		const first = model.records.find((record) => record.type === TypeCode.TLSA);
		if (!first) return;
		if (byOwner.get(nameKey(model.origin))?.some((record) => record.type === TypeCode.DNSKEY)) return;
		context.report({
			...recordSpan(first),
			message: `This zone has TLSA records but no DNSKEY at ${model.origin}: DANE needs DNSSEC, and senders use TLSA only from a signed zone (RFC 7672 §2.1). Sign the zone, or the TLSA records have no effect.`,
		});
	},
};
