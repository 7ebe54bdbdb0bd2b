/**
 * The DNS lookups an SPF record costs, counted as receivers count them (RFC 7208 §4.6.4: each
 * `include`, `a`, `mx`, `ptr`, `exists` and `redirect` is one), following the `include:` and
 * `redirect=` targets this zone holds and those another zone of the workspace holds.
 */
import { fullyQualified, isSubdomainKey, nameKey } from '../../domainName';
import { ownerIndex } from '../../recordIndex';
import { TypeCode } from '../../rrTypes/typeCodes';
import type { ResourceRecord, ZoneModel } from '../../zoneModel';
import { type WorkspaceLocation, type WorkspaceTxt, workspaceTextLocation } from '../../workspace/workspaceIndex';
import { dnameAbove, isDelegated, isInZone, mailFacts } from '../mailExchangers';
import { mailAuthRecords } from './authRecords';
import { parseSpfTerms, SPF_LOOKUP_TERMS, SPF_MAX_LOOKUPS, type SpfRecord, type SpfTerm } from './spf';

/** An SPF record a target resolves to: one of this zone, or one of another zone of the workspace. */
export type SpfSource =
	| { readonly kind: 'zone'; readonly key: string; readonly record: SpfRecord; readonly terms: readonly SpfTerm[] }
	| {
			readonly kind: 'workspace';
			readonly key: string;
			readonly apex: string;
			readonly txt: WorkspaceTxt;
			readonly terms: readonly SpfTerm[];
	  };

/**
 * What an `include:`/`redirect=` target is here: an SPF record to follow; `unpublished` when a zone
 * here holds the name and has no SPF record there (receivers return permerror) or two (also
 * permerror, reported by spfMultipleRecords there); `external` when no zone here answers for it.
 */
export type SpfTarget =
	SpfSource | { readonly kind: 'unpublished'; readonly key: string } | { readonly kind: 'external'; readonly key: string };

/** One term that costs a lookup, the record it is in, and the chain of includes that led there. */
export interface SpfLookup {
	readonly term: SpfTerm;
	readonly source: SpfSource;
	/** The `include:`/`redirect=` lookups that led to {@link source}, outermost first; empty in the record asked about. */
	readonly via: readonly SpfLookup[];
}

export interface SpfLookupCount {
	/** In evaluation order; a target included twice is counted twice, as receivers evaluate it twice. */
	readonly lookups: readonly SpfLookup[];
	/** Targets no zone here holds: each counted as the one lookup that fetches it, though it may cost more. */
	readonly external: readonly string[];
	/** Targets a zone here holds without one SPF record there: receivers return permerror when they reach them. */
	readonly unpublished: readonly string[];
	/** An include:/redirect= that leads back to a record on its own chain: receivers go round until the limit. */
	readonly loop: SpfLookup | undefined;
	/**
	 * Lookups known to get no answer (RFC 7208 §4.6.4 "void lookups"): `a`, `mx` or `exists` of a
	 * name that this zone or another zone of the workspace holds without records of that type.
	 * Receivers return permerror after {@link SPF_MAX_VOID_LOOKUPS}.
	 */
	readonly voids: readonly SpfLookup[];
}

/** Void lookups receivers allow (RFC 7208 §4.6.4: SHOULD limit to two). */
export const SPF_MAX_VOID_LOOKUPS = 2;

/** Counting stops past this many lookups: every record that far is permerror, and includes that fan out must not run away. */
const MAX_COUNTED_LOOKUPS = 10 * SPF_MAX_LOOKUPS;

const workspaceTerms = new WeakMap<WorkspaceTxt, readonly SpfTerm[]>();

/** What `domain` (an include or redirect target, as written) is from this zone. */
export function spfTarget(model: ZoneModel, domain: string): SpfTarget {
	const key = nameKey(fullyQualified(domain));
	const facts = mailFacts(model);
	if (isInZone(facts, key) && !isDelegated(facts, key)) {
		const found = mailAuthRecords(model).spf.get(key);
		if (found?.length === 1) return { kind: 'zone', key, record: found[0], terms: found[0].terms };
		// A fragment read alone holds only part of the zone: what it lacks may be in the rest.
		return { kind: model.includedAt === undefined ? 'unpublished' : 'external', key };
	}
	const answer = model.workspace?.lookup(key, facts.apexKey);
	if (!answer || answer.delegated || answer.dnameAbove) return { kind: 'external', key };
	const found = answer.zone.spf.get(key);
	if (found?.length === 1) {
		const txt = found[0];
		let terms = workspaceTerms.get(txt);
		if (!terms) {
			terms = parseSpfTerms(txt.text);
			workspaceTerms.set(txt, terms);
		}
		return { kind: 'workspace', key, apex: answer.zone.apex, txt, terms };
	}
	return found === undefined && answer.zone.spfTruncated ? { kind: 'external', key } : { kind: 'unpublished', key };
}

