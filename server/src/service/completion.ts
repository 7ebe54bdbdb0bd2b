/**
 * Completion: what fits the cursor's place in the record (core `recordPlaceAt`). At a line start,
 * directives and the zone's owners; in the head, classes, record types (summary and RDATA shape as
 * detail), TTL units after digits and record snippets; in RDATA, in-zone names where the type's
 * field is a name, TTL units in SOA timers, types in a type field and the next free preference
 * after `MX `. Nothing inside comments, nor inside quoted strings except an SPF or DMARC record's
 * (`"v=spf1 |"`: its mechanisms; `"v=DMARC1; |"`: its tags and values).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type CompletionItem, CompletionItemKind, type CompletionList, type Range } from 'vscode-languageserver-types';
import {
	ALL_RR_TYPES,
	CLASS_MNEMONICS,
	type CalendarDate,
	type Entry,
	formatTtl,
	nameKey,
	originAtEntry,
	ownerIndex,
	type RecordPlace,
	recordPlaceAt,
	relativeName,
	type RrTypeInfo,
	TypeCode,
	writtenName,
	absoluteName,
	type ZoneAnalysis,
	type ZoneModel,
} from '../../../core/src/index';
import { toRange } from './convert';

import { mailAuthTextItems } from './mailAuthCompletion';
import { lastRecordUpTo } from './recordAt';
import { completionSnippets } from './snippets';

/** Characters after which a client asks unprompted: a blank ends a field, `$` starts a directive. */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = [' ', '\t', '$'];

/** At most this many names per answer; past it the list is incomplete and the client asks again as the user types. */
export const MAX_NAME_ITEMS = 200;

const DIRECTIVES: readonly (readonly [string, string])[] = [
	['$ORIGIN', 'Sets the origin that relative names are completed with, e.g. `$ORIGIN example.com.`'],
	['$TTL', 'Default TTL of the records after it, e.g. `$TTL 1h` (RFC 2308)'],
	['$INCLUDE', 'Reads another file here, e.g. `$INCLUDE hosts.inc [origin]`'],
	['$GENERATE', 'Makes a range of records, e.g. `$GENERATE 1-10 host$ A 192.0.2.$` (BIND)'],
];

const TTL_UNITS: readonly (readonly [string, number])[] = [
	['s', 1],
	['m', 60],
	['h', 3600],
	['d', 86400],
	['w', 604800],
];

/** The TTLs offered in an empty TTL field (SOA timers, `$TTL`). */
const COMMON_TTLS: readonly string[] = ['5m', '1h', '1d', '1w', '2w'];

export interface CompletionOptions {
	/** The client inserts snippets (`textDocument.completion.completionItem.snippetSupport`). */
	readonly snippets: boolean;
	/** For the SOA snippet's serial. */
	readonly today: CalendarDate;
}

/** The completion list at `position`. */
export function getCompletions(
	document: TextDocument,
	zone: ZoneAnalysis,
	position: { line: number; character: number },
	options: CompletionOptions,
): CompletionList {
	const model = zone.model;
	const file = model.files[0];
	if (!file) return { isIncomplete: false, items: [] };
	const offset = document.offsetAt(position);
	const place = recordPlaceAt(file.syntax, offset);
	const range = toRange(document, place.start, place.end);
	// Names are written relative to the origin in effect here, which `$ORIGIN` may have moved from the apex.
	const origin = originAtEntry(file.syntax, place.entriesBefore, model.includedAt?.origin ?? model.origin);
	const items: CompletionItem[] = [];
	let isIncomplete = false;
	const addNames = (): void => {
		const names = inZoneNames(model, origin, place.prefix);
		isIncomplete = names.length > MAX_NAME_ITEMS;
		for (const name of names.slice(0, MAX_NAME_ITEMS))
			items.push({ label: name, kind: CompletionItemKind.Reference, textEdit: { range, newText: name } });
	};
	switch (place.kind) {
		case 'none':
			// Inside a quoted string only an SPF or DMARC record's terms (mailAuthCompletion.ts).
			items.push(...mailAuthTextItems(model, document, offset));
			break;
		case 'lineStart':
			if (place.prefix.startsWith('$') || place.prefix === '') {
				for (const [directive, detail] of DIRECTIVES)
					items.push({ label: directive, kind: CompletionItemKind.Keyword, detail, textEdit: { range, newText: directive } });
			}
			if (!place.prefix.startsWith('$')) addNames();
			break;
		case 'directiveArgument':
			if (place.directive === '$TTL' && place.argument === 0) items.push(...ttlItems(place.prefix, range));
			break;
		case 'head':
			if (!place.ttlGiven && /^[0-9]+$/.test(place.prefix)) {
				items.push(...ttlItems(place.prefix, range));
				break;
			}
			if (!place.classGiven)
				for (const recordClass of CLASS_MNEMONICS)
					items.push({
						label: recordClass,
						kind: CompletionItemKind.EnumMember,
						detail: 'class',
						textEdit: { range, newText: recordClass },
					});
			items.push(...typeItems(range));
			if (options.snippets) items.push(...completionSnippets(origin, options.today, range));
			break;
		case 'rdata':
			items.push(...rdataItems(model, origin, place, range, addNames));
			break;
	}
	return { isIncomplete, items };
}

