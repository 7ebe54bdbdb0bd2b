/**
 * `rrsetTooLarge`: one RRset (same owner and type) holds more RDATA than named can store. named
 * keeps an RRset in one block of at most 64 KiB (lib/dns/rdataslab.c): a header and, per distinct
 * record, its RDATA and 2 length octets. Measured with BIND 9.18: it loads an RRset iff the sum over its
 * records of (RDLENGTH + 2) is at most 65,512 octets, and otherwise refuses the whole zone
 * ("ran out of space"). Knot refuses more than 65,535 records, which this bound implies. Identical
 * records count once (an RRset is a set); RRSIG records count per type they cover, as named stores
 * them. Where a record's length is only known as a lower bound, the message says "at least".
 *
 * Bad:  11,000 `big A …` records (6 octets each: 66,000)
 * Good: the addresses split over several names
 */
import { nameKey } from '../model/domainName';
import { addressKey } from '../model/ipNetwork';
import { addRdataLength, isGenericForm, type RdataLengthTally, recordWords } from '../model/rrTypes/rdataLength';
import type { RdataWords } from '../model/rrTypes/rdataWords';
import { type FieldKind, lookupRrType, rrTypeByCode, typeName } from '../model/rrTypes/index';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { recordSpan, type ResourceRecord, type ZoneModel } from '../model/zoneModel';
import type { Rule, RuleContext } from './rule';

/** The most octets of (RDLENGTH + 2) per record named 9.18 loads in one RRset. */
export const NAMED_RRSET_OCTETS = 65_512;

/** Octets named stores per record besides its RDATA. */
const PER_RECORD_OCTETS = 2;

/** Kinds whose words mean the same in either case (hex digits, type and algorithm mnemonics). */
const CASELESS_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
	'hex',
	'hexopt',
	'digest',
	'salt',
	'nsec3Hash',
	'types',
	'type',
	'algorithm',
]);

interface RrsetTotal extends RdataLengthTally {
	records: number;
}

export const rrsetTooLarge: Rule = {
	id: 'rrsetTooLarge',
	defaultLevel: 'error',
	description:
		'An RRset (same name and type) is too large for named: its RDATA plus 2 octets per record pass 65,512 octets, and named refuses the zone.',
	reference: 'BIND 9 rdataslab ("ran out of space")',
	check(context) {
		const { model } = context;
		// Reused from owner to owner: a zone may have a million owners, each with a set or two.
		const totals = new Map<number, RrsetTotal>();
		const pool: RrsetTotal[] = [];
		const single: RrsetTotal = { octets: 0, exact: true, records: 1 };
		for (const records of context.byOwner.values()) {
			if (records.length === 1) {
				// Most owners of a big zone have one record, which fits unless its RDATA is near 64 KiB.
				single.octets = PER_RECORD_OCTETS;
				addRdataLength(model, records[0], single);
				if (single.octets <= NAMED_RRSET_OCTETS) continue;
			}
			// Sum first without keys (nearly every set is far below the limit), and look for duplicate
			// records only in a set whose sum is over it.
			totals.clear();
			let used = 0;
			let over = false;
			for (const record of records) {
				const set = rrsetOf(model, record);
				if (set === undefined) continue;
				let total = totals.get(set);
				if (total === undefined) {
					total = pool[used] ??= { octets: 0, exact: true, records: 0 };
					used++;
					total.octets = 0;
					total.exact = true;
					total.records = 0;
					totals.set(set, total);
				}
				addRdataLength(model, record, total);
				total.octets += PER_RECORD_OCTETS;
				total.records++;
				if (total.octets > NAMED_RRSET_OCTETS) over = true;
			}
			if (over) reportOverfullSets(context, model, records, totals);
		}
	},
};

/**
 * The sets of one owner whose sum is over the limit, counted again without duplicate records up to
 * the first record that does not fit, where each is reported (a set of a million records is keyed
 * only that far).
 */
