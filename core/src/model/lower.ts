/**
 * Lowering: walks the entries of a zone file in order and turns them into records, applying
 * `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE`, `@`, blank owners and class/TTL defaults the way BIND does.
 * The core does no IO: `$INCLUDE` is followed only through the injected {@link IncludeResolver}.
 */
import { MAX_INCLUDE_DEPTH, MAX_RDATA_WORDS } from '../limits';
import { Entry, EntryKind, MAX_SYNTAX_PROBLEMS, parseZone, ZoneSyntax } from '../syntax/parser';
import { TokenKind, TokenStream } from '../syntax/scanner';
import { absoluteName, checkName, isSubdomainKey, nameErrorMessage, nameKey } from './domainName';
import { expandGenerate, fullGenerateBudget, GenerateRequest } from './generate';
import { originFromFileName } from './originGuess';
import { base32HexLength } from './rrTypes/encodings';
import { parseRdata, RdataValue, RdataWords } from './rrTypes/fields';
import { lookupRrType, parseTypeNumber } from './rrTypes/index';
import { looksLikeTtl, parseTtl } from './ttl';
import { OriginSource, ResourceRecord, Severity, SourceFile, TtlSource, ZoneModel, ZoneProblem } from './zoneModel';

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

const CLASSES = new Set(['IN', 'CH', 'CHAOS', 'HS', 'HESIOD']);
const TYPE_MD = 3, TYPE_MF = 4, TYPE_CNAME = 5, TYPE_SOA = 6, TYPE_DNAME = 39, TYPE_NSEC3 = 50;

/** Builds the model of a zone from its main file's text. Never throws. */
export function buildZoneModel(id: string, text: string, options: LowerOptions = {}): ZoneModel {
	const syntax = parseZone(text);
	const builder = new ZoneBuilder(options);
	const { origin, source } = initialOrigin(syntax, options);
	builder.origin = origin;
	builder.apex = origin;
	builder.originSource = source;
	builder.addFile({ id, syntax }, 0);
	return builder.finish();
}