/** What fits RDATA field `position` of the record's type. */
function rdataItems(
	model: ZoneModel,
	origin: string | undefined,
	place: RecordPlace & { kind: 'rdata' },
	range: Range,
	addNames: () => void,
): CompletionItem[] {
	if (place.type === TypeCode.MX && place.position === 0) return [nextMxPreferenceItem(model, origin, place.entry, range)];
	const fields = place.info?.fields ?? [];
	const field = fields[Math.min(place.position, fields.length - 1)];
	if (!field || (place.position >= fields.length && field.kind !== 'types')) return [];
	switch (field.kind) {
		case 'name':
			addNames();
			return [];
		case 'ttl':
			return ttlItems(place.prefix, range);
		case 'type':
		case 'types':
			return typeItems(range);
		default:
			return [];
	}
}

/** `3` → `3s` … `3w`; nothing typed → a few common TTLs. Each with its length in words. */
function ttlItems(prefix: string, range: Range): CompletionItem[] {
	if (prefix === '')
		return COMMON_TTLS.map((ttl, index) => ({
			label: ttl,
			kind: CompletionItemKind.Unit,
			sortText: String(index),
			textEdit: { range, newText: ttl },
		}));
	if (!/^[0-9]+$/.test(prefix)) return [];
	const value = Number(prefix);
	return TTL_UNITS.map(([unit, seconds], index) => ({
		label: `${prefix}${unit}`,
		kind: CompletionItemKind.Unit,
		detail: `${formatTtl(value * seconds)} = ${value * seconds} seconds`,
		sortText: String(index),
		textEdit: { range, newText: `${prefix}${unit}` },
	}));
}

/** Every type that may appear in zone data, with its summary and RDATA shape. */
function typeItems(range: Range): CompletionItem[] {
	return zoneTypes().map((info) => ({
		label: info.mnemonic,
		kind: CompletionItemKind.Class,
		// The RDATA shape and the one-line summary, e.g. `MX preference exchange — Mail exchanger: …`.
		detail: `${`${info.mnemonic} ${info.fields.map((field) => field.name).join(' ')}`.trimEnd()} — ${info.summary}`,
		documentation: info.rfc,
		// Common types first: the client sorts by sortText, then by label.
		sortText: `${COMMON_TYPES.includes(info.mnemonic) ? 0 : 1}${info.mnemonic}`,
		textEdit: { range, newText: info.mnemonic },
	}));
}

const COMMON_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'CAA', 'PTR', 'SOA'];

let zoneTypeList: readonly RrTypeInfo[] | undefined;

/** The registry without meta types and the obsolete MD and MF (BIND refuses them). */
function zoneTypes(): readonly RrTypeInfo[] {
	return (zoneTypeList ??= ALL_RR_TYPES.filter((info) => !info.meta && info.code !== 3 && info.code !== 4));
}

/**
 * The owners of the zone that start with `prefix` (case-insensitive), written relative to the
 * origin in effect at the cursor, `@` for it; one more than {@link MAX_NAME_ITEMS} at most, so the caller knows it cut.
 */
function inZoneNames(model: ZoneModel, origin: string | undefined, prefix: string): string[] {
	const wanted = prefix.toLowerCase();
	const names: string[] = [];
	for (const first of ownerIndex(model).firstRecords()) {
		const owner = first.owner;
		const name = origin ? (relativeName(owner, origin) ?? owner) : owner;
		if (name.toLowerCase().startsWith(wanted)) names.push(name);
		if (names.length > MAX_NAME_ITEMS) break;
	}
	return names;
}

/** `MX |`: the next multiple of ten above the owner's preferences (10 for its first MX). */
function nextMxPreferenceItem(model: ZoneModel, origin: string | undefined, entry: Entry, range: Range): CompletionItem {
	const ownerKey = ownerKeyOf(model, origin, entry);
	const taken = new Set<number>();
	for (const record of (ownerKey && ownerIndex(model).get(ownerKey)) || []) {
		const preference = record.value(0);
		if (record.type === TypeCode.MX && typeof preference === 'number') taken.add(preference);
	}
	const highest = Math.max(0, ...taken);
	const next = taken.size === 0 ? 10 : Math.floor(highest / 10) * 10 + 10;
	const takenList = [...taken].sort((a, b) => a - b).join(', ');
	return {
		label: String(next),
		kind: CompletionItemKind.Value,
		detail: taken.size === 0 ? 'MX preference: the first exchanger' : `next free MX preference (taken: ${takenList})`,
		preselect: true,
		textEdit: { range, newText: String(next) },
	};
}

/** The owner key of the record being written: its own word, else the owner it inherits (`\tMX …`). */
function ownerKeyOf(model: ZoneModel, origin: string | undefined, entry: Entry): string | undefined {
	const previous = lastRecordUpTo(model, entry.index);
	if (entry.blankOwner) return previous?.ownerKey;
	const tokens = model.files[0].syntax.tokens;
	const owner = absoluteName(writtenName(tokens, entry.fields[0]), origin);
	return owner === undefined ? undefined : nameKey(owner);
}
