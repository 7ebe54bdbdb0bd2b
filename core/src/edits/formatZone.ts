/**
 * Formatting: aligns the owner, TTL, class, type and RDATA columns of the records, per owner group
 * or across the whole file, and drops blanks at line ends. Only whitespace between tokens changes:
 * every edit replaces one run of blanks (a Whitespace token) with another non-empty run, so no
 * byte of a name, TTL, class, type, RDATA, comment or parenthesis moves inside an edit, a leading
 * blank (which means "same owner as before", RFC 1035 §5.1) stays a blank, and the records BIND
 * reads are the same. Continuation lines inside parentheses, directives, comments and lines the
 * model could not read keep their layout. Formatting formatted text changes nothing.
 */
import { ownerRuns } from '../model/recordIndex';
import type { ResourceRecord, ZoneModel } from '../model/zoneModel';
import { type EntryTable, EntryKind } from '../syntax/parser';
import { TokenKind, type TokenStream } from '../syntax/scanner';
import type { OffsetEdit } from './offsetEdit';

/** What the columns line up across: each run of records of one owner, or every record of the file. */
export type FormatAlignment = 'ownerGroup' | 'file';

export const FORMAT_ALIGNMENTS: readonly FormatAlignment[] = ['ownerGroup', 'file'];

export interface FormatOptions {
	readonly align: FormatAlignment;
	/** Pad with spaces (true) or with tabs to tab stops (false), as the editor's `FormattingOptions` say. */
	readonly insertSpaces: boolean;
	/** Width of a tab stop, in columns. */
	readonly tabSize: number;
	/** Only edits inside `[start, end)` of the main file (range formatting); the whole file when absent. */
	readonly range?: { readonly start: number; readonly end: number };
}

/** The columns: owner, TTL, class, type, first RDATA word. */
const OWNER = 0,
	TTL = 1,
	CLASS = 2,
	TYPE = 3,
	RDATA = 4,
	SLOTS = 5;

/**
 * A record's words up to its first gap that is not a plain run of blanks (that gap ends the
 * alignment), read into reused typed arrays: formatting reads every record of a large zone, twice.
 */
class AlignedLine {
	/** Token index of the blanks before the first word on a blank-owner line, or -1. */
	leading = -1;
	count = 0;
	/** Column, token and width of each aligned word, `count` of them (no width for the last). */
	readonly slots = new Int32Array(SLOTS);
	readonly tokens = new Int32Array(SLOTS);
	readonly widths = new Int32Array(SLOTS);
	readonly #head = new Int32Array(SLOTS);
	readonly #headSlots = new Int32Array(SLOTS);

	constructor(
		private readonly entries: EntryTable,
		private readonly stream: TokenStream,
	) {}

	/**
	 * The words of the record's first line in their columns, as far as each gap between them is one
	 * run of blanks on that line: a parenthesis or a line end in the head (`www ( IN A …`) stops it.
	 * The TTL and class take their columns in the order written (`IN 3600 A` puts IN in the TTL column).
	 */
	read(record: ResourceRecord): this {
		const { entries, stream } = this;
		const head = this.#head;
		const headSlots = this.#headSlots;
		const entry = record.entryIndex;
		const fieldCount = entries.fieldCountOf(entry);
		const lineStart = entries.lineStartOf(entry);
		const ownerField = record.ownerField;
		const ttlField = record.ttlField;
		const classField = record.classField;
		let length = 0;
		if (ownerField !== -1) {
			head[length] = ownerField;
			headSlots[length++] = OWNER;
		}
		if (ttlField !== -1 && classField !== -1) {
			head[length] = Math.min(ttlField, classField);
			headSlots[length++] = TTL;
			head[length] = Math.max(ttlField, classField);
			headSlots[length++] = CLASS;
		} else if (ttlField !== -1) {
			head[length] = ttlField;
			headSlots[length++] = TTL;
		} else if (classField !== -1) {
			head[length] = classField;
			headSlots[length++] = CLASS;
		}
		head[length] = record.typeField;
		headSlots[length++] = TYPE;
		if (record.rdataField < fieldCount) {
			head[length] = record.rdataField;
			headSlots[length++] = RDATA;
		}
		let count = 0;
		let leading = -1;
		for (let i = 0; i < length; i++) {
			const token = entries.fieldOf(entry, head[i]);
			if (i === 0 && ownerField === -1) {
				// A blank-owner line: the blanks that open it are the first gap.
				if (token === 0 || stream.kind(token - 1) !== TokenKind.Whitespace || stream.start(token - 1) !== lineStart) break;
				leading = token - 1;
			} else if (i === 0 && stream.start(token) !== lineStart) {
				// An owner after a parenthesis (`( www A …`) is not in the first column: keep the line as written.
				break;
			} else if (i > 0 && (token !== this.tokens[i - 1] + 2 || stream.kind(token - 1) !== TokenKind.Whitespace)) {
				break;
			}
			this.slots[count] = headSlots[i];
			this.tokens[count++] = token;
		}
		// The last word's width moves nothing (and may be a long RDATA word, such as a DKIM key).
		for (let i = 0; i < count - 1; i++) this.widths[i] = wordWidth(stream, this.tokens[i]);
		this.count = count;
		this.leading = count > 0 ? leading : -1;
		return this;
	}
}

