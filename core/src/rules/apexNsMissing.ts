/**
 * `apexNsMissing`: a zone lists its name servers in an NS set at its apex (RFC 1034 §4.2.1); named
 * refuses a zone without one ("has no NS records"), and so does Knot. A file with no SOA is left to
 * `soaMissing` (it may be a fragment whose zone has the NS records).
 *
 * Bad:  `@ SOA ns1 hostmaster 1 2h 30m 2w 1h` and no `@ NS …`
 * Good: `@ SOA ns1 hostmaster 1 2h 30m 2w 1h` and `@ NS ns1.example.net.`
 */
import { recordSpan } from '../model/zoneModel';
import { TypeCode } from '../model/rrTypes/typeCodes';
import type { Rule } from './rule';
import { zoneShape } from './zoneShape';

export const apexNsMissing: Rule = {
	id: 'apexNsMissing',
	defaultLevel: 'error',
	description: 'The zone has no NS records at its apex; named refuses to load it.',
	reference: 'RFC 1034 §4.2.1',
	check(context) {
		const shape = zoneShape(context.model);
		const soa = shape.apexSoas[0];
		// A broken NS line has its own error; the NS set is then not missing, only unread.
		if (!shape.isZone || shape.recordsLost || soa === undefined) return;
		if (context.byOwner.get(soa.ownerKey)?.some((record) => record.type === TypeCode.NS)) return;
		context.report({
			...recordSpan(soa),
			message: `The zone ${soa.owner} has no NS records at its apex: named refuses to load it ("has no NS records"). Add e.g. '@ NS ns1.example.net.'.`,
		});
	},
};
