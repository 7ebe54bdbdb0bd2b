/**
 * A record's RDLENGTH: the octets of its RDATA in wire form, as named stores it (names
 * uncompressed). Used where a size limit of BIND's storage matters (`rrsetTooLarge`). Exact for
 * the kinds whose encoding is fixed by the text; for the rest (SvcParams, WKS, APL, `any`…), and
 * for `$GENERATE` records whose words are the directive's, it is a lower bound and says so, so a
 * limit judged on it never fires on a record that fits.
 */
import { TokenKind } from '../../syntax/scanner';
import { nameWireLength } from '../domainName';
import type { ResourceRecord, ZoneModel } from '../zoneModel';
import { base32HexLength, base64Length, isHex } from './encodings';
import { ALL_RR_TYPES, lookupRrType, rrTypeByCode } from './index';
import type { RdataProblem, RdataWords } from './rdataWords';
import type { FieldKind, RrTypeInfo } from './rrType';
import { FIXED_FIELD_OCTETS } from './wire';
import { checkCharacterString, joinWords, parseUnsigned } from './wordChecks';

export interface RdataLength {
	readonly octets: number;
	/** False when {@link octets} is a lower bound: the real RDATA may be longer. */
	readonly exact: boolean;
}

/** A running sum of RDLENGTHs, for a caller that adds up many records without an object per record. */
export interface RdataLengthTally {
	octets: number;
	exact: boolean;
}

/** The RDLENGTH of a record of the model (see the file comment for when it is a lower bound). */
export function rdataLength(model: ZoneModel, record: ResourceRecord): RdataLength {
	const tally = { octets: 0, exact: true };
	addRdataLength(model, record, tally);
	return tally;
}

/** Adds the record's RDLENGTH to `tally`, and clears `tally.exact` when it is a lower bound. */
export function addRdataLength(model: ZoneModel, record: ResourceRecord, tally: RdataLengthTally): void {
	const fixed = fixedTypeOctets(record.type);
	if (fixed >= 0 && record.rdataCount > 0) {
		tally.octets += fixed;
		return;
	}
	const info = rrTypeByCode(record.type);
	// RFC 3597 form keeps no values (nor does a TXT, whose values are all unread): `\# <length> <hex>`.
	if (info === undefined || record.rdataCount === 0) {
		const words = record.generated ? undefined : recordWords(model, record);
		if (words !== undefined && isGenericForm(words)) tally.octets += parseUnsigned(words.text(1), 0xffff) ?? 0;
		else if (info === undefined) tally.exact = false;
		else addTypedLength(model, info, record, words, tally);
		return;
	}
	addTypedLength(model, info, record, record.generated ? undefined : null, tally);
}

/** RDLENGTH by type code for the types whose fields all have a fixed size (A, AAAA, EUI48…), else -1. */
let fixedByType: Int32Array | undefined;

function fixedTypeOctets(type: number): number {
	if (fixedByType === undefined) {
		fixedByType = new Int32Array(0x10000).fill(-1);
		for (const info of ALL_RR_TYPES) {
			let octets = 0;
			for (const field of info.fields)
				octets = FIXED_FIELD_OCTETS[field.kind] === undefined || octets < 0 ? -1 : octets + FIXED_FIELD_OCTETS[field.kind]!;
			if (info.fields.length > 0 && !info.meta) fixedByType[info.code] = octets;
		}
	}
	return fixedByType[type];
}

/** True for RDATA words in RFC 3597 form, `\# <length> <hex>` (BIND reads `TXT \# text` as text). */
export function isGenericForm(words: RdataWords): boolean {
	return (
		words.count >= 2 &&
		words.text(0) === '\\#' &&
		!words.quoted(0) &&
		!words.quoted(1) &&
		parseUnsigned(words.text(1), 0xffff) !== undefined
	);
}

/** The RDATA words of a record written in the file. */
export function recordWords(model: ZoneModel, record: ResourceRecord): RdataWords {
	const tokens = model.files[record.file].syntax.tokens;
	const fields = record.entry.fields;
	const offset = record.rdataField;
	return {
		count: Math.max(0, fields.length - offset),
		text: (index) => tokens.tokenText(fields[offset + index]),
		quoted: (index) => tokens.kind(fields[offset + index]) === TokenKind.Quoted,
	};
}

/**
 * Walks the type's fields as `parseRdata` does: one word each, a "rest" kind takes the remaining
 * words. `words` are read only for a field that needs them (`null`: not read yet; `undefined`: none,
 * a `$GENERATE`d record): most records (A, AAAA, MX, NS…) need none.
 */
