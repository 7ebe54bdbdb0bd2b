/**
 * The record differential against BIND (issue "Agree with BIND", item 4): for every corpus zone
 * `named-checkzone` accepts, the records the core reads must be BIND's records. Both sides go
 * through BIND's own canonical dump (test/helpers/bindRecords.ts), so only a different record
 * counts. The few known differences are listed below with their reasons; anything else fails.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { bindDump, bindDumpOfLines, cleanUpBindDumps, missingFrom, printedRecords, recordHead } from '../helpers/bindRecords';
import { corpusAvailable, corpusIncludeResolver, corpusRoot, readCorpusFile, readOracle } from '../helpers/corpus';
import { requires } from '../helpers/requires';

/** Corpus files whose records differ from BIND's, with the reason. Keep it short and explained. */
const EUI_PARSER =
	"BIND 9.18 reads EUI-48/64 with sscanf, so a missing leading zero or trailing garbage passes; these are BIND's own `bad-` test zones, which newer BIND and Knot refuse, and RFC 7043 §3 forbids: we refuse them too";
const ALLOWED: ReadonlyMap<string, string> = new Map([
	['bind9/bin/tests/system/checkzone/zones/bad-eui48-no-leading-zero.db', EUI_PARSER],
	['bind9/bin/tests/system/checkzone/zones/bad-eui48-trailing-garbage.db', EUI_PARSER],
	['bind9/bin/tests/system/checkzone/zones/bad-eui64-no-leading-zero.db', EUI_PARSER],
	['bind9/bin/tests/system/checkzone/zones/bad-eui64-trailing-garbage.db', EUI_PARSER],
]);

after(cleanUpBindDumps);

test('every record of every corpus zone BIND accepts is read as BIND reads it', requires('corpus', 'named-checkzone'), () => {
	const root = corpusRoot();
	assert.ok(corpusAvailable(root));
	const rows = readOracle(root).filter((row) => row.named === 'ACCEPT');
	let zones = 0;
	let records = 0;
	let unprintable = 0;
	const refusedHere: string[] = [];
	const mismatches: string[] = [];
	const allowed: string[] = [];
	for (const row of rows) {
		const file = path.join(root, row.file);
		const bind = bindDump(row.origin, path.basename(file), path.dirname(file));
		if ('refused' in bind) {
			// The oracle ran named-checkzone without `-i local`; a zone refused here would be a corpus change.
			refusedHere.push(`${row.file}: ${bind.refused}`);
			continue;
		}
		const { model } = analyzeZone(file, readCorpusFile(root, row.file), {
			origin: row.origin,
			fileName: file,
			resolveInclude: corpusIncludeResolver(root),
		});
		const ours = printedRecords(model);
		unprintable += ours.unprintable.length;
		const oursByBind = bindDumpOfLines(row.origin, ours.lines);
		zones++;
		records += bind.records.length;
		let problem: string | undefined;
		if ('refused' in oursByBind) {
			problem = `BIND refuses our records: ${oursByBind.refused}`;
		} else {
			// BIND's records we could not print must be exactly the unprintable ones, RDATA aside.
			const missing = missingFrom(missingFrom(bind.records, oursByBind.records).map(recordHead), ours.unprintable);
			const extra = [...missingFrom(oursByBind.records, bind.records), ...missingFrom(ours.unprintable, bind.records.map(recordHead))];
			if (missing.length > 0 || extra.length > 0) {
				problem = [
					`${missing.length} of BIND's records missing, ${extra.length} extra`,
					...missing.slice(0, 3).map((line) => `  BIND:  ${line}`),
					...extra.slice(0, 3).map((line) => `  ours:  ${line}`),
				].join('\n');
			}
		}
		if (problem === undefined) continue;
		if (ALLOWED.has(row.file)) allowed.push(row.file);
		else mismatches.push(`${row.file}: ${problem}`);
	}
	console.log(
		`record differential: ${zones} zones, ${records} BIND records; ${mismatches.length} zones differ unexplained, ` +
			`${allowed.length} allowed (${[...new Set(ALLOWED.values())].length} reasons); ${unprintable} generated text records compared without RDATA; ${refusedHere.length} refused under -i local`,
	);
	assert.deepEqual(mismatches, []);
	// An allow-list entry that no longer differs is stale: remove it.
	assert.deepEqual(
		[...ALLOWED.keys()].filter((file) => !allowed.includes(file)),
		[],
	);
	assert.deepEqual(refusedHere, []);
});
