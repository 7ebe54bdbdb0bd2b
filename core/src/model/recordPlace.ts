/**
 * Where a cursor stands in a record, read from the parser's tokens as the lowering reads a record's
 * head: at the start of a line (an owner or a directive), in the head (a word that may be a TTL, a
 * class or the type), or in RDATA field n of a known type. Completion decides what to offer from
 * it. Works on offsets, so tabs, CRLF and multi-line parentheses need no special case.
 */
import type { Entry, ZoneSyntax } from '../syntax/parser';
import { EntryKind } from '../syntax/parser';
import { TokenKind } from '../syntax/scanner';
import { absoluteName, isAbsoluteName } from './domainName';
import { isClassWord } from './lowering/recordHead';
import { lookupRrType } from './rrTypes/index';
import type { RrTypeInfo } from './rrTypes/rrType';
import { looksLikeTtl } from './ttl';

/** The word being typed: `[start, end)` is the whole word, `prefix` the part before the cursor. */
export interface TypedWord {
	readonly start: number;
	readonly end: number;
	readonly prefix: string;
	/** How many entries of the file come before the cursor's: what {@link originAtEntry} reads. */
	readonly entriesBefore: number;
}

export type RecordPlace = TypedWord &
	(
		| /** In a comment or a quoted string: nothing to offer. */ { readonly kind: 'none' }
		| /** The first word of a line, e.g. `ww|` or `$OR|`: an owner or a directive. */ { readonly kind: 'lineStart' }
		| /** Argument `argument` (0-based) of a directive, e.g. `$TTL 3|`. */ {
				readonly kind: 'directiveArgument';
				readonly directive: string;
				readonly argument: number;
		  }
		| /** A head word after the owner: a TTL (if none yet), a class (if none yet) or the type. */ {
				readonly kind: 'head';
				readonly entry: Entry | undefined;
				readonly ttlGiven: boolean;
				readonly classGiven: boolean;
		  }
		| /** RDATA word `position` (0-based) of a record of type `type`, e.g. `MX |` is position 0. */ {
				readonly kind: 'rdata';
				readonly entry: Entry;
				readonly type: number;
				readonly info: RrTypeInfo | undefined;
				readonly position: number;
		  }
	);

/** The place of `offset` in a parsed file. */
export function recordPlaceAt(syntax: ZoneSyntax, offset: number): RecordPlace {
	const { tokens } = syntax;
	const text = tokens.text;
	const { entry, entriesBefore } = entryOfLine(syntax, offset);
	const empty = { start: offset, end: offset, prefix: '', entriesBefore };
	if (tokens.count > 0 && offset > 0) {
		const before = tokens.kind(tokens.tokenAt(offset - 1));
		if (before === TokenKind.Comment || before === TokenKind.Quoted) return { kind: 'none', ...empty };
	}
	if (!entry) {
		// An empty line: at its first column a new owner or directive, after a blank the head of a record with the previous owner.
		const atLineStart = offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r';
		return atLineStart ? { kind: 'lineStart', ...empty } : { kind: 'head', entry: undefined, ttlGiven: false, classGiven: false, ...empty };
	}
	const fields = entry.fields;
	let field = 0;
	while (field < fields.length && tokens.end(fields[field]) < offset) field++;
	const touched = field < fields.length && tokens.start(fields[field]) <= offset;
	const word = touched
		? {
				start: tokens.start(fields[field]),
				end: tokens.end(fields[field]),
				prefix: text.slice(tokens.start(fields[field]), offset),
				entriesBefore,
			}
		: empty;
	if (entry.kind === EntryKind.Directive || (field === 0 && !entry.blankOwner)) {
		if (field === 0) return { kind: 'lineStart', ...word };
		return { kind: 'directiveArgument', directive: tokens.tokenText(fields[0]).toUpperCase(), argument: field - 1, ...word };
	}
	// The head as readTtlAndClass reads it: TTL and class in either order, each at most once.
	let next = entry.blankOwner ? 0 : 1;
	let ttlGiven = false;
	let classGiven = false;
	while (next < field) {
		const headWord = tokens.tokenText(fields[next]);
		if (!ttlGiven && looksLikeTtl(headWord)) ttlGiven = true;
		else if (!classGiven && isClassWord(headWord)) classGiven = true;
		else break;
		next++;
	}
	if (next === field) return { kind: 'head', entry, ttlGiven, classGiven, ...word };
	const type = lookupRrType(tokens.tokenText(fields[next]));
	if (!type) return { kind: 'none', ...word };
	return { kind: 'rdata', entry, type: type.code, info: type.info, position: field - next - 1, ...word };
}

/**
 * The entry whose logical line holds `offset`: the last entry starting at or before it while the
 * offset is before that entry's line end, else the next entry when the offset is on its line
 * before its first word (`\t|MX`).
 */
function entryOfLine(syntax: ZoneSyntax, offset: number): { entry: Entry | undefined; entriesBefore: number } {
	const { entries, tokens } = syntax;
	const found = entries.lastStartingAtOrBefore(offset);
	if (found !== -1) {
		const entry = entries.get(found);
		if (offset <= tokens.start(entry.endToken)) return { entry, entriesBefore: found };
	}
	if (found + 1 < entries.length) {
		const entry = entries.get(found + 1);
		if (entry.lineStart <= offset) return { entry, entriesBefore: found + 1 };
	}
	return { entry: undefined, entriesBefore: found + 1 };
}

/**
 * The origin in effect at entry `entryIndex` of a file: the last `$ORIGIN` before it (a relative one
 * taken relative to the origin before it), else `startOrigin`, the origin the file starts with. A
 * name completed there is written relative to this origin, so that it means what it says.
 */
export function originAtEntry(syntax: ZoneSyntax, entryIndex: number, startOrigin: string | undefined): string | undefined {
	const { entries, tokens } = syntax;
	const relativeParts: string[] = [];
	let origin = startOrigin;
	// Directives are few: the scan reads one byte per entry until it meets an $ORIGIN.
	for (let index = Math.min(entryIndex, entries.length) - 1; index >= 0; index--) {
		if (entries.kindOf(index) !== EntryKind.Directive) continue;
		const entry = entries.get(index);
		if (entry.fields.length < 2 || tokens.tokenText(entry.fields[0]).toUpperCase() !== '$ORIGIN') continue;
		const argument = tokens.tokenText(entry.fields[1]);
		if (isAbsoluteName(argument)) {
			origin = argument;
			break;
		}
		relativeParts.push(argument);
	}
	for (let i = relativeParts.length - 1; i >= 0; i--) origin = absoluteName(relativeParts[i], origin);
	return origin;
}