/** The lookups evaluating `record` costs, into the `include:`/`redirect=` targets the zone and the workspace hold. */
export function spfLookups(model: ZoneModel, record: SpfRecord): SpfLookupCount {
	const lookups: SpfLookup[] = [];
	const external: string[] = [];
	const unpublished: string[] = [];
	const voids: SpfLookup[] = [];
	let loop: SpfLookup | undefined;
	// The records on the current chain (not every record seen: one included twice is evaluated twice).
	const chain = new Set<SpfRecord | WorkspaceTxt>([record]);
	const walk = (source: SpfSource, via: readonly SpfLookup[]): void => {
		for (const term of source.terms) {
			if (lookups.length > MAX_COUNTED_LOOKUPS) return;
			if (term.error || !SPF_LOOKUP_TERMS.has(term.name) || (term.kind === 'modifier' && term.name !== 'redirect')) continue;
			const lookup: SpfLookup = { term, source, via };
			lookups.push(lookup);
			if (isVoidLookup(model, term, source.key)) voids.push(lookup);
			if ((term.name !== 'include' && term.name !== 'redirect') || term.domain === undefined || term.domain.includes('%')) continue;
			const target = spfTarget(model, term.domain);
			if (target.kind === 'external' || target.kind === 'unpublished') {
				(target.kind === 'external' ? external : unpublished).push(term.domain);
				continue;
			}
			const identity = target.kind === 'zone' ? target.record : target.txt;
			if (chain.has(identity)) {
				loop ??= lookup;
				continue;
			}
			chain.add(identity);
			walk(target, [...via, lookup]);
			chain.delete(identity);
		}
	};
	walk({ kind: 'zone', key: record.txt.record.ownerKey, record, terms: record.terms }, []);
	return { lookups, external, unpublished, loop, voids };
}

/**
 * True when the query of an `a`, `mx` or `exists` term certainly gets no answer here: its name (the
 * term's, else the domain whose record it is) is in this zone or another zone of the workspace, not
 * delegated nor under a DNAME, has no records of the type asked (A/AAAA, MX) and no CNAME, and no
 * wildcard of the zone could answer for it. Anything less certain is not void.
 */
function isVoidLookup(model: ZoneModel, term: SpfTerm, domainKey: string): boolean {
	if (term.kind !== 'mechanism' || (term.name !== 'a' && term.name !== 'mx' && term.name !== 'exists')) return false;
	if (term.domain?.includes('%')) return false;
	const key = term.domain === undefined ? domainKey : nameKey(fullyQualified(term.domain));
	const facts = mailFacts(model);
	if (isInZone(facts, key)) {
		if (isDelegated(facts, key) || dnameAbove(facts, key)) return false;
		const owners = ownerIndex(model);
		const answers = (record: ResourceRecord): boolean =>
			record.type === TypeCode.CNAME ||
			(term.name === 'mx' ? record.type === TypeCode.MX : record.type === TypeCode.A || record.type === TypeCode.AAAA);
		if ((owners.get(key) ?? []).some(answers)) return false;
		return !ancestorsWithin(key, facts.apexKey!).some((ancestor) => owners.get(`*.${ancestor}`) !== undefined);
	}
	// Another zone's facts hold addresses and aliases, not MX records: only `a` and `exists` can be judged there.
	if (term.name === 'mx') return false;
	const answer = model.workspace?.lookup(key, facts.apexKey);
	if (!answer || answer.delegated || answer.dnameAbove) return false;
	if (answer.name && (answer.name.addresses.length > 0 || answer.name.cname)) return false;
	return !ancestorsWithin(key, answer.zone.apexKey).some((ancestor) => answer.zone.names.has(`*.${ancestor}`));
}

/** The names from `key`'s parent up to `apexKey`, where a wildcard could stand for `key`. */
function ancestorsWithin(key: string, apexKey: string): string[] {
	const found: string[] = [];
	for (let name = key; name !== apexKey && isSubdomainKey(name, apexKey);) {
		const dot = name.indexOf('.');
		if (dot === -1 || dot === name.length - 1) break;
		name = name.slice(dot + 1);
		found.push(name);
	}
	return found;
}

/** Where a lookup's term is written: in this zone (the record and the term's characters) or in another zone's file. */
export function spfTermPlace(lookup: SpfLookup): { readonly record: SpfRecord } | { readonly elsewhere: WorkspaceLocation } {
	const { source, term } = lookup;
	return source.kind === 'zone' ? { record: source.record } : { elsewhere: workspaceTextLocation(source.txt, term.from, term.to) };
}

/** The lookup's term as written (`a:mail.example.org`). */
export function spfTermText(lookup: SpfLookup): string {
	const text = lookup.source.kind === 'zone' ? lookup.source.record.txt.text : lookup.source.txt.text;
	return text.slice(lookup.term.from, lookup.term.to);
}

/** The chain that led to a lookup, for a message: `via include:_spf.example.net (from the zone example.net.)`. */
export function spfChainText(lookup: SpfLookup): string {
	if (lookup.via.length === 0) return '';
	const hops = lookup.via.map((hop, i) => {
		const written = `${hop.term.name}${hop.term.name === 'include' ? ':' : '='}${hop.term.domain ?? ''}`;
		// The record this hop fetched: the next hop's, or the lookup's own.
		const fetched = (lookup.via[i + 1] ?? lookup).source;
		return fetched.kind === 'workspace' ? `${written} (from the zone ${fetched.apex})` : written;
	});
	return `via ${hops.join(', then ')}`;
}
