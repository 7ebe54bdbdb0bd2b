/**
 * The entry layer: groups tokens into logical lines ("entries"), one per record or directive.
 *
 * A logical line is a physical line, extended across line ends while parentheses are open
 * (RFC 1035 §5.1). Comments and whitespace stay in the token stream; an entry only lists the
 * indices of its significant tokens (words and quoted strings). The parser never throws: an
 * unbalanced parenthesis becomes a problem and the entry still ends at a sensible place.
 */
import { type ScanError, scanInto, scanSteps, TokenBuffer, TokenKind, type TokenStream } from './scanner';
import { type SyntaxProblem } from './syntaxProblem';

export const enum EntryKind {
	/** A resource record, e.g. `www 3600 IN A 192.0.2.1`. */
	Record = 0,
	/** A `$` directive, e.g. `$ORIGIN example.com.`. */
	Directive = 1,
}

/** One logical line of the file that carries content: a view into the {@link EntryTable}. */
export interface Entry {
	/** Position of the entry in its file's table. */
	readonly index: number;
	readonly kind: EntryKind;
	/** True when the line starts with a blank: the owner is the previous record's owner. */
	readonly blankOwner: boolean;
	/** Token indices of the words and quoted strings, in order. */
	readonly fields: Uint32Array;
	/** Offset of the first character of the physical line the entry starts on. */
	readonly lineStart: number;
	/** Offset of the first significant token or parenthesis. */
	readonly start: number;
	/** Offset after the last significant token or parenthesis (comments and blanks excluded). */
	readonly end: number;
	/** Index of the token that ends the entry: its newline, or `count` at the end of the text. */
	readonly endToken: number;
}

/**
 * All entries of a file in typed arrays (a million-record zone would otherwise hold two objects
 * per line). {@link EntryTable.get} makes a light {@link Entry} view on demand.
 */
export class EntryTable implements Iterable<Entry> {
	constructor(
		readonly length: number,
		private readonly flags: Uint8Array,
		private readonly lineStarts: Uint32Array,
		private readonly starts: Uint32Array,
		private readonly ends: Uint32Array,
		private readonly endTokens: Uint32Array,
		/** `fieldStarts[i]..fieldStarts[i + 1]` index `fieldTokens` for entry `i`. */
		private readonly fieldStarts: Uint32Array,
		private readonly fieldTokens: Uint32Array,
	) {}

	get(index: number): Entry {
		const flags = this.flags[index];
		return {
			index,
			kind: flags & 1,
			blankOwner: (flags & 2) !== 0,
			fields: this.fieldTokens.subarray(this.fieldStarts[index], this.fieldStarts[index + 1]),
			lineStart: this.lineStarts[index],
			start: this.starts[index],
			end: this.ends[index],
			endToken: this.endTokens[index],
		};
	}

	/** Start offset of entry `index`, without making a view (for binary searches). */
	startOf(index: number): number {
		return this.starts[index];
	}

	/** Index of the last entry that starts at or before `offset` (binary search), or -1 when none does. */
	lastStartingAtOrBefore(offset: number): number {
		let low = 0;
		let high = this.length - 1;
		let found = -1;
		while (low <= high) {
			const mid = (low + high) >>> 1;
			if (this.starts[mid] <= offset) {
				found = mid;
				low = mid + 1;
			} else {
				high = mid - 1;
			}
		}
		return found;
	}

	/** Offset of the line entry `index` starts on (before its leading blanks), without making a view. */
	lineStartOf(index: number): number {
		return this.lineStarts[index];
	}

	/** End offset of entry `index`, without making a view. */
	endOf(index: number): number {
		return this.ends[index];
	}

	/** How many words and quoted strings entry `index` has, without making a view. */
	fieldCountOf(index: number): number {
		return this.fieldStarts[index + 1] - this.fieldStarts[index];
	}

	/** The token of word `field` of entry `index` (below {@link fieldCountOf}), without making a view. */
	fieldOf(index: number, field: number): number {
		return this.fieldTokens[this.fieldStarts[index] + field];
	}

	/** Kind of entry `index`, without making a view (to find the few directives among a million records). */
	kindOf(index: number): EntryKind {
		return this.flags[index] & 1;
	}

	*[Symbol.iterator](): Iterator<Entry> {
		for (let i = 0; i < this.length; i++) yield this.get(i);
	}
}

/** The parsed file: tokens, entries and syntax problems. */
export interface ZoneSyntax {
	readonly tokens: TokenStream;
	readonly entries: EntryTable;
	readonly problems: readonly SyntaxProblem[];
}

