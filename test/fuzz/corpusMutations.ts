/**
 * Mutation fuzzing of the public corpus (`../shared/corpus`): byte flips (decoded as an editor
 * decodes them, so invalid UTF-8 becomes U+FFFD), truncation at every kind of token, deleted or
 * duplicated parentheses and quotes, spliced, duplicated and dropped lines, changed line ends, and
 * inserted directives. Each mutation is a small record of numbers, so fast-check can shrink a
 * failing case to the few mutations that matter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { scan } from '../../core/src/syntax/scanner';
import { corpusAvailable, corpusRoot, readOracle } from '../helpers/corpus';
import { directiveLines, type FuzzCase } from './zoneGrammar';

/** Corpus files small enough to mutate thousands of times, as bytes, sorted by path. */
export interface CorpusFile {
	readonly file: string;
	readonly bytes: Buffer;
}

const MAX_FILE_BYTES = 24 * 1024;

let loaded: CorpusFile[] | undefined;

/** The corpus files listed in `oracle.tsv` (at most 24 KiB each); empty when the corpus is absent. */
export function loadCorpus(root: string = corpusRoot()): CorpusFile[] {
	if (loaded) return loaded;
	loaded = [];
	if (!corpusAvailable(root)) return loaded;
	for (const row of readOracle(root)) {
		const full = path.join(root, row.file);
		try {
			const bytes = fs.readFileSync(full);
			if (bytes.length <= MAX_FILE_BYTES) loaded.push({ file: row.file, bytes });
		} catch {
			// A listed file that cannot be read is simply not mutated.
		}
	}
	loaded.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	return loaded;
}

type Mutation =
	| { readonly kind: 'flip'; readonly at: number; readonly byte: number }
	| { readonly kind: 'truncate'; readonly tokenKind: number; readonly which: number; readonly where: number }
	| { readonly kind: 'paren'; readonly char: number; readonly which: number; readonly duplicate: boolean }
	| { readonly kind: 'splice'; readonly from: number; readonly line: number; readonly count: number; readonly at: number }
	| { readonly kind: 'lines'; readonly op: number; readonly line: number; readonly other: number }
	| { readonly kind: 'lineEnds'; readonly every: number; readonly to: number }
	| { readonly kind: 'insert'; readonly snippet: string; readonly at: number };

/** Bytes that matter to the scanner, plus invalid UTF-8 lead and continuation bytes. */
const INTERESTING_BYTES = [
	0x28, 0x29, 0x22, 0x5c, 0x3b, 0x24, 0x40, 0x20, 0x09, 0x0a, 0x0d, 0x00, 0x2e, 0x30, 0x39, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xe2, 0xf0, 0xff,
];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.nat(255)) }),
	fc.record({ kind: fc.constant('truncate' as const), tokenKind: fc.nat(6), which: fc.nat(), where: fc.nat(2) }),
	fc.record({ kind: fc.constant('paren' as const), char: fc.nat(2), which: fc.nat(), duplicate: fc.boolean() }),
	fc.record({ kind: fc.constant('splice' as const), from: fc.nat(), line: fc.nat(), count: fc.integer({ min: 1, max: 8 }), at: fc.nat() }),
	fc.record({ kind: fc.constant('lines' as const), op: fc.nat(2), line: fc.nat(), other: fc.nat() }),
	fc.record({ kind: fc.constant('lineEnds' as const), every: fc.integer({ min: 1, max: 5 }), to: fc.nat(1) }),
	fc.record({ kind: fc.constant('insert' as const), snippet: directiveLines, at: fc.nat() }),
);

/** A mutated corpus file. Needs a non-empty corpus. */
export function mutationCaseArb(corpus: readonly CorpusFile[]): fc.Arbitrary<FuzzCase> {
	return fc
		.record({ file: fc.nat(corpus.length - 1), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
		.map(({ file, mutations }) => {
			const original = corpus[file];
			let bytes = original.bytes;
			let text: string | undefined;
			for (const mutation of mutations) {
				if (mutation.kind === 'flip') {
					bytes = text === undefined ? bytes : Buffer.from(text, 'utf8');
					text = undefined;
					if (bytes.length > 0) {
						bytes = Buffer.from(bytes);
						bytes[mutation.at % bytes.length] = mutation.byte;
					}
					continue;
				}
				// Every other mutation works on the decoded text, as an editor holds it.
				text = applyTextMutation(text ?? bytes.toString('utf8'), mutation, corpus);
			}
			return { text: text ?? bytes.toString('utf8'), includes: {}, source: `mutation:${original.file}` };
		});
}

function applyTextMutation(text: string, mutation: Exclude<Mutation, { kind: 'flip' }>, corpus: readonly CorpusFile[]): string {
	switch (mutation.kind) {
		case 'truncate': {
			// Truncate at the start, middle or end of a token of the chosen kind (any kind the text has).
			const tokens = scan(text);
			if (tokens.count === 0) return text;
			const ofKind: number[] = [];
			for (let i = 0; i < tokens.count; i++) if (tokens.kind(i) === mutation.tokenKind) ofKind.push(i);
			const candidates = ofKind.length > 0 ? ofKind : Array.from({ length: tokens.count }, (_, i) => i);
			const token = candidates[mutation.which % candidates.length];
			const start = tokens.start(token);
			const end = tokens.end(token);
			const cut = mutation.where === 0 ? start : mutation.where === 1 ? start + ((end - start) >> 1) : end;
			return text.slice(0, cut);
		}
		case 'paren': {
			const char = '()"'[mutation.char];
			const positions: number[] = [];
			for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) positions.push(i);
			if (positions.length === 0) return text;
			const at = positions[mutation.which % positions.length];
			return mutation.duplicate ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
		}
		case 'splice': {
			const donor = corpus[mutation.from % corpus.length].bytes.toString('utf8').split('\n');
			const start = mutation.line % Math.max(1, donor.length);
			const piece = donor.slice(start, start + mutation.count);
			const lines = text.split('\n');
			const at = mutation.at % (lines.length + 1);
			lines.splice(at, 0, ...piece);
			return lines.join('\n');
		}
		case 'lines': {
			const lines = text.split('\n');
			if (lines.length === 0) return text;
			const a = mutation.line % lines.length;
			const b = mutation.other % lines.length;
			if (mutation.op === 0)
				lines.splice(a, 1); // drop a line
			else if (mutation.op === 1)
				lines.splice(a, 0, lines[b]); // duplicate a line elsewhere
			else [lines[a], lines[b]] = [lines[b], lines[a]]; // swap two lines
			return lines.join('\n');
		}
		case 'lineEnds': {
			let n = 0;
			const replacement = mutation.to === 0 ? '\r\n' : '\r';
			return text.replace(/\r?\n/g, (match) => (n++ % mutation.every === 0 ? replacement : match));
		}
		case 'insert': {
			const lines = text.split('\n');
			lines.splice(mutation.at % (lines.length + 1), 0, mutation.snippet);
			return lines.join('\n');
		}
	}
}
