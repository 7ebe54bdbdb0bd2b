/**
 * The Outline: the zone, then in file order each owner with its RRsets (SOA, NS and MX first), and
 * the `$INCLUDE` and `$GENERATE` directives. A record's range is all of it, parentheses and the
 * lines they span included; the selection range is the owner word (the type word for a record whose
 * owner is blank), so the Outline highlights the name it lists.
 *
 * Owners are listed per run of consecutive records (core `ownerRuns`): a name written again further
 * down gets a second entry there, so every range covers only its own lines. Past
 * {@link MAX_OUTLINE_SYMBOLS} names and directives, one last entry counts the rest (core/src/limits.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocumentSymbol, type Range, SymbolKind } from 'vscode-languageserver-types';
import {
	type Entry,
	EntryKind,
	fieldSpan,
	groupDigits,
	MAX_OUTLINE_SYMBOLS,
	type OwnerRuns,
	ownerRuns,
	relativeName,
	type ResourceRecord,
	TypeCode,
	typeName,
	type ZoneAnalysis,
	type ZoneModel,
} from '../../../core/src/index';
import { toRange } from './convert';

/** RRsets listed before the others under their owner, in this order. */
const FIRST_TYPES: readonly number[] = [TypeCode.SOA, TypeCode.NS, TypeCode.MX];
/** RDATA shown in a symbol is cut here: a DKIM key is hundreds of characters. */
const MAX_RDATA_TEXT = 60;

/** The Outline of each analysis, made once: the analysis is per document version, and editors ask again after each change they show. */
const outlines = new WeakMap<ZoneAnalysis, DocumentSymbol[]>();

/** The Outline of the open document (file 0); a shared array, not to be changed. */
export function getDocumentSymbols(document: TextDocument, analysis: ZoneAnalysis): DocumentSymbol[] {
	let outline = outlines.get(analysis);
	if (outline === undefined) outlines.set(analysis, (outline = outlineOf(document, analysis)));
	return outline;
}

function outlineOf(document: TextDocument, analysis: ZoneAnalysis): DocumentSymbol[] {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return [];
	const children = topLevelSymbols(document, model);
	const text = document.getText();
	const whole = toRange(document, 0, text.length);
	const apexRecord = model.records.find((record) => record.file === 0 && record.type === TypeCode.SOA);
	const zone: DocumentSymbol = {
		name: model.origin ?? 'zone (origin unknown)',
		detail: `${model.records.length} record${model.records.length === 1 ? '' : 's'}`,
		kind: SymbolKind.Module,
		range: whole,
		selectionRange: apexRecord ? selectionOf(document, model, apexRecord) : toRange(document, 0, 0),
		children,
	};
	return [zone];
}

function topLevelSymbols(document: TextDocument, model: ZoneModel): DocumentSymbol[] {
	const runs = ownerRuns(model);
	const directives = outlinedDirectives(model);
	const counts = directives.length > 0 ? directiveRecordCounts(model) : NO_COUNTS;
	const { entries } = model.files[0].syntax;
	const total = runs.length + directives.length;
	const shown = Math.min(total, MAX_OUTLINE_SYMBOLS);
	const symbols: DocumentSymbol[] = [];
	// Runs and directives are each in file order: merge them, up to the cap.
	let r = 0;
	let d = 0;
	let restStart = 0;
	for (let i = 0; i <= shown && (r < runs.length || d < directives.length); i++) {
		const runStart = r < runs.length ? entries.startOf(runs.first(r).entryIndex) : Infinity;
		const directive = d < directives.length && directives[d].start < runStart ? directives[d++] : undefined;
		if (i === shown) {
			restStart = directive ? directive.start : runStart;
			break;
		}
		if (directive) symbols.push(directiveSymbol(document, model, directive, counts));
		else symbols.push(ownerSymbol(document, model, runs, r++));
	}
	if (total > shown) {
		const range = toRange(document, restStart, document.getText().length);
		symbols.push({
			name: `… ${groupDigits(total - shown)} more`,
			detail: `the Outline lists the first ${groupDigits(MAX_OUTLINE_SYMBOLS)} names and directives`,
			kind: SymbolKind.Namespace,
			range,
			selectionRange: { start: range.start, end: range.start },
		});
	}
	return symbols;
}

/** The `$INCLUDE` and `$GENERATE` directives of file 0, in file order. */
function outlinedDirectives(model: ZoneModel): Entry[] {
	const directives: Entry[] = [];
	const { entries, tokens } = model.files[0].syntax;
	for (let i = 0; i < entries.length; i++) {
		if (entries.kindOf(i) !== EntryKind.Directive) continue;
		const entry = entries.get(i);
		const word = tokens.tokenText(entry.fields[0]).toUpperCase();
		if (word === '$INCLUDE' || word === '$GENERATE') directives.push(entry);
	}
	return directives;
}

function ownerSymbol(document: TextDocument, model: ZoneModel, runs: OwnerRuns, run: number): DocumentSymbol {
	const first = runs.first(run);
	const owner = first.owner;
	const byType = new Map<number, ResourceRecord[]>();
	for (let i = runs.startIndex(run); i < runs.endIndex(run); i++) {
		const record = model.records[i];
		const list = byType.get(record.type);
		if (list) list.push(record);
		else byType.set(record.type, [record]);
	}
	const types = [...byType.keys()].sort((a, b) => rank(a) - rank(b));
	return {
		name: (model.origin !== undefined ? relativeName(owner, model.origin) : undefined) ?? owner,
		detail: owner,
		kind: SymbolKind.Namespace,
		range: toRange(document, startOf(model, first), endOf(model, runs.last(run))),
		selectionRange: selectionOf(document, model, first),
		children: types.map((type) => rrsetSymbol(document, model, byType.get(type)!)),
	};
}