/**
 * A file keeps at most this many syntax problems: past that it is not a zone file, and more would
 * only cost memory (a file of a million stray parentheses). The analysis shows the first 10,000.
 */
export const MAX_SYNTAX_PROBLEMS = 100_000;

/** Parses zone text into entries. Never throws. */
/** What a byte-order mark at the start does to BIND (the editor's message for a mark it hides builds on it). */
export const BYTE_ORDER_MARK_MESSAGE =
	'The file starts with a UTF-8 byte-order mark (U+FEFF, bytes EF BB BF). BIND does not skip it but reads it as part of the first word, so a first $ORIGIN or $TTL fails and a first owner is another name: save the file without the byte-order mark.';

export function parseZone(text: string): ZoneSyntax {
	const reader = new EntryReader(text);
	return syntaxOf(reader, scanInto(text, reader));
}

/** {@link parseZone} as steps: it pauses while scanning (see {@link scanSteps}) and returns the same syntax. */
export function* parseZoneInSteps(text: string): Generator<void, ZoneSyntax, void> {
	const reader = new EntryReader(text);
	return syntaxOf(reader, yield* scanSteps(text, reader));
}

function syntaxOf(reader: EntryReader, tokens: TokenStream): ZoneSyntax {
	if (reader.inLine) reader.endLine(tokens.count, tokens.starts);
	// Scanner problems come first, then the byte-order mark, then the entries' problems in order;
	// together they keep to MAX_SYNTAX_PROBLEMS (the byte-order mark always counts).
	const problems: SyntaxProblem[] = tokens.errors.slice(0, MAX_SYNTAX_PROBLEMS).map(scanProblem);
	if (tokens.count > 0 && tokens.kinds[0] === TokenKind.ByteOrderMark) {
		problems.push({
			code: 'byteOrderMark',
			message: BYTE_ORDER_MARK_MESSAGE,
			start: 0,
			end: tokens.starts[1],
		});
	}
	const room = Math.max(0, MAX_SYNTAX_PROBLEMS - problems.length);
	for (let p = 0; p < reader.problems.length && p < room; p++) problems.push(reader.problems[p]);
	return { tokens, entries: reader.builder.finish(), problems };
}

/**
 * Groups tokens into entries while the scanner finds them, so the tokens are read once. Each
 * physical line starts a logical line, which runs on across line ends while a parenthesis is open.
 */
class EntryReader extends TokenBuffer {
	readonly builder: EntryTableBuilder;
	/** The entries' problems, in order (at most MAX_SYNTAX_PROBLEMS). */
	readonly problems: SyntaxProblem[] = [];
	/** True from a physical line's first token until its logical line ends. */
	inLine = false;
	private lineStart = 0;
	private blankOwner = false;
	/** The current entry's field token indices: a reused typed scratch array, not a JS array per line. */
	private fields = new Uint32Array(64);
	private fieldCount = 0;
	private depth = 0;
	private openParen = -1;
	private strayReported = false;
	private first = -1;
	private last = -1;

	constructor(private readonly text: string) {
		super(text.length);
		// About one entry per 50 characters in a realistic zone.
		this.builder = new EntryTableBuilder(Math.max(16, Math.floor(text.length / 40)));
	}

	override push(kind: TokenKind, start: number): void {
		const index = this.count;
		super.push(kind, start);
		// The byte-order mark is reported by parseZone and stepped over: the first line starts after it.
		if (kind === TokenKind.ByteOrderMark) return;
		if (!this.inLine) {
			this.inLine = true;
			this.lineStart = start;
			this.blankOwner = kind === TokenKind.Whitespace;
			this.fieldCount = 0;
			this.depth = 0;
			this.openParen = -1;
			this.strayReported = false;
			this.first = -1;
			this.last = -1;
		}
		if (kind === TokenKind.Newline) {
			if (this.depth === 0) this.endLine(index, this.starts);
			return;
		}
		if (kind === TokenKind.Whitespace || kind === TokenKind.Comment) return;
		if (this.first === -1) this.first = index;
		this.last = index;
		if (kind === TokenKind.Word || kind === TokenKind.Quoted) {
			if (this.fieldCount === this.fields.length) this.fields = resize(this.fields, this.fields.length * 2);
			this.fields[this.fieldCount++] = index;
		} else if (kind === TokenKind.LParen) {
			if (this.depth === 0) this.openParen = index;
			this.depth++;
		} else if (this.depth === 0) {
			// The first stray ')' of a line is enough: a line of a million would make a million problems.
			if (!this.strayReported) this.report('unbalancedParenthesis', "Unbalanced ')': no '(' is open on this record.", start, start + 1);
			this.strayReported = true;
		} else {
			this.depth--;
		}
	}

