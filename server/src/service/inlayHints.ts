/**
 * Inlay hints, each kind behind its `zoneSentinel.inlayHints.*` setting: the absolute name a
 * relative one stands for (`mx1` → `= mx1.example.com.`), a TTL written in seconds in units
 * (`3600` → `1h`, record TTLs, SOA timers and `$TTL`), and where an MX stands in its owner's
 * delivery order (`1st of 3`, from the mail model's levels). Only the entries of the asked range are
 * read, so a hint request on a million-record zone costs what the visible lines cost.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import {
	EntryKind,
	formatTtl,
	isAbsoluteName,
	mailDomain,
	parseTtl,
	rdataNames,
	rrTypeByCode,
	TypeCode,
	type ResourceRecord,
	type TokenStream,
	writtenName,
	type ZoneAnalysis,
	type ZoneModel,
} from '../../../core/src/index';
import type { InlayHintSettings } from '../settings';
import { ordinal } from './markdown';
import { recordsOf } from './recordAt';

/** TTLs below this many seconds read as well in seconds: no hint. */
const MIN_HINTED_TTL = 60;

/** The hints that fall in `range`. */
export function getInlayHints(document: TextDocument, analysis: ZoneAnalysis, range: Range, settings: InlayHintSettings): InlayHint[] {
	const model = analysis.model;
	const file = model.files[0];
	if (!file || (!settings.absoluteNames && !settings.ttlUnits && !settings.mxRank)) return [];
	const { tokens, entries } = file.syntax;
	const start = document.offsetAt(range.start);
	const end = document.offsetAt(range.end);
	const hints: InlayHint[] = [];
	const hintAfter = (token: number, label: string): void => {
		// A multi-line record may start above the range: only its hints inside it are asked for.
		const offset = tokens.end(token);
		if (offset >= start && offset <= end) hints.push({ position: document.positionAt(offset), label, paddingLeft: true });
	};
	for (let index = firstEntryEndingAfter(entries, start); index < entries.length && entries.startOf(index) < end; index++) {
		const entry = entries.get(index);
		if (entry.kind === EntryKind.Directive) {
			if (settings.ttlUnits && entry.fields.length > 1 && tokens.tokenText(entry.fields[0]).toUpperCase() === '$TTL') {
				const label = ttlLabel(tokens.tokenText(entry.fields[1]));
				if (label) hintAfter(entry.fields[1], label);
			}
			continue;
		}
		// A $GENERATE's words are templates for many records: they are its directive's, not one record's.
		const [record] = recordsOf(model, entry);
		if (!record || record.generated) continue;
		if (settings.absoluteNames) absoluteNameHints(tokens, record, hintAfter);
		if (settings.ttlUnits) ttlHints(tokens, record, hintAfter);
		if (settings.mxRank && record.type === TypeCode.MX) {
			const label = mxRankLabel(model, record);
			if (label && record.rdataField < entry.fields.length) hintAfter(entry.fields[record.rdataField], label);
		}
	}
	return hints;
}

/** After the owner word and each RDATA name written relative (or `@`): the absolute name. */
function absoluteNameHints(tokens: TokenStream, record: ResourceRecord, hintAfter: (token: number, label: string) => void): void {
	const fields = record.entry.fields;
	if (record.ownerField >= 0 && !isAbsoluteName(writtenName(tokens, fields[record.ownerField]))) {
		hintAfter(fields[record.ownerField], `= ${record.owner}`);
	}
	for (const { field, name } of rdataNames(record)) {
		if (!isAbsoluteName(writtenName(tokens, fields[field]))) hintAfter(fields[field], `= ${name}`);
	}
}

/** The record's own TTL and its type's TTL fields (SOA timers), when written in seconds. */
function ttlHints(tokens: TokenStream, record: ResourceRecord, hintAfter: (token: number, label: string) => void): void {
	const fields = record.entry.fields;
	if (record.ttlField >= 0) {
		const label = ttlLabel(tokens.tokenText(fields[record.ttlField]));
		if (label) hintAfter(fields[record.ttlField], label);
	}
	for (const [position, field] of (rrTypeByCode(record.type)?.fields ?? []).entries()) {
		const token = fields[record.rdataField + position];
		if (field.kind !== 'ttl' || token === undefined) continue;
		const label = ttlLabel(tokens.tokenText(token));
		if (label) hintAfter(token, label);
	}
}

/** `3600` → `1h`; nothing for TTLs already in units or too short to need them. */
function ttlLabel(text: string): string | undefined {
	if (!/^[0-9]+$/.test(text)) return undefined;
	const seconds = parseTtl(text);
	return seconds !== undefined && seconds >= MIN_HINTED_TTL ? formatTtl(seconds) : undefined;
}

/** `1st of 3`: the MX's delivery level among its owner's levels (equal preferences share one); nothing for a null MX. */
function mxRankLabel(model: ZoneModel, record: ResourceRecord): string | undefined {
	const domain = mailDomain(model, record.ownerKey);
	const level = domain?.levels.find((candidate) => candidate.exchangers.some((mx) => mx.record === record));
	return domain && level ? `${ordinal(level.rank)} of ${domain.levels.length}` : undefined;
}

/** Index of the first entry that ends after `offset` (entries are in file order and do not overlap). */
function firstEntryEndingAfter(entries: ZoneModel['files'][number]['syntax']['entries'], offset: number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries.endOf(mid) <= offset) low = mid + 1;
		else high = mid;
	}
	return low;
}