/** The widest word per column (the last aligned word of a line excluded: it moves nothing after it) and which columns occur. */
interface ColumnWidths {
	readonly widths: Int32Array;
	readonly present: Uint8Array;
}

/** The edits that format the main file of `model`, in offset order. */
export function formatZone(model: ZoneModel, options: FormatOptions): OffsetEdit[] {
	const file = model.files[0];
	if (!file) return [];
	const { tokens, entries } = file.syntax;
	const text = tokens.text;
	const tabSize = Math.max(1, Math.floor(options.tabSize) || 1);
	// A column starts one blank after the widest word before it, or at the next tab stop.
	const nextColumn = options.insertSpaces
		? (column: number) => column + 1
		: (column: number) => (Math.floor(column / tabSize) + 1) * tabSize;
	const blankRuns: string[] = [];
	const blanks = (from: number, to: number): string => {
		const count = options.insertSpaces ? to - from : to / tabSize - Math.floor(from / tabSize);
		return (blankRuns[count] ??= (options.insertSpaces ? ' ' : '\t').repeat(count));
	};

	const edits: OffsetEdit[] = [];
	const replace = (token: number, newText: string): void => {
		const start = tokens.start(token);
		const end = tokens.end(token);
		if (end - start !== newText.length || !text.startsWith(newText, start)) edits.push({ file: 0, start, end, newText });
	};
	const line = new AlignedLine(entries, tokens);
	const columns = new Int32Array(SLOTS);
	const placeColumns = (widths: Int32Array, present: Uint8Array): void => {
		let previous = OWNER;
		for (let slot = TTL; slot < SLOTS; slot++) {
			if (!present[slot]) continue;
			columns[slot] = nextColumn(columns[previous] + widths[previous]);
			previous = slot;
		}
	};
	/** The edits of the line just read, in the columns placed. */
	const alignLine = (): void => {
		const { count, slots, tokens: words, widths } = line;
		if (line.leading !== -1 && count > 0) replace(line.leading, blanks(0, columns[slots[0]]));
		for (let i = 1; i < count; i++) replace(words[i - 1] + 1, blanks(columns[slots[i - 1]] + widths[i - 1], columns[slots[i]]));
	};

	// Range formatting reads only the owner runs that reach into the range (each run's edits lie between its first line's start and its last record's end).
	const runs = ownerRuns(model);
	const range = options.range;
	const firstRun = range ? firstRunEndingAtOrAfter(model, range.start) : 0;
	let endRun = runs.length;
	if (range) {
		endRun = firstRun;
		while (endRun < runs.length && entries.lineStartOf(runs.first(endRun).entryIndex) <= range.end) endRun++;
	}
	const records = model.records;
	if (options.align === 'file') {
		const file = fileColumnWidths(model, line);
		placeColumns(file.widths, file.present);
		for (let run = firstRun; run < endRun; run++) {
			for (let i = runs.startIndex(run); i < runs.endIndex(run); i++) {
				if (entries.kindOf(records[i].entryIndex) !== EntryKind.Record) continue;
				line.read(records[i]);
				alignLine();
			}
		}
	} else {
		const widths = new Int32Array(SLOTS);
		const present = new Uint8Array(SLOTS);
		for (let run = firstRun; run < endRun; run++) {
			widths.fill(0);
			present.fill(0);
			const from = runs.startIndex(run);
			const to = runs.endIndex(run);
			for (let i = from; i < to; i++) {
				if (entries.kindOf(records[i].entryIndex) === EntryKind.Record) addWidths(widths, present, line.read(records[i]));
			}
			placeColumns(widths, present);
			// A run of one record (most of them) is still in `line`: no second read.
			if (to - from === 1) {
				if (line.count > 0 && entries.kindOf(records[from].entryIndex) === EntryKind.Record) alignLine();
				continue;
			}
			for (let i = from; i < to; i++) {
				if (entries.kindOf(records[i].entryIndex) !== EntryKind.Record) continue;
				line.read(records[i]);
				alignLine();
			}
		}
	}
	const firstToken = range ? tokens.tokenAt(range.start) : 0;
	const endToken = range ? tokens.tokenAt(range.end) + 1 : tokens.count;
	const merged = mergeInOrder(edits, trailingBlankEdits(tokens, firstToken, Math.min(endToken, tokens.count)));
	return range ? merged.filter((edit) => edit.start >= range.start && edit.end <= range.end) : merged;
}

