/**
 * The semantic model: records with absolute names, resolved TTLs, typed RDATA and exact source spans.
 */
import type { Entry, EntryTable, ZoneSyntax } from '../syntax/parser';
import type { Severity } from '../problems';
import type { RdataValue } from './rrTypes/fields';
import type { IncludeContext } from './includeContext';
import type { WorkspaceIndex, WorkspaceLocation } from './workspace/workspaceIndex';

export type { IncludeContext };

export type { Severity };

/** A source range in one file of the zone (`file` indexes {@link ZoneModel.files}). */
export interface SourceSpan {
	readonly file: number;
	readonly start: number;
	readonly end: number;
}

/**
 * A place a problem refers to: in a file of this zone, or in another zone file of the workspace
 * (e.g. the A record of a backup MX that lives in a sibling zone).
 */
export type Place = SourceSpan | { readonly elsewhere: WorkspaceLocation };

/** A {@link Place} with what it is, for related information. */
export type RelatedSpan = Place & { readonly message: string };

/** A text file that belongs with the zone (an MTA-STS policy): its id (path or URI) and its text. */
export interface PolicyFile {
	readonly fileId: string;
	readonly text: string;
}

/**
 * An earlier version of the zone's main file, e.g. `git show HEAD:<path>`, for `serialNotIncremented`:
 * what `revision` names (`HEAD`, `origin/main`) and the model read from its text (without `$INCLUDE`s).
 */
export interface PreviousVersion {
	readonly revision: string;
	readonly model: ZoneModel;
}

/** A problem found anywhere in the pipeline: syntax, model or rule. */
export interface ZoneProblem extends SourceSpan {
	/** Stable camelCase code: a syntax/model code or a rule id. */
	readonly code: string;
	readonly severity: Severity;
	readonly message: string;
	readonly related?: readonly RelatedSpan[];
}

/** One file of the zone: the main file, or one reached through `$INCLUDE`. */
export interface SourceFile {
	/** The id the reader knows it by: a path or a URI. */
	readonly id: string;
	readonly syntax: ZoneSyntax;
	/** Where it was included from; absent for the main file. */
	readonly includedFrom?: SourceSpan;
	/** The state it started in there; absent for the main file. */
	readonly includedWith?: IncludeContext;
}

/** Where a record's TTL came from, for hovers and BIND-compatible defaulting. */
export type TtlSource = 'record' | '$TTL' | 'previous' | 'soaMinimum';

/** Where the zone's origin came from. */
export type OriginSource = 'option' | 'soa' | '$ORIGIN' | 'fileName' | 'unknown';

const TTL_SOURCES: readonly TtlSource[] = ['record', '$TTL', 'previous', 'soaMinimum'];

/** Where a record's words sit in its entry; see {@link ResourceRecord}. */
export interface RecordLayout {
	/** Indices into `entry.fields` of the owner, TTL and class words (-1 when absent) and the type word. */
	readonly ownerField: number;
	readonly ttlField: number;
	readonly classField: number;
	readonly typeField: number;
	readonly ttlSource: TtlSource;
	/** True for records produced by `$GENERATE`: their fields point at the directive's words. */
	readonly generated: boolean;
}

/**
 * One resource record. A zone may hold millions, so the record keeps its entry as an index and
 * packs its layout into one number; `entry` and the field indices are computed on access.
 */
export class ResourceRecord {
	/** Bits 0-3 owner+1, 4-7 TTL+1, 8-11 class+1, 12-19 type field, 20-21 TTL source, 22 generated. */
	readonly #layout: number;
	readonly class: string;
	/** One value is kept as itself, not in an array: most records (A, AAAA, NS, CNAME…) have one. */
	readonly #rdata: RdataValue | readonly RdataValue[];

	constructor(
		/** Index of the file in {@link ZoneModel.files}. */
		readonly file: number,
		private readonly entries: EntryTable,
		/** Index of the syntax entry in its file; for `$GENERATE` records, the directive. */
		readonly entryIndex: number,
		/** Absolute owner, e.g. `www` → `www.example.com.`; the relative text when the origin is unknown. */
		readonly owner: string,
		/** Comparison key of the owner (see `nameKey`). */
		readonly ownerKey: string,
		readonly ttl: number,
		recordClass: string,
		/** Numeric type code, e.g. 15 for MX. */
		readonly type: number,
		rdata: readonly RdataValue[],
		layout: RecordLayout,
	) {
		this.class = recordClass;
		this.#rdata = rdata.length === 1 ? rdata[0] : rdata;
		this.#layout =
			(layout.ownerField + 1) |
			((layout.ttlField + 1) << 4) |
			((layout.classField + 1) << 8) |
			(Math.min(layout.typeField, 255) << 12) |
			(TTL_SOURCES.indexOf(layout.ttlSource) << 20) |
			(layout.generated ? 1 << 22 : 0);
	}

