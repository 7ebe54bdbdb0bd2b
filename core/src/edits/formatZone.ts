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
import { EntryKind } from '../syntax/parser';
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

/** One word of a record's first line that takes part in the alignment: its column and token. */
interface PlacedWord {
	readonly slot: number;
	readonly token: number;
}

/** A record's words up to its first gap that is not a plain run of blanks (that gap ends the alignment). */
interface AlignedLine {
	/** Token index of the blanks before the first word on a blank-owner line, or -1. */
	readonly leading: number;
	readonly words: readonly PlacedWord[];
}

/** The edits that format the main file of `model`, in offset order. */
export function formatZone(model: ZoneModel, options: FormatOptions): OffsetEdit[] {
	const file = model.files[0];
	if (!file) return [];
	const tokens = file.syntax.tokens;
	const tabSize = Math.max(1, Math.floor(options.tabSize) || 1);
	// A column starts one blank after the widest word before it, or at the next tab stop.
	const nextColumn = options.insertSpaces
		? (column: number) => column + 1
		: (column: number) => (Math.floor(column / tabSize) + 1) * tabSize;
	const blanks = options.insertSpaces
		? (from: number, to: number) => ' '.repeat(to - from)
		: (from: number, to: number) => '\t'.repeat(to / tabSize - Math.floor(from / tabSize));

	const edits: OffsetEdit[] = [];
	const replace = (token: number, newText: string): void => {
		const start = tokens.start(token);
		const end = tokens.end(token);
		if (tokens.text.slice(start, end) !== newText) edits.push({ file: 0, start, end, newText });
	};

	for (const group of alignmentGroups(model, options.align)) {
		const lines = group.map((record) => alignedLine(record, tokens));
		const widths = new Array<number>(SLOTS).fill(0);
		const present = new Array<boolean>(SLOTS).fill(false);
		present[OWNER] = true;
		for (const line of lines) {
			line.words.forEach((word, i) => {
				present[word.slot] = true;
				// The last aligned word's width moves nothing after it.
				if (i < line.words.length - 1) widths[word.slot] = Math.max(widths[word.slot], wordWidth(tokens, word.token));
			});
		}
		const columns = new Array<number>(SLOTS).fill(0);
		let previous = OWNER;
		for (let slot = TTL; slot < SLOTS; slot++) {
			if (!present[slot]) continue;
			columns[slot] = nextColumn(columns[previous] + widths[previous]);
			previous = slot;
		}
		for (const line of lines) {
			const [first] = line.words;
			if (line.leading !== -1 && first) replace(line.leading, blanks(0, columns[first.slot]));
			for (let i = 1; i < line.words.length; i++) {
				const before = line.words[i - 1];
				const from = columns[before.slot] + wordWidth(tokens, before.token);
				replace(before.token + 1, blanks(from, columns[line.words[i].slot]));
			}
		}
	}
	edits.push(...trailingBlankEdits(tokens));
	edits.sort((a, b) => a.start - b.start);
	const range = options.range;
	return range ? edits.filter((edit) => edit.start >= range.start && edit.end <= range.end) : edits;
}

/** The records of the main file (not `$GENERATE`d), one entry each, grouped as `align` says. */
function alignmentGroups(model: ZoneModel, align: FormatAlignment): ResourceRecord[][] {
	const groups = ownerRuns(model).map((run) => run.records.filter((record) => record.entry.kind === EntryKind.Record));
	return align === 'file' ? [groups.flat()] : groups;
}

/**
 * The words of the record's first line in their columns, as far as each gap between them is one
 * run of blanks on that line: a parenthesis or a line end in the head (`www ( IN A …`) stops it.
 * The TTL and class take their columns in the order written (`IN 3600 A` puts IN in the TTL column).
 */
function alignedLine(record: ResourceRecord, tokens: TokenStream): AlignedLine {
	const entry = record.entry;
	const { fields } = entry;
	const head: number[] = [];
	if (record.ownerField !== -1) head.push(record.ownerField);
	const middle = [record.ttlField, record.classField].filter((field) => field !== -1).sort((a, b) => a - b);
	const slots: number[] = record.ownerField !== -1 ? [OWNER] : [];
	middle.forEach((field, i) => {
		head.push(field);
		slots.push(middle.length === 2 ? TTL + i : field === record.ttlField ? TTL : CLASS);
	});
	head.push(record.typeField);
	slots.push(TYPE);
	if (record.rdataField < fields.length) {
		head.push(record.rdataField);
		slots.push(RDATA);
	}
	const words: PlacedWord[] = [];
	let leading = -1;
	for (let i = 0; i < head.length; i++) {
		const token = fields[head[i]];
		if (i === 0 && record.ownerField === -1) {
			// A blank-owner line: the blanks that open it are the first gap.
			if (token === 0 || tokens.kind(token - 1) !== TokenKind.Whitespace || tokens.start(token - 1) !== entry.lineStart) break;
			leading = token - 1;
		} else if (i === 0 && tokens.start(token) !== entry.lineStart) {
			// An owner after a parenthesis (`( www A …`) is not in the first column: keep the line as written.
			break;
		} else if (i > 0 && (token !== words[i - 1].token + 2 || tokens.kind(token - 1) !== TokenKind.Whitespace)) {
			break;
		}
		words.push({ slot: slots[i], token });
	}
	return { leading: words.length > 0 ? leading : -1, words };
}

/** Blanks before a line end or the end of the text, removed. */
function trailingBlankEdits(tokens: TokenStream): OffsetEdit[] {
	const edits: OffsetEdit[] = [];
	for (let i = 0; i < tokens.count; i++) {
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
