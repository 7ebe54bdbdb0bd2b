/**
 * `spfMissesMailExchanger`: the SPF record of a mail domain would not pass mail sent from one of
 * the domain's own exchangers (a backup relaying or sending bounces as the domain), because none of
 * its pass terms (`mx`, `a`, `ip4:`/`ip6:`, includes of this zone or of another zone of the
 * workspace) covers the exchanger's address. Only said when the record can be evaluated from the
 * zone and the workspace: an `include:` of a zone not there,
 * `exists` or `ptr`, or a macro leaves the answer unknown, and then nothing is reported.
 *
 * Bad:  `@ MX 10 mx1`, `@ MX 20 backup`, `@ TXT "v=spf1 a:mx1.example.com -all"`
 * Good: `@ TXT "v=spf1 mx -all"`
 */
import { fullyQualified, nameKey } from '../model/domainName';
import { inNetwork, networkKey } from '../model/ipNetwork';
import { type HostAddress, type MailHost, mailDomain, mailDomains, mailHost } from '../model/mail/mailDomain';
import { isInZone, mailFacts } from '../model/mail/mailExchangers';
import type { SpfQualifier, SpfTerm } from '../model/mail/auth/spf';
import { type SpfSource, spfTarget } from '../model/mail/auth/spfLookups';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { fieldSpan, recordSpan, type ZoneModel } from '../model/zoneModel';
import type { Rule } from './rule';

/** Include and redirect depth followed; deeper is permerror for receivers anyway (10 lookups). */
const MAX_DEPTH = 10;

type Verdict = SpfQualifier | 'neutral' | 'unknown';

export const spfMissesMailExchanger: Rule = {
	id: 'spfMissesMailExchanger',
	defaultLevel: 'information',
	description: "A mail domain's SPF record would not pass mail sent from one of its own exchangers (a backup relaying, bounces).",
	reference: 'RFC 7208 §5',
	reads: ['mailAuthRecords', 'mailDomains'],
	check(context) {
		const { model } = context;
		const records = mailAuthRecords(model).spf;
		for (const domain of mailDomains(model)) {
			const spf = records.get(domain.ownerKey);
			if (!spf || spf.length !== 1 || spf[0].terms.some((term) => term.error)) continue;
			for (let i = 0; i < domain.hosts.length; i++) {
				const host = domain.hosts[i];
				if (host.isPlaceholder) continue;
				for (const address of [...host.ipv4, ...host.ipv6]) {
					const verdict = evaluate(model, spf[0].terms, domain.ownerKey, address, 0);
					if (verdict === '+' || verdict === 'unknown') continue;
					const mx = domain.firstExchangers[i];
					const result = verdict === '-' ? 'fails' : verdict === '~' ? 'soft-fails' : 'is neutral';
					context.report({
						...fieldSpan(model, mx.record, mx.record.rdataField + 1),
						message: `SPF of ${domain.owner} ${result} for ${address.text}, the address of its mail exchanger ${host.name}: mail that exchanger sends as ${domain.owner} (relayed mail, bounces) may be refused. Add 'mx' (or ip4:/ip6: for it) to the SPF record.`,
						related: [{ ...recordSpan(spf[0].txt.record), message: 'the SPF record' }],
					});
					break;
				}
			}
		}
	},
};

/** RFC 7208 §4.6: the first matching mechanism decides; then `redirect=`; else neutral. */
function evaluate(model: ZoneModel, terms: readonly SpfTerm[], ownerKey: string, address: HostAddress, depth: number): Verdict {
	if (depth > MAX_DEPTH) return 'unknown';
	for (const term of terms) {
		if (term.kind !== 'mechanism') continue;
		const match = matches(model, term, ownerKey, address, depth);
		if (match === 'unknown') return 'unknown';
		if (match) return term.qualifier;
	}
	const redirect = terms.find((term) => term.kind === 'modifier' && term.name === 'redirect');
	if (redirect?.domain === undefined) return 'neutral';
	const target = followed(model, redirect.domain);
	return target ? evaluate(model, target.terms, target.key, address, depth + 1) : 'unknown';
}

