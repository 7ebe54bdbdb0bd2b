/**
 * The token layer: turns zone-file text into a lossless stream of tokens.
 *
 * Tokens are stored in typed arrays rather than objects because a zone with a million records has
 * over ten million tokens; an object per token would cost more memory than the text itself.
 * Tokens are contiguous: token `i` covers `[starts[i], starts[i + 1])`, so concatenating every
 * token's text gives back the input exactly (comments, whitespace and line ends included).
 */

/** What a token is. Values are small integers so they fit a `Uint8Array`. */
export const enum TokenKind {
	/** Spaces and tabs. At the start of a line it means "same owner as the previous record". */
	Whitespace = 0,
	/** `\n`, `\r\n` or a lone `\r`. */
	Newline = 1,
	/** `;` up to (not including) the line end. */
	Comment = 2,
	/** A run of characters without unescaped blanks, `;`, `(` or `)`, e.g. `mail.example.com.` or `a\ b`. */
	Word = 3,
	/** `"..."` including both quotes; may contain `;`, `(` and escaped quotes. */
	Quoted = 4,
	LParen = 5,
	RParen = 6,
	/**
	 * U+FEFF as the first character: a UTF-8 byte-order mark some editors write. BIND reads it as part
	 * of the first word; kept as a token of its own so the rest of the file is read as meant and the
	 * `byteOrderMark` problem can point at it (and its fix remove exactly it).
	 */
	ByteOrderMark = 7,
}

/** A problem the scanner found, in offsets. */
export interface ScanError {
	readonly code: 'unterminatedString';
	readonly start: number;
	readonly end: number;
}

/** The scanned text: token kinds and start offsets, plus the end sentinel. */
export class TokenStream {
	constructor(
		readonly text: string,
		readonly kinds: Uint8Array,
		/** `starts[count]` equals `text.length`. */
		readonly starts: Uint32Array,
		readonly count: number,
		readonly errors: readonly ScanError[],
	) {}

	kind(i: number): TokenKind {
		return this.kinds[i];
	}
	start(i: number): number {
		return this.starts[i];
	}
	end(i: number): number {
		return this.starts[i + 1];
	}
	tokenText(i: number): string {
		return this.text.slice(this.starts[i], this.starts[i + 1]);
	}
	/** Index of the token containing `offset` (the last token for `offset === text.length`). */
	tokenAt(offset: number): number {
		let low = 0;
		let high = this.count - 1;
		while (low < high) {
			const mid = (low + high + 1) >>> 1;
			if (this.starts[mid] <= offset) low = mid;
			else high = mid - 1;
		}
		return low;
	}
}

const SPACE = 0x20,
	TAB = 0x09,
	LF = 0x0a,
	CR = 0x0d,
	SEMICOLON = 0x3b,
	LPAREN = 0x28,
	RPAREN = 0x29;
const QUOTE = 0x22,
	BACKSLASH = 0x5c,
	BYTE_ORDER_MARK = 0xfeff;

/**
 * Characters the scanner must look at inside a word: blanks, line ends, `;`, `(`, `)`, `"` and `\\`.
 * A table over every UTF-16 code unit, so the word loop (most of a zone's characters) is one load
 * and one comparison per character.
 */
const SPECIAL_IN_WORD = new Uint8Array(0x10000);
for (const code of [SPACE, TAB, LF, CR, SEMICOLON, LPAREN, RPAREN, QUOTE, BACKSLASH]) SPECIAL_IN_WORD[code] = 1;

/** Characters that end or change a quoted string: `"`, `\\` and line ends. */
const SPECIAL_IN_QUOTED = new Uint8Array(0x10000);
for (const code of [QUOTE, BACKSLASH, LF, CR]) SPECIAL_IN_QUOTED[code] = 1;

/** True for characters that end a word: blanks, line ends, `;`, `(` and `)`. */
function endsWord(code: number): boolean {
	return code === SPACE || code === TAB || code === LF || code === CR || code === SEMICOLON || code === LPAREN || code === RPAREN;
}

