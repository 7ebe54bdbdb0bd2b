/**
 * Lowering: walks the entries of a zone file in order and turns them into records, applying
 * `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE`, `@`, blank owners and class/TTL defaults the way BIND does.
 * The core does no IO: `$INCLUDE` is followed only through the injected {@link IncludeResolver}.
 *
 * The pieces live in lowering/: the shared state (context.ts), the directives (directives.ts) and
 * the head of a record, owner, TTL, class and type (recordHead.ts). This file has the walk and the
 * record itself: its RDATA, where it may stand, and folding duplicates.
 */
import { MAX_RDATA_WORDS } from '../limits';
import { finish, type Steps } from '../steps';
import { type Entry, EntryKind, MAX_SYNTAX_PROBLEMS, parseZoneInSteps, type ZoneSyntax } from '../syntax/parser';
import { TokenKind, type TokenStream } from '../syntax/scanner';
import { absoluteName, isSubdomainKey, nameKey } from './domainName';
import { fullGenerateBudget, type GenerateBudget } from './generate';
import { hasUnterminatedString, type LowerContext, type LowerOptions } from './lowering/context';
import { lowerDirective } from './lowering/directives';
import { readOwner, readTtlAndClass, readType, RecordHead, resolveClass, resolveTtl } from './lowering/recordHead';
import { originFromFileName } from './originGuess';
import { base32HexLength } from './rrTypes/encodings';
import { parseRdata, type RdataValue, type RdataWords } from './rrTypes/fields';
import { type OriginSource, ResourceRecord, type Severity, type SourceFile, type ZoneModel, type ZoneProblem } from './zoneModel';

export type { IncludeResolver, LowerOptions } from './lowering/context';

const TYPE_CNAME = 5,
	TYPE_SOA = 6,
	TYPE_DNAME = 39,
	TYPE_NSEC3 = 50;

/**
 * Entries lowered between two pauses of {@link buildZoneModelInSteps}: at most a few milliseconds
 * of work, so a language server stepping the analysis can answer requests in between.
 */
export const ENTRIES_PER_STEP = 4096;

/** Builds the model of a zone from its main file's text. Never throws. */
export function buildZoneModel(id: string, text: string, options: LowerOptions = {}): ZoneModel {
	return finish(buildZoneModelInSteps(id, text, options));
}

/**
 * {@link buildZoneModel} as steps: it yields while parsing (see {@link parseZoneInSteps}), after it,
 * and after every {@link ENTRIES_PER_STEP} entries of the main file, and returns the same model. Included files are read in one step each.
 */
export function* buildZoneModelInSteps(id: string, text: string, options: LowerOptions = {}): Steps<ZoneModel> {
	const syntax = yield* parseZoneInSteps(text);
	yield;
	const builder = new ZoneBuilder(options);
	const { origin, source } = initialOrigin(syntax, options);
	builder.origin = origin;
	builder.apex = origin;
	builder.originSource = source;
	const includedAt = options.includedAt;
	if (includedAt) {
		builder.defaultTtl = includedAt.defaultTtl;
		builder.lastTtl = includedAt.lastTtl;
		if (includedAt.zoneClass !== undefined) builder.lastClass = includedAt.zoneClass;
	}
	yield* builder.fileSteps({ id, syntax }, 0);
	return builder.finish();
}

/** The origin before the first `$ORIGIN`: option, then absolute SOA owner, then file name. */
function initialOrigin(syntax: ZoneSyntax, options: LowerOptions): { origin: string | undefined; source: OriginSource } {
	if (options.origin) return { origin: normaliseOrigin(options.origin), source: 'option' };
	if (options.includedAt?.origin) return { origin: normaliseOrigin(options.includedAt.origin), source: 'option' };
	const { tokens } = syntax;
	for (const entry of syntax.entries) {
		if (entry.kind === EntryKind.Directive) {
			const word = tokens.tokenText(entry.fields[0]).toUpperCase();
			if (word === '$ORIGIN') return { origin: undefined, source: 'unknown' };
			continue;
		}
		// A first record with a string cut off by the line end is not read, so it gives no origin.
		if (hasUnterminatedString(tokens, entry)) break;
		// Look for SOA among the first four words: owner, TTL, class, type.
		for (let i = 0; i < Math.min(4, entry.fields.length); i++) {
			if (tokens.tokenText(entry.fields[i]).toUpperCase() !== 'SOA') continue;
			const owner = entry.blankOwner || i === 0 ? undefined : tokens.tokenText(entry.fields[0]);
			if (owner !== undefined && owner !== '@' && owner.endsWith('.')) return { origin: owner, source: 'soa' };
			break;
		}
		break;
	}
	const fromName = options.fileName ? originFromFileName(options.fileName) : undefined;
	return fromName ? { origin: fromName, source: 'fileName' } : { origin: undefined, source: 'unknown' };
}

function normaliseOrigin(origin: string): string {
	return origin.endsWith('.') ? origin : origin + '.';
}

