/**
 * Semantic tokens: what the model knows about each word that the TextMate grammar can only guess.
 * The grammar reads one line at a time, so it loses track in records split over lines, in RDATA
 * after a parenthesis and in types it colours generically; the model knows, for every record of
 * the open file, which word is the owner, the TTL, the type and which RDATA words are names.
 *
 * Token types are the standard `variable`, `type` and `number`; names carry `declaration` on the
 * owner, and `absolute` or `relative` (`mail.example.com.` vs `mail`). package.json maps each
 * combination to the grammar's own scopes (`semanticTokenScopes`), so themes colour both alike.
 * `@` is left to the grammar, which gives it a scope of its own.
 *
 * The records of a file come in document order and the words of a record in field order, so the
 * tokens are encoded straight into LSP's relative form while walking them: lines are counted from
 * the newline tokens passed on the way, with no object per token, no sort and no position lookup.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-types';
import {
	type EntryTable,
	forEachRdataNameField,
	isAbsoluteNameAt,
	type ResourceRecord,
	TokenKind,
	type TokenStream,
	type ZoneAnalysis,
} from '../../../core/src/index';

/** The legend the server announces; token data indexes into it. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = Object.freeze({
	tokenTypes: ['variable', 'type', 'number'],
	tokenModifiers: ['declaration', 'absolute', 'relative'],
});

// Indices into the legend's token types, and bits of its modifiers.
const VARIABLE = 0,
	TYPE = 1,
	NUMBER = 2;
const DECLARATION = 1,
	ABSOLUTE = 2,
	RELATIVE = 4;
const AT_SIGN = 0x40,
	QUOTE = 0x22;

/** Semantic tokens of every record in the open document (file 0), in document order. */
export function getSemanticTokens(document: TextDocument, analysis: ZoneAnalysis): SemanticTokens {
	return { data: toArray(encodeTokens(document, analysis)) };
}

/**
 * The tokens of {@link getSemanticTokens} that overlap `range`, encoded on their own (the first one
 * relative to the document start). Only the records around the range are read.
 */
export function getSemanticTokensInRange(document: TextDocument, analysis: ZoneAnalysis, range: Range): SemanticTokens {
	return { data: toArray(encodeTokens(document, analysis, range)) };
}

/**
 * The tokens of file 0 in LSP's relative encoding (per token: line delta, start delta, length, type,
 * modifier bits), only those overlapping `range` when given.
 */
export function encodeTokens(document: TextDocument, analysis: ZoneAnalysis, range?: Range): Uint32Array {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return new Uint32Array(0);
	const records = fileZeroRecords(analysis);
	const from = range ? document.offsetAt(range.start) : 0;
	const to = range ? document.offsetAt(range.end) : Number.MAX_SAFE_INTEGER;
	// Sized for two words a record (the bench's zone has 2.06): on a large zone every regrowth of a big
	// typed array counts as external memory, and enough of it makes V8 collect the whole heap.
	const capacity = range ? 1024 : Math.max(1024, records.length * 2 * 5);
	const encoder = new TokenEncoder(file.syntax.tokens, from, to, range ? document.positionAt(from) : { line: 0, character: 0 }, capacity);
	const { entries } = file.syntax;
	let fields: Uint32Array = new Uint32Array(0);
	const rdataName = (field: number): void => encoder.name(fields, field, 0);
	for (let index = range ? firstRecordEndingAfter(records, entries, from) : 0; index < records.length; index++) {
		const record = records[index];
		// $GENERATE records point at their directive's words, which are templates, not names.
		if (record.generated) continue;
		if (entries.startOf(record.entryIndex) >= to) break;
		fields = record.entry.fields;
		encoder.name(fields, record.ownerField, DECLARATION);
		encoder.word(fields, record.ttlField, NUMBER, 0);
		encoder.word(fields, record.typeField, TYPE, 0);
		forEachRdataNameField(record, fields.length, rdataName);
	}
	return encoder.finish();
}

/** Appends tokens to a growing typed array, counting lines from the newline tokens it passes. */
class TokenEncoder {
	private data: Uint32Array;
	private length = 0;
	/** The next token whose newline is not counted yet, and the line and line start offset it is on. */
	private nextToken = 0;
	private line = 0;
	private lineStart = 0;
	private previousLine = 0;
	private previousCharacter = 0;

	constructor(
		private readonly tokens: TokenStream,
		/** Words that end at or before `from`, or start at or after `to`, are left out. */
		from: number,
		private readonly to: number,
		/** The position of `from`; lines are counted from there. */
		at: Position,
		capacity: number,
	) {
		this.data = new Uint32Array(capacity);
		this.nextToken = from > 0 ? tokens.tokenAt(from) : 0;
		this.line = at.line;
		this.lineStart = from - at.character;
	}

