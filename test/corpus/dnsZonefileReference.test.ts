/**
 * dns-zonefile (npm) as an independent reference: on the subset it parses correctly (its record
 * counts match named-checkzone's and it produced no garbage values, per dns-zonefile.tsv in the
 * corpus), every record it finds must also be in our model with the same owner and RDATA.
 * It is regex-based and keeps no positions, so it is a cross-check here, never the editor's parser.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { absoluteName, nameKey } from '../../core/src/model/domainName';
import { typeName } from '../../core/src/model/rrTypes/index';
import { CORPUS, REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

type DzRecord = {
	name: string;
	ip?: string;
	host?: string;
	alias?: string;
	preference?: number;
	target?: string;
	priority?: number;
	weight?: number;
	port?: number;
};
type DzZone = { $origin?: string } & Record<string, unknown>;

/** The types both parsers represent the same way, with how to print their RDATA. */
const COMPARED: Record<string, (r: DzRecord, origin: string) => string> = {
	a: (r) => r.ip!.toLowerCase(),
	aaaa: (r) => r.ip!.toLowerCase(),
	ns: (r, o) => key(r.host!, o),
	cname: (r, o) => key(r.alias!, o),
	ptr: (r, o) => key(r.host!, o),
	mx: (r, o) => `${r.preference} ${key(r.host!, o)}`,
	srv: (r, o) => `${r.priority} ${r.weight} ${r.port} ${key(r.target!, o)}`,
};

function key(name: string, origin: string): string {
	return nameKey(absoluteName(name, origin) ?? name);
}

/** The origin each corpus file is checked with, from the oracle table. */
function readOracleOrigins(): Map<string, string> {
	const lines = fs.readFileSync(path.join(CORPUS, 'oracle.tsv'), 'utf8').trim().split('\n').slice(1);
	return new Map(lines.map((line) => line.split('\t')).map(([file, origin]) => [file, origin]));
}

/** True when a line with a blank owner follows a record whose owner is not `@`. */
function inheritsNonApexOwner(text: string): boolean {
	let lastOwner = '@';
	let depth = 0;
	for (const line of text.split(/\r?\n/)) {
		const content = line.replace(/;.*$/, '');
		const startsRecord = depth === 0 && content.trim() !== '' && !content.startsWith('$');
		if (startsRecord) {
			if (/^\s/.test(content)) {
				if (lastOwner !== '@') return true;
			} else {
				lastOwner = content.split(/\s+/)[0];
			}
		}
		depth += (content.match(/\(/g) ?? []).length - (content.match(/\)/g) ?? []).length;
	}
	return false;
}

async function loadDnsZonefile(): Promise<{ parse(text: string): DzZone }> {
	// dns-zonefile is an ES module; load it from CommonJS with a real dynamic import.
	const url = 'file://' + path.join(REPO_ROOT, 'node_modules', 'dns-zonefile', 'lib', 'zonefile.js');
	const loaded = (await import(url)) as { default: { parse(text: string): DzZone } };
	return loaded.default;
}

test('agrees with dns-zonefile on every record of the files it parses correctly', requires('corpus'), async () => {
	const table = path.join(CORPUS, 'dns-zonefile.tsv');
	const zonefile = await loadDnsZonefile();
	const origins = readOracleOrigins();
	const rows = fs
		.readFileSync(table, 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t'));
	let files = 0;
	let records = 0;
	const mismatches: string[] = [];
	for (const [file, , status, , , , , garbage] of rows) {
		if (status !== 'counts-match' || garbage !== '0') continue;
		const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
		// dns-zonefile applies one $ORIGIN to the whole file and knows no $INCLUDE/$GENERATE.
		if ((text.match(/^\$ORIGIN/gim) ?? []).length > 1 || /^\$(INCLUDE|GENERATE)/im.test(text)) continue;
		// It gives a blank owner the apex instead of the previous owner (RFC 1035 §5.1): skip such files.
		if (inheritsNonApexOwner(text)) continue;
		const ours = analyzeZone(file, text, { fileName: file, origin: origins.get(file) });
		const origin = ours.model.origin;
		if (origin === undefined) continue;
		const theirs = zonefile.parse(text);
		const have = new Map<string, number>();
		for (const r of ours.model.records) {
			const line = `${r.ownerKey} ${typeName(r.type).toLowerCase()} ${r.rdata.map((v) => (typeof v === 'string' ? nameKey(v) : v)).join(' ')}`;
			have.set(line, (have.get(line) ?? 0) + 1);
		}
		files++;
		for (const [type, print] of Object.entries(COMPARED)) {
			for (const record of (theirs[type] as DzRecord[] | undefined) ?? []) {
				const line = `${key(record.name, theirs.$origin ?? origin)} ${type} ${print(record, theirs.$origin ?? origin)}`;
				records++;
				const count = have.get(line) ?? 0;
				if (count === 0) mismatches.push(`${file}: dns-zonefile has '${line}', we do not`);
				else have.set(line, count - 1);
			}
		}
	}
	console.log(`dns-zonefile reference: ${files} files, ${records} records compared, ${mismatches.length} mismatches`);
	assert.ok(files > 100, `only ${files} files compared`);
	assert.deepEqual(mismatches.slice(0, 20), []);
});
