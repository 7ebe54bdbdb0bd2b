/**
 * The mail model: for each owner with MX records, its exchangers in delivery order (ranks and
 * equal-preference groups), each exchange host's identity and addresses per family, and, at given
 * prefix lengths, their networks per family and which hosts are independent. The MX rules, the
 * hover, the code lens and the SMTP plan all read it here; none of them recomputes it.
 *
 * Dual stack: one host is one server, however many addresses (A and AAAA) it has. Two hosts share
 * fate for a family when their addresses of that family share a network; they are independent only
 * when they share no host, no address and no network in any family.
 *
 * Everything is computed once per model (and per prefix pair for networks) and cached; the loops
 * are plain (no closures per record), since a zone can hold a million records.
 */
import { addressKey, networkKey, networkLabel } from '../ipNetwork';
import { finish, type Steps } from '../../steps';
import { TypeCode } from '../rrTypes/typeCodes';
import { type Place, type ResourceRecord, recordSpan, type ZoneModel } from '../zoneModel';
import type { WorkspaceAnswer, WorkspaceLocation } from '../workspace/workspaceIndex';
import {
	addressOf,
	addressRecords,
	isDelegated,
	isInZone,
	isPlaceholderKey,
	type MailExchanger,
	type MailFacts,
	mailFacts,
	mailFactsIfMade,
	mailFactsInSteps,
} from './mailExchangers';

export type AddressFamily = 'IPv4' | 'IPv6';

/** One distinct address of a host (equal addresses written twice are one). */
export interface HostAddress {
	/** The A or AAAA record in this zone's files; absent when another zone of the workspace gave it. */
	readonly record?: ResourceRecord;
	/** Where another zone of the workspace gives it (`source: 'workspace'`). */
	readonly elsewhere?: WorkspaceLocation;
	/** As written, e.g. `2001:DB8::25`. */
	readonly text: string;
	/** Canonical, so that `2001:db8::25` and `2001:DB8:0::25` are one address. */
	readonly key: string;
}

/**
 * Who answers for a host's name: this zone (its files), another zone of the workspace, or nobody
 * the tool can read (an outside provider, a child zone not in the workspace).
 */
export type HostSource = 'zone' | 'workspace' | 'unknown';

/** An exchange host: the identity of an exchanger, shared by every MX that names it. */
export interface MailHost {
	/** Canonical name key: two MX records with equal keys name one host. */
	readonly key: string;
	/** Absolute name as the first MX naming it writes it. */
	readonly name: string;
	readonly inZone: boolean;
	/** Under `.invalid` (e.g. the backup-MX fix's placeholder): no mail can be delivered to it. */
	readonly isPlaceholder: boolean;
	readonly source: HostSource;
	/** The workspace zone's answer for the name (`source: 'workspace'`), with its alias facts. */
	readonly workspace?: WorkspaceAnswer;
	/** The file's A and AAAA records of the name, including RFC 3597 ones (which have no typed value). */
	readonly records: readonly ResourceRecord[];
	/** Typed addresses, from this zone's records or the workspace zone's. */
	readonly ipv4: readonly HostAddress[];
	readonly ipv6: readonly HostAddress[];
}

/** True when some zone read here gives the host an address (typed or in RFC 3597 form). */
export function hasAddresses(host: MailHost): boolean {
	return host.records.length > 0 || host.ipv4.length > 0 || host.ipv6.length > 0;
}

/** ` (from the zone example.net.)` for a host another zone of the workspace answers for; else empty. */
export function hostSourceNote(host: MailHost): string {
	return host.workspace ? ` (from the zone ${host.workspace.zone.apex})` : '';
}

/** Where an address was written: a span in this zone's files, or a place in another zone file. */
export function addressPlace(address: HostAddress): Place {
	return address.record ? recordSpan(address.record) : { elsewhere: address.elsewhere! };
}

/** Exchangers with one preference: tried together, one picked at random (RFC 5321 §5.1). */
export interface DeliveryLevel {
	readonly preference: number;
	/** One-based rank: 1 is tried first. Equal preferences share a rank. */
	readonly rank: number;
	readonly exchangers: readonly MailExchanger[];
}

/** A host that shares an address with a host listed before it (lower preference): the same machine. */
export interface SharedAddress {
	readonly host: MailHost;
	/** The exchanger naming the host first, by preference. */
	readonly exchanger: MailExchanger;
	readonly first: MailHost;
	readonly firstExchanger: MailExchanger;
	readonly address: HostAddress;
}