	/** A name word: `@` and quoted owners are left to the grammar. */
	name(fields: Uint32Array, index: number, modifiers: number): void {
		if (index < 0 || index >= fields.length) return;
		const { text, starts } = this.tokens;
		const token = fields[index];
		const start = starts[token];
		const end = starts[token + 1];
		const firstCode = text.charCodeAt(start);
		if ((firstCode === AT_SIGN && end - start === 1) || firstCode === QUOTE) return;
		this.push(token, VARIABLE, modifiers | (isAbsoluteNameAt(text, start, end) ? ABSOLUTE : RELATIVE));
	}

	word(fields: Uint32Array, index: number, type: number, modifiers: number): void {
		if (index >= 0 && index < fields.length) this.push(fields[index], type, modifiers);
	}

	finish(): Uint32Array {
		return this.data.subarray(0, this.length);
	}

	private push(token: number, type: number, modifiers: number): void {
		const { kinds, starts } = this.tokens;
		const start = starts[token];
		const end = starts[token + 1];
		// Words that end before `from` lie before its token, where counting starts; a word before the last
		// one encoded (which the model never gives) would make a negative delta.
		if (start >= this.to || token < this.nextToken) return;
		for (let i = this.nextToken; i < token; i++) {
			if (kinds[i] === TokenKind.Newline) {
				this.line++;
				this.lineStart = starts[i + 1];
			}
		}
		this.nextToken = token + 1;
		const character = start - this.lineStart;
		if (this.length + 5 > this.data.length) {
			const grown = new Uint32Array(Math.ceil(this.data.length * 1.5) + 5);
			grown.set(this.data);
			this.data = grown;
		}
		const data = this.data;
		const at = this.length;
		data[at] = this.line - this.previousLine;
		data[at + 1] = this.line === this.previousLine ? character - this.previousCharacter : character;
		data[at + 2] = end - start;
		data[at + 3] = type;
		data[at + 4] = modifiers;
		this.length = at + 5;
		this.previousLine = this.line;
		this.previousCharacter = character;
	}
}

/** The records of file 0 in document order: all of them unless `$INCLUDE` added others (kept per analysis). */
const FILE_ZERO_RECORDS = new WeakMap<ZoneAnalysis, readonly ResourceRecord[]>();

function fileZeroRecords(analysis: ZoneAnalysis): readonly ResourceRecord[] {
	const { model } = analysis;
	if (model.files.length <= 1) return model.records;
	let records = FILE_ZERO_RECORDS.get(analysis);
	if (!records) FILE_ZERO_RECORDS.set(analysis, (records = model.records.filter((record) => record.file === 0)));
	return records;
}

/** Index of the first record whose entry ends after `offset` (binary search: entries come in document order). */
function firstRecordEndingAfter(records: readonly ResourceRecord[], entries: EntryTable, offset: number): number {
	let low = 0;
	let high = records.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries.endOf(records[mid].entryIndex) <= offset) low = mid + 1;
		else high = mid;
	}
	return low;
}

/**
 * The results of `full` and `full/delta` per document, so the next `full/delta` can answer only what
 * changed: one edit replacing the tokens between the common prefix and the common suffix (an edit
 * in the editor changes the tokens of its lines and the line delta of the token after them).
 */
export class SemanticTokensResults {
	private readonly previous = new Map<string, { readonly resultId: string; readonly data: Uint32Array }>();
	private sequence = 0;

	/** A full result for `uri`, remembered for the next delta. */
	full(uri: string, version: number, data: Uint32Array): SemanticTokens {
		const resultId = this.remember(uri, version, data);
		return { resultId, data: toArray(data) };
	}

	/** The edits from the result `previousResultId` to `data`, or a full result when that one is not known. */
	delta(uri: string, version: number, previousResultId: string, data: Uint32Array): SemanticTokens | SemanticTokensDelta {
		const previous = this.previous.get(uri);
		if (previous?.resultId !== previousResultId) return this.full(uri, version, data);
		const resultId = this.remember(uri, version, data);
		const old = previous.data;
		const shorter = Math.min(old.length, data.length);
		let prefix = 0;
		while (prefix < shorter && old[prefix] === data[prefix]) prefix++;
		let suffix = 0;
		while (suffix < shorter - prefix && old[old.length - 1 - suffix] === data[data.length - 1 - suffix]) suffix++;
		if (prefix === old.length && prefix === data.length) return { resultId, edits: [] };
		return {
			resultId,
			edits: [{ start: prefix, deleteCount: old.length - prefix - suffix, data: toArray(data.subarray(prefix, data.length - suffix)) }],
		};
	}

	forget(uri: string): void {
		this.previous.delete(uri);
	}

	private remember(uri: string, version: number, data: Uint32Array): string {
		const resultId = `${version}.${++this.sequence}`;
		// Kept as it is, not copied: a copy of a large result would cost another big allocation.
		this.previous.set(uri, { resultId, data });
		return resultId;
	}
}

/** The plain array JSON needs (`Array.from` goes through the iterator protocol: several times slower). */
function toArray(data: Uint32Array): number[] {
	const array = new Array<number>(data.length);
	for (let i = 0; i < data.length; i++) array[i] = data[i];
	return array;
}
