/**
 * BIND's reading of a zone, record for record: every `test/fixtures/bind/*.zone` (origin
 * `example.com.`) is loaded by the real `named-checkzone -i local -D -o -` and by the core, and the
 * two record sets must be equal as BIND's dump prints them (our records are printed and loaded by
 * BIND in turn, test/helpers/bindRecords.ts). Each fixture holds one BIND semantic the lowering once got wrong: the SOA
 * minimum as default TTL, the owner after `$GENERATE` and after `$INCLUDE`, `$$` in a template, the
 * DSYNC scheme mnemonic, the iterator's formats, nested `$INCLUDE` paths. `$INCLUDE` paths are read
 * against the fixture folder, as BIND (run there) reads them. Every `test/fixtures/bind/refused/*.zone` is a zone BIND refuses,
 * and must get an error from the core too.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { type BindDump, bindDump, bindDumpOfLines, cleanUpBindDumps, printedRecords } from '../helpers/bindRecords';
import { createIncludeReader } from '../../server/src/index';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { requires } from '../helpers/requires';

const FOLDER = path.join(FIXTURES, 'bind');
const ORIGIN = 'example.com.';

/** Our records of `file`, as BIND's dump of them prints them (test/helpers/bindRecords.ts). */
function ourRecords(file: string): BindDump {
	const text = fs.readFileSync(file, 'utf8');
	// The product's reader, in its default (BIND's) reading of relative paths: against the zone's folder.
	const { model, problems } = analyzeZone(pathToFileURL(file).href, text, {
		origin: ORIGIN,
		fileName: file,
		resolveInclude: createIncludeReader(FOLDER, file, 'zoneFile'),
	});
	assert.deepEqual(
		problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`),
		[],
		`errors in ${file}`,
	);
	const { lines, unprintable } = printedRecords(model);
	assert.deepEqual(unprintable, [], `records of ${file} that cannot be printed`);
	return bindDumpOfLines(ORIGIN, lines);
}

after(cleanUpBindDumps);

describe('records as named-checkzone -D reads them', () => {
	for (const name of fs.readdirSync(FOLDER).filter((f) => f.endsWith('.zone'))) {
		test(name, requires('named-checkzone'), () => {
			const file = path.join(FOLDER, name);
			assert.deepEqual(ourRecords(file), bindDump(ORIGIN, name, FOLDER));
		});
	}
});

describe('zones named-checkzone refuses get an error', () => {
	const refused = path.join(FOLDER, 'refused');
	for (const name of fs.readdirSync(refused).filter((f) => f.endsWith('.zone'))) {
		test(name, requires('named-checkzone'), () => {
			const file = path.join(refused, name);
			const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-q', ORIGIN, name], { cwd: refused, encoding: 'utf8' });
			assert.notEqual(run.status, 0, `named-checkzone loads ${name}`);
			const { problems } = analyzeZone(file, fs.readFileSync(file, 'utf8'), { origin: ORIGIN, fileName: file });
			assert.ok(
				problems.some((p) => p.severity === 'error'),
				`no error for ${name}`,
			);
		});
	}
});

test('read as Knot reads them (against the including file), the nested include is not found, and the error says where BIND looks', () => {
	const file = path.join(FOLDER, 'includeNested.zone');
	const { problems } = analyzeZone(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'), {
		origin: ORIGIN,
		fileName: file,
		resolveInclude: createIncludeReader(FOLDER, file, 'includingFile'),
	});
	const notFound = problems.filter((p) => p.code === 'includeNotFound');
	assert.equal(notFound.length, 1, JSON.stringify(problems));
	assert.match(notFound[0].message, /nested\/nested\/leaf\.inc/);
	assert.match(notFound[0].message, /relative to the zone file's folder \(where BIND looks\), exists/);
});