function matches(model: ZoneModel, term: SpfTerm, ownerKey: string, address: HostAddress, depth: number): boolean | 'unknown' {
	if (term.domain?.includes('%')) return 'unknown';
	const domainKey = term.domain === undefined ? ownerKey : nameKey(fullyQualified(term.domain));
	switch (term.name) {
		case 'all':
			return true;
		case 'ip4':
		case 'ip6': {
			const slash = term.value!.lastIndexOf('/');
			const network = slash === -1 ? term.value! : term.value!.slice(0, slash);
			return inNetwork(address.text, network, term.name === 'ip4' ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128));
		}
		case 'a':
			return inAddresses(model, domainKey, address, term);
		case 'mx': {
			const mail = mailDomain(model, domainKey);
			if (!mail) return isInZone(mailFacts(model), domainKey) ? false : 'unknown';
			const networks = knownNetworks(model, 'mx', domainKey, term, () => mail.realHosts);
			if (covers(networks, address, term)) return true;
			return networks.unknown ? 'unknown' : false;
		}
		case 'include': {
			const target = followed(model, term.domain!);
			if (!target) return 'unknown';
			// include matches when the included record passes (RFC 7208 §5.2).
			const verdict = evaluate(model, target.terms, target.key, address, depth + 1);
			return verdict === 'unknown' ? 'unknown' : verdict === '+';
		}
		default:
			// exists and ptr need DNS queries this tool does not make.
			return 'unknown';
	}
}

/** Whether the address lies within the prefix of one of the name's known addresses (`a` and `mx` with /cidr). */
function inAddresses(model: ZoneModel, key: string, address: HostAddress, term: SpfTerm): boolean | 'unknown' {
	const networks = knownNetworks(model, 'a', key, term, () => [mailHost(model, key, key)]);
	if (networks.unknown) return 'unknown';
	return covers(networks, address, term);
}

/** The networks of some hosts' addresses at a term's prefix lengths, and whether one host is not known here. */
interface KnownNetworks {
	readonly keys: ReadonlySet<string>;
	readonly unknown: boolean;
}

const networkCaches = new WeakMap<ZoneModel, Map<string, KnownNetworks>>();

/**
 * The networks `a` or `mx` of `key` covers at the term's prefix lengths, gathered once per model: each
 * address of an exchanger is checked against them, and one owner can have 100,000 exchangers, so
 * comparing each address with every host's addresses made this rule quadratic.
 */
function knownNetworks(
	model: ZoneModel,
	mechanism: 'a' | 'mx',
	key: string,
	term: SpfTerm,
	hosts: () => readonly MailHost[],
): KnownNetworks {
	let cache = networkCaches.get(model);
	if (!cache) {
		cache = new Map();
		networkCaches.set(model, cache);
	}
	const cacheKey = `${mechanism} ${term.cidr4 ?? 32} ${term.cidr6 ?? 128} ${key}`;
	let found = cache.get(cacheKey);
	if (!found) {
		const keys = new Set<string>();
		let unknown = false;
		for (const host of hosts()) {
			if (host.source === 'unknown') unknown = true;
			else
				for (const own of [...host.ipv4, ...host.ipv6]) {
					const ownKey = networkKeyOf(own, term);
					if (ownKey !== undefined) keys.add(ownKey);
				}
		}
		found = { keys, unknown };
		cache.set(cacheKey, found);
	}
	return found;
}

/** The network of an address at the term's prefix length for its family (`inNetwork`'s comparison). */
function networkKeyOf(address: HostAddress, term: SpfTerm): string | undefined {
	return networkKey(address.text, term.cidr4 ?? 32, term.cidr6 ?? 128);
}

/** True when the address lies in one of the networks (an address with no network key lies in none). */
function covers(networks: KnownNetworks, address: HostAddress, term: SpfTerm): boolean {
	const key = networkKeyOf(address, term);
	return key !== undefined && networks.keys.has(key);
}

/** The SPF record this zone or another zone of the workspace holds at `domain`, or `undefined` (then the answer is not known here). */
function followed(model: ZoneModel, domain: string): SpfSource | undefined {
	const target = spfTarget(model, domain);
	return target.kind === 'zone' || target.kind === 'workspace' ? target : undefined;
}
