/**
 * The view of the last analysed text through the edits made since (server/src/editsSinceAnalysis.ts),
 * checked on random edits of a generated zone (CRLF or LF, tabs, non-ASCII and astral characters):
 * wherever it offers a view, the line there reads the same in both texts, offsets and positions
 * map both ways, and the entry on that line is the same entry in the old and the new analysis.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone } from '../../core/src/analysis';
import { clampedTextDocuments } from '../../server/src/clampedChanges';
import { EditsSinceAnalysis } from '../../server/src/editsSinceAnalysis';
import { entryContaining } from '../../server/src/service/recordAt';
import { generateZone } from '../bench/generateZone';

const URI = 'file:///zones/edits.zone';
const LF_ZONE = generateZone({ records: 120 }).replace(/^(mx1\..*)$/gm, '$1\t; née 🚀');
const CRLF_ZONE = LF_ZONE.replace(/\n/g, '\r\n');

/** Inserted text without the characters that change how other lines read. */
const insertion = fc
	.array(fc.constantFrom('a', 'b', '1', '.', '-', '\t', ' ', 'é', '🚀', '\n', '\r\n'), { maxLength: 6 })
	.map((parts) => parts.join(''));
const editArb = fc.record({ at: fc.nat(), lines: fc.nat({ max: 2 }), length: fc.nat({ max: 12 }), text: insertion });

function lineText(document: TextDocument, line: number): string {
	return document.getText(document.getLineRange(line));
}

test('views of the last analysis agree with the current text outside the edited entries', () => {
	let viewed = 0;
	fc.assert(
		fc.property(
			fc.boolean(),
			fc.array(editArb, { minLength: 1, maxLength: 4 }),
			fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
			(crlf, edits, probes) => {
				const analysed = crlf ? CRLF_ZONE : LF_ZONE;
				const oldEntries = analyzeZone(URI, analysed).model.files[0].syntax.entries;
				const document = TextDocument.create(URI, 'dns-zone', 1, analysed);
				const recorded = new EditsSinceAnalysis();
				const documents = clampedTextDocuments((before, change) => recorded.record(before, change));
				let version = 1;
				for (const { at, lines, length, text } of edits) {
					const start = document.positionAt(at % (document.getText().length + 1));
					const end = { line: start.line + lines, character: start.character + length };
					documents.update(document, [{ range: { start, end }, text }], ++version);
				}
				const newEntries = analyzeZone(URI, document.getText()).model.files[0].syntax.entries;
				for (const probe of probes) {
					const line = probe % document.lineCount;
					const text = lineText(document, line);
					const position = { line, character: text.length === 0 ? 0 : probe % text.length };
					const view = recorded.viewAt(document, analysed, oldEntries, position);
					if (view === undefined) continue;
					viewed++;
					const lineStart = view.offsetAt({ line, character: 0 });
					assert.equal(analysed.slice(lineStart, lineStart + text.length), text, `line ${line} reads the same`);
					assert.deepEqual(view.positionAt(view.offsetAt(position)), position);
					const oldEntry = entryContaining(oldEntries, view.offsetAt(position));
					const newEntry = entryContaining(newEntries, document.offsetAt(position));
					assert.equal(oldEntry === undefined, newEntry === undefined, `an entry at ${line}:${position.character} in both or neither`);
					if (oldEntry && newEntry) {
						assert.equal(analysed.slice(oldEntry.lineStart, oldEntry.end), document.getText().slice(newEntry.lineStart, newEntry.end));
						assert.equal(oldEntry.blankOwner, newEntry.blankOwner);
					}
				}
			},
		),
		{ seed: 20261202, numRuns: 400 },
	);
	// Most random edits touch a comment or a parenthesis somewhere; enough of them leave views to check.
	assert.ok(viewed > 100, `only ${viewed} views checked`);
});

test('a range gets a view only when none of its lines is edited: one around the edit, even backwards, gets none', () => {
	const analysed = LF_ZONE;
	const entries = analyzeZone(URI, analysed).model.files[0].syntax.entries;
	const document = TextDocument.create(URI, 'dns-zone', 1, analysed);
	const recorded = new EditsSinceAnalysis();
	const documents = clampedTextDocuments((before, change) => recorded.record(before, change));
	const line = LF_ZONE.split('\n').findIndex((text, index) => index > 20 && /^[a-z][\w.-]*\t+IN\tA\t/.test(text));
	assert.ok(line > 20, 'an address record to edit');
	documents.update(document, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }], 2);
	const at = (from: number, to: number) => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });
	assert.ok(recorded.viewOutside(document, analysed, entries, [at(2, 3)]), 'above the edit');
	assert.ok(recorded.viewOutside(document, analysed, entries, [at(line + 20, line + 21)]), 'below the edit');
	assert.equal(recorded.viewOutside(document, analysed, entries, [at(line - 5, line + 5)]), undefined, 'around the edit');
	assert.equal(recorded.viewOutside(document, analysed, entries, [at(line + 5, line - 5)]), undefined, 'around the edit, backwards');
	assert.equal(recorded.viewOutside(document, analysed, entries, [at(2, 3), at(line, line)]), undefined, 'one of them on the edit');
});