/** The MX set of one owner. */
export interface MailDomain {
	readonly ownerKey: string;
	readonly owner: string;
	/** Every MX of the owner, by preference (stable for equal preferences). */
	readonly exchangers: readonly MailExchanger[];
	/** The owner has a null MX (RFC 7505). */
	readonly hasNullMx: boolean;
	/** Preference levels in the order senders try them, null MX excluded. */
	readonly levels: readonly DeliveryLevel[];
	/** Distinct exchange hosts (null MX excluded), in delivery order, placeholders included. */
	readonly hosts: readonly MailHost[];
	/** The first exchanger (by preference) of each host in {@link hosts}, at the same index. */
	readonly firstExchangers: readonly MailExchanger[];
	/** {@link hosts} without placeholders: the hosts that can receive mail. */
	readonly realHosts: readonly MailHost[];
	/**
	 * Machines among the real hosts: hosts sharing an address (in either family) are one server; a
	 * host no zone read here answers for counts as a server of its own (it is presumably elsewhere); a
	 * host this zone or a workspace zone answers for without addresses is none (it cannot receive mail).
	 */
	readonly servers: number;
	/** Real hosts that share an address with an earlier one, in delivery order. */
	readonly sharedAddresses: readonly SharedAddress[];
}

/** The networks of one family at the configured prefix length: key → label, e.g. `192.0.2.0/24`. */
export type FamilyNetworks = ReadonlyMap<string, string>;

export interface HostNetworks {
	readonly ipv4: FamilyNetworks;
	readonly ipv6: FamilyNetworks;
	/** The network label of each of the host's addresses, by address key. */
	readonly networkOf: ReadonlyMap<string, string>;
	/**
	 * The one name is several machines: its addresses of one family lie on different networks. One A
	 * and one AAAA are one machine with two addresses (dual stack), not redundancy.
	 */
	readonly severalMachines: boolean;
}

/** What one family of a domain looks like: the real hosts with addresses in it, and their networks. */
export interface DomainFamily {
	readonly family: AddressFamily;
	/** Real hosts with at least one typed address of this family, in delivery order. */
	readonly hosts: readonly MailHost[];
	/** Distinct addresses of those hosts. */
	readonly addresses: number;
	readonly networks: FamilyNetworks;
}

export interface DomainNetworks {
	readonly ipv4: DomainFamily;
	readonly ipv6: DomainFamily;
	/**
	 * Groups of real hosts that share fate: joined when they share an address or a network in any
	 * family. Hosts without typed addresses here are a group each. The number of independent servers.
	 */
	readonly independentGroups: number;
}

interface Cache {
	readonly hosts: Map<string, MailHost>;
	readonly domains: Map<string, MailDomain | null>;
	/** `mailDomains()` once built: every rule that reads the mail domains walks this one array. */
	all?: readonly MailDomain[];
	/** By `v4/v6` prefix pair. */
	readonly hostNetworks: Map<string, Map<string, HostNetworks>>;
	readonly domainNetworks: Map<string, Map<string, DomainNetworks>>;
}

const caches = new WeakMap<MailFacts, Cache>();

function cacheOf(facts: MailFacts): Cache {
	let cache = caches.get(facts);
	if (!cache) {
		cache = { hosts: new Map(), domains: new Map(), hostNetworks: new Map(), domainNetworks: new Map() };
		caches.set(facts, cache);
	}
	return cache;
}

/** The host `key` (a name key) as the model sees it; `name` is used when it is first asked for. */
export function mailHost(model: ZoneModel, key: string, name: string): MailHost {
	const facts = mailFacts(model);
	const cache = cacheOf(facts);
	let host = cache.hosts.get(key);
	if (host) return host;
	const inZone = isInZone(facts, key);
	// This zone answers for its own names, except below a delegation whose child zone the workspace has.
	const lookedUp = model.workspace && (!inZone || isDelegated(facts, key)) ? model.workspace.lookup(key, facts.apexKey) : undefined;
	const answer = lookedUp !== undefined && !lookedUp.delegated ? lookedUp : undefined;
	const records = answer ? [] : addressRecords(facts, key);
	const ipv4: HostAddress[] = [];
	const ipv6: HostAddress[] = [];
	const seen = new Set<string>();
	for (const record of records) {
		const text = addressOf(record);
		if (text === undefined) continue;
		const addressKeyText = addressKey(text);
		if (seen.has(addressKeyText)) continue;
		seen.add(addressKeyText);
		(record.type === TypeCode.AAAA ? ipv6 : ipv4).push({ record, text, key: addressKeyText });
	}
	for (const address of answer?.name?.addresses ?? []) {
		if (seen.has(address.key)) continue;
		seen.add(address.key);
		(address.family === 'IPv6' ? ipv6 : ipv4).push({ elsewhere: address.at, text: address.text, key: address.key });
	}
	host = {
		key,
		name,
		inZone,
		isPlaceholder: isPlaceholderKey(key),
		source: answer ? 'workspace' : inZone ? 'zone' : 'unknown',
		workspace: answer,
		records,
		ipv4,
		ipv6,
	};
	cache.hosts.set(key, host);
	return host;
}

