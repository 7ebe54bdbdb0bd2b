/**
 * `mxMissingAtApex`: the zone apex has addresses but no MX. Senders then deliver to the apex's
 * A/AAAA as an implicit MX (RFC 5321 §5.1), which is rarely intended: publish a real MX, or a null
 * MX (`@ MX 0 .`, RFC 7505) if the domain takes no mail.
 *
 * Bad:  `@ A 192.0.2.10` and no MX at `@`
 * Good: `@ MX 10 mx1` or `@ MX 0 .`
 */
import { recordSpan } from '../model/zoneModel';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { addressOf, addressRecords, mailFacts } from '../model/mail/mailExchangers';
import type { Rule } from './rule';

export const mxMissingAtApex: Rule = {
	id: 'mxMissingAtApex',
	defaultLevel: 'hint',
	description: 'The zone apex has addresses but no MX: senders fall back to delivering to those addresses.',
	reference: 'RFC 5321 §5.1, RFC 7505',
	reads: ['mailFacts'],
	check(context) {
		const facts = mailFacts(context.model);
		if (facts.apexKey === undefined || facts.exchangersByOwner.has(facts.apexKey)) return;
		const addresses = addressRecords(facts, facts.apexKey);
		if (addresses.length === 0) return;
		// A CNAME at the apex is invalid anyway; don't add noise on top of it.
		if (facts.byOwner.get(facts.apexKey)?.some((r) => r.type === TypeCode.CNAME)) return;
		context.report({
			...recordSpan(addresses[0]),
			message: `${context.model.origin} has addresses but no MX, so senders deliver mail to ${addressOf(addresses[0]) ?? 'those addresses'} (implicit MX, RFC 5321 §5.1). Add an MX record, or a null MX ('@ MX 0 .') if this domain receives no mail.`,
		});
	},
};
