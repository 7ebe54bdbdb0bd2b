/**
 * Formatting against BIND on real zones: every corpus zone that named-checkzone accepts is formatted
 * (owner groups with tabs, and the whole file with spaces), and `named-checkzone -i local -D -o -`
 * (BIND's canonical dump) of the formatted text must print exactly what it prints for the original.
 * Each edit must replace blanks with blanks, and formatting the result again must change nothing.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { type FormatOptions, formatZone } from '../../core/src/edits/formatZone';
import type { OffsetEdit } from '../../core/src/edits/offsetEdit';
import { corpusIncludeResolver, corpusRoot, readCorpusFile, readOracle } from '../helpers/corpus';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

const STYLES: readonly FormatOptions[] = [
	{ align: 'ownerGroup', insertSpaces: false, tabSize: 8 },
	{ align: 'file', insertSpaces: true, tabSize: 4 },
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-corpus-format-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** BIND's dump of `file`, run in `cwd` so `$INCLUDE` paths resolve as the oracle ran it. */
function dump(origin: string, file: string, cwd: string): string {
	const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-q', '-D', '-o', '-', origin, file], {
		encoding: 'utf8',
		cwd,
		maxBuffer: 1 << 30,
	});
	if (run.error) throw run.error;
	return `exit ${String(run.status)}\n${run.stdout}${run.stderr}`;
}

/** Applies the edits after checking each one only turns blanks into blanks. */
function apply(text: string, edits: readonly OffsetEdit[]): string {
	let result = '';
	let from = 0;
	for (const edit of edits) {
		assert.ok(edit.start >= from, 'edits overlap or are out of order');
		assert.match(text.slice(edit.start, edit.end), /^[ \t]*$/, 'an edit replaced something that is not blanks');
		assert.match(edit.newText, /^[ \t]*$/, 'an edit inserted something that is not blanks');
		result += text.slice(from, edit.start) + edit.newText;
		from = edit.end;
	}
	return result + text.slice(from);
}

function format(fileName: string, text: string, origin: string, root: string, style: FormatOptions): string {
	const { model } = analyzeZone(fileName, text, { origin, fileName, resolveInclude: corpusIncludeResolver(root) });
	return apply(text, formatZone(model, style));
}

test('formatted corpus zones dump as the original, and formatting is idempotent', requires('corpus', 'named-checkzone'), () => {
	const root = corpusRoot();
	const counts = { zones: 0, changed: 0, edits: 0, skipped: 0 };
	const failures: string[] = [];
	for (const row of readOracle(root).filter((candidate) => candidate.named === 'ACCEPT')) {
		const fileName = path.join(root, row.file);
		const text = readCorpusFile(root, row.file);
		// Invalid UTF-8 would be rewritten by the round trip through a JavaScript string, not by us.
		if (text.includes('\uFFFD')) {
			counts.skipped++;
			continue;
		}
		counts.zones++;
		const cwd = path.dirname(fileName);
		const original = dump(row.origin, fileName, cwd);
		STYLES.forEach((style, index) => {
			const formatted = format(fileName, text, row.origin, root, style);
			if (formatted === text) return;
			counts.changed++;
			const twice = format(fileName, formatted, row.origin, root, style);
			if (twice !== formatted) failures.push(`${row.file} (${style.align}): formatting twice changed the text`);
			const file = path.join(scratch, `${counts.zones}-${index}-${path.basename(row.file)}`);
			fs.writeFileSync(file, formatted);
			const after = dump(row.origin, file, cwd);
			if (after !== original)
				failures.push(`${row.file} (${style.align}): BIND's dump differs:\n${original.slice(0, 400)}\n---\n${after.slice(0, 400)}`);
		});
	}
	console.log(
		`format corpus: ${counts.zones} zones BIND accepts, ${counts.changed} formatted texts that differ from the original (of ${counts.zones * STYLES.length}), all dumping identically unless listed; ${counts.skipped} skipped (invalid UTF-8)`,
	);
	assert.deepEqual(failures.slice(0, 20), []);
	assert.ok(counts.changed > 0, 'no corpus zone needed formatting: the test proves nothing');
});
