/**
 * `spfTooManyLookups`: evaluating an SPF record takes more than 10 DNS lookups (`include`, `a`,
 * `mx`, `ptr`, `exists`, `redirect`; RFC 7208 §4.6.4), counting into the `include:` and
 * `redirect=` targets this zone holds. Receivers stop at 10 and return permerror. A target outside
 * the zone is counted as the one lookup that fetches it and named: it can only cost more.
 *
 * Bad:  `@ TXT "v=spf1 a mx include:a.example.net include:b.example.net …"` (11 lookups)
 * Good: fewer includes, or `ip4:`/`ip6:` ranges, which cost none.
 */
import { recordSpan } from '../model/zoneModel';
import { SPF_MAX_LOOKUPS } from '../model/mail/auth/spf';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { spfLookups } from '../model/mail/auth/spfLookups';
import { textSpan } from '../model/txtText';
import type { Rule } from './rule';

export const spfTooManyLookups: Rule = {
	id: 'spfTooManyLookups',
	defaultLevel: 'error',
	description: 'Evaluating an SPF record takes more than 10 DNS lookups, so receivers return permerror.',
	reference: 'RFC 7208 §4.6.4',
	check(context) {
		const { model } = context;
		for (const records of mailAuthRecords(model).spf.values()) {
			// With two records SPF fails anyway (spfMultipleRecords); counting each would only repeat it.
			if (records.length !== 1) continue;
			const [spf] = records;
			const { lookups, external } = spfLookups(model, spf);
			if (lookups.length <= SPF_MAX_LOOKUPS) continue;
			const eleventh = lookups[SPF_MAX_LOOKUPS];
			const outside =
				external.length === 0
					? ''
					: ` ${external.join(', ')} ${external.length === 1 ? 'is' : 'are'} outside this zone and counted as 1 each, so the real count may be higher.`;
			const where = eleventh.record === spf ? textSpan(spf.txt, eleventh.term.from, eleventh.term.to) : recordSpan(spf.txt.record);
			context.report({
				...where,
				message: `SPF for ${spf.txt.record.owner} takes at least ${lookups.length} DNS lookups; receivers stop at ${SPF_MAX_LOOKUPS} and return permerror (RFC 7208 §4.6.4).${outside} Replace includes with ip4:/ip6: ranges or flatten them.`,
				related:
					eleventh.record === spf
						? undefined
						: [{ ...textSpan(eleventh.record.txt, eleventh.term.from, eleventh.term.to), message: `lookup ${SPF_MAX_LOOKUPS + 1}` }],
			});
		}
	},
};
