/**
 * Names as links: go to definition on an MX, NS, CNAME, SRV, PTR, DNAME… target (or an owner) lands
 * on the records of that owner, in this file, in a file reached through `$INCLUDE`, or in another zone
 * of the workspace (the workspace index); references of
 * a name list every record word that points at it, in this zone and in the other indexed zones; document highlights mark them in this file; and
 * each followed `$INCLUDE` path is a document link to the file it read. What is a name comes from
 * the core (`rdataNames`, by each type's field layout), so these agree with hovers and rename.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type DocumentHighlight,
	DocumentHighlightKind,
	type DocumentLink,
	type Location,
	type Position,
} from 'vscode-languageserver-types';
import {
	EntryKind,
	nameKey,
	nameReferences,
	ownerIndex,
	rdataNames,
	type ResourceRecord,
	TokenKind,
	type ZoneAnalysis,
	writtenName,
	type ZoneModel,
} from '../../../core/src/index';
import { toRange } from './convert';
import { ZoneLocations } from './locations';
import { entryContaining, type WordAt, wordAt } from './recordAt';

/** The name under the cursor: an owner word or an RDATA name of a record of the open document. */
export interface NameAt {
	readonly word: WordAt;
	/** Comparison key of the name (see core `nameKey`). */
	readonly key: string;
	/** The name as the model resolved it, e.g. `mx1.example.com.` for `mx1`. */
	readonly resolved: string;
	/** The name the word spells (a quoted owner without its quotes). */
	readonly written: string;
	readonly isOwner: boolean;
}

/** The name at `offset` of file 0, or `undefined` when the word there is no name (or made by `$GENERATE`). */
export function nameAt(model: ZoneModel, offset: number): NameAt | undefined {
	const word = wordAt(model, offset);
	const record = word?.records[0];
	if (!word || !record || record.generated) return undefined;
	const written = writtenName(model.files[0].syntax.tokens, word.token);
	if (word.field === record.ownerField) return { word, key: record.ownerKey, resolved: record.owner, written, isOwner: true };
	const name = rdataNames(record).find(({ field }) => field === word.field);
	return name && { word, key: nameKey(name.name), resolved: name.name, written, isOwner: false };
}

/** Where the records of the name under the cursor are, or where the `$INCLUDE` under it leads. */
export function getDefinition(document: TextDocument, analysis: ZoneAnalysis, position: Position): Location[] {
	const { model } = analysis;
	const offset = document.offsetAt(position);
	const locations = new ZoneLocations(document, model);
	const include = includeAt(model, offset);
	if (include !== undefined) return [locations.location(include.file, 0, 0)];
	const name = nameAt(model, offset);
	if (!name) return [];
	const records = ownerIndex(model).get(name.key) ?? [];
	if (records.length > 0) return records.map((record) => definitionOf(locations, model, record));
	return workspaceDefinition(model, name.key);
}

/**
 * A name no record of this zone owns, in another zone of the workspace (the index): its first
 * record, else the record of an address or alias the index keeps for it. The index keeps at most
 * 20,000 owners of a zone, which is where this stops finding names that have no address.
 */
function workspaceDefinition(model: ZoneModel, key: string): Location[] {
	const answer = model.workspace?.lookup(key, model.origin === undefined ? undefined : nameKey(model.origin));
	if (answer === undefined) return [];
	const owner = answer.zone.owners.find((candidate) => nameKey(candidate.name) === key);
	const at = owner?.at ?? answer.name?.addresses[0]?.at ?? answer.name?.cname?.at;
	return at === undefined ? [] : [{ uri: at.fileId, range: { start: at.start, end: at.end } }];
}

/** Every word naming the name under the cursor: RDATA that points at it, and with `includeDeclaration` its owner words. */
export function getReferences(document: TextDocument, analysis: ZoneAnalysis, position: Position, includeDeclaration: boolean): Location[] {
	const { model } = analysis;
	const name = nameAt(model, document.offsetAt(position));
	if (!name) return [];
	const locations = new ZoneLocations(document, model);
	const found: { file: number; start: number; end: number }[] = [];
	if (includeDeclaration)
		for (const record of ownerIndex(model).get(name.key) ?? [])
			if (hasOwnerWord(record)) found.push(wordSpan(model, record, record.ownerField));
	for (const { record, field } of nameReferences(model).referencesTo(name.key)) found.push(wordSpan(model, record, field));
	found.sort((a, b) => a.file - b.file || a.start - b.start);
	return [...found.map((span) => locations.location(span.file, span.start, span.end)), ...workspaceReferences(model, name.key)];
}