/** The origin before the first `$ORIGIN`: option, then absolute SOA owner, then file name. */
function initialOrigin(syntax: ZoneSyntax, options: LowerOptions): { origin: string | undefined; source: OriginSource } {
	if (options.origin) return { origin: normaliseOrigin(options.origin), source: 'option' };
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

class ZoneBuilder {
	origin: string | undefined;
	apex: string | undefined;
	originSource: OriginSource = 'unknown';
	readonly files: SourceFile[] = [];
	readonly records: ResourceRecord[] = [];
	readonly problems: ZoneProblem[] = [];
	private defaultTtl: number | undefined;
	private lastTtl: number | undefined;
	private lastOwner: string | undefined;
	private lastOwnerKey = '';
	private lastOwnerValid = true;
	private lastClass = 'IN';
	private zoneClass: string | undefined;
	private originUnknownReported = false;
	private readonly includeStack: string[] = [];
	private readonly words = new WordView();
	/** What this zone's `$GENERATE` directives may still make (records and characters). */
	private readonly generateBudget = fullGenerateBudget();
	/** SOA, CNAME and DNAME records by type and owner, to fold exact duplicates (see `isDuplicate`). */
	private readonly singletons = new Map<string, ResourceRecord>();

	constructor(private readonly options: LowerOptions) {}

	#apexKey: { apex: string; key: string } | undefined;

	/** The comparison key of the apex, computed once per apex rather than once per record. */
	private apexKey(apex: string): string {
		if (this.#apexKey?.apex !== apex) this.#apexKey = { apex, key: nameKey(apex) };
		return this.#apexKey.key;
	}

	finish(): ZoneModel {
		return {
			origin: this.apex,
			originSource: this.originSource,
			zoneClass: this.zoneClass ?? 'IN',
			files: this.files,
			records: this.records,
			problems: this.problems,
		};
	}

	addFile(file: SourceFile, depth: number): void {
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
			if (entry.kind === EntryKind.Directive) this.directive(fileIndex, entry, depth);
			else this.record(fileIndex, entry);
		}
		this.includeStack.pop();
	}

	private report(file: number, start: number, end: number, code: string, message: string, severity: Severity = 'error'): void {
		// Past this many the text is not a zone; more problems would only cost memory.
		if (this.problems.length >= MAX_SYNTAX_PROBLEMS) return;
		this.problems.push({ code, severity, message, file, start, end });
	}

	private reportField(file: number, entry: Entry, field: number, code: string, message: string, severity: Severity = 'error'): void {
		const tokens = this.files[file].syntax.tokens;
		const token = entry.fields[field];
		this.report(file, tokens.start(token), tokens.end(token), code, message, severity);
	}

	/** Resolves a name against the current origin; reports an unknown origin once. */
	private resolve(file: number, entry: Entry, field: number, text: string): string {
		const absolute = absoluteName(text, this.origin);
		if (absolute !== undefined) return absolute;
		if (!this.originUnknownReported) {
			this.originUnknownReported = true;
			this.reportField(file, entry, field, 'originUnknown', `The origin is unknown, so '${text}' stays relative: add $ORIGIN, an absolute SOA owner, or set the default origin (setting or --origin).`, 'information');
		}
		return text;
	}

	private directive(file: number, entry: Entry, depth: number): void {
		const tokens = this.files[file].syntax.tokens;
		// Like a record, a directive with a string cut off by the line end is not read (the scanner reports it).
		if (hasUnterminatedString(tokens, entry)) return;
		const name = tokens.tokenText(entry.fields[0]).toUpperCase();
		const argCount = entry.fields.length - 1;
		const arg = (i: number): string => tokens.tokenText(entry.fields[i]);
		switch (name) {
			case '$ORIGIN': {
				if (argCount !== 1) return this.reportField(file, entry, 0, 'invalidDirective', '$ORIGIN takes exactly one domain name, e.g. $ORIGIN example.com.');
				// BIND refuses a quoted origin ("unbalanced quotes").
				if (tokens.kind(entry.fields[1]) === TokenKind.Quoted) return this.reportField(file, entry, 1, 'invalidDirective', '$ORIGIN takes a domain name, not a quoted string: $ORIGIN example.com.');
				const text = arg(1);
				const error = checkName(text);
				if (error) return this.reportField(file, entry, 1, error, nameErrorMessage(error, text));
				const origin = absoluteName(text, this.origin);
				if (origin === undefined) return this.reportField(file, entry, 1, 'originUnknown', `$ORIGIN '${text}' is relative and there is no origin to append it to: end it with a dot.`);
				// A relative $ORIGIN is appended to the current one; the result must still be a name
				// (repeated `$ORIGIN sub` lines would otherwise grow it without end).
				const longError = checkName(origin);
				if (longError) return this.reportField(file, entry, 1, longError, nameErrorMessage(longError, origin));
				this.origin = origin;
				if (this.apex === undefined) {
					this.apex = origin;
					this.originSource = '$ORIGIN';
				}
				return;
			}
			case '$TTL': {
				if (argCount !== 1) return this.reportField(file, entry, 0, 'invalidDirective', '$TTL takes exactly one TTL, e.g. $TTL 3600 or $TTL 1h.');
				const ttl = parseTtl(arg(1));
				if (ttl === undefined) return this.reportField(file, entry, 1, 'invalidTtl', `'${arg(1)}' is not a TTL: use seconds (3600) or units (1h, 1w2d).`);
				this.defaultTtl = this.checkTtlRange(file, entry, 1, ttl);
				return;
			}
			case '$INCLUDE':
				return this.include(file, entry, depth);
			case '$GENERATE':
				return this.generate(file, entry);
			case '$DATE':
				// BIND writes `$DATE YYYYMMDDHHmmSS` into dumped zones (the dump time) and reads it back.
				if (argCount !== 1 || !/^[0-9]{14}$/.test(arg(1))) return this.reportField(file, entry, 0, 'invalidDirective', '$DATE takes one time stamp, YYYYMMDDHHmmSS (as BIND writes it).');
				return;
			default:
				return this.reportField(file, entry, 0, 'unknownDirective', `Unknown directive '${arg(0)}': zone files know $ORIGIN, $TTL, $INCLUDE and $GENERATE.`);
		}
	}

	/** RFC 2181 §8: a TTL above 2^31 − 1 is treated as 0; BIND warns and does the same. */
	private checkTtlRange(file: number, entry: Entry, field: number, ttl: number): number {
		if (ttl <= 0x7fffffff) return ttl;
		this.reportField(file, entry, field, 'ttlTooLarge', `TTL ${ttl} is above 2147483647 (RFC 2181 §8): servers treat it as 0.`, 'warning');
		return 0;
	}

	private include(file: number, entry: Entry, depth: number): void {
		const tokens = this.files[file].syntax.tokens;
		const argCount = entry.fields.length - 1;
		if (argCount < 1 || argCount > 2) {
			return this.reportField(file, entry, 0, 'invalidDirective', '$INCLUDE takes a file name and an optional origin: $INCLUDE <file> [<origin>].');
		}
		let path = tokens.tokenText(entry.fields[1]);
		if (tokens.kind(entry.fields[1]) === TokenKind.Quoted) path = path.slice(1, -1);
		let includeOrigin = this.origin;
		if (argCount === 2) {
			includeOrigin = this.resolve(file, entry, 2, tokens.tokenText(entry.fields[2]));
		}
		const resolver = this.options.resolveInclude;
		if (!resolver) {
			return this.reportField(file, entry, 1, 'includeNotFollowed', `$INCLUDE '${path}' was not followed here, so its records are not checked with this zone.`, 'information');
		}
		if (depth + 1 > MAX_INCLUDE_DEPTH) {
			return this.reportField(file, entry, 1, 'includeTooDeep', `$INCLUDE '${path}' is nested more than ${MAX_INCLUDE_DEPTH} levels deep; not followed.`);
		}
		const result = resolver(path, this.files[file].id);
		if ('error' in result) return this.reportField(file, entry, 1, 'includeNotFound', `$INCLUDE '${path}': ${result.error}`);
		if (this.includeStack.includes(result.id)) {
			return this.reportField(file, entry, 1, 'includeCycle', `$INCLUDE '${path}' includes a file that is already being read (a cycle); not followed.`);
		}
		// The included file starts with the given origin; the including file's origin is restored after (RFC 1035 §5.1).
		const savedOrigin = this.origin;
		this.origin = includeOrigin;
		const span = { file, start: entry.start, end: entry.end };
		const firstProblem = this.problems.length;
		this.addFile({ id: result.id, syntax: parseZone(result.text), includedFrom: span }, depth + 1);
		this.origin = savedOrigin;
		const errors = this.problems.slice(firstProblem).filter((p) => p.severity === 'error' && p.file !== file).length;
		if (errors > 0) {
			this.reportField(file, entry, 1, 'includedFileHasErrors', `$INCLUDE '${path}' has ${errors} error${errors === 1 ? '' : 's'}.`);
		}
	}

	private generate(file: number, entry: Entry): void {
		const tokens = this.files[file].syntax.tokens;
		// BIND reads each part of the directive as a token, so a quoted part loses its quotes:
		// `$GENERATE 1-2 h$ MX "0 ."` makes `h1 MX 0 .`.
		const request: GenerateRequest = {
			words: Array.from(entry.fields.subarray(1), (token) => (tokens.kind(token) === TokenKind.Quoted ? tokens.tokenText(token).slice(1, -1) : tokens.tokenText(token))),
			budget: this.generateBudget,
		};
		const expansion = expandGenerate(request);
		if ('error' in expansion) {
			return this.reportField(file, entry, Math.min(entry.fields.length - 1, expansion.field + 1), expansion.code, expansion.error);
		}
		// Each generated line is lowered like a record written in the file, against the directive's words.
		// All lines are parsed as one text (one parse instead of one per line); a line whose text
		// spans entries (a stray parenthesis) is parsed on its own.
		const lines = expansion.lines;
		const joined = parseZone(lines.map((line) => line.text).join('\n'));
		const oneEntryPerLine = joined.entries.length === lines.length && joined.problems.length === 0;
		for (let i = 0; i < lines.length; i++) {
			const line = lines[i];
			const lineSyntax = oneEntryPerLine ? joined : parseZone(line.text);
			const lineEntry = oneEntryPerLine ? joined.entries.get(i) : lineSyntax.entries.length > 0 ? lineSyntax.entries.get(0) : undefined;
			const problemsBefore = this.problems.length;
			if (!oneEntryPerLine) this.problems.push(...lineSyntax.problems.map((p) => ({ ...p, severity: p.severity ?? ('error' as const), file })));
			if (lineEntry !== undefined) {
				const virtualFile = this.files.length;
				this.files.push({ id: this.files[file].id, syntax: lineSyntax, includedFrom: { file, start: entry.start, end: entry.end } });
				this.record(virtualFile, lineEntry, entry, file);
				this.files.pop();
			}
			if (this.problems.length > problemsBefore) {
				// Report the first failing iteration on the directive and stop: the rest fail the same way.
				const found = this.problems.splice(problemsBefore);
				for (const problem of found) {
					this.report(file, entry.start, entry.end, problem.code, `$GENERATE iteration ${line.iterator} ('${line.text}'): ${problem.message}`, problem.severity);
				}
				return;
			}
		}
	}

	private record(file: number, entry: Entry, generatedFrom?: Entry, generatedFile?: number): void {
		const tokens = this.files[file].syntax.tokens;
		// A quoted string cut off by the line end (the scanner reports it) would read as a shorter value.
		if (hasUnterminatedString(tokens, entry)) return;
		const fields = entry.fields;
		let index = 0;
		let ownerField = -1;
		let owner: string | undefined;
		let ownerKey: string;
		let ownerValid = true;
		if (entry.blankOwner) {
			if (this.lastOwner === undefined) {
				return this.report(file, entry.start, entry.end, 'noOwner', 'This record starts with a blank, but no earlier record gave an owner name.');
			}
			owner = this.lastOwner;
			ownerKey = this.lastOwnerKey;
			ownerValid = this.lastOwnerValid;
		} else {
			ownerField = 0;
			// BIND reads a quoted owner without its quotes: `"www" A …` is `www`, `"a b"` is `a\ b`.
			const text = tokens.kind(fields[0]) === TokenKind.Quoted ? unquotedName(tokens.tokenText(fields[0])) : tokens.tokenText(fields[0]);
			owner = this.resolve(file, entry, 0, text);
			const error = checkName(owner);
			if (error) this.reportField(file, entry, 0, error, nameErrorMessage(error, text));
			ownerValid = error === undefined;
			ownerKey = owner === this.lastOwner ? this.lastOwnerKey : nameKey(owner);
			index = 1;
		}
		this.lastOwner = owner;
		this.lastOwnerKey = ownerKey;
		this.lastOwnerValid = ownerValid;

		// TTL and class may come in either order, each optional (RFC 1035 §5.1).
		let ttlField = -1;
		let classField = -1;
		let ttl: number | undefined;
		let recordClass: string | undefined;
		for (let n = 0; n < 2 && index < fields.length; n++) {
			const text = tokens.tokenText(fields[index]);
			if (ttlField === -1 && looksLikeTtl(text)) {
				const value = parseTtl(text);
				if (value === undefined) return this.reportField(file, entry, index, 'invalidTtl', `'${text}' is not a TTL: use seconds (3600) or units (1h, 1w2d).`);
				ttl = this.checkTtlRange(file, entry, index, value);
				ttlField = index++;
				continue;
			}
			if (classField === -1) {
				// Nearly every class word is IN: skip the upper-casing for it.
				const upper = text === 'IN' ? text : text.toUpperCase();
				const cls = CLASSES.has(upper) ? canonicalClass(upper) : parseTypeNumber(upper, 'CLASS') !== undefined ? classFromNumber(upper) : undefined;
				if (upper === 'ANY' || upper === 'NONE') return this.reportField(file, entry, index, 'metaClass', `Class ${upper} is a query class and cannot appear in zone data.`);
				if (cls !== undefined) {
					recordClass = cls;
					classField = index++;
					continue;
				}
			}
			break;
		}
		if (index >= fields.length) {
			return this.report(file, entry.start, entry.end, 'missingType', 'This record has no type (e.g. A, MX, TXT).');
		}
		const typeField = index++;
		const typeText = tokens.tokenText(fields[typeField]);
		const lookup = lookupRrType(typeText);
		if (lookup === undefined) {
			return this.reportField(file, entry, typeField, 'unknownRrType', `Unknown RR type '${typeText}'. Use a known mnemonic or TYPEnnn with RFC 3597 RDATA (\\# <length> <hex>).`);
		}
		if (lookup.info?.meta) {
			return this.reportField(file, entry, typeField, 'metaType', `${lookup.info.mnemonic} is a meta/query type and cannot appear in zone data.`);
		}
		if (lookup.code === TYPE_MD || lookup.code === TYPE_MF) {
			return this.reportField(file, entry, typeField, 'obsoleteType', `${lookup.code === TYPE_MD ? 'MD' : 'MF'} is obsolete (RFC 973): use MX. BIND refuses to load a zone with it.`);
		}

		recordClass ??= this.lastClass;
		this.zoneClass ??= recordClass;
		if (recordClass !== this.zoneClass) {
			return this.reportField(file, entry, classField, 'classMismatch', `Class ${recordClass} differs from the zone's class ${this.zoneClass}.`);
		}
		this.lastClass = recordClass;

		// RDATA holds at most 65535 octets (RFC 1035 §3.2.1), and every word but `\#` and its length
		// stands for at least half an octet: a longer record cannot load, and checking each of its
		// words could make millions of problems.
		if (fields.length - index > MAX_RDATA_WORDS) {
			return this.report(file, tokens.start(fields[index]), entry.end, 'rdataTooLong', `This record has ${fields.length - index} RDATA words; RDATA holds at most 65535 octets (RFC 1035 §3.2.1), so it cannot be loaded.`);
		}
		const words = this.words;
		words.tokens = tokens;
		words.fields = fields;
		words.offset = index;
		words.count = fields.length - index;
		const rdata = parseRdata(lookup.info, lookup.info?.mnemonic ?? typeText.toUpperCase(), words, this.origin);
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

		let ttlSource: TtlSource = 'record';
		if (ttl === undefined) {
			if (this.defaultTtl !== undefined) {
				ttl = this.defaultTtl;
				ttlSource = '$TTL';
			} else if (this.lastTtl !== undefined) {
				ttl = this.lastTtl;
				ttlSource = 'previous';
			} else if (lookup.code === TYPE_SOA && typeof rdata.values[6] === 'number') {
				ttlSource = 'soaMinimum';
				this.reportField(file, entry, typeField, 'noTtlUsingSoaMinimum', `No TTL specified and no $TTL before this record; using the SOA minimum (${rdata.values[6]}) as BIND does. Add $TTL at the top.`, 'warning');
				// The minimum is a TTL like any other: above 2^31 − 1 it counts as 0.
				ttl = this.checkTtlRange(file, entry, typeField, rdata.values[6]);
			} else {
				return this.report(file, entry.start, entry.end, 'noTtl', 'No TTL: this record has none, no $TTL precedes it and no earlier record set one. Add $TTL at the top of the file.');
			}
		}
		this.lastTtl = ttl;
		// A record with a broken owner name (reported above) is not a record of the zone either.
		if (!valid || !ownerValid) return;

		if (this.apex !== undefined && (this.originSource === 'option' || this.originSource === 'soa') && !isSubdomainKey(ownerKey, this.apexKey(this.apex))) {
			const start = ownerField === -1 ? entry.start : tokens.start(fields[0]);
			const end = ownerField === -1 ? entry.end : tokens.end(fields[0]);
			return this.report(file, start, end, 'ownerOutsideZone', `'${owner}' is outside the zone ${this.apex}; name servers ignore it.`, 'warning');
		}

		if (lookup.code === TYPE_NSEC3 && !isHashedOwner(owner)) {
			const start = ownerField === -1 ? entry.start : tokens.start(fields[0]);
			const end = ownerField === -1 ? entry.end : tokens.end(fields[0]);
			return this.report(file, start, end, 'invalidNsec3Owner', `The owner of an NSEC3 record starts with the base32hex hash of a name, without padding (RFC 5155 §3), e.g. 2vptu5timamqttgl4luu9kg21e0aor3s.${this.apex ?? 'example.'}; '${owner}' does not.`);
		}

		const source = generatedFrom ?? entry;
		const record = new ResourceRecord(generatedFrom ? generatedFile! : file, this.files[generatedFrom ? generatedFile! : file].syntax.entries, source.index, owner, ownerKey, ttl, recordClass, lookup.code, rdata.values.every(isUndefined) ? NO_VALUES : rdata.values.slice(), {
			ownerField: generatedFrom ? 1 : ownerField,
			ttlField: generatedFrom ? -1 : ttlField,
			classField: generatedFrom ? -1 : classField,
			typeField: generatedFrom ? generatedFrom.fields.length - 2 : typeField,
			ttlSource,
			generated: generatedFrom !== undefined,
		});
		if (this.isDuplicate(record)) return;
		this.records.push(record);
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
		return first.class === record.class && sameRdata(first.rdata, record.rdata);
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

/** The name a quoted owner stands for, in presentation form: quotes off, blanks and specials escaped. */
function unquotedName(quoted: string): string {
	const inner = quoted.slice(1, -1);
	let name = '';
	for (let i = 0; i < inner.length; i++) {
		const char = inner[i];
		if (char === '\\') {
			name += inner.slice(i, i + 2);
			i++;
		} else {
			name += ' \t;()"'.includes(char) ? '\\' + char : char;
		}
	}
	return name;
}

/** True when a quoted string of the entry runs to the line end without its closing quote. */
function hasUnterminatedString(tokens: TokenStream, entry: Entry): boolean {
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

/** True when the first label of `owner` is unpadded base32hex (an NSEC3 hash, RFC 5155 §3). */
function isHashedOwner(owner: string): boolean {
	const dot = owner.indexOf('.');
	const octets = base32HexLength(owner, 0, dot === -1 ? owner.length : dot);
	return octets !== undefined && octets > 0;
}

function canonicalClass(upper: string): string {
	return upper === 'CHAOS' ? 'CH' : upper === 'HESIOD' ? 'HS' : upper;
}

function classFromNumber(upper: string): string {
	const value = parseTypeNumber(upper, 'CLASS')!;
	return value === 1 ? 'IN' : value === 3 ? 'CH' : value === 4 ? 'HS' : `CLASS${value}`;
}