function addTypedLength(
	model: ZoneModel,
	info: RrTypeInfo,
	record: ResourceRecord,
	words: RdataWords | undefined | null,
	tally: RdataLengthTally,
): void {
	const originKnown = model.origin !== undefined;
	const fields = info.fields;
	for (let f = 0; f < fields.length; f++) {
		const kind = fields[f].kind;
		const fixed = FIXED_FIELD_OCTETS[kind];
		if (fixed !== undefined) {
			tally.octets += fixed;
			continue;
		}
		if (kind === 'name' || kind === 'gateway') {
			addNameLength(info, record, f, kind, originKnown, tally);
			continue;
		}
		if (words === null) words = recordWords(model, record);
		const counted = words === undefined ? undefined : wordsLength(kind, info, words, f);
		if (counted === undefined) tally.exact = false;
		else tally.octets += counted;
	}
}

/** A name field, or the IPSECKEY/AMTRELAY gateway (no octets, an address or a name, as its type says). */
function addNameLength(
	info: RrTypeInfo,
	record: ResourceRecord,
	f: number,
	kind: FieldKind,
	originKnown: boolean,
	tally: RdataLengthTally,
): void {
	if (kind === 'gateway') {
		const gatewayType = record.value(info.mnemonic === 'IPSECKEY' ? 1 : 2);
		if (gatewayType === 0) return;
		if (gatewayType === 1 || gatewayType === 2) {
			tally.octets += gatewayType === 1 ? 4 : 16;
			return;
		}
		if (gatewayType !== 3) {
			tally.exact = false;
			return;
		}
	}
	const value = record.value(f);
	if (typeof value === 'string') tally.octets += nameWireLength(value);
	// A relative name (origin unknown) is counted without the origin it will get.
	if (typeof value !== 'string' || !originKnown) tally.exact = false;
}

/** A scratch list for `checkCharacterString`: the record was already checked, only the count matters here. */
const IGNORED: RdataProblem[] = [];

function stringOctets(words: RdataWords, index: number): number {
	const octets = checkCharacterString(words.text(index), words.quoted(index), index, IGNORED, Infinity);
	IGNORED.length = 0;
	return octets;
}

/**
 * Octets of field `f` read from its words (field `f` is word `f` for one-word kinds, and a "rest"
 * kind, always last, takes words `f`..), or `undefined` where this does not encode the kind.
 */
function wordsLength(kind: FieldKind, info: RrTypeInfo, words: RdataWords, f: number): number | undefined {
	if (f >= words.count) return kind === 'base64opt' || kind === 'hexopt' ? 0 : undefined;
	switch (kind) {
		case 'string':
		case 'x25':
			return 1 + stringOctets(words, f);
		case 'text':
			return stringOctets(words, f);
		case 'caaTag':
			return 1 + words.text(f).length;
		case 'salt': {
			const text = words.text(f);
			return text === '-' ? 1 : 1 + text.length / 2;
		}
		case 'nsec3Hash': {
			const hashOctets = base32HexLength(words.text(f));
			return hashOctets === undefined ? undefined : 1 + hashOctets;
		}
		case 'strings': {
			let octets = 0;
			for (let i = f; i < words.count; i++) octets += 1 + stringOctets(words, i);
			return octets;
		}
		case 'base64':
		case 'base64opt':
			return base64Length(joinWords(words, f));
		case 'base64dash':
			return words.count - f === 1 && words.text(f) === '-' ? 0 : base64Length(joinWords(words, f));
		case 'hex':
		case 'hexopt':
		case 'digest': {
			const joined = joinWords(words, f);
			return isHex(joined) ? joined.length / 2 : undefined;
		}
		case 'nsap': {
			const digits = words.text(f).slice(2).replaceAll('.', '');
			return digits.length / 2;
		}
		case 'loc':
			return 16;
		case 'types':
			return info.mnemonic === 'NXT' ? undefined : typeBitmapLength(words, f);
		default:
			// svcParams, wks, apl, hip, atma, base32hex, any: not encoded here.
			return undefined;
	}
}

/** RFC 4034 §4.1.2: per window of 256 types in use, 2 octets and the octets up to its highest type. */
function typeBitmapLength(words: RdataWords, from: number): number | undefined {
	const highest = new Map<number, number>();
	for (let i = from; i < words.count; i++) {
		const code = lookupRrType(words.text(i))?.code;
		if (code === undefined) return undefined;
		const window = code >> 8;
		highest.set(window, Math.max(highest.get(window) ?? 0, code & 0xff));
	}
	let octets = 0;
	for (const low of highest.values()) octets += 2 + (low >> 3) + 1;
	return octets;
}