/** Adapts one record's RDATA words to the field parsers without allocating per record. */
class WordView implements RdataWords {
	tokens!: TokenStream;
	fields!: Uint32Array;
	offset = 0;
	count = 0;
	text(index: number): string {
		return this.tokens.tokenText(this.fields[this.offset + index]);
	}
	quoted(index: number): boolean {
		return this.tokens.kind(this.fields[this.offset + index]) === TokenKind.Quoted;
	}
}

class ZoneBuilder implements LowerContext {
	origin: string | undefined;
	apex: string | undefined;
	originSource: OriginSource = 'unknown';
	readonly files: SourceFile[] = [];
	readonly records: ResourceRecord[] = [];
	readonly problems: ZoneProblem[] = [];
	/** Records folded into an identical earlier one (see `isDuplicate`); their words still name things. */
	readonly foldedDuplicates: ResourceRecord[] = [];
	/** The `$TTL` in force, or the SOA minimum when no `$TTL` came before an SOA without a TTL (BIND). */
	defaultTtl: number | undefined;
	defaultTtlFromSoa = false;
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
	readonly generateBudget: GenerateBudget;
	#originUnknownReported = false;
	#apexKey: { apex: string; key: string } | undefined;

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
			this.reportField(
				file,
				entry,
				field,
				'originUnknown',
				`The origin is unknown, so '${text}' stays relative: add $ORIGIN, an absolute SOA owner, or set the default origin (setting or --origin).`,
				'information',
			);
		}
		return text;
	}

	/** RFC 2181 §8: a TTL above 2^31 − 1 is treated as 0; BIND warns and does the same. */
	checkTtlRange(file: number, entry: Entry, field: number, ttl: number): number {
		if (ttl <= 0x7fffffff) return ttl;
		this.reportField(file, entry, field, 'ttlTooLarge', `TTL ${ttl} is above 2147483647 (RFC 2181 §8): servers treat it as 0.`, 'warning');
		return 0;
	}

	private readonly words = new WordView();
	/** The head of the record being lowered, reused for every record. */
	private readonly head = new RecordHead();
	/** SOA, CNAME and DNAME records by type and owner, to fold exact duplicates (see `isDuplicate`). */
	private readonly singletons = new Map<string, ResourceRecord>();
	/** The records that identical later lines were folded into. */
	private readonly folded = new Set<ResourceRecord>();

	constructor(readonly options: LowerOptions) {
		this.generateBudget = fullGenerateBudget(options.generateLimits);
	}

	finish(): ZoneModel {
		return {
			origin: this.apex,
			originSource: this.originSource,
			zoneClass: this.zoneClass ?? 'IN',
			files: this.files,
			records: this.records,
			problems: this.problems,
			foldedDuplicates: this.foldedDuplicates,
			includedAt: this.options.includedAt,
			folded: this.folded,
		};
	}

	addFile(file: SourceFile, depth: number): void {
		finish(this.fileSteps(file, depth));
	}

	/** {@link addFile}, pausing after every {@link ENTRIES_PER_STEP} entries. */
	*fileSteps(file: SourceFile, depth: number): Steps<void> {
		const fileIndex = this.files.length;
		this.files.push(file);
		this.includeStack.push(file.id);
		for (const problem of file.syntax.problems) {
			if (this.problems.length >= MAX_SYNTAX_PROBLEMS) break;
			this.problems.push({ ...problem, severity: problem.severity ?? 'error', file: fileIndex });
		}
		const entries = file.syntax.entries;
		for (let i = 0; i < entries.length; i++) {
			const entry = entries.get(i);
			if (entry.kind === EntryKind.Directive) lowerDirective(this, fileIndex, entry, depth);
			else this.record(fileIndex, entry);
			if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
		}
		this.includeStack.pop();
	}

	record(file: number, entry: Entry, generatedFrom?: Entry, generatedFile?: number): void {
		const tokens = this.files[file].syntax.tokens;
		// A quoted string cut off by the line end (the scanner reports it) would read as a shorter value.
		if (hasUnterminatedString(tokens, entry)) return;
		const head = this.head;
		if (!readOwner(this, file, entry, tokens, head) || !readTtlAndClass(this, file, entry, tokens, head)) return;
		const lookup = readType(this, file, entry, tokens, head);
		if (lookup === undefined || !resolveClass(this, file, entry, head)) return;

		const fields = entry.fields;
		const index = head.rdataField;
		// RDATA holds at most 65535 octets (RFC 1035 §3.2.1), and every word but `\#` and its length
		// stands for at least half an octet: a longer record cannot load, and checking each of its
		// words could make millions of problems.
		if (fields.length - index > MAX_RDATA_WORDS) {
			return this.report(
				file,
				tokens.start(fields[index]),
				entry.end,
				'rdataTooLong',
				`This record has ${fields.length - index} RDATA words; RDATA holds at most 65535 octets (RFC 1035 §3.2.1), so it cannot be loaded.`,
			);
		}
		const words = this.words;
		words.tokens = tokens;
		words.fields = fields;
		words.offset = index;
		words.count = fields.length - index;
		const rdata = parseRdata(
			lookup.info,
			lookup.info?.mnemonic ?? tokens.tokenText(fields[head.typeField]).toUpperCase(),
			words,
			this.origin,
		);
		let valid = true;
		for (const problem of rdata.problems) {
			if (problem.severity !== 'warning') valid = false;
			if (problem.from < 0) {
				this.report(file, entry.start, entry.end, problem.code, problem.message, problem.severity);
			} else {
				const start = tokens.start(fields[index + problem.from]);
				const end = tokens.end(fields[index + problem.to]);
				this.report(file, start, end, problem.code, problem.message, problem.severity);
			}
		}

		const ttlSource = resolveTtl(this, file, entry, head, lookup.code, rdata.values);
		// A record with a broken owner name (reported above) is not a record of the zone either.
		if (ttlSource === undefined || !valid || !this.lastOwnerValid) return;
		const owner = this.lastOwner!;
		if (!this.inPlace(file, entry, tokens, owner, lookup.code)) return;

		const source = generatedFrom ?? entry;
		const record = new ResourceRecord(
			generatedFrom ? generatedFile! : file,
			this.files[generatedFrom ? generatedFile! : file].syntax.entries,
			source.index,
			owner,
			this.lastOwnerKey,
			head.ttl!,
			head.recordClass!,
			lookup.code,
			rdata.values.every(isUndefined) ? NO_VALUES : rdata.values.slice(),
			{
				ownerField: generatedFrom ? 1 : head.ownerField,
				ttlField: generatedFrom ? -1 : head.ttlField,
				classField: generatedFrom ? -1 : head.classField,
				typeField: generatedFrom ? generatedFrom.fields.length - 2 : head.typeField,
				ttlSource,
				generated: generatedFrom !== undefined,
			},
		);
		if (this.isDuplicate(record)) {
			this.foldedDuplicates.push(record);
			return;
		}
		this.records.push(record);
	}

	/** False (and reported) when the owner cannot hold this record: outside the zone, or an NSEC3 owner that is no hash. */
	private inPlace(file: number, entry: Entry, tokens: TokenStream, owner: string, type: number): boolean {
		const ownerField = this.head.ownerField;
		if (
			this.apex !== undefined &&
			(this.originSource === 'option' || this.originSource === 'soa') &&
			!isSubdomainKey(this.lastOwnerKey, this.apexKey(this.apex))
		) {
			const start = ownerField === -1 ? entry.start : tokens.start(entry.fields[0]);
			const end = ownerField === -1 ? entry.end : tokens.end(entry.fields[0]);
			this.report(file, start, end, 'ownerOutsideZone', `'${owner}' is outside the zone ${this.apex}; name servers ignore it.`, 'warning');
			return false;
		}
		if (type === TYPE_NSEC3 && !isHashedOwner(owner)) {
			const start = ownerField === -1 ? entry.start : tokens.start(entry.fields[0]);
			const end = ownerField === -1 ? entry.end : tokens.end(entry.fields[0]);
			this.report(
				file,
				start,
				end,
				'invalidNsec3Owner',
				`The owner of an NSEC3 record starts with the base32hex hash of a name, without padding (RFC 5155 §3), e.g. 2vptu5timamqttgl4luu9kg21e0aor3s.${this.apex ?? 'example.'}; '${owner}' does not.`,
			);
			return false;
		}
		return true;
	}

	/**
	 * An RRset is a set: a record identical to an earlier one is the same record, and servers keep
	 * one copy (RFC 2181 §5). Folded for the types that may have one record per owner (SOA, CNAME,
	 * DNAME), so a repeated SOA (as in IXFR-style files) or a repeated CNAME is not a second one.
	 */
	private isDuplicate(record: ResourceRecord): boolean {
		if (record.type !== TYPE_SOA && record.type !== TYPE_CNAME && record.type !== TYPE_DNAME) return false;
		const key = `${record.type} ${record.ownerKey}`;
		const first = this.singletons.get(key);
		if (first === undefined) {
			this.singletons.set(key, record);
			return false;
		}
		if (first.class !== record.class || !sameRdata(first.rdata, record.rdata)) return false;
		this.folded.add(first);
		return true;
	}
}

/**
 * Shared by every record whose RDATA keeps no typed values (TXT, CAA, keys…), to save an array each.
 * Other values are stored as an exact-size copy: an array grown by push keeps spare capacity.
 */
const NO_VALUES: readonly RdataValue[] = Object.freeze([]);

function isUndefined(value: RdataValue): boolean {
	return value === undefined;
}

/** Same typed RDATA: numbers equal, names equal as DNS names (case and escapes aside). */
function sameRdata(a: readonly RdataValue[], b: readonly RdataValue[]): boolean {
	if (a.length !== b.length || a.length === 0) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (x === y) continue;
		if (typeof x !== 'string' || typeof y !== 'string' || nameKey(x) !== nameKey(y)) return false;
	}
	return true;
}

/** True when the first label of `owner` is unpadded base32hex (an NSEC3 hash, RFC 5155 §3). */
function isHashedOwner(owner: string): boolean {
	const dot = owner.indexOf('.');
	const octets = base32HexLength(owner, 0, dot === -1 ? owner.length : dot);
	return octets !== undefined && octets > 0;
}
