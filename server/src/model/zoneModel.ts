/**
 * The semantic model: records with absolute names, resolved TTLs, typed RDATA and exact source spans.
 */
import type { Entry, ZoneSyntax } from '../syntax/parser';
import type { RdataValue } from './rrTypes/fields';

/** Severity names as LSP and the CLI's JSON output spell them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A source range in one file of the zone (`file` indexes {@link ZoneModel.files}). */
export interface SourceSpan {
	readonly file: number;
	readonly start: number;
	readonly end: number;
}

/** A problem found anywhere in the pipeline: syntax, model or rule. */
export interface ZoneProblem extends SourceSpan {
	/** Stable camelCase code: a syntax/model code or a rule id. */
	readonly code: string;
	readonly severity: Severity;
	readonly message: string;
	readonly related?: readonly (SourceSpan & { readonly message: string })[];
}

/** One file of the zone: the main file, or one reached through `$INCLUDE`. */
export interface SourceFile {
	/** The id the reader knows it by: a path or a URI. */
	readonly id: string;
	readonly syntax: ZoneSyntax;
	/** Where it was included from; absent for the main file. */
	readonly includedFrom?: SourceSpan;
}

/** Where a record's TTL came from, for hovers and BIND-compatible defaulting. */
export type TtlSource = 'record' | '$TTL' | 'previous' | 'soaMinimum';

/** Where the zone's origin came from. */
export type OriginSource = 'option' | 'soa' | '$ORIGIN' | 'fileName' | 'unknown';

export interface ResourceRecord {
	/** Index of the file in {@link ZoneModel.files}. */
	readonly file: number;
	/** The syntax entry; for `$GENERATE` records, the directive. */
	readonly entry: Entry;
	/** Absolute owner, e.g. `www` → `www.example.com.`; the relative text when the origin is unknown. */
	readonly owner: string;
	/** Comparison key of the owner (see `nameKey`). */
	readonly ownerKey: string;
	readonly ttl: number;
	readonly ttlSource: TtlSource;
	readonly class: string;
	/** Numeric type code, e.g. 15 for MX. */
	readonly type: number;
	/** Typed RDATA values in the order of the type's fields (names absolute). Empty for RFC 3597 form. */
	readonly rdata: readonly RdataValue[];
	/** Indices into `entry.fields` of the owner, TTL, class and type words (-1 when absent). */
	readonly ownerField: number;
	readonly ttlField: number;
	readonly classField: number;
	readonly typeField: number;
	/** Index into `entry.fields` where the RDATA words begin. */
	readonly rdataField: number;
	/** True for records produced by `$GENERATE`: their fields point at the directive's words. */
	readonly generated: boolean;
}

export interface ZoneModel {
	/** The zone apex (absolute), or `undefined` when it could not be determined. */
	readonly origin: string | undefined;
	readonly originSource: OriginSource;
	readonly zoneClass: string;
	readonly files: readonly SourceFile[];
	/** Every valid record in file order; records with broken RDATA or outside the zone are left out. */
	readonly records: readonly ResourceRecord[];
	/** Syntax and model problems (not rule findings). */
	readonly problems: readonly ZoneProblem[];
}

/** The source span of word `fieldIndex` of a record's entry, e.g. the exchange of an MX. */
export function fieldSpan(model: ZoneModel, record: ResourceRecord, fieldIndex: number): SourceSpan {
	const tokens = model.files[record.file].syntax.tokens;
	const index = Math.min(fieldIndex, record.entry.fields.length - 1);
	const token = record.entry.fields[index];
	return { file: record.file, start: tokens.start(token), end: tokens.end(token) };
}

/** The span of the whole record (first to last word, comments excluded). */
export function recordSpan(record: ResourceRecord): SourceSpan {
	return { file: record.file, start: record.entry.start, end: record.entry.end };
}