/**
 * The growing token arrays, and the hook a reader of the tokens extends to see each token as it is
 * scanned (the parser groups entries in the same pass). A class rather than a closure over local
 * variables: V8 keeps a closure's mutated variables in a heap context, which made every token push
 * and every loop test a memory load.
 */
export class TokenBuffer {
	kinds: Uint8Array;
	starts: Uint32Array;
	count = 0;
	private capacity: number;

	constructor(textLength: number) {
		// A realistic zone averages about 6 characters per token; grow if the guess is short.
		this.capacity = Math.max(16, Math.floor(textLength / 5) + 16);
		this.kinds = new Uint8Array(this.capacity);
		this.starts = new Uint32Array(this.capacity + 1);
	}

	push(kind: TokenKind, start: number): void {
		if (this.count === this.capacity) this.grow();
		this.kinds[this.count] = kind;
		this.starts[this.count] = start;
		this.count++;
	}

	private grow(): void {
		this.capacity *= 2;
		const nextKinds = new Uint8Array(this.capacity);
		nextKinds.set(this.kinds);
		this.kinds = nextKinds;
		const nextStarts = new Uint32Array(this.capacity + 1);
		nextStarts.set(this.starts);
		this.starts = nextStarts;
	}
}

/** Scans the whole text. Never throws; every character belongs to exactly one token. */
export function scan(text: string): TokenStream {
	return scanInto(text, new TokenBuffer(text.length));
}

/**
 * {@link scan} that pushes every token into `tokens` as it is found (a subclass sees each one),
 * then trims the arrays. `starts[count]` is set before it returns.
 */
export function scanInto(text: string, tokens: TokenBuffer): TokenStream {
	const errors: ScanError[] = [];
	scanFrom(text, tokens, firstPosition(text, tokens), text.length, errors);
	return finished(text, tokens, errors);
}

/** Characters scanned between two pauses of {@link scanSteps}: a few milliseconds of work. */
export const CHARACTERS_PER_STEP = 1 << 18;

/** {@link scanInto} that pauses after every {@link CHARACTERS_PER_STEP} characters (at the next token's start). */
export function* scanSteps(text: string, tokens: TokenBuffer): Generator<void, TokenStream, void> {
	const errors: ScanError[] = [];
	let pos = firstPosition(text, tokens);
	while (pos < text.length) {
		pos = scanFrom(text, tokens, pos, Math.min(text.length, pos + CHARACTERS_PER_STEP), errors);
		if (pos < text.length) yield;
	}
	return finished(text, tokens, errors);
}

/** Where the tokens after a byte-order mark start (the mark is a token of its own). */
function firstPosition(text: string, tokens: TokenBuffer): number {
	if (text.charCodeAt(0) !== BYTE_ORDER_MARK) return 0;
	tokens.push(TokenKind.ByteOrderMark, 0);
	return 1;
}

