/**
 * Rename against BIND on real zones: for corpus zones that named-checkzone accepts, have no
 * `$INCLUDE` and get no error from us, the owner with the most references (not the apex) is renamed
 * with the core's `renameOwner`, and `named-checkzone -D` (BIND's canonical dump) of the result must
 * list exactly the records of the original with that one name replaced: nothing else moved, every
 * reference followed, every spelling read back as intended.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { renameOwner } from '../../core/src/edits/renameOwner';
import { absoluteName, nameKey } from '../../core/src/model/domainName';
import { nameReferences } from '../../core/src/model/nameReferences';
import { ownerIndex } from '../../core/src/model/recordIndex';
import { corpusRoot, readCorpusFile, readOracle } from '../helpers/corpus';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

/** Zones renamed at most (two named-checkzone runs each), spread over the accepted ones. */
const MAX_ZONES = 300;
const NEW_LABEL = 'zs-renamed';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-corpus-rename-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** BIND's canonical dump of `text` as sorted lines, or its error output. */
function dump(origin: string, text: string, name: string): { lines?: string[]; error?: string } {
	const file = path.join(scratch, name);
	fs.writeFileSync(file, text);
	const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-q', '-D', origin, file], { encoding: 'utf8' });
	if (run.error) throw run.error;
	if (run.status !== 0) return { error: `${run.stdout}${run.stderr}` };
	return {
		lines: run.stdout
			.split('\n')
			.filter((line) => line !== '' && !line.startsWith(';'))
			// Words joined by one space (the dump pads owners to a column set by the longest name), in
			// lower case: BIND spells a relative name with the origin as the file wrote it (`DyNaMiC.`).
			.map((line) => line.trim().split(/\s+/).join(' ').toLowerCase())
			.sort(),
	};
}

test('renamed corpus zones dump as the original with the one name replaced', requires('corpus', 'named-checkzone'), () => {
	const root = corpusRoot();
	let renamed = 0;
	const sources = new Set<string>();
	const failures: string[] = [];
	// Evenly spaced accepted zones, so the sample spans the corpus's sources (BIND's tests come first).
	const accepted = readOracle(root).filter((row) => row.named === 'ACCEPT');
	const step = Math.max(1, Math.floor(accepted.length / MAX_ZONES));
	for (const row of accepted.filter((_, index) => index % step === 0)) {
		if (renamed >= MAX_ZONES) break;
		const fileName = path.join(root, row.file);
		const text = readCorpusFile(root, row.file);
		// Large zones take long to dump twice and show nothing small ones do not.
		if (text.includes('\uFFFD') || text.length > 200_000) continue;
		const { model, problems } = analyzeZone(fileName, text, { origin: row.origin, fileName });
		if (model.files.length > 1 || model.origin === undefined || problems.some((p) => p.severity === 'error')) continue;
		// The owner with the most references: the rename that touches the most words.
		const apexKey = nameKey(model.origin);
		let best: { key: string; references: number } | undefined;
		for (const records of ownerIndex(model).values()) {
			const key = records[0].ownerKey;
			if (key === apexKey || records.some((record) => record.generated)) continue;
			const references = nameReferences(model).referencesTo(key).length;
			if (references > 0 && (best === undefined || references > best.references)) best = { key, references };
		}
		if (best === undefined) continue;
		const outcome = renameOwner(model, best.key, NEW_LABEL, model.origin);
		if ('refused' in outcome) continue;
		renamed++;
		sources.add(row.file.split('/')[0]);
		let after = text;
		for (const edit of [...outcome.edits].sort((a, b) => b.start - a.start))
			after = after.slice(0, edit.start) + edit.newText + after.slice(edit.end);

		const before = dump(row.origin, text, `before-${renamed}.zone`);
		const afterDump = dump(row.origin, after, `after-${renamed}.zone`);
		if (before.error !== undefined) continue; // BIND's verdict in the oracle came from another run; not ours to judge.
		if (afterDump.error !== undefined) {
			failures.push(`${row.file}: BIND refuses the renamed zone: ${afterDump.error.slice(0, 300)}`);
			continue;
		}
		const oldName = ownerIndex(model).get(best.key)![0].owner.toLowerCase();
		const newName = absoluteName(NEW_LABEL, model.origin)!.toLowerCase();
		const expected = before
			.lines!.map((line) =>
				line
					.split(' ')
					.map((word) => (word === oldName ? newName : word))
					.join(' '),
			)
			.sort();
		if (JSON.stringify(expected) !== JSON.stringify(afterDump.lines)) {
			const missing = expected.filter((line) => !afterDump.lines!.includes(line)).slice(0, 3);
			const extra = afterDump.lines!.filter((line) => !expected.includes(line)).slice(0, 3);
			failures.push(`${row.file} (renamed ${oldName}): expected ${JSON.stringify(missing)}, BIND read ${JSON.stringify(extra)}`);
		}
	}
	console.log(`renamed ${renamed} corpus zones (from ${[...sources].join(', ')}); ${failures.length} differ from BIND's reading`);
	assert.ok(renamed >= 20, `expected at least 20 corpus zones to rename, found ${renamed}`);
	assert.deepEqual(failures, []);
});
