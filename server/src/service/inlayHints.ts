/**
 * Inlay hints, each kind behind its `zoneSentinel.inlayHints.*` setting: the absolute name a
 * relative one stands for (`mx1` → `= mx1.example.com.`), a TTL written in seconds in units
 * (`3600` → `1h`, record TTLs, SOA timers and `$TTL`), and where an MX stands in its owner's
 * delivery order (`1st of 3`, from the mail model's levels). Only the entries of the asked range are
 * read, so a hint request on a million-record zone costs what the visible lines cost.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import {
	EntryKind,
	forEachRdataNameField,
	formatTtl,
	isAbsoluteName,
	isAbsoluteNameAt,
	mailDomain,
	parseTtl,
	rrTypeByCode,
	TokenKind,
	TypeCode,
	type ResourceRecord,
	type TokenStream,
	writtenName,
	type ZoneAnalysis,
	type ZoneModel,
} from '../../../core/src/index';
import type { InlayHintSettings } from '../settings';
import { ordinal } from './markdown';
import { recordsOfMainFile } from './recordAt';

/** TTLs below this many seconds read as well in seconds: no hint. */
const MIN_HINTED_TTL = 60;

/** The words of one entry of file 0, read from the entry table without making views (this runs per entry of the range). */
interface EntryWords {
	count: number;
	readonly token: (field: number) => number;
}

/**
 * The last answer per analysis: editors ask again for the same range (Neovim for the whole document)
 * after every refresh and scroll, and the analysis is per document version, so the hints are the same.
 */
const lastAnswers = new WeakMap<ZoneAnalysis, { readonly key: string; readonly hints: InlayHint[] }>();

/** The hints that fall in `range` (a shared array: not to be changed). */
export function getInlayHints(document: TextDocument, analysis: ZoneAnalysis, range: Range, settings: InlayHintSettings): InlayHint[] {
	const key = [
		range.start.line,
		range.start.character,
		range.end.line,
		range.end.character,
		settings.absoluteNames,
		settings.ttlUnits,
		settings.mxRank,
	].join();
	const last = lastAnswers.get(analysis);
	if (last?.key === key) return last.hints;
	const hints = computeInlayHints(document, analysis, range, settings);
	lastAnswers.set(analysis, { key, hints });
	return hints;
}

function computeInlayHints(document: TextDocument, analysis: ZoneAnalysis, range: Range, settings: InlayHintSettings): InlayHint[] {
	const model = analysis.model;
	const file = model.files[0];
	if (!file || (!settings.absoluteNames && !settings.ttlUnits && !settings.mxRank)) return [];
	const { tokens, entries } = file.syntax;
	const start = document.offsetAt(range.start);
	const end = document.offsetAt(range.end);
	const hints: InlayHint[] = [];
	const hintAfter = (token: number, label: string): void => {
		// A multi-line record may start above the range: only its hints inside it are asked for.
		const offset = tokens.end(token);
		if (offset >= start && offset <= end) hints.push({ position: document.positionAt(offset), label, paddingLeft: true });
	};
	const first = firstEntryEndingAfter(entries, start);
	// Records of file 0 are in entry order: one cursor walks them beside the entries.
	const records = recordsOfMainFile(model);
	let next = firstRecordFrom(records, first);
	let index = first;
	// One reused reader of the words of entry `index` (the loop's), instead of a view per entry.
	const words: EntryWords = { count: 0, token: (field) => entries.fieldOf(index, field) };
	const wordsOf = (entry: number): EntryWords => {
		words.count = entries.fieldCountOf(entry);
		return words;
	};
	for (; index < entries.length && entries.startOf(index) < end; index++) {
		if (entries.kindOf(index) === EntryKind.Directive) {
			const { count, token } = wordsOf(index);
			if (settings.ttlUnits && count > 1 && tokens.tokenText(token(0)).toUpperCase() === '$TTL') {
				const label = ttlLabel(tokens.tokenText(token(1)));
				if (label) hintAfter(token(1), label);
			}
			continue;
		}
		while (next < records.length && records[next].entryIndex < index) next++;
		const record = records[next];
		// A $GENERATE's words are templates for many records: they are its directive's, not one record's.
		if (record === undefined || record.entryIndex !== index || record.generated) continue;
		const fields = wordsOf(index);
		if (settings.absoluteNames) absoluteNameHints(tokens, record, fields, hintAfter);
		if (settings.ttlUnits) ttlHints(tokens, record, fields, hintAfter);
		if (settings.mxRank && record.type === TypeCode.MX && record.rdataField < fields.count) {
			const label = mxRankLabel(model, record);
			if (label) hintAfter(fields.token(record.rdataField), label);
		}
	}
	return hints;
}

