/**
 * `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs` (BIND): expands to one record line per
 * iterator value. `$` is the iterator, `${offset[,width[,base]]}` formats it, `$$` and `\$` are a literal `$`.
 */

import { EDITOR_GENERATE_LIMITS, type GenerateLimits } from '../limits';
import type { ProblemCode } from '../problems';
import { parseTtl } from './ttl';

/** What the zone's directives may still make; {@link expandGenerate} takes its lines from it. */
export interface GenerateBudget {
	records: number;
	characters: number;
	/** The bounds the budget started from, which the refusals name. */
	readonly limits: GenerateLimits;
}

export interface GenerateRequest {
	/** The directive's words after `$GENERATE`. */
	readonly words: readonly string[];
	/** The zone's remaining budget, shared by its directives; a fresh full one when absent. */
	readonly budget?: GenerateBudget;
}

/** The budget of a zone that has not expanded any `$GENERATE` yet. */
export function fullGenerateBudget(limits: GenerateLimits = EDITOR_GENERATE_LIMITS): GenerateBudget {
	return { records: limits.records, characters: limits.characters, limits };
}

export interface GeneratedLine {
	readonly iterator: number;
	/** The record line, e.g. `host-1 IN A 192.0.2.1`. */
	readonly text: string;
}

/** Either the expanded lines, or an error on word `field` (index into `words`). */
export type GenerateResult =
	{ readonly lines: GeneratedLine[] } | { readonly error: string; readonly code: ProblemCode; readonly field: number };

export function expandGenerate(request: GenerateRequest): GenerateResult {
	const words = request.words;
	if (words.length < 4) {
		return {
			error: '$GENERATE needs a range, an owner, a type and RDATA: $GENERATE 1-10 host-$ A 192.0.2.$',
			code: 'invalidGenerate',
			field: Math.max(0, words.length - 1),
		};
	}
	const range = /^([0-9]+)-([0-9]+)(?:\/([0-9]+))?$/.exec(words[0]);
	if (!range)
		return { error: `Invalid $GENERATE range '${words[0]}': expected start-stop or start-stop/step.`, code: 'invalidGenerate', field: 0 };
	const start = Number(range[1]);
	const stop = Number(range[2]);
	const step = range[3] === undefined ? 1 : Number(range[3]);
	if (start > 0x7fffffff || stop > 0x7fffffff || start > stop || step === 0) {
		return {
			error: `Invalid $GENERATE range '${words[0]}': start must not exceed stop, both ≤ 2147483647, step ≥ 1.`,
			code: 'invalidGenerate',
			field: 0,
		};
	}
	const count = Math.floor((stop - start) / step) + 1;
	const budget = request.budget ?? fullGenerateBudget();
	const { limits } = budget;
	if (count > limits.perDirective) {
		return {
			error: `$GENERATE range '${words[0]}' makes ${count} records; Zone Sentinel expands at most ${limits.perDirective} per directive and checks none of these.`,
			code: 'generateTooLarge',
			field: 0,
		};
	}
	if (count > budget.records) {
		return {
			error: `$GENERATE range '${words[0]}' makes ${count} records, but the $GENERATE directives of one zone make at most ${limits.records} in all (${budget.records} left); Zone Sentinel checks none of these.`,
			code: 'generateTooLarge',
			field: 0,
		};
	}
	const extra = extraRhsWord(words);
	if (extra !== undefined) {
		return {
			error: `$GENERATE takes one word after the type; '${words[extra]}' is one too many, and BIND refuses the zone ("extra input text"). Quote the right-hand side when it has spaces, e.g. "10 mail$".`,
			code: 'invalidGenerate',
			field: extra,
		};
	}
	for (let i = 1; i < words.length; i++) {
		const problem = checkTemplate(words[i], start, stop);
		if (problem) return { error: `Invalid $GENERATE template '${words[i]}': ${problem}`, code: 'invalidGenerate', field: i };
	}
	const lines: GeneratedLine[] = [];
	let characters = 0;
	for (let value = start; value <= stop; value += step) {
		const text = words
			.slice(1)
			.map((word) => substitute(word, value))
			.join(' ');
		characters += text.length;
		// Stops as soon as the text outgrows the budget, so a long template costs no more than that.
		if (characters > budget.characters) {
			return {
				error: `$GENERATE '${words[0]}' makes more than ${budget.characters} characters of records; the $GENERATE directives of one zone make at most ${limits.characters} in all. Zone Sentinel checks none of these.`,
				code: 'generateTooLarge',
				field: 0,
			};
		}
		lines.push({ iterator: value, text });
	}
	budget.records -= lines.length;
	budget.characters -= characters;
	return { lines };
}

