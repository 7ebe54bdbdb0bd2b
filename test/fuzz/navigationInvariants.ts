/**
 * Fuzz invariants of the navigation services (checked for every case by invariants.ts):
 * - the Outline, folding, selection ranges, definitions, references, highlights and links never
 *   throw; every range lies inside its document, a symbol's children and selection lie inside it,
 *   and a selection range contains its position and lies inside its parent;
 * - renaming the first owner that a reference in the main file names either is refused with a
 *   sentence, or gives edits that change only their own ranges, after which the analysis has no
 *   more errors than before and the new name has as many references as the old one had.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-types';
import type { ZoneAnalysis } from '../../core/src/analysis';
import { nameKey } from '../../core/src/model/domainName';
import { nameReferences, rdataNames } from '../../core/src/model/nameReferences';
import { ownerIndex } from '../../core/src/model/recordIndex';
import { getDocumentSymbols } from '../../server/src/service/documentSymbols';
import { getFoldingRanges } from '../../server/src/service/folding';
import { getDefinition, getDocumentHighlights, getDocumentLinks, getReferences } from '../../server/src/service/navigation';
import { getRenameEdits } from '../../server/src/service/rename';
import { getSelectionRanges } from '../../server/src/service/selectionRanges';

/** The new name every rename case tries: a label no generated zone uses. */
const NEW_LABEL = 'zzfuzzrenamed';

export function checkNavigation(
	document: TextDocument,
	analysis: ZoneAnalysis,
	reanalyse: (text: string) => ZoneAnalysis,
	failures: string[],
): void {
	const text = document.getText();
	const inside = (range: Range): boolean =>
		range.end.line < document.lineCount && document.offsetAt(range.start) <= document.offsetAt(range.end);
	const within = (inner: Range, outer: Range): boolean =>
		document.offsetAt(inner.start) >= document.offsetAt(outer.start) && document.offsetAt(inner.end) <= document.offsetAt(outer.end);

	const checkSymbols = (symbols: readonly DocumentSymbol[], parent: Range | undefined): void => {
		for (const symbol of symbols) {
			if (!inside(symbol.range) || !within(symbol.selectionRange, symbol.range) || (parent && !within(symbol.range, parent)))
				failures.push(`symbol ${JSON.stringify(symbol.name)}: range ${JSON.stringify(symbol.range)} is not inside its parent or document`);
			checkSymbols(symbol.children ?? [], symbol.range);
		}
	};
	checkSymbols(getDocumentSymbols(document, analysis), undefined);
	for (const fold of getFoldingRanges(document, analysis)) {
		if (fold.startLine >= fold.endLine || fold.endLine >= document.lineCount)
			failures.push(`folding range ${JSON.stringify(fold)} is empty or past the end`);
	}
	for (const link of getDocumentLinks(document, analysis))
		if (!inside(link.range)) failures.push(`document link ${JSON.stringify(link.range)} is outside the document`);

	// A sample of positions, and one past the end.
	const step = Math.max(1, Math.floor(text.length / 16));
	const positions: Position[] = [];
	for (let offset = 0; offset <= text.length; offset += step) positions.push(document.positionAt(offset));
	const selections = getSelectionRanges(document, analysis, positions);
	selections.forEach((selection, index) => {
		const offset = document.offsetAt(positions[index]);
		for (let at: typeof selection | undefined = selection; at; at = at.parent) {
			if (
				document.offsetAt(at.range.start) > offset ||
				document.offsetAt(at.range.end) < offset ||
				(at.parent && !within(at.range, at.parent.range))
			)
				failures.push(`selection range at ${offset}: ${JSON.stringify(at.range)} does not hold the position or is not inside its parent`);
		}
	});
	for (const position of positions) {
		for (const location of [...getDefinition(document, analysis, position), ...getReferences(document, analysis, position, true)]) {
			if (location.uri === document.uri && !inside(location.range))
				failures.push(`location ${JSON.stringify(location.range)} is outside the document`);
		}
		for (const highlight of getDocumentHighlights(document, analysis, position)) {
			if (!inside(highlight.range)) failures.push(`highlight ${JSON.stringify(highlight.range)} is outside the document`);
		}
	}
	checkRename(document, analysis, reanalyse, failures);
}

function checkRename(document: TextDocument, analysis: ZoneAnalysis, reanalyse: (text: string) => ZoneAnalysis, failures: string[]): void {
	const { model } = analysis;
	const owners = ownerIndex(model);
	const apexKey = model.origin === undefined ? undefined : nameKey(model.origin);
	for (const record of model.records) {
		if (record.file !== 0) continue;
		const target = rdataNames(record).find(({ name }) => nameKey(name) !== apexKey && owners.has(nameKey(name)));
		if (!target) continue;
		const tokens = model.files[0].syntax.tokens;
		const position = document.positionAt(tokens.start(record.entry.fields[target.field]));
		const oldKey = nameKey(target.name);
		const references = nameReferences(model).referencesTo(oldKey).length;
		const result = getRenameEdits(document, analysis, position, NEW_LABEL, () => undefined);
		if ('refused' in result) {
			if (result.refused.length === 0) failures.push('a rename was refused without a reason');
			return;
		}
		const edits = result.changes?.[document.uri] ?? [];
		// Edits in included files are not applied here: only a rename confined to this text is re-checked.
		if (Object.keys(result.changes ?? {}).some((uri) => uri !== document.uri)) return;
		const renamed = TextDocument.applyEdits(document, edits);
		const after = reanalyse(renamed);
		const errors = (a: ZoneAnalysis): number => a.model.problems.filter((problem) => problem.severity === 'error').length;
		if (errors(after) > errors(analysis))
			failures.push(`renaming ${target.name} to ${NEW_LABEL} added errors: ${errors(analysis)} → ${errors(after)}`);
		const newName = after.model.records.find((candidate) => candidate.owner.toLowerCase().startsWith(`${NEW_LABEL}.`))?.owner;
		const newReferences = newName === undefined ? 0 : nameReferences(after.model).referencesTo(nameKey(newName)).length;
		if (newReferences !== references)
			failures.push(`renaming ${target.name}: ${references} references before, ${newReferences} to the new name after`);
		return;
	}
}
