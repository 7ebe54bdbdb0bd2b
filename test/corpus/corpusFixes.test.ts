/**
 * Every quick fix offered on every corpus zone BIND loads must leave a zone BIND still loads: each
 * fix is applied alone to the file's text and the result checked with the real
 * `named-checkzone -i local`, run as the oracle ran it (the zone's directory as working directory,
 * so its `$INCLUDE`s resolve). Fixes that edit an included file are counted, not applied.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import type { OffsetEdit } from '../../core/src/edits/offsetEdit';
import { corpusIncludeResolver, corpusRoot, readCorpusFile, readOracle } from '../helpers/corpus';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

/** Applies edits of one file, last first so earlier offsets stay valid. */
function applied(text: string, edits: readonly OffsetEdit[]): string {
	let result = text;
	for (const edit of [...edits].sort((a, b) => b.start - a.start))
		result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
	return result;
}

test('every quick fix on every corpus zone BIND accepts still loads in named-checkzone', requires('corpus', 'named-checkzone'), () => {
	const root = corpusRoot();
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-corpus-fixes-'));
	let counter = 0;
	/** named-checkzone's verdict on `text` as if it were the zone at `file`: exit 0 and nothing, or its messages. */
	const bindRefuses = (file: string, origin: string, text: string): string | undefined => {
		const copy = path.join(scratch, `fixed-${++counter}.zone`);
		fs.writeFileSync(copy, text);
		const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, origin, copy], { cwd: path.dirname(file), encoding: 'utf8' });
		return run.status === 0 ? undefined : `${run.stdout}${run.stderr}`.trim().split('\n').slice(0, 3).join(' | ');
	};
	const byRule = new Map<string, number>();
	const refused: string[] = [];
	let inIncludes = 0;
	let baselineDiffers = 0;
	try {
		for (const row of readOracle(root).filter((r) => r.named === 'ACCEPT')) {
			const file = path.join(root, row.file);
			const text = readCorpusFile(root, row.file);
			const { problems } = analyzeZone(file, text, { origin: row.origin, fileName: file, resolveInclude: corpusIncludeResolver(root) });
			const fixes = problems.flatMap((problem) => (problem.fixes ?? []).map((fix) => ({ problem, fix })));
			if (fixes.length === 0) continue;
			// The file read back as text (invalid UTF-8 replaced) must still load, or the fixes cannot be judged.
			if (bindRefuses(file, row.origin, text) !== undefined) {
				baselineDiffers++;
				continue;
			}
			for (const { problem, fix } of fixes) {
				if (fix.edits.some((edit) => edit.file !== 0)) {
					inIncludes++;
					continue;
				}
				byRule.set(problem.code, (byRule.get(problem.code) ?? 0) + 1);
				const why = bindRefuses(file, row.origin, applied(text, fix.edits));
				if (why !== undefined) refused.push(`${row.file}: ${problem.code} '${fix.title}': ${why}`);
			}
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	const checked = [...byRule.values()].reduce((a, b) => a + b, 0);
	console.log(
		[
			`quick fixes on corpus zones BIND accepts: ${checked} applied and checked with named-checkzone, ${refused.length} refused`,
			`  by rule: ${[...byRule].map(([code, n]) => `${code} ${n}`).join(', ')}`,
			`  not applied: ${inIncludes} editing an included file; ${baselineDiffers} files whose text as read does not load`,
			...refused.map((line) => `  REFUSED ${line}`),
		].join('\n'),
	);
	assert.ok(checked > 0, 'the corpus offers fixes to check');
	assert.deepEqual(refused, []);
});
