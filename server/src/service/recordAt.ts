/**
 * Finds what is under the cursor in the open document (file 0 of the model): the word, the entry
 * (logical line) it belongs to, and the records that entry produced. Everything is a binary search
 * over arrays that are already in file order, so a hover costs O(log n) even in a zone with a
 * million records.
 */
import { type Entry, type EntryTable, type ResourceRecord, TokenKind, type TokenStream, type ZoneModel } from '../../../core/src/index';

/** The word under the cursor and where it sits. */
export interface WordAt {
	/** Token index of the word (or quoted string). */
	readonly token: number;
	readonly start: number;
	readonly end: number;
	readonly text: string;
	/** The entry (record line or directive) holding the word. */
	readonly entry: Entry;
	/** Index of the word in `entry.fields`. */
	readonly field: number;
	/** Text of the entry's first word, e.g. `$TTL` for a directive. */
	readonly firstWord: string;
	/** The records of that entry: one for a record line, several for a `$GENERATE`, none for a directive or a broken line. */
	readonly records: readonly ResourceRecord[];
}

/** The word at `offset` of file 0 and its records; `undefined` on blanks, comments and parentheses. */
export function wordAt(model: ZoneModel, offset: number): WordAt | undefined {
	const file = model.files[0];
	if (!file) return undefined;
	const { tokens, entries } = file.syntax;
	const token = wordToken(tokens, offset);
	if (token === undefined) return undefined;
	const start = tokens.start(token);
	const entry = entryContaining(entries, start);
	if (!entry) return undefined;
	const field = indexOfSorted(entry.fields, token);
	if (field === -1) return undefined;
	return {
		token,
		start,
		end: tokens.end(token),
		text: tokens.tokenText(token),
		entry,
		field,
		firstWord: tokens.tokenText(entry.fields[0]),
		records: recordsOf(model, entry),
	};
}

/**
 * The word token containing `offset`, or the one ending right at it: an editor reports the cursor
 * after `mx1` (before a blank or the line end) as a position on that word.
 */
function wordToken(tokens: TokenStream, offset: number): number | undefined {
	if (tokens.count === 0) return undefined;
	const at = tokens.tokenAt(offset);
	if (isWord(tokens, at) && offset < tokens.end(at)) return at;
	if (offset > 0) {
		const before = tokens.tokenAt(offset - 1);
		if (isWord(tokens, before)) return before;
	}
	return undefined;
}

function isWord(tokens: TokenStream, index: number): boolean {
	const kind = tokens.kind(index);
	return kind === TokenKind.Word || kind === TokenKind.Quoted;
}

/** The last entry starting at or before `offset`, if `offset` lies inside it. */
export function entryContaining(entries: EntryTable, offset: number): Entry | undefined {
	const found = entries.lastStartingAtOrBefore(offset);
	const entry = found === -1 ? undefined : entries.get(found);
	return entry && offset < entry.end ? entry : undefined;
}

function indexOfSorted(values: ArrayLike<number>, value: number): number {
	let low = 0;
	let high = values.length - 1;
	while (low <= high) {
		const mid = (low + high) >>> 1;
		if (values[mid] === value) return mid;
		if (values[mid] < value) low = mid + 1;
		else high = mid - 1;
	}
	return -1;
}

/** Records of file 0 in file order, built once per model when includes interleave other files' records. */
const mainFileRecords = new WeakMap<ZoneModel, readonly ResourceRecord[]>();

export function recordsOfMainFile(model: ZoneModel): readonly ResourceRecord[] {
	// Without $INCLUDE every record is in file 0 ($GENERATE records point at their directive), so
	// the model's own array is already the sorted list.
	if (model.files.length === 1) return model.records;
	let records = mainFileRecords.get(model);
	if (!records) {
		records = model.records.filter((record) => record.file === 0);
		mainFileRecords.set(model, records);
	}
	return records;
}

/** The records whose entry is `entry`: the first with that start, and its `$GENERATE` siblings. */
export function recordsOf(model: ZoneModel, entry: Entry): ResourceRecord[] {
	const records = recordsOfMainFile(model);
	let low = 0;
	let high = records.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (records[mid].entryIndex < entry.index) low = mid + 1;
		else high = mid;
	}
	const found: ResourceRecord[] = [];
	for (let i = low; i < records.length && records[i].entryIndex === entry.index; i++) found.push(records[i]);
	return found;
}

/** The last record of file 0 made by entry `entryIndex` or one before it: whose owner a blank-owner line there inherits. */
export function lastRecordUpTo(model: ZoneModel, entryIndex: number): ResourceRecord | undefined {
	const records = recordsOfMainFile(model);
	let low = 0;
	let high = records.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (records[mid].entryIndex <= entryIndex) low = mid + 1;
		else high = mid;
	}
	return low > 0 ? records[low - 1] : undefined;
}