function reportOverfullSets(
	context: RuleContext,
	model: ZoneModel,
	records: readonly ResourceRecord[],
	totals: ReadonlyMap<number, RrsetTotal>,
): void {
	for (const [set, withDuplicates] of totals) {
		if (withDuplicates.octets <= NAMED_RRSET_OCTETS) continue;
		const seen = new Set<string>();
		const tally: RdataLengthTally = { octets: 0, exact: true };
		let first: ResourceRecord | undefined;
		let firstOver: ResourceRecord | undefined;
		for (const record of records) {
			if (rrsetOf(model, record) !== set) continue;
			first ??= record;
			const key = rdataKey(model, record);
			if (seen.has(key)) continue;
			seen.add(key);
			addRdataLength(model, record, tally);
			tally.octets += PER_RECORD_OCTETS;
			if (tally.octets > NAMED_RRSET_OCTETS) {
				firstOver = record;
				break;
			}
		}
		if (firstOver === undefined || first === undefined) continue;
		const type = set > 0xffff ? `RRSIG (covering ${typeName(set & 0xffff)})` : typeName(set);
		const needs = `${tally.exact ? '' : 'at least '}${count(tally.octets)} octets`;
		const counted = seen.size < withDuplicates.records ? ` of ${count(withDuplicates.records)}, counted up to this one` : '';
		const refusal = `named refuses more than ${count(NAMED_RRSET_OCTETS)} ('ran out of space'), so the zone does not load.`;
		context.report({
			...recordSpan(firstOver),
			message:
				withDuplicates.records === 1
					? `This ${first.owner} ${type} record needs ${needs} in named's storage (its RDATA plus 2 octets); ${refusal} Shorten its RDATA.`
					: `This ${first.owner} ${type} RRset needs ${needs} in named's storage (RDATA plus 2 octets per record, ${count(seen.size)} record${seen.size === 1 ? '' : 's'}${counted}); ${refusal} Split the records over several names.`,
			related: first === firstOver ? undefined : [{ ...recordSpan(first), message: `the first ${type} record of ${first.owner}` }],
		});
	}
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The RRset a record belongs to within its owner: its type, or for RRSIG the type it covers (above
 * 0xffff); `undefined` for an RRSIG whose covered type is not in the file (a `$GENERATE`d one).
 */
function rrsetOf(model: ZoneModel, record: ResourceRecord): number | undefined {
	if (record.type !== TypeCode.RRSIG) return record.type;
	if (record.generated) return undefined;
	const words = recordWords(model, record);
	if (words.count === 0 || isGenericForm(words)) return undefined;
	const covered = lookupRrType(words.text(0));
	return covered === undefined ? undefined : 0x10000 + covered.code;
}

/**
 * A key that two records of one set share when their RDATA is the same: names compared as names,
 * addresses as addresses, other words as written (quotes dropped). Two spellings of one value that
 * this misses (`\065` for `A`) count twice, which only a set of near-duplicates would notice.
 */
function rdataKey(model: ZoneModel, record: ResourceRecord): string {
	const info = rrTypeByCode(record.type);
	if (record.generated) return generatedKey(model, record, info?.fields.length ?? 0);
	const words = recordWords(model, record);
	if (info === undefined || isGenericForm(words)) return wordsFrom(words, 0, words.count).join(' ').toLowerCase();
	const parts: string[] = [];
	const fields = info.fields;
	for (let f = 0; f < fields.length; f++) {
		const value = record.value(f);
		const kind = fields[f].kind;
		if (typeof value === 'string') parts.push(kind === 'ipv4' || kind === 'ipv6' ? addressKey(value) : nameKey(value));
		else if (typeof value === 'number') parts.push(String(value));
		else {
			const text = wordsFrom(words, f, f === fields.length - 1 ? words.count : f + 1);
			// Text and CAA tags are compared as written.
			parts.push(...(CASELESS_KINDS.has(kind) ? text.map((word) => word.toLowerCase()) : text));
		}
	}
	return parts.join(' ');
}

/**
 * The key of a `$GENERATE`d record, whose words are the directive's: its values when it kept one per
 * field; else one of its own when the template has a `$` (each record differs), else the template's.
 */
function generatedKey(model: ZoneModel, record: ResourceRecord, fieldCount: number): string {
	const values: string[] = [];
	for (let f = 0; f < fieldCount; f++) {
		const value = record.value(f);
		if (value === undefined) break;
		values.push(typeof value === 'string' ? nameKey(value) : String(value));
	}
	if (fieldCount > 0 && values.length === fieldCount) return values.join(' ');
	const tokens = model.files[record.file].syntax.tokens;
	const fields = record.entry.fields;
	let template = '';
	for (let i = record.rdataField; i < fields.length; i++) template += ` ${tokens.tokenText(fields[i])}`;
	return template.includes('$') ? `${template}#${++generatedCount}` : template;
}

let generatedCount = 0;

/** The text of RDATA words `from`..`to` (exclusive, within the record's words), quotes dropped. */
function wordsFrom(words: RdataWords, from: number, to: number): string[] {
	const texts: string[] = [];
	for (let i = from; i < Math.min(to, words.count); i++) {
		const text = words.text(i);
		texts.push(words.quoted(i) ? text.slice(1, -1) : text);
	}
	return texts;
}