/** The mail domain of an owner key, or `undefined` when the owner has no MX records. */
export function mailDomain(model: ZoneModel, ownerKey: string): MailDomain | undefined {
	const facts = mailFacts(model);
	const cache = cacheOf(facts);
	const cached = cache.domains.get(ownerKey);
	if (cached !== undefined) return cached ?? undefined;
	const exchangers = facts.exchangersByOwner.get(ownerKey);
	const domain = exchangers && exchangers.length > 0 ? buildDomain(model, ownerKey, exchangers) : undefined;
	cache.domains.set(ownerKey, domain ?? null);
	return domain;
}

/** Mail domains built, or their networks found, between two pauses of the steps below: a few milliseconds of work. */
const DOMAINS_PER_STEP = 256;

/** Every mail domain of the model, in order of first MX. */
export function mailDomains(model: ZoneModel): readonly MailDomain[] {
	return finish(mailDomainsInSteps(model));
}

/**
 * {@link mailDomains} as steps: the mail facts in steps (see mailFactsInSteps), then a pause after
 * every {@link DOMAINS_PER_STEP} domains (at once when the model's are known).
 */
export function* mailDomainsInSteps(model: ZoneModel): Steps<readonly MailDomain[]> {
	const facts = yield* mailFactsInSteps(model);
	const cache = cacheOf(facts);
	if (cache.all) return cache.all;
	const all: MailDomain[] = [];
	let built = 0;
	for (const ownerKey of facts.exchangersByOwner.keys()) {
		if (++built % DOMAINS_PER_STEP === 0) yield;
		const domain = mailDomain(model, ownerKey);
		if (domain) all.push(domain);
	}
	cache.all = all;
	return all;
}

/**
 * The networks of every mail domain and of each of its real hosts at these prefix lengths (see
 * {@link hostNetworks}, {@link domainNetworks}), found ahead of the rules that ask for them, in steps:
 * a pause after every {@link DOMAINS_PER_STEP} domains.
 */
export function* mailNetworksInSteps(model: ZoneModel, prefixV4: number, prefixV6: number): Steps<void> {
	const domains = yield* mailDomainsInSteps(model);
	for (let i = 0; i < domains.length; i++) {
		if (i % DOMAINS_PER_STEP === DOMAINS_PER_STEP - 1) yield;
		for (const host of domains[i].realHosts) hostNetworks(model, host, prefixV4, prefixV6);
		domainNetworks(model, domains[i], prefixV4, prefixV6);
	}
}

/** The mail-model parts already made for this model: what a rule's `check` found ready (for tests of `Rule.reads`). */
export function mailPartsMade(model: ZoneModel): { readonly facts: boolean; readonly domains: boolean; readonly networks: boolean } {
	const facts = mailFactsIfMade(model);
	const cache = facts && caches.get(facts);
	return {
		facts: facts !== undefined,
		domains: cache !== undefined && (cache.domains.size > 0 || cache.hosts.size > 0),
		networks: cache !== undefined && (cache.hostNetworks.size > 0 || cache.domainNetworks.size > 0),
	};
}

