/**
 * What to test, read from the zone alone (no network): for each mail domain, its mail exchangers in
 * the order senders try them, with the addresses the zone itself gives them.
 */
import {
	absoluteName,
	mailDomain,
	mailDomains,
	mailAuthRecords,
	mailHost,
	nameKey,
	type TlsaFields,
	tlsaFields,
	TypeCode,
	type ZoneModel,
} from '../../core/src/index';

export interface PlannedExchanger {
	/** Absolute host name, e.g. `mx1.example.com.` */
	readonly exchange: string;
	readonly exchangeKey: string;
	readonly preference: number;
	/** One-based place in the delivery order; equal preferences share a rank. */
	readonly rank: number;
	/** A and AAAA addresses in the zone, IPv4 first; empty for hosts outside the zone. */
	readonly zoneAddresses: readonly string[];
	/** The zone's TLSA records at `_25._tcp.<exchange>`, compared with the certificate after STARTTLS. */
	readonly tlsa: readonly TlsaFields[];
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
	/**
	 * The domain's `_mta-sts` TXT record, which tells senders to fetch its MTA-STS policy (RFC 8461
	 * §3.1); `null` without one, and then the test fetches no policy either.
	 */
	readonly mtaSts: MtaStsRecord | null;
}

export interface MtaStsRecord {
	/** The `v=` and `id=` values; `null` when the record lacks them. */
	readonly version: string | null;
	readonly id: string | null;
	/** The text of `.well-known/mta-sts.txt` beside the zone, for the apex domain; `null` without one. */
	readonly localPolicy: string | null;
}

/**
 * The plans for `domain` (absolute or relative to the origin), or, without one, for every owner
 * with MX records in file order, or the apex when there are none. A string is an error message.
 */
export function planMailTests(model: ZoneModel, domain?: string): MailDomainPlan[] | string {
	const tlsa = tlsaByOwner(model);
	const planFor = (m: ZoneModel, key: string, owner: string): MailDomainPlan | undefined => planDomain(m, key, owner, tlsa);
	if (domain !== undefined) {
		const candidates = [domain.endsWith('.') ? domain : domain + '.', absoluteName(domain, model.origin)].filter(
			(name): name is string => name !== undefined,
		);
		for (const name of candidates) {
			const plan = planFor(model, nameKey(name), name);
			if (plan) return [plan];
		}
		return `${candidates[0]} has no MX records and no address in this zone, so there is nothing to test.`;
	}
	const plans: MailDomainPlan[] = [];
	for (const mail of mailDomains(model)) {
		const plan = planFor(model, mail.ownerKey, mail.owner);
		if (plan) plans.push(plan);
	}
	if (plans.length > 0) return plans;
	const apex = model.origin === undefined ? undefined : planFor(model, nameKey(model.origin), model.origin);
	return apex ? [apex] : 'This zone has no MX records, and its apex has no address to deliver to.';
}

/** Reads the mail model: the delivery order and ranks are its levels, the addresses its hosts'. */
function planDomain(model: ZoneModel, key: string, owner: string, tlsa: TlsaIndex): MailDomainPlan | undefined {
	const mail = mailDomain(model, key);
	if (!mail) {
		// No MX: the domain itself is the implicit mail exchanger, if the zone gives it an address.
		const host = mailHost(model, key, owner);
		if (host.records.length === 0) return undefined;
		return { domain: owner, kind: 'implicit', exchangers: [planned(model, owner, key, 0, 1, tlsa)], mtaSts: mtaStsRecord(model, key) };
	}
	if (mail.hasNullMx) return { domain: owner, kind: 'null', exchangers: [], mtaSts: null };
	const seen = new Set<string>();
	const list: PlannedExchanger[] = [];
	for (const level of mail.levels) {
		for (const mx of level.exchangers) {
			if (seen.has(mx.exchangeKey)) continue;
			seen.add(mx.exchangeKey);
			list.push(planned(model, mx.exchange, mx.exchangeKey, mx.preference, level.rank, tlsa));
		}
	}
	return { domain: owner, kind: 'mx', exchangers: list, mtaSts: mtaStsRecord(model, key) };
}

/** The first `_mta-sts` TXT record of the domain (senders use one; the rules flag duplicates). */
function mtaStsRecord(model: ZoneModel, domainKey: string): MtaStsRecord | null {
	const record = mailAuthRecords(model).mtaSts.get(`_mta-sts.${domainKey}`)?.[0];
	if (!record) return null;
	const tag = (name: string): string | null => record.tags.find((t) => t.name === name)?.value ?? null;
	const local = model.origin !== undefined && nameKey(model.origin) === domainKey ? model.mtaStsPolicy?.text : undefined;
	return { version: tag('v'), id: tag('id'), localPolicy: local ?? null };
}

/** TLSA fields by owner key, read once for all plans. */
type TlsaIndex = ReadonlyMap<string, readonly TlsaFields[]>;

function tlsaByOwner(model: ZoneModel): TlsaIndex {
	const index = new Map<string, TlsaFields[]>();
	for (const record of model.records) {
		if (record.type !== TypeCode.TLSA) continue;
		const fields = tlsaFields(model, record);
		if (!fields) continue;
		const list = index.get(record.ownerKey);
		if (list) list.push(fields);
		else index.set(record.ownerKey, [fields]);
	}
	return index;
}

function planned(
	model: ZoneModel,
	exchange: string,
	key: string,
	preference: number,
	rank: number,
	tlsaIndex: TlsaIndex,
): PlannedExchanger {
	const tlsa = tlsaIndex.get(nameKey(`_25._tcp.${exchange}`)) ?? [];
	const host = mailHost(model, key, exchange);
	// Addresses of names outside the zone are not the zone's to give, even if the file has some (glue);
	// another zone of the workspace that answers for the name gives them.
	if (host.source === 'unknown' || (!host.inZone && !host.workspace))
		return { exchange, exchangeKey: key, preference, rank, zoneAddresses: [], tlsa };
	const zoneAddresses: string[] = [];
	for (const address of host.ipv4) zoneAddresses.push(address.text);
	for (const address of host.ipv6) zoneAddresses.push(address.text);
	return { exchange, exchangeKey: key, preference, rank, zoneAddresses, tlsa };
}
