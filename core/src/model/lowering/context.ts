/**
 * The state of one lowering (lower.ts) and what every step of it shares: the files read so far,
 * the records and problems made, the origin, and the defaults that carry from record to record
 * (owner, TTL, class). The directives (directives.ts) and the record head (recordHead.ts) work on
 * it; ZoneBuilder (lower.ts) holds it.
 */
import type { GenerateLimits } from '../../limits';
import type { ProblemCode } from '../../problems';
import type { Entry } from '../../syntax/parser';
import type { TokenStream } from '../../syntax/scanner';
import type { GenerateBudget } from '../generate';
import type { IncludeContext, OriginSource, ResourceRecord, Severity, SourceFile, ZoneProblem } from '../zoneModel';

/** Reads an included file. Returns its canonical id and text, or a reason it cannot be read. */
export type IncludeResolver = (path: string, fromFileId: string) => { id: string; text: string } | { error: string };

export interface LowerOptions {
	/** Origin from a setting or `--origin`; wins over the SOA owner and the file name. */
	readonly origin?: string;
	/** Used to guess the origin from names like `db.example.com` or `example.com.zone`. */
	readonly fileName?: string;
	/** Follows `$INCLUDE`; without it, includes are reported as not followed. */
	readonly resolveInclude?: IncludeResolver;
	/**
	 * The file is a fragment that a zone includes: start in the state of that include (origin, `$TTL`,
	 * previous TTL and class) instead of the state of a zone's first line. `origin` wins over it.
	 */
	readonly includedAt?: IncludeContext;
	/** What `$GENERATE` may make: `EDITOR_GENERATE_LIMITS` when absent. */
	readonly generateLimits?: GenerateLimits;
}

/**
 * What the steps of a lowering see of it (lower.ts's ZoneBuilder is the one implementation): an
 * interface, not a base class, so the hot record path stays one plain class.
 */
export interface LowerContext {
	readonly options: LowerOptions;
	origin: string | undefined;
	apex: string | undefined;
	originSource: OriginSource;
	readonly files: SourceFile[];
	readonly records: ResourceRecord[];
	readonly problems: ZoneProblem[];
	/** The `$TTL` in force, or the SOA minimum when no `$TTL` came before an SOA without a TTL (BIND). */
	defaultTtl: number | undefined;
	/** True when {@link defaultTtl} is that SOA minimum rather than a `$TTL`. */
	defaultTtlFromSoa: boolean;
	/** The TTL of the previous record, for a record that gives none and follows no `$TTL`. */
	lastTtl: number | undefined;
	/** The previous record's owner, for a record whose owner is blank. */
	lastOwner: string | undefined;
	lastOwnerKey: string;
	lastOwnerValid: boolean;
	lastClass: string;
	zoneClass: string | undefined;
	/** Ids of the files being read, outermost first, to refuse `$INCLUDE` cycles. */
	readonly includeStack: string[];
	/** What this zone's `$GENERATE` directives may still make (records and characters). */
	readonly generateBudget: GenerateBudget;

	/** Lowers every entry of a file (the main file at depth 0, an included one deeper). */
	addFile(file: SourceFile, depth: number): void;
	/**
	 * Lowers one record entry of file `file`. For a `$GENERATE` line, `generatedFrom` is the
	 * directive and `generatedFile` the file that holds it.
	 */
	record(file: number, entry: Entry, generatedFrom?: Entry, generatedFile?: number): void;
	/** Adds a problem, unless there are too many already. */
	report(file: number, start: number, end: number, code: ProblemCode, message: string, severity?: Severity): void;
	/** Adds a problem on one field of an entry. */
	reportField(file: number, entry: Entry, field: number, code: ProblemCode, message: string, severity?: Severity): void;
	/** Resolves a name against the current origin; reports an unknown origin once. */
	resolve(file: number, entry: Entry, field: number, text: string): string;
	/** RFC 2181 §8: a TTL above 2^31 − 1 is treated as 0; BIND warns and does the same. */
	checkTtlRange(file: number, entry: Entry, field: number, ttl: number): number;
}

/** True when a quoted string of the entry runs to the line end without its closing quote. */
export function hasUnterminatedString(tokens: TokenStream, entry: Entry): boolean {
	const errors = tokens.errors;
	if (errors.length === 0) return false;
	// The scanner's errors are in text order: find the first at or after the entry's start.
	let low = 0;
	let high = errors.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (errors[mid].start < entry.start) low = mid + 1;
		else high = mid;
	}
	return low < errors.length && errors[low].start < entry.end;
}