function buildDomain(model: ZoneModel, ownerKey: string, exchangers: readonly MailExchanger[]): MailDomain {
	const levels: { preference: number; rank: number; exchangers: MailExchanger[] }[] = [];
	const hosts: MailHost[] = [];
	const firstExchangers: MailExchanger[] = [];
	const realHosts: MailHost[] = [];
	const seen = new Set<string>();
	let hasNullMx = false;
	for (const mx of exchangers) {
		if (mx.isNull) {
			hasNullMx = true;
			continue;
		}
		const last = levels.length === 0 ? undefined : levels[levels.length - 1];
		if (last && last.preference === mx.preference) last.exchangers.push(mx);
		else levels.push({ preference: mx.preference, rank: levels.length + 1, exchangers: [mx] });
		if (seen.has(mx.exchangeKey)) continue;
		seen.add(mx.exchangeKey);
		const host = mailHost(model, mx.exchangeKey, mx.exchange);
		hosts.push(host);
		firstExchangers.push(mx);
		if (!host.isPlaceholder) realHosts.push(host);
	}

	let servers = 0;
	const counted: boolean[] = [];
	let withAddresses = 0;
	for (let i = 0; i < hosts.length; i++) {
		const host = hosts[i];
		counted.push(false);
		if (host.isPlaceholder) continue;
		if (!hasAddresses(host)) {
			// Nobody readable answers for it: assume another server. A zone that answers without an address: none.
			if (host.source === 'unknown') servers++;
			continue;
		}
		counted[i] = true;
		withAddresses++;
	}
	// One host with addresses shares them with nobody: nothing to join, and its addresses are not
	// walked (a host with 100,000 addresses may be the one exchanger of 100,000 owners).
	const shared = withAddresses > 1 ? sharedServers(hosts, counted, firstExchangers) : { servers: withAddresses, sharedAddresses: [] };
	servers += shared.servers;
	const { sharedAddresses } = shared;

	return {
		ownerKey,
		owner: exchangers[0].record.owner,
		exchangers,
		hasNullMx,
		levels,
		hosts,
		firstExchangers,
		realHosts,
		servers,
		sharedAddresses,
	};
}

/** Servers among the `counted` hosts (those with addresses): hosts that share an address are joined, in delivery order. */
function sharedServers(
	hosts: readonly MailHost[],
	counted: readonly boolean[],
	firstExchangers: readonly MailExchanger[],
): { servers: number; sharedAddresses: SharedAddress[] } {
	const groups = new UnionFind(hosts.length);
	const holder = new Map<string, number>();
	const sharedAddresses: SharedAddress[] = [];
	for (let i = 0; i < hosts.length; i++) {
		if (!counted[i]) continue;
		const host = hosts[i];
		let shared: SharedAddress | undefined;
		for (const family of [host.ipv4, host.ipv6]) {
			for (const address of family) {
				const first = holder.get(address.key);
				if (first === undefined) {
					holder.set(address.key, i);
					continue;
				}
				groups.union(first, i);
				shared ??= { host, exchanger: firstExchangers[i], first: hosts[first], firstExchanger: firstExchangers[first], address };
			}
		}
		if (shared) sharedAddresses.push(shared);
	}
	let servers = 0;
	for (let i = 0; i < hosts.length; i++) if (counted[i] && groups.find(i) === i) servers++;
	return { servers, sharedAddresses };
}

/** The networks of a host's addresses per family, at the given prefix lengths, computed once per host. */
export function hostNetworks(model: ZoneModel, host: MailHost, prefixV4: number, prefixV6: number): HostNetworks {
	const cache = cacheOf(mailFacts(model));
	const byHost = innerMap(cache.hostNetworks, `${prefixV4}/${prefixV6}`);
	let networks = byHost.get(host.key);
	if (!networks) {
		const networkOf = new Map<string, string>();
		const ipv4 = familyNetworks(host.ipv4, prefixV4, prefixV6, networkOf);
		const ipv6 = familyNetworks(host.ipv6, prefixV4, prefixV6, networkOf);
		// Several networks in ONE family is several machines behind one name; one network per family is
		// one dual-stack machine (its A and AAAA records are two ways to reach the same server).
		networks = { ipv4, ipv6, networkOf, severalMachines: ipv4.size > 1 || ipv6.size > 1 };
		byHost.set(host.key, networks);
	}
	return networks;
}

function familyNetworks(
	addresses: readonly HostAddress[],
	prefixV4: number,
	prefixV6: number,
	networkOf: Map<string, string>,
): Map<string, string> {
	const networks = new Map<string, string>();
	for (const address of addresses) {
		const key = networkKey(address.text, prefixV4, prefixV6);
		if (key === undefined) continue;
		let label = networks.get(key);
		if (label === undefined) {
			label = networkLabel(address.text, prefixV4, prefixV6);
			networks.set(key, label);
		}
		networkOf.set(address.key, label);
	}
	return networks;
}

