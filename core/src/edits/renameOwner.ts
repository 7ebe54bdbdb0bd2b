/**
 * Renaming an owner: the offset edits that rename every owner word of a name and every RDATA word
 * that points at it (MX, NS, CNAME, SRV… targets), in every file of the zone. Each word keeps its
 * spelling: an absolute word gets the new absolute name, a relative one the new name relative to
 * the origin it was written under (`@` where the new name is that origin), so `$ORIGIN` sections
 * and `$INCLUDE`d files read the same after the rename. Names below the owner are not renamed.
 */
import { scan, TokenKind } from '../syntax/scanner';
import { absoluteName, checkName, isAbsoluteName, isSubdomainKey, nameErrorMessage, nameKey, relativeName } from '../model/domainName';
import { nameReferences, type NameOccurrence, originOfWord, rdataNameValues, writtenName } from '../model/nameReferences';
import { ownerIndex } from '../model/recordIndex';
import type { ZoneModel } from '../model/zoneModel';
import type { OffsetEdit } from './offsetEdit';

/** The edits of a rename, or why it is refused (a sentence for the user). */
export type RenameOutcome = { readonly edits: OffsetEdit[]; readonly newName: string } | { readonly refused: string };

/**
 * Renames the owner `ownerKey` to `newText`, read relative to `origin` (the origin in force at the
 * word the user renamed, so the text the editor proposed reads as it did there). Refused when the
 * new name is not one word of a valid name, leaves the zone, is the apex or already owns records,
 * when the owner is the apex or made by `$GENERATE`, and when the zone has errors (a record the
 * model could not read might name the owner, and would keep the old name).
 */
export function renameOwner(model: ZoneModel, ownerKey: string, newText: string, origin: string | undefined): RenameOutcome {
	const apex = model.origin;
	if (apex === undefined)
		return { refused: "The zone's origin is unknown, so its names cannot be renamed: add $ORIGIN or an absolute SOA owner." };
	if (model.problems.some((problem) => problem.severity === 'error'))
		return {
			refused: 'Fix the errors in this zone first: a record that cannot be read might name this owner and would keep the old name.',
		};
	const apexKey = nameKey(apex);
	if (ownerKey === apexKey) return { refused: `${apex} is the zone apex: renaming it would move the whole zone.` };
	const records = ownerIndex(model).get(ownerKey);
	if (records === undefined) return { refused: 'No record in this zone owns this name, so there is no owner to rename.' };
	if (records.some((record) => record.generated))
		return { refused: 'Records of this owner are made by $GENERATE: change the directive instead.' };

	const word = scan(newText);
	if (word.count !== 1 || word.kind(0) !== TokenKind.Word)
		return { refused: `'${newText}' is not one name: a name has no blanks, quotes, parentheses or ';' (escape them as \\X).` };
	if (newText.startsWith('$'))
		return { refused: `'${newText}' starts with '$', which makes an owner line a directive: write \\$ instead.` };
	const newName = absoluteName(newText, origin);
	if (newName === undefined) return { refused: `'${newText}' is relative, and the origin here is unknown: end it with a dot.` };
	const error = checkName(newName);
	if (error !== undefined) return { refused: nameErrorMessage(error, newText) };
	const newKey = nameKey(newName);
	if (!isSubdomainKey(newKey, apexKey)) return { refused: `The new name must lie inside the zone ${apex}; ${newName} does not.` };
	if (newKey !== ownerKey && ownerIndex(model).has(newKey))
		return { refused: `${newName} already has records in this zone: pick a name no record owns.` };
	const fromTemplate = model.records.find(
		(record) => record.generated && rdataNameValues(record).some(({ name }) => nameKey(name) === ownerKey),
	);
	if (fromTemplate !== undefined)
		return { refused: 'A $GENERATE directive makes records that point at this owner: change the directive first.' };

	const occurrences: { occurrence: NameOccurrence; resolved: string }[] = [];
	for (const record of records)
		if (record.ownerField !== -1) occurrences.push({ occurrence: { record, field: record.ownerField }, resolved: record.owner });
	for (const occurrence of nameReferences(model).referencesTo(ownerKey)) {
		const resolved = occurrence.record.value(occurrence.field - occurrence.record.rdataField);
		if (typeof resolved === 'string') occurrences.push({ occurrence, resolved });
	}
	// A repeated SOA (or CNAME, DNAME) left the model as a duplicate; renamed in one copy only, the
	// copies would differ, and a zone with two different SOA records does not load. (Its RDATA
	// names are in the reference index.)
	for (const record of model.foldedDuplicates ?? []) {
		if (record.ownerKey === ownerKey && record.ownerField !== -1)
			occurrences.push({ occurrence: { record, field: record.ownerField }, resolved: record.owner });
	}
	const edits = editsFor(model, occurrences, newName);
	return 'refused' in edits ? edits : { ...edits, newName };
}

/** One edit per word; a file included twice under different origins would need two texts for one word: refused. */
function editsFor(
	model: ZoneModel,
	occurrences: readonly { occurrence: NameOccurrence; resolved: string }[],
	newName: string,
): { readonly edits: OffsetEdit[] } | { readonly refused: string } {
	const byPlace = new Map<string, OffsetEdit>();
	for (const { occurrence, resolved } of occurrences) {
		const { record, field } = occurrence;
		const tokens = model.files[record.file].syntax.tokens;
		const token = record.entry.fields[field];
		const edit: OffsetEdit = {
			file: record.file,
			start: tokens.start(token),
			end: tokens.end(token),
			newText: spelling(writtenName(tokens, token), resolved, newName),
		};
		const place = `${model.files[record.file].id}\n${edit.start}`;
		const earlier = byPlace.get(place);
		if (earlier !== undefined && earlier.newText !== edit.newText)
			return {
				refused: `${model.files[record.file].id} is included twice under different origins, so one word would need two new spellings.`,
			};
		if (earlier === undefined) byPlace.set(place, edit);
	}
	return { edits: [...byPlace.values()].sort((a, b) => a.file - b.file || a.start - b.start) };
}

/** The new name spelled as the old word was: absolute stays absolute, relative stays relative to its origin. */
export function spelling(written: string, resolved: string, newName: string): string {
	if (isAbsoluteName(written)) return newName;
	const origin = originOfWord(written, resolved);
	return (origin !== undefined ? relativeName(newName, origin) : undefined) ?? newName;
}
