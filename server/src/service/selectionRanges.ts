/**
 * Selection ranges ("expand selection"): from the cursor, the label of a name (`example` in
 * `mx1.example.com.`) or the text inside quotes, then the whole word, the record or directive
 * (all its lines), the run of records of its owner, and the document.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { EntryKind, ownerRunAt, rdataNames, TokenKind, type ZoneAnalysis } from '../../../core/src/index';
import { toRange } from './convert';
import { entryContaining, wordAt } from './recordAt';

export function getSelectionRanges(document: TextDocument, analysis: ZoneAnalysis, positions: readonly Position[]): SelectionRange[] {
	return positions.map((position) => selectionAt(document, analysis, document.offsetAt(position)));
}

function selectionAt(document: TextDocument, analysis: ZoneAnalysis, offset: number): SelectionRange {
	const { model } = analysis;
	const spans: [number, number][] = [];
	const file = model.files[0];
	if (file) {
		const { tokens, entries } = file.syntax;
		const word = wordAt(model, offset);
		if (word) {
			const record = word.records[0];
			const isName =
				record !== undefined &&
				!record.generated &&
				(word.field === record.ownerField || rdataNames(record).some(({ field }) => field === word.field));
			if (tokens.kind(word.token) === TokenKind.Quoted) {
				// Only with the cursor between the quotes: on a quote, the text inside does not hold it.
				if (word.end - word.start > 2 && offset > word.start && offset < word.end) spans.push([word.start + 1, word.end - 1]);
			} else if (isName) {
				const label = labelAt(word.text, offset - word.start);
				if (label) spans.push([word.start + label[0], word.start + label[1]]);
			}
			spans.push([word.start, word.end]);
		}
		const entry = word?.entry ?? entryContaining(entries, offset);
		if (entry) {
			spans.push([entry.start, entry.end]);
			const run = entry.kind === EntryKind.Record ? ownerRunAt(model, entry.index) : undefined;
			if (run && run.records.length > 1) spans.push([run.records[0].entry.start, run.records[run.records.length - 1].entry.end]);
		}
	}
	spans.push([0, document.getText().length]);
	// Innermost first, each inside the next; a span equal to the one before it adds nothing.
	let parent: SelectionRange | undefined;
	for (let i = spans.length - 1; i >= 0; i--) {
		const [start, end] = spans[i];
		if (parent && i < spans.length - 1 && start === spans[i + 1][0] && end === spans[i + 1][1]) continue;
		parent = { range: toRange(document, start, end), parent };
	}
	return parent!;
}

/** The label of `name` around `at` as [start, end), between unescaped dots; `undefined` on a dot. */
function labelAt(name: string, at: number): [number, number] | undefined {
	const dots: number[] = [];
	for (let i = 0; i < name.length; i++) {
		const code = name.charCodeAt(i);
		if (code === 0x5c) i++;
		else if (code === 0x2e) dots.push(i);
	}
	let start = 0;
	for (const dot of dots) {
		if (at <= dot) {
			// The cursor right after a label (before its dot) is on that label.
			return dot > start ? [start, dot] : undefined;
		}
		start = dot + 1;
	}
	return name.length > start ? [start, name.length] : undefined;
}