	/** Ends the logical line at token `endToken` (its newline, or the token count at the end of the text). */
	endLine(endToken: number, starts: Uint32Array): void {
		this.inLine = false;
		if (this.depth > 0) {
			const parenStart = starts[this.openParen];
			this.report('unbalancedParenthesis', "Unbalanced '(': the file ends before the matching ')'.", parenStart, parenStart + 1);
		}
		const { first, last } = this;
		if (first !== -1 && this.fieldCount > 0) {
			const firstField = starts[this.fields[0]];
			const isDirective =
				!this.blankOwner && this.kinds[this.fields[0]] === TokenKind.Word && this.text.charCodeAt(firstField) === 0x24; /* $ */
			this.builder.add(
				isDirective ? EntryKind.Directive : EntryKind.Record,
				this.blankOwner,
				this.fields,
				this.fieldCount,
				this.lineStart,
				starts[first],
				starts[last + 1],
				endToken,
			);
		} else if (first !== -1) {
			this.report('emptyRecord', 'Parentheses with nothing in them: this line is not a record.', starts[first], starts[last + 1]);
		}
		// Entries with hundreds of thousands of fields are rare; don't keep their scratch array.
		if (this.fields.length > 4096) this.fields = new Uint32Array(64);
	}

	private report(code: string, message: string, start: number, end: number): void {
		if (this.problems.length < MAX_SYNTAX_PROBLEMS) this.problems.push({ code, message, start, end });
	}
}

/** Grows the typed arrays of an {@link EntryTable} while the parser adds entries. */
class EntryTableBuilder {
	private length = 0;
	private fieldCount = 0;
	private flags: Uint8Array;
	private lineStarts: Uint32Array;
	private starts: Uint32Array;
	private ends: Uint32Array;
	private endTokens: Uint32Array;
	private fieldStarts: Uint32Array;
	private fieldTokens: Uint32Array;

	constructor(private capacity: number) {
		this.flags = new Uint8Array(capacity);
		this.lineStarts = new Uint32Array(capacity);
		this.starts = new Uint32Array(capacity);
		this.ends = new Uint32Array(capacity);
		this.endTokens = new Uint32Array(capacity);
		this.fieldStarts = new Uint32Array(capacity + 1);
		this.fieldTokens = new Uint32Array(capacity * 4);
	}

	add(
		kind: EntryKind,
		blankOwner: boolean,
		fields: Uint32Array,
		fieldCount: number,
		lineStart: number,
		start: number,
		end: number,
		endToken: number,
	): void {
		if (this.length === this.capacity) this.grow();
		while (this.fieldCount + fieldCount > this.fieldTokens.length) this.fieldTokens = resize(this.fieldTokens, this.fieldTokens.length * 2);
		const i = this.length++;
		this.flags[i] = kind | (blankOwner ? 2 : 0);
		this.lineStarts[i] = lineStart;
		this.starts[i] = start;
		this.ends[i] = end;
		this.endTokens[i] = endToken;
		this.fieldStarts[i] = this.fieldCount;
		for (let f = 0; f < fieldCount; f++) this.fieldTokens[this.fieldCount++] = fields[f];
		this.fieldStarts[i + 1] = this.fieldCount;
	}

	finish(): EntryTable {
		const n = this.length;
		// Trim to size so a large file keeps no spare capacity around.
		return new EntryTable(
			n,
			this.flags.slice(0, n),
			this.lineStarts.slice(0, n),
			this.starts.slice(0, n),
			this.ends.slice(0, n),
			this.endTokens.slice(0, n),
			this.fieldStarts.slice(0, n + 1),
			this.fieldTokens.slice(0, this.fieldCount),
		);
	}

	private grow(): void {
		this.capacity *= 2;
		this.flags = resize(this.flags, this.capacity);
		this.lineStarts = resize(this.lineStarts, this.capacity);
		this.starts = resize(this.starts, this.capacity);
		this.ends = resize(this.ends, this.capacity);
		this.endTokens = resize(this.endTokens, this.capacity);
		this.fieldStarts = resize(this.fieldStarts, this.capacity + 1);
	}
}

function resize<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
	const next = new (array.constructor as new (length: number) => T)(length);
	next.set(array.subarray(0, Math.min(array.length, length)));
	return next;
}

function scanProblem(error: ScanError): SyntaxProblem {
	return {
		code: error.code,
		message: "Unterminated quoted string: a closing '\"' is missing before the end of the line.",
		start: error.start,
		end: error.end,
	};
}
