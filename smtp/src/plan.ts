/**
 * What to test, read from the zone alone (no network): for each mail domain, its mail exchangers in
 * the order senders try them, with the addresses the zone itself gives them.
 */
import { absoluteName, addressRecords, isInZone, mailFacts, type MailFacts, nameKey, TypeCode, type ZoneModel } from '../../core/src/index';

export interface PlannedExchanger {
	/** Absolute host name, e.g. `mx1.example.com.` */
	readonly exchange: string;
	readonly exchangeKey: string;
	readonly preference: number;
	/** One-based place in the delivery order; equal preferences share a rank. */
	readonly rank: number;
	/** A and AAAA addresses in the zone, IPv4 first; empty for hosts outside the zone. */
	readonly zoneAddresses: readonly string[];
}

export interface MailDomainPlan {
	/** Absolute, e.g. `example.com.` */
	readonly domain: string;
	/**
	 * `mx`: the domain's MX set. `implicit`: no MX, so senders deliver to the domain's own address
	 * (RFC 5321 §5.1). `null`: a null MX (RFC 7505), the domain accepts no mail.
	 */
	readonly kind: 'mx' | 'implicit' | 'null';
	/** Distinct hosts in delivery order; a host listed twice keeps its lowest preference. */
	readonly exchangers: readonly PlannedExchanger[];
}

/**
 * The plans for `domain` (absolute or relative to the origin), or, without one, for every owner
 * with MX records in file order, or the apex when there are none. A string is an error message.
 */
export function planMailTests(model: ZoneModel, domain?: string): MailDomainPlan[] | string {
	const facts = mailFacts(model);
	if (domain !== undefined) {
		const candidates = [domain.endsWith('.') ? domain : domain + '.', absoluteName(domain, model.origin)].filter(
			(name): name is string => name !== undefined,
		);
		for (const name of candidates) {
			const plan = planFor(facts, nameKey(name), name);
			if (plan) return [plan];
		}
		return `${candidates[0]} has no MX records and no address in this zone, so there is nothing to test.`;
	}
	const plans: MailDomainPlan[] = [];
	for (const [key, exchangers] of facts.exchangersByOwner) {
		const plan = planFor(facts, key, exchangers[0].record.owner);
		if (plan) plans.push(plan);
	}
	if (plans.length > 0) return plans;
	const apex = facts.apexKey === undefined || model.origin === undefined ? undefined : planFor(facts, facts.apexKey, model.origin);
	return apex ? [apex] : 'This zone has no MX records, and its apex has no address to deliver to.';
}

function planFor(facts: MailFacts, key: string, owner: string): MailDomainPlan | undefined {
	const exchangers = facts.exchangersByOwner.get(key);
	if (!exchangers || exchangers.length === 0) {
		// No MX: the domain itself is the implicit mail exchanger, if the zone gives it an address.
		if (addressRecords(facts, key).length === 0) return undefined;
		return { domain: owner, kind: 'implicit', exchangers: [planned(facts, owner, key, 0, 1)] };
	}
	if (exchangers.some((mx) => mx.isNull)) return { domain: owner, kind: 'null', exchangers: [] };
	const seen = new Set<string>();
	const list: PlannedExchanger[] = [];
	let rank = 0;
	let lastPreference = -1;
	for (const mx of exchangers) {
		if (seen.has(mx.exchangeKey)) continue;
		seen.add(mx.exchangeKey);
		if (mx.preference !== lastPreference) rank++;
		lastPreference = mx.preference;
		list.push(planned(facts, mx.exchange, mx.exchangeKey, mx.preference, rank));
	}
	return { domain: owner, kind: 'mx', exchangers: list };
}

function planned(facts: MailFacts, exchange: string, key: string, preference: number, rank: number): PlannedExchanger {
	// Addresses of names outside the zone are not the zone's to give, even if the file has some (glue).
	const records = isInZone(facts, key) ? addressRecords(facts, key) : [];
	const v4 = records.filter((r) => r.type === TypeCode.A).map((r) => String(r.value(0)));
	const v6 = records.filter((r) => r.type === TypeCode.AAAA).map((r) => String(r.value(0)));
	return { exchange, exchangeKey: key, preference, rank, zoneAddresses: [...new Set([...v4, ...v6])] };
}