/** The networks of a domain's real hosts per family, and how many independent groups they form. */
export function domainNetworks(model: ZoneModel, domain: MailDomain, prefixV4: number, prefixV6: number): DomainNetworks {
	const cache = cacheOf(mailFacts(model));
	const byOwner = innerMap(cache.domainNetworks, `${prefixV4}/${prefixV6}`);
	let found = byOwner.get(domain.ownerKey);
	if (found) return found;

	const hosts = domain.realHosts;
	if (hosts.length === 1) {
		found = singleHostNetworks(hostNetworks(model, hosts[0], prefixV4, prefixV6), hosts[0]);
		byOwner.set(domain.ownerKey, found);
		return found;
	}
	const groups = new UnionFind(hosts.length);
	// Address keys and network keys cannot collide: network keys carry a family prefix (`4/24:`).
	const holder = new Map<string, number>();
	const join = (key: string, index: number): void => {
		const first = holder.get(key);
		if (first === undefined) holder.set(key, index);
		else groups.union(first, index);
	};
	const v4 = { hosts: [] as MailHost[], addresses: new Set<string>(), networks: new Map<string, string>() };
	const v6 = { hosts: [] as MailHost[], addresses: new Set<string>(), networks: new Map<string, string>() };
	for (let i = 0; i < hosts.length; i++) {
		const host = hosts[i];
		const networks = hostNetworks(model, host, prefixV4, prefixV6);
		for (const [family, addresses, nets] of [
			[v4, host.ipv4, networks.ipv4],
			[v6, host.ipv6, networks.ipv6],
		] as const) {
			if (addresses.length === 0) continue;
			family.hosts.push(host);
			for (const address of addresses) {
				family.addresses.add(address.key);
				join('a:' + address.key, i);
			}
			for (const [key, label] of nets) {
				if (!family.networks.has(key)) family.networks.set(key, label);
				join(key, i);
			}
		}
	}
	let independentGroups = 0;
	for (let i = 0; i < hosts.length; i++) {
		const host = hosts[i];
		// A host a zone here answers for without addresses receives no mail; an unknown host counts as one group.
		if (host.ipv4.length === 0 && host.ipv6.length === 0 && host.source !== 'unknown') continue;
		if (groups.find(i) === i) independentGroups++;
	}
	found = {
		ipv4: { family: 'IPv4', hosts: v4.hosts, addresses: v4.addresses.size, networks: v4.networks },
		ipv6: { family: 'IPv6', hosts: v6.hosts, addresses: v6.addresses.size, networks: v6.networks },
		independentGroups,
	};
	byOwner.set(domain.ownerKey, found);
	return found;
}

/**
 * The networks of a domain with one real host: that host's own, without a walk over its addresses
 * per domain (one host can be the exchanger of every owner, and have thousands of addresses).
 */
function singleHostNetworks(networks: HostNetworks, host: MailHost): DomainNetworks {
	const family = (name: AddressFamily, addresses: readonly HostAddress[], nets: FamilyNetworks): DomainFamily => ({
		family: name,
		hosts: addresses.length > 0 ? [host] : [],
		// The host's addresses are distinct already (mailHost drops repeats).
		addresses: addresses.length,
		networks: nets,
	});
	const receives = host.ipv4.length > 0 || host.ipv6.length > 0 || host.source === 'unknown';
	return {
		ipv4: family('IPv4', host.ipv4, networks.ipv4),
		ipv6: family('IPv6', host.ipv6, networks.ipv6),
		independentGroups: receives ? 1 : 0,
	};
}

/** Disjoint sets over 0…n-1, by index. */
class UnionFind {
	readonly #parent: Int32Array;

	constructor(size: number) {
		this.#parent = new Int32Array(size);
		for (let i = 0; i < size; i++) this.#parent[i] = i;
	}

	find(index: number): number {
		let root = index;
		while (this.#parent[root] !== root) root = this.#parent[root];
		// Path compression keeps later finds short.
		for (let i = index; this.#parent[i] !== root;) {
			const next = this.#parent[i];
			this.#parent[i] = root;
			i = next;
		}
		return root;
	}

	/** Joins the sets of `a` and `b`; the earlier index stays the root (the first host by preference). */
	union(a: number, b: number): void {
		const rootA = this.find(a);
		const rootB = this.find(b);
		if (rootA === rootB) return;
		if (rootA < rootB) this.#parent[rootB] = rootA;
		else this.#parent[rootA] = rootB;
	}
}

/** The map kept under `key` (one per prefix pair), made on first use. */
function innerMap<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
	let inner = outer.get(key);
	if (!inner) {
		inner = new Map();
		outer.set(key, inner);
	}
	return inner;
}