/** Index of the first owner run whose last record ends at or after `offset`: the runs before it lie wholly before `offset`. */
function firstRunEndingAtOrAfter(model: ZoneModel, offset: number): number {
	const runs = ownerRuns(model);
	const { entries } = model.files[0].syntax;
	let low = 0;
	let high = runs.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries.endOf(runs.last(mid).entryIndex) < offset) low = mid + 1;
		else high = mid;
	}
	return low;
}

function addWidths(widths: Int32Array, present: Uint8Array, line: AlignedLine): void {
	present[OWNER] = 1;
	for (let i = 0; i < line.count; i++) {
		const slot = line.slots[i];
		present[slot] = 1;
		if (i < line.count - 1) widths[slot] = Math.max(widths[slot], line.widths[i]);
	}
}

const fileWidths = new WeakMap<ZoneModel, ColumnWidths>();

/** With `align: file`, the column widths of every record of the main file, found once per model (Format Selection asks them again). */
function fileColumnWidths(model: ZoneModel, line: AlignedLine): ColumnWidths {
	let found = fileWidths.get(model);
	if (found) return found;
	found = { widths: new Int32Array(SLOTS), present: new Uint8Array(SLOTS) };
	found.present[OWNER] = 1;
	const runs = ownerRuns(model);
	const { entries } = model.files[0].syntax;
	for (let run = 0; run < runs.length; run++) {
		for (let i = runs.startIndex(run); i < runs.endIndex(run); i++) {
			const record = model.records[i];
			if (entries.kindOf(record.entryIndex) === EntryKind.Record) addWidths(found.widths, found.present, line.read(record));
		}
	}
	fileWidths.set(model, found);
	return found;
}

/** Two lists of edits, each in offset order and never at the same offset, as one in offset order. */
function mergeInOrder(a: OffsetEdit[], b: OffsetEdit[]): OffsetEdit[] {
	if (b.length === 0) return a;
	if (a.length === 0) return b;
	const merged: OffsetEdit[] = new Array<OffsetEdit>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) merged[k++] = a[i].start <= b[j].start ? a[i++] : b[j++];
	while (i < a.length) merged[k++] = a[i++];
	while (j < b.length) merged[k++] = b[j++];
	return merged;
}

/** Blanks before a line end or the end of the text, removed, for tokens `from` up to `to`. */
function trailingBlankEdits(tokens: TokenStream, from: number, to: number): OffsetEdit[] {
	const edits: OffsetEdit[] = [];
	for (let i = from; i < to; i++) {
		if (tokens.kind(i) !== TokenKind.Whitespace) continue;
		if (i + 1 < tokens.count && tokens.kind(i + 1) !== TokenKind.Newline) continue;
		edits.push({ file: 0, start: tokens.start(i), end: tokens.end(i), newText: '' });
	}
	return edits;
}

/** Columns a word takes: its characters, a surrogate pair counting once. */
function wordWidth(tokens: TokenStream, token: number): number {
	const text = tokens.text;
	let width = 0;
	for (let offset = tokens.start(token); offset < tokens.end(token); offset++) {
		const code = text.charCodeAt(offset);
		if (code < 0xdc00 || code > 0xdfff) width++;
	}
	return width;
}