/** SOA, NS, MX first; the rest keep the order they first appear in (a stable sort). */
function rank(type: number): number {
	const index = FIRST_TYPES.indexOf(type);
	return index === -1 ? FIRST_TYPES.length : index;
}

function rrsetSymbol(document: TextDocument, model: ZoneModel, records: readonly ResourceRecord[]): DocumentSymbol {
	const first = records[0];
	const symbol: DocumentSymbol = {
		name: typeName(first.type),
		detail: records.length === 1 ? rdataText(model, first) : `${records.length} records`,
		kind: SymbolKind.Property,
		// An RRset's records need not follow each other (A, AAAA, A): its range runs to the last one's end.
		range: toRange(document, startOf(model, first), endOf(model, records[records.length - 1])),
		selectionRange: typeWordOf(document, model, first),
	};
	if (records.length === 1) return symbol;
	symbol.children = records.map((record) => ({
		name: rdataText(model, record),
		detail: `TTL ${record.ttl}`,
		kind: SymbolKind.Field,
		range: toRange(document, startOf(model, record), endOf(model, record)),
		selectionRange: typeWordOf(document, model, record),
	}));
	return symbol;
}

function directiveSymbol(document: TextDocument, model: ZoneModel, entry: Entry, counts: DirectiveRecordCounts): DocumentSymbol {
	const tokens = model.files[0].syntax.tokens;
	const word = tokens.tokenText(entry.fields[0]).toUpperCase();
	const args = Array.from(entry.fields.subarray(1), (token) => tokens.tokenText(token));
	const range = toRange(document, entry.start, entry.end);
	const selectionToken = entry.fields[Math.min(1, entry.fields.length - 1)];
	const selectionRange = toRange(document, tokens.start(selectionToken), tokens.end(selectionToken));
	if (word === '$INCLUDE') {
		const included = counts.byInclude.get(entry.start);
		return {
			name: `$INCLUDE ${args[0] ?? ''}`.trimEnd(),
			detail: included === undefined ? 'not followed' : `${included} record${included === 1 ? '' : 's'}`,
			kind: SymbolKind.File,
			range,
			selectionRange,
		};
	}
	const generated = counts.byGenerate.get(entry.index) ?? 0;
	return {
		name: shortened(`$GENERATE ${args.join(' ')}`),
		detail: `${generated} record${generated === 1 ? '' : 's'}`,
		kind: SymbolKind.Function,
		range,
		selectionRange,
	};
}

interface DirectiveRecordCounts {
	/** Records read from the file an `$INCLUDE` of file 0 names, by the directive's start offset. */
	readonly byInclude: ReadonlyMap<number, number>;
	/** Records a `$GENERATE` of file 0 made, by its entry index. */
	readonly byGenerate: ReadonlyMap<number, number>;
}

const NO_COUNTS: DirectiveRecordCounts = { byInclude: new Map(), byGenerate: new Map() };

function directiveRecordCounts(model: ZoneModel): DirectiveRecordCounts {
	const fileOfInclude = new Map<number, number>();
	const byInclude = new Map<number, number>();
	model.files.forEach((file, index) => {
		if (file.includedFrom?.file === 0 && file.includedWith !== undefined) {
			fileOfInclude.set(index, file.includedFrom.start);
			byInclude.set(file.includedFrom.start, 0);
		}
	});
	const byGenerate = new Map<number, number>();
	for (const record of model.records) {
		if (record.generated) {
			if (record.file === 0) byGenerate.set(record.entryIndex, (byGenerate.get(record.entryIndex) ?? 0) + 1);
			continue;
		}
		const include = fileOfInclude.get(record.file);
		if (include !== undefined) byInclude.set(include, byInclude.get(include)! + 1);
	}
	return { byInclude, byGenerate };
}

/** Where a record starts and ends, read from its file's entry table (`record.entry` makes a view on each access). */
function startOf(model: ZoneModel, record: ResourceRecord): number {
	return model.files[record.file].syntax.entries.startOf(record.entryIndex);
}

function endOf(model: ZoneModel, record: ResourceRecord): number {
	return model.files[record.file].syntax.entries.endOf(record.entryIndex);
}

/** The owner word, or the type word when the owner is blank (the previous line's). */
function selectionOf(document: TextDocument, model: ZoneModel, record: ResourceRecord): Range {
	if (record.ownerField === -1) return typeWordOf(document, model, record);
	const span = fieldSpan(model, record, record.ownerField);
	return toRange(document, span.start, span.end);
}

function typeWordOf(document: TextDocument, model: ZoneModel, record: ResourceRecord): Range {
	const span = fieldSpan(model, record, record.typeField);
	return toRange(document, span.start, span.end);
}

/** The RDATA words as written, joined by one space, e.g. `10 mx1`. */
function rdataText(model: ZoneModel, record: ResourceRecord): string {
	const tokens = model.files[record.file].syntax.tokens;
	const { entries } = model.files[record.file].syntax;
	const count = entries.fieldCountOf(record.entryIndex);
	let text = '';
	for (let i = record.rdataField; i < count && text.length <= MAX_RDATA_TEXT; i++)
		text += (text ? ' ' : '') + tokens.tokenText(entries.fieldOf(record.entryIndex, i));
	return shortened(text);
}

function shortened(text: string): string {
	return text.length > MAX_RDATA_TEXT ? text.slice(0, MAX_RDATA_TEXT - 1) + '…' : text;
}
