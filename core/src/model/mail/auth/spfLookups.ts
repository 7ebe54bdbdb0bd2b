/** The DNS lookups an SPF record costs, following the `include:` and `redirect=` targets this zone holds. */
import { fullyQualified, nameKey } from '../../domainName';
import type { ZoneModel } from '../../zoneModel';
import { mailAuthRecords } from './authRecords';
import { SPF_LOOKUP_TERMS, type SpfRecord, type SpfTerm } from './spf';

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
	const records = mailAuthRecords(model).spf;
	const lookups: SpfLookup[] = [];
	const external: string[] = [];
	const visited = new Set<SpfRecord>([record]);
	const walk = (current: SpfRecord): void => {
		for (const term of current.terms) {
			if (term.error || !SPF_LOOKUP_TERMS.has(term.name) || (term.kind === 'modifier' && term.name !== 'redirect')) continue;
			lookups.push({ term, record: current });
			if ((term.name !== 'include' && term.name !== 'redirect') || term.domain === undefined || term.domain.includes('%')) continue;
			const target = records.get(nameKey(fullyQualified(term.domain)));
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
