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

const runCache = new WeakMap<ZoneModel, readonly OwnerRun[]>();

/**
 * The owner runs of the main file (file 0) in file order, built once per model: the Outline, folding
 * and selection ranges group records by them. A run ends where the owner changes, where records of
 * an included file come between, and at a `$GENERATE` (its records are the directive's).
 */
export function ownerRuns(model: ZoneModel): readonly OwnerRun[] {
	let runs = runCache.get(model);
	if (runs) return runs;
	const found: OwnerRun[] = [];
	let current: ResourceRecord[] | undefined;
	let currentKey = '';
	for (const record of model.records) {
		if (record.file !== 0 || record.generated) {
			current = undefined;
			continue;
		}
		if (current !== undefined && record.ownerKey === currentKey) {
			current.push(record);
			continue;
		}
		current = [record];
		currentKey = record.ownerKey;
		found.push({ ownerKey: currentKey, records: current });
	}
	runs = found;
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
		const records = runs[mid].records;
		if (records[records.length - 1].entryIndex < entryIndex) low = mid + 1;
		else if (records[0].entryIndex > entryIndex) high = mid - 1;
		else return runs[mid];
	}
	return undefined;
}
