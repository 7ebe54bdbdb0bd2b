/**
 * Records grouped by owner, built once per model and shared by every rule and feature. A zone can
 * have hundreds of thousands of owners, so groups are kept as linked record indices (two typed
 * arrays and one map), and an owner's records are listed only when asked for.
 */
import type { ResourceRecord, ZoneModel } from './zoneModel';

export class OwnerIndex {
	/** Owner key → index of its first record. */
	readonly #first = new Map<string, number>();
	/** Index of the next record with the same owner, or -1. */
	readonly #next: Int32Array;

	constructor(private readonly records: readonly ResourceRecord[]) {
		this.#next = new Int32Array(records.length).fill(-1);
		const last = new Int32Array(records.length);
		// Records of one owner usually follow each other (blank owners), so remember the last group.
		let lastKey: string | undefined;
		let lastFirst = -1;
		for (let i = 0; i < records.length; i++) {
			const key = records[i].ownerKey;
			const first = key === lastKey ? lastFirst : this.#first.get(key);
			lastKey = key;
			if (first === undefined) {
				this.#first.set(key, i);
				last[i] = i;
				lastFirst = i;
			} else {
				lastFirst = first;
				this.#next[last[first]] = i;
				last[first] = i;
			}
		}
	}

	/** Number of distinct owners. */
	get size(): number {
		return this.#first.size;
	}

	has(ownerKey: string): boolean {
		return this.#first.has(ownerKey);
	}

	/** The records of one owner in file order, or `undefined` when the zone has none. */
	get(ownerKey: string): ResourceRecord[] | undefined {
		const first = this.#first.get(ownerKey);
		return first === undefined ? undefined : this.#collect(first);
	}

	/**
	 * Index (in the model's records) of the owner's first record, or -1; {@link nextIndex} walks on.
	 * For questions asked of many names, such as "has it an address?": no array per name.
	 */
	firstIndex(ownerKey: string): number {
		return this.#first.get(ownerKey) ?? -1;
	}

	/** Index of the next record of the same owner after record `index`, or -1. */
	nextIndex(index: number): number {
		return this.#next[index];
	}

	/** Each owner's first record, in order of first appearance, without listing the rest. */
	*firstRecords(): IterableIterator<ResourceRecord> {
		for (const first of this.#first.values()) yield this.records[first];
	}

	/** Every owner's records, in order of first appearance. */
	*values(): IterableIterator<ResourceRecord[]> {
		for (const first of this.#first.values()) yield this.#collect(first);
	}

	#collect(first: number): ResourceRecord[] {
		const group: ResourceRecord[] = [];
		for (let i = first; i !== -1; i = this.#next[i]) group.push(this.records[i]);
		return group;
	}
}

const cache = new WeakMap<ZoneModel, OwnerIndex>();

/** The owner index of a model, built on first use. */
export function ownerIndex(model: ZoneModel): OwnerIndex {
	let index = cache.get(model);
	if (!index) {
		index = new OwnerIndex(model.records);
		cache.set(model, index);
	}
	return index;
}

/** Consecutive records of one owner written in the main file, e.g. `www A …` and its blank-owner `AAAA` line. */
export interface OwnerRun {
	readonly ownerKey: string;
	/** In file order; never empty. */
	readonly records: readonly ResourceRecord[];
}

/**
 * The owner runs of the main file (file 0) in file order. A run ends where the owner changes, where
 * records of an included file come between, and at a `$GENERATE` (its records are the directive's),
 * so each run is a slice of the model's records: it is kept as two indices into them (a 100,000-record
 * zone has tens of thousands of runs, and the Outline and folding ask for them on the first request
 * of each version), and a run's records are listed only when asked for.
 */
export class OwnerRuns {
	constructor(
		private readonly all: readonly ResourceRecord[],
		/** Run `i` is `all[starts[i]]` up to, not including, `all[ends[i]]`. */
		private readonly starts: Int32Array,
		private readonly ends: Int32Array,
		readonly length: number,
	) {}

	/** Index in the model's records of run `run`'s first record. */
	startIndex(run: number): number {
		return this.starts[run];
	}

	/** Index in the model's records after run `run`'s last record. */
	endIndex(run: number): number {
		return this.ends[run];
	}

	first(run: number): ResourceRecord {
		return this.all[this.starts[run]];
	}

	last(run: number): ResourceRecord {
		return this.all[this.ends[run] - 1];
	}

	/** Number of records of run `run`. */
	size(run: number): number {
		return this.ends[run] - this.starts[run];
	}

	/** Run `run` with its records listed. */
	run(run: number): OwnerRun {
		const records = this.all.slice(this.starts[run], this.ends[run]);
		return { ownerKey: records[0].ownerKey, records };
	}

	/** Index of the first run that ends after record index `recordIndex` (binary search): `length` when none does. */
	firstEndingAfter(recordIndex: number): number {
		let low = 0;
		let high = this.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.ends[mid] <= recordIndex) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}

const runCache = new WeakMap<ZoneModel, OwnerRuns>();

/** The owner runs of the main file, built once per model in one pass over its records. */
export function ownerRuns(model: ZoneModel): OwnerRuns {
	let runs = runCache.get(model);
	if (runs) return runs;
	const records = model.records;
	const starts = new Int32Array(records.length);
	const ends = new Int32Array(records.length);
	let count = 0;
	let open = false;
	let currentKey = '';
	for (let i = 0; i < records.length; i++) {
		const record = records[i];
		if (record.file !== 0 || record.generated) {
			if (open) ends[count - 1] = i;
			open = false;
			continue;
		}
		if (open && record.ownerKey === currentKey) continue;
		if (open) ends[count - 1] = i;
		starts[count++] = i;
		currentKey = record.ownerKey;
		open = true;
	}
	if (open) ends[count - 1] = records.length;
	runs = new OwnerRuns(records, starts, ends, count);
	runCache.set(model, runs);
	return runs;
}

/** The run holding the record made from entry `entryIndex` of the main file, by binary search. */
export function ownerRunAt(model: ZoneModel, entryIndex: number): OwnerRun | undefined {
	const runs = ownerRuns(model);
	let low = 0;
	let high = runs.length - 1;
	while (low <= high) {
		const mid = (low + high) >>> 1;
		if (runs.last(mid).entryIndex < entryIndex) low = mid + 1;
		else if (runs.first(mid).entryIndex > entryIndex) high = mid - 1;
		else return runs.run(mid);
	}
	return undefined;
}