	/** Typed RDATA values in the order of the type's fields (names absolute). Empty for RFC 3597 form. */
	get rdata(): readonly RdataValue[] {
		const stored = this.#rdata;
		return isRdataArray(stored) ? stored : [stored];
	}

	/** Number of RDATA values, without making an array: 0 for RFC 3597 form (`\# length hex`). */
	get rdataCount(): number {
		const stored = this.#rdata;
		return isRdataArray(stored) ? stored.length : 1;
	}

	/** RDATA value `index` without making an array, e.g. the address of an A record: `value(0)`. */
	value(index: number): RdataValue {
		const stored = this.#rdata;
		return isRdataArray(stored) ? stored[index] : index === 0 ? stored : undefined;
	}

	/** The syntax entry (a fresh view on each access: keep it in a local when used often). */
	get entry(): Entry {
		return this.entries.get(this.entryIndex);
	}
	get ownerField(): number {
		return (this.#layout & 0xf) - 1;
	}
	get ttlField(): number {
		return ((this.#layout >> 4) & 0xf) - 1;
	}
	get classField(): number {
		return ((this.#layout >> 8) & 0xf) - 1;
	}
	get typeField(): number {
		return (this.#layout >> 12) & 0xff;
	}
	/** Index into `entry.fields` where the RDATA words begin. */
	get rdataField(): number {
		return this.typeField + 1;
	}
	get ttlSource(): TtlSource {
		return TTL_SOURCES[(this.#layout >> 20) & 0x3];
	}
	get generated(): boolean {
		return (this.#layout & (1 << 22)) !== 0;
	}
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
	/** The other zones of the workspace, which answer for names outside this one (see the mail model). */
	readonly workspace?: WorkspaceIndex;
	/** The apex domain's MTA-STS policy file, read beside the zone (see the mtaSts rules). */
	readonly mtaStsPolicy?: PolicyFile;
	/** The version of the main file the serial must have grown from (see `serialNotIncremented`). */
	readonly previousVersion?: PreviousVersion;
	/**
	 * Records left out of `records` as exact repeats of an earlier SOA, CNAME or DNAME (an IXFR-style
	 * file ends with its SOA again): the same record, but their words are in the file, and an edit
	 * such as a rename must change them too.
	 */
	readonly foldedDuplicates?: readonly ResourceRecord[];
	/**
	 * Records that stand for several identical lines (a repeated SOA, CNAME or DNAME is one record,
	 * RFC 2181 §5): an edit of one of those lines would make them differ.
	 */
	readonly folded: ReadonlySet<ResourceRecord>;
	/**
	 * Set when the main file was analysed as a fragment included at this point of a zone
	 * (`AnalysisOptions.includedAt`): it is not a zone, so the zone-level rules skip it.
	 */
	readonly includedAt?: IncludeContext;
}

/** The source span of word `fieldIndex` of a record's entry, e.g. the exchange of an MX. */
export function fieldSpan(model: ZoneModel, record: ResourceRecord, fieldIndex: number): SourceSpan {
	const { tokens, entries } = model.files[record.file].syntax;
	// Read from the entry table, not through `record.entry` (a fresh view): the Outline asks this per record.
	const token = entries.fieldOf(record.entryIndex, Math.min(fieldIndex, entries.fieldCountOf(record.entryIndex) - 1));
	return { file: record.file, start: tokens.start(token), end: tokens.end(token) };
}

/** The span of the whole record (first to last word, comments excluded). */
export function recordSpan(record: ResourceRecord): SourceSpan {
	const entry = record.entry;
	return { file: record.file, start: entry.start, end: entry.end };
}

/** `Array.isArray` narrows a readonly array to `any[]`; this keeps the element type. */
function isRdataArray(stored: RdataValue | readonly RdataValue[]): stored is readonly RdataValue[] {
	return Array.isArray(stored);
}
