/**
 * Shared reasoning about mail exchangers for the MX rules, hovers and code lenses: the MX set of
 * each owner in delivery order, and what the zone says about each exchange (addresses, aliases).
 */
import { isSubdomainKey, nameKey } from '../domainName';
import { type OwnerIndex, ownerIndex } from '../recordIndex';
import { finish, type Steps } from '../../steps';
import { TypeCode } from '../rrTypes/typeCodes';
import type { ResourceRecord, ZoneModel } from '../zoneModel';

export interface MailExchanger {
	readonly record: ResourceRecord;
	readonly preference: number;
	/** Absolute exchange name as resolved, e.g. `mx1.example.com.`; `.` for a null MX. */
	readonly exchange: string;
	readonly exchangeKey: string;
	/** RFC 7505 null MX: the exchange is the root. */
	readonly isNull: boolean;
	/**
	 * The exchange can never be a real host: it is under `.invalid` (RFC 2606 §2, RFC 6761 §6.4), which
	 * includes {@link BACKUP_HOST_PLACEHOLDER}, the host the "Add backup MX record" fix inserts.
	 */
	readonly isPlaceholder: boolean;
}

/**
 * The exchange the "Add backup MX record" quick fix inserts when no backup host is configured and the
 * client cannot ask for one; `mxPlaceholderTarget` reports it until it is replaced.
 */
export const BACKUP_HOST_PLACEHOLDER = 'backup-mx.invalid.';

/** True for `invalid.` and every name below it: such a name never resolves (RFC 6761 §6.4). */
export function isPlaceholderKey(key: string): boolean {
	return key === 'invalid.' || key.endsWith('.invalid.');
}

/** The facts a zone holds, indexed once per model and shared by every MX rule and feature. */
export interface MailFacts {
	/** MX sets by owner key, each sorted by preference (stable for equal preferences). */
	readonly exchangersByOwner: ReadonlyMap<string, readonly MailExchanger[]>;
	readonly byOwner: OwnerIndex;
	/** The model's records, which {@link byOwner}'s indices point into. */
	readonly records: readonly ResourceRecord[];
	readonly apexKey: string | undefined;
	/** What the zone says about each name asked about, so every rule and feature looks it up once. */
	readonly names: Map<string, NameFacts>;
	/**
	 * The first DNAME of each owner that has one, and the owners of NS records other than the apex
	 * (delegations), gathered in the same pass as the MX records: an ancestor check is then a map
	 * lookup per label, not a walk through the ancestor's records (the apex can hold 100 000 MX).
	 */
	readonly dnameByOwner: ReadonlyMap<string, ResourceRecord>;
	readonly delegations: ReadonlySet<string>;
}

/** The in-zone records of one name that matter for mail, computed on first use. */
interface NameFacts {
	readonly addresses: ResourceRecord[];
	readonly cname: ResourceRecord | undefined;
	dnameAbove?: ResourceRecord | null;
	delegated?: boolean;
}

function namedFacts(facts: MailFacts, key: string): NameFacts {
	let found = facts.names.get(key);
	if (!found) {
		const addresses: ResourceRecord[] = [];
		let cname: ResourceRecord | undefined;
		// A walk of the owner's records, not a list of them: every exchange host is asked about.
		for (let i = facts.byOwner.firstIndex(key); i !== -1; i = facts.byOwner.nextIndex(i)) {
			const record = facts.records[i];
			if (record.type === TypeCode.A || record.type === TypeCode.AAAA) addresses.push(record);
			else if (record.type === TypeCode.CNAME) cname ??= record;
		}
		found = { addresses, cname };
		facts.names.set(key, found);
	}
	return found;
}

const cache = new WeakMap<ZoneModel, MailFacts>();

/** Records looked at between two pauses of {@link mailFactsInSteps}: a few milliseconds of work. */
const RECORDS_PER_STEP = 4096;

export function mailFacts(model: ZoneModel): MailFacts {
	return finish(mailFactsInSteps(model));
}

/** The model's mail facts when something made them already, without making them. */
export function mailFactsIfMade(model: ZoneModel): MailFacts | undefined {
	return cache.get(model);
}

