/**
 * The state of one lowering (lower.ts) and what every step of it shares: the files read so far,
 * the records and problems made, the origin, and the defaults that carry from record to record
 * (owner, TTL, class). The directives (directives.ts) and the record head (recordHead.ts) work on
 * it; ZoneBuilder (lower.ts) says how a file and a record are lowered.
 */
import { Entry, MAX_SYNTAX_PROBLEMS } from '../../syntax/parser';
import type { TokenStream } from '../../syntax/scanner';
import { absoluteName, nameKey } from '../domainName';
import { fullGenerateBudget } from '../generate';
import type { OriginSource, ResourceRecord, Severity, SourceFile, ZoneProblem } from '../zoneModel';

/** Reads an included file. Returns its canonical id and text, or a reason it cannot be read. */
export type IncludeResolver = (path: string, fromFileId: string) => { id: string; text: string } | { error: string };

export interface LowerOptions {
	/** Origin from a setting or `--origin`; wins over the SOA owner and the file name. */
	readonly origin?: string;
	/** Used to guess the origin from names like `db.example.com` or `example.com.zone`. */
	readonly fileName?: string;
	/** Follows `$INCLUDE`; without it, includes are reported as not followed. */
	readonly resolveInclude?: IncludeResolver;
}

export abstract class LowerContext {
	origin: string | undefined;
	apex: string | undefined;
	originSource: OriginSource = 'unknown';
	readonly files: SourceFile[] = [];
	readonly records: ResourceRecord[] = [];
	readonly problems: ZoneProblem[] = [];
	/** The `$TTL` in force. */
	defaultTtl: number | undefined;
	/** The TTL of the previous record, for a record that gives none and follows no `$TTL`. */
	lastTtl: number | undefined;
	/** The previous record's owner, for a record whose owner is blank. */
	lastOwner: string | undefined;
	lastOwnerKey = '';
	lastOwnerValid = true;
	lastClass = 'IN';
	zoneClass: string | undefined;
	/** Ids of the files being read, outermost first, to refuse `$INCLUDE` cycles. */
	readonly includeStack: string[] = [];
	/** What this zone's `$GENERATE` directives may still make (records and characters). */
	readonly generateBudget = fullGenerateBudget();
	#originUnknownReported = false;
	#apexKey: { apex: string; key: string } | undefined;

	constructor(readonly options: LowerOptions) {}

	/** Lowers every entry of a file (the main file at depth 0, an included one deeper). */
	abstract addFile(file: SourceFile, depth: number): void;

	/**
	 * Lowers one record entry of file `file`. For a `$GENERATE` line, `generatedFrom` is the
	 * directive and `generatedFile` the file that holds it.
	 */
	abstract record(file: number, entry: Entry, generatedFrom?: Entry, generatedFile?: number): void;

	/** The comparison key of the apex, computed once per apex rather than once per record. */
	apexKey(apex: string): string {
		if (this.#apexKey?.apex !== apex) this.#apexKey = { apex, key: nameKey(apex) };
		return this.#apexKey.key;
	}

	report(file: number, start: number, end: number, code: string, message: string, severity: Severity = 'error'): void {
		// Past this many the text is not a zone; more problems would only cost memory.
		if (this.problems.length >= MAX_SYNTAX_PROBLEMS) return;
		this.problems.push({ code, severity, message, file, start, end });
	}

	reportField(file: number, entry: Entry, field: number, code: string, message: string, severity: Severity = 'error'): void {
		const tokens = this.files[file].syntax.tokens;
		const token = entry.fields[field];
		this.report(file, tokens.start(token), tokens.end(token), code, message, severity);
	}

	/** Resolves a name against the current origin; reports an unknown origin once. */
	resolve(file: number, entry: Entry, field: number, text: string): string {
		const absolute = absoluteName(text, this.origin);
		if (absolute !== undefined) return absolute;
		if (!this.#originUnknownReported) {
			this.#originUnknownReported = true;
			this.reportField(file, entry, field, 'originUnknown', `The origin is unknown, so '${text}' stays relative: add $ORIGIN, an absolute SOA owner, or set the default origin (setting or --origin).`, 'information');
		}
		return text;
	}

	/** RFC 2181 §8: a TTL above 2^31 − 1 is treated as 0; BIND warns and does the same. */
	checkTtlRange(file: number, entry: Entry, field: number, ttl: number): number {
		if (ttl <= 0x7fffffff) return ttl;
		this.reportField(file, entry, field, 'ttlTooLarge', `TTL ${ttl} is above 2147483647 (RFC 2181 §8): servers treat it as 0.`, 'warning');
		return 0;
	}
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
