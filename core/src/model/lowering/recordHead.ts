/**
 * The head of a record, the words before its RDATA: the owner (or the previous record's, when the
 * line starts with a blank), TTL and class in either order (each optional, RFC 1035 §5.1), and
 * the type. Also the class and TTL a record gets when it gives none. Each step reports its own
 * problems and returns false (or `undefined`) when the record cannot be read on.
 *
 * Hot path: one {@link RecordHead} per lowering is reused for every record, so reading a head
 * allocates nothing.
 */
import type { Entry } from '../../syntax/parser';
import { TokenKind, type TokenStream } from '../../syntax/scanner';
import { checkName, nameErrorMessage, nameKey } from '../domainName';
import { lookupRrType, parseTypeNumber, type RrTypeLookup } from '../rrTypes/index';
import type { RdataValue } from '../rrTypes/rdataWords';
import { looksLikeTtlAt, parseTtlAt } from '../ttl';
import type { TtlSource } from '../zoneModel';
import type { LowerContext } from './context';

const CLASSES = new Set(['IN', 'CH', 'CHAOS', 'HS', 'HESIOD']);

/** The class mnemonics a record may give, e.g. for completion. */
export const CLASS_MNEMONICS: readonly string[] = ['IN', 'CH', 'HS'];

/** True when a head word reads as a class (`IN`, `in`, `CLASS1`…), as {@link readTtlAndClass} reads it. */
export function isClassWord(text: string): boolean {
	const upper = text.toUpperCase();
	return CLASSES.has(upper) || parseTypeNumber(upper, 'CLASS') !== undefined;
}
const TYPE_MD = 3,
	TYPE_MF = 4,
	TYPE_SOA = 6;
/** The index of the SOA's MINIMUM among its RDATA values. */
const SOA_MINIMUM = 6;

/**
 * Where the head of the record being lowered wrote each part (field index, or -1), its TTL and
 * class. The owner itself is the context's `lastOwner` (and `lastOwnerKey`, `lastOwnerValid`)
 * once {@link readOwner} has run: kept once, not copied, since every store of a new string into
 * this long-lived object would cost a write barrier.
 */
export class RecordHead {
	ownerField = -1;
	ttlField = -1;
	classField = -1;
	ttl: number | undefined = undefined;
	recordClass: string | undefined = undefined;
	typeField = -1;
	/** The field of the first RDATA word. */
	rdataField = 0;
}

/** The owner, from the first field or, for a blank owner, the previous record's: sets the context's `lastOwner`. */
export function readOwner(ctx: LowerContext, file: number, entry: Entry, tokens: TokenStream, head: RecordHead): boolean {
	if (entry.blankOwner) {
		if (ctx.lastOwner === undefined) {
			ctx.report(file, entry.start, entry.end, 'noOwner', 'This record starts with a blank, but no earlier record gave an owner name.');
			return false;
		}
		// The owner, its key and validity stay the previous record's.
		head.ownerField = -1;
		head.rdataField = 0;
		return true;
	}
	const field = entry.fields[0];
	// BIND reads a quoted owner without its quotes: `"www" A …` is `www`, `"a b"` is `a\ b`.
	const text = tokens.kind(field) === TokenKind.Quoted ? unquotedName(tokens.tokenText(field)) : tokens.tokenText(field);
	const owner = ctx.resolve(file, entry, 0, text);
	const error = checkName(owner);
	if (error) ctx.reportField(file, entry, 0, error, nameErrorMessage(error, text));
	ctx.lastOwnerKey = owner === ctx.lastOwner ? ctx.lastOwnerKey : nameKey(owner);
	ctx.lastOwner = owner;
	ctx.lastOwnerValid = error === undefined;
	head.ownerField = 0;
	head.rdataField = 1;
	return true;
}

/** TTL and class, in either order, each optional; moves `head.rdataField` past them. */
export function readTtlAndClass(ctx: LowerContext, file: number, entry: Entry, tokens: TokenStream, head: RecordHead): boolean {
	const fields = entry.fields;
	let index = head.rdataField;
	let ttlField = -1;
	let classField = -1;
	let ttl: number | undefined;
	let recordClass: string | undefined;
	const source = tokens.text;
	for (let n = 0; n < 2 && index < fields.length; n++) {
		// TTLs and the class IN are read from the characters: nearly every record has one, and a
		// string per word would be garbage a moment later.
		const start = tokens.start(fields[index]);
		const end = tokens.end(fields[index]);
		if (ttlField === -1 && looksLikeTtlAt(source, start)) {
			const value = parseTtlAt(source, start, end);
			if (value === undefined) {
				const text = tokens.tokenText(fields[index]);
				ctx.reportField(file, entry, index, 'invalidTtl', `'${text}' is not a TTL: use seconds (3600) or units (1h, 1w2d).`);
				return false;
			}
			ttl = ctx.checkTtlRange(file, entry, index, value);
			ttlField = index++;
			continue;
		}
		if (classField === -1) {
			if (end - start === 2 && (source.charCodeAt(start) | 0x20) === 0x69 && (source.charCodeAt(start + 1) | 0x20) === 0x6e) {
				recordClass = 'IN'; // `IN`, `in`, `In` or `iN`
				classField = index++;
				continue;
			}
			const text = tokens.tokenText(fields[index]);
			const upper = text.toUpperCase();
			const cls = CLASSES.has(upper)
				? canonicalClass(upper)
				: parseTypeNumber(upper, 'CLASS') !== undefined
					? classFromNumber(upper)
					: undefined;
			if (upper === 'ANY' || upper === 'NONE') {
				ctx.reportField(file, entry, index, 'metaClass', `Class ${upper} is a query class and cannot appear in zone data.`);
				return false;
			}
			if (cls !== undefined) {
				recordClass = cls;
				classField = index++;
				continue;
			}
		}
		break;
	}
	head.ttlField = ttlField;
	head.classField = classField;
	head.ttl = ttl;
	head.recordClass = recordClass;
	head.rdataField = index;
	return true;
}

