/**
 * `soaMissing`: a zone has its SOA record at its apex (RFC 1035 §5.2); named refuses a zone file
 * without one ("has 0 SOA records") and one whose SOA stands at another name ("SOA record not at top
 * of zone"). A file with no SOA at all is reported once, at its start: it may be an `$INCLUDE`
 * fragment, and then the rest of what a zone needs (TTLs, origin, NS) comes from its includer. A
 * fragment analysed in the context of its includer (`includedAt`) is not a zone and is skipped.
 *
 * Bad:  a zone file with NS and A records but no SOA
 * Good: `@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600`
 */
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';
import { isZoneWithoutSoa, zoneShape } from './zoneShape';

export const soaMissing: Rule = {
	id: 'soaMissing',
	defaultLevel: 'error',
	description: 'The zone has no SOA record at its apex; named refuses to load it.',
	reference: 'RFC 1035 §5.2',
	check(context) {
		const { model } = context;
		const shape = zoneShape(model);
		if (isZoneWithoutSoa(model)) {
			context.report({
				...shape.fileStart,
				message:
					'This file has no SOA record, so named will not load it as a zone. If it is an $INCLUDE fragment, no zone checked alongside it includes it: check it together with the zone that includes it.',
			});
			return;
		}
		// Only an apex the user gave or the first SOA set is sure; a guessed one would make false errors.
		if (
			!shape.isZone ||
			shape.recordsLost ||
			shape.apexKey === undefined ||
			(model.originSource !== 'option' && model.originSource !== 'soa')
		)
			return;
		for (const soa of shape.soas) {
			if (soa.ownerKey === shape.apexKey) continue;
			context.report({
				...recordSpan(soa),
				message: `This SOA record is at ${soa.owner}, not at the zone apex ${model.origin ?? shape.apexKey}: named refuses the zone ("SOA record not at top of zone").`,
			});
		}
	},
};
