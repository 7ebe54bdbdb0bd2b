/**
 * The entry layer: groups tokens into logical lines ("entries"), one per record or directive.
 *
 * A logical line is a physical line, extended across line ends while parentheses are open
 * (RFC 1035 §5.1). Comments and whitespace stay in the token stream; an entry only lists the
 * indices of its significant tokens (words and quoted strings). The parser never throws: an
 * unbalanced parenthesis becomes a problem and the entry still ends at a sensible place.
 */
import { ScanError, scan, TokenKind, TokenStream } from './scanner';
import { SyntaxProblem } from './syntaxProblem';

export const enum EntryKind {
	/** A resource record, e.g. `www 3600 IN A 192.0.2.1`. */
	Record = 0,
	/** A `$` directive, e.g. `$ORIGIN example.com.`. */
	Directive = 1,
}

/** One logical line of the file that carries content. */
export interface Entry {
	readonly kind: EntryKind;
	/** True when the line starts with a blank: the owner is the previous record's owner. */
	readonly blankOwner: boolean;
	/** Token indices of the words and quoted strings, in order. */
	readonly fields: number[];
	/** Offset of the first character of the physical line the entry starts on. */
	readonly lineStart: number;
	/** Offset of the first significant token or parenthesis. */
	readonly start: number;
	/** Offset after the last significant token or parenthesis (comments and blanks excluded). */
	readonly end: number;
	/** Index of the token that ends the entry: its newline, or `count` at the end of the text. */
	readonly endToken: number;
}

/** The parsed file: tokens, entries and syntax problems. */
export interface ZoneSyntax {
	readonly tokens: TokenStream;
	readonly entries: readonly Entry[];
	readonly problems: readonly SyntaxProblem[];
}

/** Parses zone text into entries. Never throws. */
export function parseZone(text: string): ZoneSyntax {
	const tokens = scan(text);
	const problems: SyntaxProblem[] = tokens.errors.map(scanProblem);
	const entries: Entry[] = [];
	const { kinds, starts, count } = tokens;

	let i = 0;
	while (i < count) {
		// Each iteration starts at the first token of a physical line.
		const lineStart = starts[i];
		const blankOwner = kinds[i] === TokenKind.Whitespace;
		const fields: number[] = [];
		let depth = 0;
		let openParen = -1;
		let first = -1;
		let last = -1;
		for (; i < count; i++) {
			const kind = kinds[i];
			if (kind === TokenKind.Newline) {
				if (depth === 0) break;
				continue;
			}
			if (kind === TokenKind.Whitespace || kind === TokenKind.Comment) continue;
			if (first === -1) first = i;
			last = i;
			if (kind === TokenKind.Word || kind === TokenKind.Quoted) {
				fields.push(i);
			} else if (kind === TokenKind.LParen) {
				if (depth === 0) openParen = i;
				depth++;
			} else if (depth === 0) {
				problems.push({
					code: 'unbalancedParenthesis',
					message: "Unbalanced ')': no '(' is open on this record.",
					start: starts[i],
					end: starts[i + 1],
				});
			} else {
				depth--;
			}
		}
		if (depth > 0) {
			problems.push({
				code: 'unbalancedParenthesis',
				message: "Unbalanced '(': the file ends before the matching ')'.",
				start: starts[openParen],
				end: starts[openParen + 1],
			});
		}
		if (first !== -1 && fields.length > 0) {
			const firstText = tokens.kind(fields[0]) === TokenKind.Word && !blankOwner ? text.charCodeAt(starts[fields[0]]) : 0;
			entries.push({
				kind: firstText === 0x24 /* $ */ ? EntryKind.Directive : EntryKind.Record,
				blankOwner,
				fields,
				lineStart,
				start: starts[first],
				end: starts[last + 1],
				endToken: i,
			});
		} else if (first !== -1) {
			problems.push({
				code: 'emptyRecord',
				message: 'Parentheses with nothing in them: this line is not a record.',
				start: starts[first],
				end: starts[last + 1],
			});
		}
		i++; // skip the newline
	}
	return { tokens, entries, problems };
}

function scanProblem(error: ScanError): SyntaxProblem {
	return {
		code: error.code,
		message: 'Unterminated quoted string: a closing \'"\' is missing before the end of the line.',
		start: error.start,
		end: error.end,
	};
}