/** The type: a known mnemonic or TYPEnnn that may appear in zone data. Moves `head.rdataField` past it. */
export function readType(ctx: LowerContext, file: number, entry: Entry, tokens: TokenStream, head: RecordHead): RrTypeLookup | undefined {
	const fields = entry.fields;
	if (head.rdataField >= fields.length) {
		ctx.report(file, entry.start, entry.end, 'missingType', 'This record has no type (e.g. A, MX, TXT).');
		return undefined;
	}
	const typeField = head.rdataField++;
	head.typeField = typeField;
	const typeText = tokens.tokenText(fields[typeField]);
	const lookup = lookupRrType(typeText);
	if (lookup === undefined) {
		ctx.reportField(
			file,
			entry,
			typeField,
			'unknownRrType',
			`Unknown RR type '${typeText}'. Use a known mnemonic or TYPEnnn with RFC 3597 RDATA (\\# <length> <hex>).`,
		);
		return undefined;
	}
	if (lookup.info?.meta) {
		ctx.reportField(file, entry, typeField, 'metaType', `${lookup.info.mnemonic} is a meta/query type and cannot appear in zone data.`);
		return undefined;
	}
	if (lookup.code === TYPE_MD || lookup.code === TYPE_MF) {
		ctx.reportField(
			file,
			entry,
			typeField,
			'obsoleteType',
			`${lookup.code === TYPE_MD ? 'MD' : 'MF'} is obsolete (RFC 973): use MX. BIND refuses to load a zone with it.`,
		);
		return undefined;
	}
	return lookup;
}

/** The class: the record's, else the previous record's; every record must have the zone's class. */
export function resolveClass(ctx: LowerContext, file: number, entry: Entry, head: RecordHead): boolean {
	const recordClass = head.recordClass ?? ctx.lastClass;
	head.recordClass = recordClass;
	ctx.zoneClass ??= recordClass;
	if (recordClass !== ctx.zoneClass) {
		ctx.reportField(file, entry, head.classField, 'classMismatch', `Class ${recordClass} differs from the zone's class ${ctx.zoneClass}.`);
		return false;
	}
	ctx.lastClass = recordClass;
	return true;
}

/**
 * The TTL of a record that gives none: `$TTL`, else the previous record's, else (for an SOA) its
 * minimum (`rdata` are the record's RDATA values), as BIND does. Sets `head.ttl`; returns where it came from, or `undefined` for no TTL.
 * BIND then keeps that minimum as the default for every later record without a TTL, as a `$TTL`
 * would be (lib/dns/master.c sets `default_ttl`), rather than the previous record's TTL.
 */
export function resolveTtl(
	ctx: LowerContext,
	file: number,
	entry: Entry,
	head: RecordHead,
	type: number,
	rdata: readonly RdataValue[],
): TtlSource | undefined {
	let ttlSource: TtlSource = 'record';
	if (head.ttl === undefined) {
		if (ctx.defaultTtl !== undefined) {
			head.ttl = ctx.defaultTtl;
			ttlSource = ctx.defaultTtlFromSoa ? 'soaMinimum' : '$TTL';
		} else if (ctx.lastTtl !== undefined) {
			head.ttl = ctx.lastTtl;
			ttlSource = 'previous';
		} else if (type === TYPE_SOA && typeof rdata[SOA_MINIMUM] === 'number') {
			const soaMinimum = rdata[SOA_MINIMUM];
			ttlSource = 'soaMinimum';
			ctx.reportField(
				file,
				entry,
				head.typeField,
				'noTtlUsingSoaMinimum',
				`No TTL specified and no $TTL before this record; using the SOA minimum (${soaMinimum}) as BIND does. Add $TTL at the top.`,
				'warning',
			);
			// The minimum is a TTL like any other: above 2^31 − 1 it counts as 0.
			head.ttl = ctx.checkTtlRange(file, entry, head.typeField, soaMinimum);
			ctx.defaultTtl = head.ttl;
			ctx.defaultTtlFromSoa = true;
		} else {
			ctx.report(
				file,
				entry.start,
				entry.end,
				'noTtl',
				'No TTL: this record has none, no $TTL precedes it and no earlier record set one. Add $TTL at the top of the file.',
			);
			return undefined;
		}
	}
	ctx.lastTtl = head.ttl;
	return ttlSource;
}

/** The name a quoted owner stands for, in presentation form: quotes off, blanks and specials escaped. */
export function unquotedName(quoted: string): string {
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

function canonicalClass(upper: string): string {
	return upper === 'CHAOS' ? 'CH' : upper === 'HESIOD' ? 'HS' : upper;
}

function classFromNumber(upper: string): string {
	const value = parseTypeNumber(upper, 'CLASS')!;
	return value === 1 ? 'IN' : value === 3 ? 'CH' : value === 4 ? 'HS' : `CLASS${value}`;
}
