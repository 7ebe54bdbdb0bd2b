/**
 * Where names are written: which RDATA words of a record hold domain names (by the type's field
 * layout and what its field parsers returned), and, for a whole zone, every record word that points
 * at a name. Navigation, highlights, rename and semantic tokens share this one answer.
 */
import { TokenKind, type TokenStream } from '../syntax/scanner';
import { nameKey } from './domainName';
import { unquotedName } from './lowering/recordHead';
import type { RdataValue } from './rrTypes/fields';
import { rrTypeByCode } from './rrTypes/index';
import { type FieldKind, isRestKind } from './rrTypes/rrType';
import type { ResourceRecord, ZoneModel } from './zoneModel';

/**
 * True when an RDATA field of this kind parsed to a domain name: every `name` field, and an
 * IPSECKEY/AMTRELAY `gateway` of gateway type 3 (its parser returns the absolute name only then).
 */
export function holdsName(kind: FieldKind, value: RdataValue): value is string {
	return (kind === 'name' || kind === 'gateway') && typeof value === 'string';
}

/** One RDATA word that holds a domain name, e.g. `mx1` in `@ MX 10 mx1`. */
export interface RdataName {
	/** Index into `record.entry.fields`. */
	readonly field: number;
	/** The name as the model resolved it, e.g. `mx1.example.com.`. */
	readonly name: string;
}

/**
 * The RDATA words of a record that hold names, in field order. Words map one to one onto the type's
 * fields up to the first field that takes the rest of the line, so only those are looked at; RFC 3597
 * `\# …` RDATA and `$GENERATE` records (whose words are the directive's templates) have none.
 */
export function rdataNames(record: ResourceRecord): RdataName[] {
	if (record.generated) return [];
	const fieldCount = record.entry.fields.length;
	return rdataNameValues(record)
		.map(({ position, name }) => ({ field: record.rdataField + position, name }))
		.filter(({ field }) => field < fieldCount);
}

/**
 * The fields of {@link rdataNames} without making arrays or objects: `visit` gets each index into
 * `record.entry.fields` (which has `fieldCount` words), in field order. For walks over every record.
 */
export function forEachRdataNameField(record: ResourceRecord, fieldCount: number, visit: (field: number) => void): void {
	if (record.generated) return;
	for (const position of namePositions(record.type)) {
		const field = record.rdataField + position;
		if (field < fieldCount && typeof record.value(position) === 'string') visit(field);
	}
}

/**
 * The names in a record's RDATA by field position, `$GENERATE` records included (their words are
 * templates, but their values are the generated names).
 */
export function rdataNameValues(record: ResourceRecord): { readonly position: number; readonly name: string }[] {
	const found: { position: number; name: string }[] = [];
	if (record.rdataCount === 0) return found;
	for (const position of namePositions(record.type)) {
		const value = record.value(position);
		if (typeof value === 'string') found.push({ position, name: value });
	}
	return found;
}

/** Per type code, the positions of the fields that may hold a name (see {@link holdsName}). */
const NAME_POSITIONS = new Map<number, readonly number[]>();

/** The RDATA positions of a type that may hold a name, up to its first field that takes the rest of the line. */
function namePositions(type: number): readonly number[] {
	let positions = NAME_POSITIONS.get(type);
	if (positions === undefined) {
		const found: number[] = [];
		for (const [position, field] of (rrTypeByCode(type)?.fields ?? []).entries()) {
			if (isRestKind(field.kind)) break;
			if (field.kind === 'name' || field.kind === 'gateway') found.push(position);
		}
		NAME_POSITIONS.set(type, (positions = found));
	}
	return positions;
}

/** The name a word spells, e.g. `"www"` (a quoted owner, as BIND reads it) → `www`. */
export function writtenName(tokens: TokenStream, token: number): string {
	const text = tokens.tokenText(token);
	return tokens.kind(token) === TokenKind.Quoted ? unquotedName(text) : text;
}

/** A word of a record that names a domain: its owner word, or an RDATA name. */
export interface NameOccurrence {
	readonly record: ResourceRecord;
	/** Index into `record.entry.fields`. */
	readonly field: number;
}

/**
 * Every RDATA word of the zone that points at a name, by the name's key: the MX, NS, CNAME, SRV,
 * PTR, DNAME… targets, SOA MNAME/RNAME, and so on, in the model's records and in the repeats it
 * folded away. Built once per model on first use.
 */
export class NameReferenceIndex {
	readonly #byKey = new Map<string, NameOccurrence[]>();

	constructor(...recordLists: (readonly ResourceRecord[])[]) {
		// The loop of `rdataNames` without its arrays: this runs once per record of the zone.
		for (const records of recordLists)
			for (const record of records) {
				const positions = namePositions(record.type);
				if (positions.length === 0 || record.generated || record.rdataCount === 0) continue;
				for (const position of positions) {
					const value = record.value(position);
					if (typeof value !== 'string') continue;
					const key = nameKey(value);
					let list = this.#byKey.get(key);
					if (list === undefined) this.#byKey.set(key, (list = []));
					list.push({ record, field: record.rdataField + position });
				}
			}
	}

	/** The RDATA words naming `key`, in the order of the model's records (empty when none). */
	referencesTo(key: string): readonly NameOccurrence[] {
		return this.#byKey.get(key) ?? NO_OCCURRENCES;
	}
}

const NO_OCCURRENCES: readonly NameOccurrence[] = Object.freeze([]);
const cache = new WeakMap<ZoneModel, NameReferenceIndex>();

/** The name reference index of a model, built on first use. */
export function nameReferences(model: ZoneModel): NameReferenceIndex {
	let index = cache.get(model);
	if (!index) {
		// Repeats folded out of the model (a second copy of the SOA) still name what they name.
		index = new NameReferenceIndex(model.records, model.foldedDuplicates ?? []);
		cache.set(model, index);
	}
	return index;
}

/**
 * The origin a word was resolved against, from what was written and what it became, e.g. `mail`
 * that became `mail.sub.example.com.` was written under `sub.example.com.`. `undefined` for an
 * absolute spelling (no origin took part) and when the origin was unknown (the name stayed relative).
 */
export function originOfWord(written: string, resolved: string): string | undefined {
	if (written === '@') return resolved === '@' ? undefined : resolved;
	if (resolved === written || resolved.length <= written.length || !resolved.startsWith(written)) return undefined;
	// `absoluteName` appends `.origin` (or just `.` under the root) to the written text.
	if (resolved.length === written.length + 1) return '.';
	return resolved.charCodeAt(written.length) === 0x2e ? resolved.slice(written.length + 1) : undefined;
}
