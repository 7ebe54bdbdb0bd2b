/**
 * The SPF records of a zone by owner, parsed once per model and shared by the SPF rules and the
 * TXT hover; and the DNS lookups an SPF record costs, following `include:` and `redirect=` targets
 * that this zone holds.
 */
import { nameKey } from '../../domainName';
import { TypeCode } from '../../rrTypes/typeCodes';
import type { ZoneModel } from '../../zoneModel';
import { isSpfText, parseSpf, SPF_LOOKUP_TERMS, type SpfRecord, type SpfTerm } from './spf';
import { txtText } from './txtText';

const cache = new WeakMap<ZoneModel, ReadonlyMap<string, readonly SpfRecord[]>>();

/** `v=spf1` TXT records by owner key, in file order. */
export function spfRecords(model: ZoneModel): ReadonlyMap<string, readonly SpfRecord[]> {
	let found = cache.get(model);
	if (found) return found;
	const byOwner = new Map<string, SpfRecord[]>();
	for (const record of model.records) {
		if (record.type !== TypeCode.TXT) continue;
		const txt = txtText(model, record);
		if (!txt || !isSpfText(txt.text)) continue;
		const list = byOwner.get(record.ownerKey);
		if (list) list.push(parseSpf(txt));
		else byOwner.set(record.ownerKey, [parseSpf(txt)]);
	}
	found = byOwner;
	cache.set(model, found);
	return found;
}

/** One term that costs a lookup, and the record it is in (the one asked about, or one it includes). */
export interface SpfLookup {
	readonly term: SpfTerm;
	readonly record: SpfRecord;
}

export interface SpfLookupCount {
	/** In evaluation order. */
	readonly lookups: readonly SpfLookup[];
	/** Targets outside this zone: each counted as the one lookup that fetches it, though it may cost more. */
	readonly external: readonly string[];
}

/** The lookups evaluating `record` costs, into in-zone `include:`/`redirect=` targets (each target once: a loop is permerror anyway). */
export function spfLookups(model: ZoneModel, record: SpfRecord): SpfLookupCount {
	const records = spfRecords(model);
	const lookups: SpfLookup[] = [];
	const external: string[] = [];
	const visited = new Set<SpfRecord>([record]);
	const walk = (current: SpfRecord): void => {
		for (const term of current.terms) {
			if (term.error || !SPF_LOOKUP_TERMS.has(term.name) || (term.kind === 'modifier' && term.name !== 'redirect')) continue;
			lookups.push({ term, record: current });
			if ((term.name !== 'include' && term.name !== 'redirect') || term.domain === undefined || term.domain.includes('%')) continue;
			const target = records.get(nameKey(term.domain.endsWith('.') ? term.domain : term.domain + '.'));
			if (!target || target.length !== 1) {
				if (!target) external.push(term.domain);
				continue;
			}
			if (visited.has(target[0])) continue;
			visited.add(target[0]);
			walk(target[0]);
		}
	};
	walk(record);
	return { lookups, external };
}