/** Scans the tokens that start at `pos` up to `stop` (the last may end past it); returns where the next one starts. */
function scanFrom(text: string, tokens: TokenBuffer, pos: number, stop: number, errors: ScanError[]): number {
	const length = text.length;
	while (pos < stop) {
		const start = pos;
		const code = text.charCodeAt(pos);
		if (SPECIAL_IN_WORD[code] === 0) {
			// The common case: a word that starts with a plain character.
			pos++;
			while (pos < length && SPECIAL_IN_WORD[text.charCodeAt(pos)] === 0) pos++;
			if (pos < length && !endsWord(text.charCodeAt(pos))) pos = scanWord(text, pos, start, errors);
			tokens.push(TokenKind.Word, start);
		} else if (code === SPACE || code === TAB) {
			do pos++;
			while (pos < length && (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB));
			tokens.push(TokenKind.Whitespace, start);
		} else if (code === LF) {
			pos++;
			tokens.push(TokenKind.Newline, start);
		} else if (code === CR) {
			pos += pos + 1 < length && text.charCodeAt(pos + 1) === LF ? 2 : 1;
			tokens.push(TokenKind.Newline, start);
		} else if (code === SEMICOLON) {
			pos = lineEnd(text, pos);
			tokens.push(TokenKind.Comment, start);
		} else if (code === LPAREN) {
			pos++;
			tokens.push(TokenKind.LParen, start);
		} else if (code === RPAREN) {
			pos++;
			tokens.push(TokenKind.RParen, start);
		} else if (code === QUOTE) {
			pos = scanQuoted(text, pos + 1);
			if (pos > length) {
				// BIND does not let a quoted string run past the line end.
				pos = length === start ? start + 1 : lineEnd(text, start);
				errors.push({ code: 'unterminatedString', start, end: pos });
			}
			tokens.push(TokenKind.Quoted, start);
		} else {
			pos = scanWord(text, pos, start, errors);
			tokens.push(TokenKind.Word, start);
		}
	}
	return pos;
}

function finished(text: string, tokens: TokenBuffer, errors: ScanError[]): TokenStream {
	const length = text.length;
	const count = tokens.count;
	let { kinds, starts } = tokens;
	starts[count] = length;
	// Give back the unused capacity: on a large zone it is tens of megabytes.
	if (kinds.length - count > 4096) {
		kinds = kinds.slice(0, count);
		starts = starts.slice(0, count + 1);
	}
	return new TokenStream(text, kinds, starts, count, errors);
}

/** Offset of the line end (`\n` or `\r`) at or after `pos`, or the text length. */
function lineEnd(text: string, pos: number): number {
	// A plain loop: indexOf('\r') would scan to the end of an LF-only file for every comment.
	const length = text.length;
	while (pos < length) {
		const code = text.charCodeAt(pos);
		if (code === LF || code === CR) return pos;
		pos++;
	}
	return length;
}

/** Returns the offset after the closing quote, or `text.length + 1` when the line ends first. */
function scanQuoted(text: string, pos: number): number {
	const length = text.length;
	while (pos < length) {
		const code = text.charCodeAt(pos);
		if (SPECIAL_IN_QUOTED[code] === 0) {
			pos++;
			continue;
		}
		if (code === QUOTE) return pos + 1;
		if (code === LF || code === CR) return length + 1;
		if (code === BACKSLASH && pos + 1 < length) {
			const next = text.charCodeAt(pos + 1);
			pos += next === LF || next === CR ? 1 : 2;
			continue;
		}
		pos++;
	}
	return length + 1;
}

/**
 * Returns the offset after the word that began at `start`, reading on from `pos`. A backslash escapes the next character, even a blank or `;`.
 * A quote that is never closed on its line is kept as a character of the word, and reported as an
 * unterminated string on the whole word (BIND refuses it: "unbalanced quotes").
 */
function scanWord(text: string, pos: number, start: number, errors: ScanError[]): number {
	const length = text.length;
	let unmatched = false;
	while (pos < length) {
		const code = text.charCodeAt(pos);
		if (code === BACKSLASH) {
			if (pos + 1 >= length) {
				pos = length;
				break;
			}
			const next = text.charCodeAt(pos + 1);
			// An escaped line end is not joined: the word stops before the line end.
			pos += next === LF || next === CR ? 1 : 2;
			continue;
		}
		if (endsWord(code)) break;
		if (code === QUOTE) {
			// A quote inside a word opens a quoted part that may hold blanks: `alpn="h2 h3"` is one word.
			const close = scanQuoted(text, pos + 1);
			if (close > length) unmatched = true;
			pos = close > length ? pos + 1 : close;
			continue;
		}
		pos++;
	}
	if (unmatched) errors.push({ code: 'unterminatedString', start, end: pos });
	return pos;
}