/** The words of the other zones of the workspace (the index, as saved on disk) that name `key`, zone by zone. */
function workspaceReferences(model: ZoneModel, key: string): Location[] {
	if (model.workspace === undefined) return [];
	const ownFiles = new Set(model.files.map((file) => file.id));
	const found = new Map<string, Location>();
	for (const { references } of model.workspace.referencesTo(key, model.origin === undefined ? undefined : nameKey(model.origin)).found)
		for (const { at } of references) {
			// A fragment two zones include is in both zones' facts: listed once.
			const place = `${at.fileId}\n${at.start.line}:${at.start.character}`;
			if (!ownFiles.has(at.fileId) && !found.has(place)) found.set(place, { uri: at.fileId, range: { start: at.start, end: at.end } });
		}
	return [...found.values()];
}

/** In this file: the owner words of the name under the cursor (write) and the RDATA words naming it (read). */
export function getDocumentHighlights(document: TextDocument, analysis: ZoneAnalysis, position: Position): DocumentHighlight[] {
	const { model } = analysis;
	const name = nameAt(model, document.offsetAt(position));
	if (!name) return [];
	const highlights: { start: number; end: number; kind: DocumentHighlightKind }[] = [];
	for (const record of ownerIndex(model).get(name.key) ?? []) {
		if (record.file === 0 && hasOwnerWord(record))
			highlights.push({ ...wordSpan(model, record, record.ownerField), kind: DocumentHighlightKind.Write });
	}
	for (const { record, field } of nameReferences(model).referencesTo(name.key)) {
		if (record.file === 0) highlights.push({ ...wordSpan(model, record, field), kind: DocumentHighlightKind.Read });
	}
	highlights.sort((a, b) => a.start - b.start);
	return highlights.map(({ start, end, kind }) => ({ range: toRange(document, start, end), kind }));
}

/** Each `$INCLUDE` path of this file that was followed, linked to the file it read. */
export function getDocumentLinks(document: TextDocument, analysis: ZoneAnalysis): DocumentLink[] {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return [];
	const links: DocumentLink[] = [];
	for (const [start, included] of includesOfMainFile(model)) {
		const entry = entryContaining(file.syntax.entries, start);
		if (entry?.start !== start || entry.fields.length < 2) continue;
		const [from, to] = pathSpan(model, entry.fields[1]);
		links.push({ range: toRange(document, from, to), target: model.files[included].id, tooltip: `Open ${model.files[included].id}` });
	}
	return links;
}

/** The followed `$INCLUDE` whose path is under the cursor. */
function includeAt(model: ZoneModel, offset: number): { file: number } | undefined {
	const word = wordAt(model, offset);
	if (!word || word.entry.kind !== EntryKind.Directive || word.field !== 1 || word.firstWord.toUpperCase() !== '$INCLUDE') return undefined;
	const included = includesOfMainFile(model).get(word.entry.start);
	return included === undefined ? undefined : { file: included };
}

/** The files the `$INCLUDE` directives of file 0 read, by the directive's start offset. */
function includesOfMainFile(model: ZoneModel): Map<number, number> {
	const found = new Map<number, number>();
	model.files.forEach((file, index) => {
		// `$GENERATE` lines are lowered as virtual files with `includedFrom` but no `includedWith`.
		if (file.includedFrom?.file === 0 && file.includedWith !== undefined && !found.has(file.includedFrom.start))
			found.set(file.includedFrom.start, index);
	});
	return found;
}

/** A path word's span, inside the quotes of a quoted one. */
function pathSpan(model: ZoneModel, token: number): [number, number] {
	const tokens = model.files[0].syntax.tokens;
	const start = tokens.start(token);
	const end = tokens.end(token);
	return tokens.kind(token) === TokenKind.Quoted && end - start >= 2 ? [start + 1, end - 1] : [start, end];
}

function hasOwnerWord(record: ResourceRecord): boolean {
	return record.ownerField !== -1 && !record.generated;
}

function wordSpan(model: ZoneModel, record: ResourceRecord, field: number): { file: number; start: number; end: number } {
	const tokens = model.files[record.file].syntax.tokens;
	const token = record.entry.fields[field];
	return { file: record.file, start: tokens.start(token), end: tokens.end(token) };
}

/** A record as a definition: its owner word, or all of it when the owner is blank or the record is generated. */
function definitionOf(locations: ZoneLocations, model: ZoneModel, record: ResourceRecord): Location {
	if (hasOwnerWord(record)) {
		const span = wordSpan(model, record, record.ownerField);
		return locations.location(span.file, span.start, span.end);
	}
	const entry = record.entry;
	return locations.location(record.file, entry.start, entry.end);
}