/** After the owner word and each RDATA name written relative (or `@`): the absolute name. */
function absoluteNameHints(
	tokens: TokenStream,
	record: ResourceRecord,
	fields: EntryWords,
	hintAfter: (token: number, label: string) => void,
): void {
	if (record.ownerField >= 0 && !isWrittenAbsolute(tokens, fields.token(record.ownerField))) {
		hintAfter(fields.token(record.ownerField), `= ${record.owner}`);
	}
	forEachRdataNameField(record, fields.count, (field) => {
		const token = fields.token(field);
		if (!isWrittenAbsolute(tokens, token)) hintAfter(token, `= ${String(record.value(field - record.rdataField))}`);
	});
}

/** Whether the name a word spells ends in the root's dot, read in the text (no string per word: a whole-document request reads every name). */
function isWrittenAbsolute(tokens: TokenStream, token: number): boolean {
	if (tokens.kind(token) === TokenKind.Quoted) return isAbsoluteName(writtenName(tokens, token));
	return isAbsoluteNameAt(tokens.text, tokens.start(token), tokens.end(token));
}

/** The record's own TTL and its type's TTL fields (SOA timers), when written in seconds. */
function ttlHints(
	tokens: TokenStream,
	record: ResourceRecord,
	fields: EntryWords,
	hintAfter: (token: number, label: string) => void,
): void {
	if (record.ttlField >= 0) {
		const label = ttlLabel(tokens.tokenText(fields.token(record.ttlField)));
		if (label) hintAfter(fields.token(record.ttlField), label);
	}
	for (const position of ttlPositions(record.type)) {
		const field = record.rdataField + position;
		if (field >= fields.count) break;
		const label = ttlLabel(tokens.tokenText(fields.token(field)));
		if (label) hintAfter(fields.token(field), label);
	}
}

/** Per type code, the RDATA positions of its TTL fields (the SOA timers), found once. */
const TTL_POSITIONS = new Map<number, readonly number[]>();

function ttlPositions(type: number): readonly number[] {
	let positions = TTL_POSITIONS.get(type);
	if (positions === undefined) {
		positions = (rrTypeByCode(type)?.fields ?? []).flatMap((field, position) => (field.kind === 'ttl' ? [position] : []));
		TTL_POSITIONS.set(type, positions);
	}
	return positions;
}

/** Index of the first record made from entry `entryIndex` or a later one. */
function firstRecordFrom(records: readonly ResourceRecord[], entryIndex: number): number {
	let low = 0;
	let high = records.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (records[mid].entryIndex < entryIndex) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** Labels of the TTL words seen, by text: a zone writes a few TTLs many times. Bounded, as words are the user's. */
const TTL_LABELS = new Map<string, string | null>();
const MAX_TTL_LABELS = 4096;

/** `3600` → `1h`; nothing for TTLs already in units or too short to need them. */
function ttlLabel(text: string): string | undefined {
	const known = TTL_LABELS.get(text);
	if (known !== undefined) return known ?? undefined;
	let label: string | undefined;
	if (/^[0-9]+$/.test(text)) {
		const seconds = parseTtl(text);
		label = seconds !== undefined && seconds >= MIN_HINTED_TTL ? formatTtl(seconds) : undefined;
	}
	if (TTL_LABELS.size < MAX_TTL_LABELS) TTL_LABELS.set(text, label ?? null);
	return label;
}

/** `1st of 3`: the MX's delivery level among its owner's levels (equal preferences share one); nothing for a null MX. */
function mxRankLabel(model: ZoneModel, record: ResourceRecord): string | undefined {
	const domain = mailDomain(model, record.ownerKey);
	const level = domain?.levels.find((candidate) => candidate.exchangers.some((mx) => mx.record === record));
	return domain && level ? `${ordinal(level.rank)} of ${domain.levels.length}` : undefined;
}

/** Index of the first entry that ends after `offset` (entries are in file order and do not overlap). */
function firstEntryEndingAfter(entries: ZoneModel['files'][number]['syntax']['entries'], offset: number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries.endOf(mid) <= offset) low = mid + 1;
		else high = mid;
	}
	return low;
}
