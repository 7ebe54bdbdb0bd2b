/**
 * `nsTargetNoAddress`: a name server named inside the zone, and not below a delegation, must have an
 * A or AAAA record in the zone, or no resolver can reach it (RFC 1034 §4.2.2); it must not be an
 * alias either (RFC 2181 §10.3). named refuses a zone whose own (apex) NS set names such a server
 * ("NS 'ns1.example.com' has no address records (A or AAAA)", "is a CNAME (illegal)", "is below a
 * DNAME (illegal)"); for a delegation's NS set it only warns, and so does this rule. Names below a
 * delegation are glue for the child zone and are left out, as are fragments.
 *
 * Bad:  `@ NS ns1` with no `ns1 A …`
 * Good: `@ NS ns1` and `ns1 A 192.0.2.53`
 */
import { addressRecords, cnameAt, dnameAbove, isDelegated, isInZone, type MailFacts, mailFacts } from '../model/mail/mailExchangers';
import { nameKey } from '../model/domainName';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { fieldSpan } from '../model/zoneModel';
import type { Rule } from './rule';
import { wildcardFor, zoneShape } from './zoneShape';

export const nsTargetNoAddress: Rule = {
	id: 'nsTargetNoAddress',
	defaultLevel: 'error',
	description: 'A name server inside the zone (not below a delegation) has no A or AAAA record, or is an alias; named refuses the zone.',
	reference: 'RFC 1034 §4.2.2, RFC 2181 §10.3',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		const shape = zoneShape(model);
		// Without an SOA the file may be a fragment whose zone holds the addresses; after an error
		// the address may be the broken line.
		if (!shape.isZone || shape.recordsLost || shape.soas.length === 0) return;
		// The per-name facts (in zone, delegated, alias, addresses) are the ones the MX rules use.
		const facts = mailFacts(model);
		for (const record of model.records) {
			if (record.type !== TypeCode.NS || typeof record.value(0) !== 'string') continue;
			const target = String(record.value(0));
			const key = nameKey(target);
			if (!isInZone(facts, key) || isDelegated(facts, key)) continue;
			const problem = nsTargetProblem(facts, key, model.origin);
			if (problem === undefined) continue;
			// named refuses the zone for its own NS set; for a delegation's it only warns and loads.
			const atApex = record.ownerKey === shape.apexKey;
			const verdict = atApex ? `named refuses the zone ("${problem.named}")` : `named warns ("${problem.named}") for this delegation`;
			context.report({
				...fieldSpan(model, record, record.rdataField),
				message: `The name server ${target} ${problem.reason}: ${verdict}.${problem.example ?? ''}`,
				severity: atApex ? undefined : 'warning',
			});
		}
	},
};

/** Why an in-zone name server name that is not below a delegation cannot serve, or `undefined` when it can. */
export function nsTargetProblem(
	facts: MailFacts,
	key: string,
	origin: string | undefined,
): { readonly reason: string; readonly named: string; readonly example?: string } | undefined {
	if (cnameAt(facts, key))
		return { reason: 'is an alias (CNAME), which a name server name may not be (RFC 2181 §10.3)', named: 'is a CNAME (illegal)' };
	if (dnameAbove(facts, key)) return { reason: 'is below a DNAME, so it is an alias (RFC 6672 §2.3)', named: 'is below a DNAME (illegal)' };
	if (hasAddress(facts, key)) return undefined;
	return {
		reason: 'is in this zone but has no A or AAAA record',
		named: 'has no address records',
		example: ` Add e.g. '${relativeTo(key, origin)} A 192.0.2.53' with its real address.`,
	};
}

/** True when the name has an A or AAAA record, or the wildcard that answers for it has one. */
function hasAddress(facts: MailFacts, key: string): boolean {
	if (addressRecords(facts, key).length > 0) return true;
	const wildcard = wildcardFor(facts, key);
	return wildcard !== undefined && addressRecords(facts, wildcard).length > 0;
}

/** `ns1.example.com.` → `ns1` inside `example.com.`, for the example line in the message. */
function relativeTo(name: string, origin: string | undefined): string {
	if (origin === undefined || name.length <= origin.length) return name;
	const suffix = '.' + origin;
	return name.toLowerCase().endsWith(suffix.toLowerCase()) ? name.slice(0, -suffix.length) : name;
}
