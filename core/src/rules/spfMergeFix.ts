/**
 * The "Merge into one SPF record" fix of `spfMultipleRecords`: a second `v=spf1` record at a name is
 * folded into the first one (its terms added after the first's, before `all`) and its lines removed.
 *
 * Offered only where the merge means what the two records meant together: every mechanism passes
 * (`+`, so their order does not change any result), each record's `all` (if any) is its last term and
 * both end the same way (the same `all`, or none), no modifiers (`redirect=` and `exp=` may appear
 * once and a merge would have to choose), no term breaks the grammar, and the merged record costs at
 * most 10 DNS lookups (counted as the sum of both, an upper bound). Otherwise the user must choose.
 */
import { canRemoveRecordLines, removeRecordLines } from '../edits/recordEdits';
import { SPF_MAX_LOOKUPS, type SpfRecord, type SpfTerm } from '../model/mail/auth/spf';
import { spfLookups } from '../model/mail/auth/spfLookups';
import type { ZoneModel } from '../model/zoneModel';
import type { RuleFix } from './rule';

/** A <character-string> holds at most 255 octets (RFC 1035 §3.3); longer text is split into several. */
const STRING_LIMIT = 255;

/** The fix that merges `other` into `first`, or `undefined` when the merge is not well-defined. */
export function spfMergeFix(model: ZoneModel, first: SpfRecord, other: SpfRecord, title: string): RuleFix | undefined {
	const firstRecord = first.txt.record;
	const otherRecord = other.txt.record;
	if (firstRecord.file !== otherRecord.file || !canRemoveRecordLines(model, otherRecord)) return undefined;
	const firstEnd = mergeableEnd(first);
	const otherEnd = mergeableEnd(other);
	if (firstEnd === undefined || otherEnd === undefined || firstEnd.toLowerCase() !== otherEnd.toLowerCase()) return undefined;
	if (spfLookups(model, first).lookups.length + spfLookups(model, other).lookups.length > SPF_MAX_LOOKUPS) return undefined;
	const written = (spf: SpfRecord, term: SpfTerm): string => spf.txt.text.slice(term.from, term.to);
	const terms = first.terms.filter((term) => term.name !== 'all').map((term) => written(first, term));
	const seen = new Set(terms.map((term) => term.toLowerCase()));
	for (const term of other.terms) {
		const text = written(other, term);
		if (term.name === 'all' || seen.has(text.toLowerCase())) continue;
		seen.add(text.toLowerCase());
		terms.push(text);
	}
	if (firstEnd !== '') terms.push(firstEnd);
	const tokens = model.files[firstRecord.file].syntax.tokens;
	const fields = firstRecord.entry.fields;
	const replace = {
		file: firstRecord.file,
		start: tokens.start(fields[firstRecord.rdataField]),
		end: tokens.end(fields[fields.length - 1]),
		newText: characterStrings(['v=spf1', ...terms]),
	};
	return { title, edits: [replace, removeRecordLines(model, otherRecord)] };
}

/** The record's `all` as written (`''` when it has none), or `undefined` when it cannot be merged. */
function mergeableEnd(spf: SpfRecord): string | undefined {
	const { terms } = spf;
	for (let i = 0; i < terms.length; i++) {
		const term = terms[i];
		if (term.error || term.kind !== 'mechanism') return undefined;
		if (term.name === 'all') return i === terms.length - 1 ? spf.txt.text.slice(term.from, term.to) : undefined;
		if (term.qualifier !== '+') return undefined;
	}
	return '';
}

/** Words joined by spaces as quoted strings of at most 255 characters each, split between words (receivers join them without a separator). */
function characterStrings(words: readonly string[]): string {
	const strings: string[] = [];
	let current = '';
	for (const word of words) {
		const next = current === '' ? word : `${current} ${word}`;
		// `<` leaves room for the space that ends a string followed by another.
		if (next.length < STRING_LIMIT || current === '') current = next;
		else {
			strings.push(`${current} `);
			current = word;
		}
	}
	strings.push(current);
	return strings.map((text) => `"${text.replace(/["\\]/g, '\\$&')}"`).join(' ');
}