const CLASS_WORD = /^(IN|CH|CHAOS|HS|HESIOD|NONE|ANY|CLASS[0-9]+)$/i;

/**
 * BIND reads `range lhs [ttl] [class] type rhs` and then wants the line to end: the right-hand side
 * is one word (quoted when it has spaces). The index of the first word past it, if any.
 */
function extraRhsWord(words: readonly string[]): number | undefined {
	let type = 2;
	let ttl = false;
	let recordClass = false;
	// TTL and class in either order, as in a record (BIND loads `IN 60 A …` and `60 IN A …`).
	for (; type < words.length; type++) {
		if (!ttl && parseTtl(words[type]) !== undefined) ttl = true;
		else if (!recordClass && CLASS_WORD.test(words[type])) recordClass = true;
		else break;
	}
	return words.length > type + 2 ? type + 2 : undefined;
}

/** `${offset[,width[,base]]}`; BIND reads the offset with `%d`, so a leading `+` is allowed. */
const MODIFIER = /^\$\{([-+]?[0-9]+)(?:,([0-9]+)(?:,([doxXnN]))?)?\}/;

const INT_MIN = -0x80000000,
	INT_MAX = 0x7fffffff;

function checkTemplate(word: string, start: number, stop: number): string | undefined {
	for (let i = 0; i < word.length; i++) {
		if (word[i] === '\\' || (word[i] === '$' && word[i + 1] === '$')) {
			i++;
			continue;
		}
		if (word[i] === '$' && word[i + 1] === '{') {
			const match = MODIFIER.exec(word.slice(i));
			if (!match) return 'a ${offset[,width[,base]]} modifier is malformed or not closed.';
			const offset = Number(match[1]);
			if (Math.abs(offset) > INT_MAX || Number(match[2] ?? 0) > 255) return 'the modifier is out of range.';
			// BIND refuses an offset that takes the iterator outside a 32-bit signed integer.
			if (start + offset < INT_MIN || stop + offset > INT_MAX)
				return `the offset ${match[1]} takes the iterator outside -2147483648..2147483647.`;
			i += match[0].length - 1;
		}
	}
	return undefined;
}

function substitute(word: string, value: number): string {
	let out = '';
	for (let i = 0; i < word.length; i++) {
		const char = word[i];
		if ((char === '\\' || char === '$') && word[i + 1] === '$') {
			// A literal `$`, kept escaped so that the line read back has no directive or iterator in it.
			out += '\\$';
			i++;
		} else if (char === '$') {
			const match = MODIFIER.exec(word.slice(i));
			if (match) {
				out += format(value + Number(match[1]), Number(match[2] ?? 0), match[3] ?? 'd');
				i += match[0].length - 1;
			} else {
				out += String(value);
			}
		} else {
			out += char;
		}
	}
	return out;
}

/**
 * The iterator as BIND prints it (lib/dns/master.c): decimal with `%0*d` (the width counts the
 * sign), octal and hex with `%0*o`/`%0*x` of the value as an unsigned 32-bit number (-4 is
 * `fffffffc`), and nibbles lowest first, where the width counts the characters written, dots
 * included, so a width can end the text in a dot (`${0,4,n}` of 1 is `1.0.`).
 */
function format(value: number, width: number, base: string): string {
	if (base === 'n' || base === 'N') return nibbles(value >>> 0, width, base === 'N');
	if (base === 'd') return value < 0 ? '-' + String(-value).padStart(width - 1, '0') : String(value).padStart(width, '0');
	const text = (value >>> 0).toString(base === 'o' ? 8 : 16).padStart(width, '0');
	return base === 'X' ? text.toUpperCase() : text;
}

function nibbles(value: number, width: number, upper: boolean): string {
	let out = '';
	let left = width;
	do {
		const digit = (value & 0xf).toString(16);
		out += upper ? digit.toUpperCase() : digit;
		value >>>= 4;
		if (left > 0) left--;
		// A dot before the next nibble, or to fill the width.
		if (left > 0 || value !== 0) {
			out += '.';
			if (left > 0) left--;
		}
	} while (value !== 0 || left > 0);
	return out;
}
