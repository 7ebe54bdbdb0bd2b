/**
 * Rename an owner from its owner word or from any RDATA word that names it: the core's
 * `renameOwner` makes the edits (every owner word and every reference, spelling kept as written),
 * and this file turns them into a workspace edit over the document and its included files, plus
 * the words of other zones of the workspace that name the owner (absolute spelling kept).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import {
	nameKey,
	originOfWord,
	ownerIndex,
	renameOwner,
	spelling,
	type WorkspaceReference,
	type ZoneAnalysis,
} from '../../../core/src/index';
import { ZoneLocations } from './locations';
import { nameAt } from './navigation';
import { toRange } from './convert';

/** The words of other zones of the workspace naming an owner, read from their current text; or why they cannot be edited. */
export type OtherZoneReferences = (
	key: string,
	exceptApexKey: string | undefined,
) => { readonly references: readonly WorkspaceReference[] } | RenameRefused;

/** Why a rename is not done, for the client to show (the handler answers it as an error). */
export interface RenameRefused {
	readonly refused: string;
}

/** The word to rename and the text the editor proposes: the word as written. */
export function prepareRename(
	document: TextDocument,
	analysis: ZoneAnalysis,
	position: Position,
): { range: Range; placeholder: string } | RenameRefused {
	const { model } = analysis;
	const name = nameAt(model, document.offsetAt(position));
	if (!name)
		return { refused: 'Only a name can be renamed: put the cursor on an owner, or on a name in RDATA (an MX, NS, CNAME… target).' };
	if (!ownerIndex(model).has(name.key)) return { refused: `No record in this zone owns ${name.resolved}, so there is no owner to rename.` };
	return { range: toRange(document, name.word.start, name.word.end), placeholder: name.word.text };
}

/**
 * The edits that rename the owner under the cursor to `newName` (read as the word there was: relative
 * to the origin in force there, absolute with a trailing dot). `openTextOf` gives the text an open
 * document has in the editor: an included file edited but not saved differs from what the zone read,
 * and edits computed on one text must not be applied to another.
 */
export function getRenameEdits(
	document: TextDocument,
	analysis: ZoneAnalysis,
	position: Position,
	newName: string,
	openTextOf: (uri: string) => string | undefined,
	otherZoneReferences?: OtherZoneReferences,
): WorkspaceEdit | RenameRefused {
	const prepared = prepareRename(document, analysis, position);
	if ('refused' in prepared) return prepared;
	const { model } = analysis;
	const name = nameAt(model, document.offsetAt(position))!;
	// An absolute word says nothing of the origin where it stands: a relative new name is read under the apex.
	const outcome = renameOwner(model, name.key, newName, originOfWord(name.written, name.resolved) ?? model.origin);
	if ('refused' in outcome) return outcome;
	const locations = new ZoneLocations(document, model);
	const changes: Record<string, TextEdit[]> = {};
	for (const edit of outcome.edits) {
		const uri = locations.uriOf(edit.file);
		if (edit.file !== 0) {
			const open = openTextOf(uri);
			if (open !== undefined && open !== model.files[edit.file].syntax.tokens.text)
				return { refused: `${uri} has changes that are not saved: save it, so the rename edits the text the zone reads.` };
		}
		(changes[uri] ??= []).push({ range: locations.range(edit.file, edit.start, edit.end), newText: edit.newText });
	}
	const elsewhere = otherZoneReferences?.(name.key, model.origin === undefined ? undefined : nameKey(model.origin));
	if (elsewhere !== undefined && 'refused' in elsewhere) return elsewhere;
	const ownFiles = new Set(model.files.map((file) => file.id));
	// A fragment two zones include is read twice: its word gets one edit.
	const edited = new Set<string>();
	for (const { name: resolved, written, at } of elsewhere?.references ?? []) {
		const place = `${at.fileId}\n${at.start.line}:${at.start.character}`;
		if (ownFiles.has(at.fileId) || edited.has(place)) continue;
		edited.add(place);
		(changes[at.fileId] ??= []).push({ range: { start: at.start, end: at.end }, newText: spelling(written, resolved, outcome.newName) });
	}
	return { changes };
}