/** {@link mailFacts} as steps: it pauses after every {@link RECORDS_PER_STEP} records (at once when the model's are known). */
export function* mailFactsInSteps(model: ZoneModel): Steps<MailFacts> {
	let facts = cache.get(model);
	if (facts) return facts;
	const owners = ownerIndex(model);
	const exchangersByOwner = new Map<string, MailExchanger[]>();
	const apexKey = model.origin === undefined ? undefined : nameKey(model.origin);
	const dnameByOwner = new Map<string, ResourceRecord>();
	const delegations = new Set<string>();
	const records = model.records;
	for (let i = 0; i < records.length; i++) {
		if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
		const record = records[i];
		if (record.type === TypeCode.DNAME) {
			if (!dnameByOwner.has(record.ownerKey)) dnameByOwner.set(record.ownerKey, record);
			continue;
		}
		if (record.type === TypeCode.NS) {
			if (record.ownerKey !== apexKey) delegations.add(record.ownerKey);
			continue;
		}
		if (record.type !== TypeCode.MX || record.value(1) === undefined) continue;
		const exchange = String(record.value(1));
		const exchangeKey = nameKey(exchange);
		const entry: MailExchanger = {
			record,
			preference: Number(record.value(0)),
			exchange,
			exchangeKey,
			isNull: exchange === '.',
			isPlaceholder: isPlaceholderKey(exchangeKey),
		};
		const list = exchangersByOwner.get(record.ownerKey);
		if (list) list.push(entry);
		else exchangersByOwner.set(record.ownerKey, [entry]);
	}
	for (const list of exchangersByOwner.values()) list.sort((a, b) => a.preference - b.preference);
	facts = { exchangersByOwner, byOwner: owners, records: model.records, apexKey, names: new Map(), dnameByOwner, delegations };
	cache.set(model, facts);
	return facts;
}

/**
 * The address of an A or AAAA record as text, e.g. `192.0.2.25`; `undefined` when the record is
 * written in RFC 3597 form (`\\# 4 c0000219`), which keeps no typed value.
 */
export function addressOf(record: ResourceRecord): string | undefined {
	const value = record.value(0);
	return typeof value === 'string' ? value : undefined;
}

/** In-zone A and AAAA records of a name. */
export function addressRecords(facts: MailFacts, key: string): readonly ResourceRecord[] {
	return namedFacts(facts, key).addresses;
}

/** True when the name is at or below the zone apex, so the zone is authoritative for it. */
export function isInZone(facts: MailFacts, key: string): boolean {
	return facts.apexKey !== undefined && isSubdomainKey(key, facts.apexKey);
}

/** The CNAME record at a name, if any. */
export function cnameAt(facts: MailFacts, key: string): ResourceRecord | undefined {
	return namedFacts(facts, key).cname;
}

/** A DNAME at a proper ancestor of the name (inside the zone), which makes the name an alias. */
export function dnameAbove(facts: MailFacts, key: string): ResourceRecord | undefined {
	const named = namedFacts(facts, key);
	if (named.dnameAbove === undefined) named.dnameAbove = findDnameAbove(facts, key) ?? null;
	return named.dnameAbove ?? undefined;
}

function findDnameAbove(facts: MailFacts, key: string): ResourceRecord | undefined {
	if (facts.apexKey === undefined || facts.dnameByOwner.size === 0) return undefined;
	for (let dot = key.indexOf('.'); dot !== -1 && dot < key.length - 1; dot = key.indexOf('.', dot + 1)) {
		const ancestor = key.slice(dot + 1);
		if (!isSubdomainKey(ancestor, facts.apexKey)) break;
		const dname = facts.dnameByOwner.get(ancestor);
		if (dname) return dname;
	}
	return undefined;
}

/** True when the name lies at or below a delegation (an NS set other than the apex's). */
export function isDelegated(facts: MailFacts, key: string): boolean {
	const named = namedFacts(facts, key);
	named.delegated ??= findDelegation(facts, key);
	return named.delegated;
}

function findDelegation(facts: MailFacts, key: string): boolean {
	if (facts.delegations.size === 0) return false;
	for (let name = key; facts.apexKey !== undefined && name !== facts.apexKey && isSubdomainKey(name, facts.apexKey);) {
		if (facts.delegations.has(name)) return true;
		const dot = name.indexOf('.');
		if (dot === -1 || dot === name.length - 1) break;
		name = name.slice(dot + 1);
	}
	return false;
}
