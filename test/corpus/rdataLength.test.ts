/**
 * `rdataLength` against BIND's own RDLENGTHs: every corpus zone `named-checkzone` accepts is
 * compiled by `named-compilezone -F raw`, whose output holds each RRset's records as
 * (length, octets), and the lengths of each set must be ours, sorted: equal where ours is exact,
 * no larger in sum where it is a lower bound. A set whose record count differs (BIND keeps one of
 * identical records) is compared by its largest length only.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { rdataLength, recordWords } from '../../core/src/model/rrTypes/rdataLength';
import { lookupRrType } from '../../core/src/model/rrTypes/index';
import { TypeCode } from '../../core/src/model/rrTypes/typeCodes';
import { corpusAvailable, corpusIncludeResolver, corpusRoot, readCorpusFile, readOracle } from '../helpers/corpus';
import { requires } from '../helpers/requires';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-raw-'));
after(() => fs.rmSync(directory, { recursive: true, force: true }));

/** A name's wire labels as lower-case text, `\DDD` for anything but letters, digits, `-`, `_` and `*`. */
function labelsText(labels: readonly number[][]): string {
	return labels
		.map((label) =>
			label
				.map((octet) => {
					const c = octet >= 0x41 && octet <= 0x5a ? octet + 0x20 : octet;
					return /[a-z0-9_*-]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `\\${String(c).padStart(3, '0')}`;
				})
				.join(''),
		)
		.join('.');
}

/** The labels of a presentation name (absolute, escapes decoded); characters above 0x7f as UTF-8. */
function presentationLabels(name: string): number[][] {
	const labels: number[][] = [];
	let label: number[] = [];
	const bytes = Buffer.from(name, 'utf8');
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b === 0x2e) {
			if (label.length > 0) labels.push(label);
			label = [];
		} else if (b === 0x5c && i + 1 < bytes.length) {
			const digits = bytes.subarray(i + 1, i + 4).toString('latin1');
			if (/^[0-9]{3}$/.test(digits)) {
				label.push(Number(digits));
				i += 3;
			} else label.push(bytes[++i]);
		} else label.push(b);
	}
	if (label.length > 0) labels.push(label);
	return labels;
}

/** Set key → RDLENGTHs, from `named-compilezone -F raw` output (lib/dns/masterdump.c, raw format version 1). */
function rawSets(raw: Buffer): Map<string, number[]> {
	const sets = new Map<string, number[]>();
	let pos = 24; // format, version, dump time, flags, source serial, last transfer
	while (pos + 4 <= raw.length) {
		const total = raw.readUInt32BE(pos);
		const type = raw.readUInt16BE(pos + 6);
		const covers = raw.readUInt16BE(pos + 8);
		const count = raw.readUInt32BE(pos + 14);
		const nameLength = raw.readUInt16BE(pos + 18);
		const labels: number[][] = [];
		for (let p = pos + 20; raw[p] !== 0 && p < pos + 20 + nameLength; p += raw[p] + 1)
			labels.push([...raw.subarray(p + 1, p + 1 + raw[p])]);
		let p = pos + 20 + nameLength;
		const lengths: number[] = [];
		for (let i = 0; i < count; i++) {
			const length = raw.readUInt16BE(p);
			lengths.push(length);
			p += 2 + length;
		}
		sets.set(`${labelsText(labels)}|${type}|${covers}`, lengths);
		pos += total;
	}
	return sets;
}

test('every RDLENGTH of every corpus zone BIND accepts is the one named stores', requires('corpus', 'named-checkzone'), () => {
	const root = corpusRoot();
	assert.ok(corpusAvailable(root));
	let zones = 0;
	let exactSets = 0;
	let boundSets = 0;
	let notCompiled = 0;
	const mismatches: string[] = [];
	for (const row of readOracle(root).filter((r) => r.named === 'ACCEPT')) {
		const file = path.join(root, row.file);
		const output = path.join(directory, `${zones + notCompiled}.raw`);
		const run = spawnSync('named-compilezone', ['-i', 'local', '-q', '-F', 'raw', '-o', output, row.origin, path.basename(file)], {
			cwd: path.dirname(file),
			encoding: 'utf8',
		});
		if (run.status !== 0 || !fs.existsSync(output)) {
			notCompiled++;
			continue;
		}
		const bind = rawSets(fs.readFileSync(output));
		fs.rmSync(output);
		const { model } = analyzeZone(file, readCorpusFile(root, row.file), {
			origin: row.origin,
			fileName: file,
			resolveInclude: corpusIncludeResolver(root),
		});
		zones++;
		const ours = new Map<string, { lengths: number[]; exact: boolean }>();
		for (const record of model.records) {
			let covers = 0;
			if (record.type === TypeCode.RRSIG) {
				if (record.generated) continue;
				const words = recordWords(model, record);
				covers = words.text(0) === '\\#' ? -1 : (lookupRrType(words.text(0))?.code ?? -1);
				if (covers < 0) continue;
			}
			const key = `${labelsText(presentationLabels(record.owner))}|${record.type}|${covers}`;
			const set = ours.get(key) ?? { lengths: [], exact: true };
			const length = rdataLength(model, record);
			set.lengths.push(length.octets);
			set.exact &&= length.exact;
			ours.set(key, set);
		}
		for (const [key, set] of ours) {
			const theirs = bind.get(key);
			if (theirs === undefined) continue;
			const a = [...set.lengths].sort((x, y) => x - y);
			const b = [...theirs].sort((x, y) => x - y);
			const sum = (list: number[]): number => list.reduce((s, x) => s + x, 0);
			let ok: boolean;
			if (a.length !== b.length) ok = set.exact ? a[a.length - 1] === b[b.length - 1] : a[a.length - 1] <= b[b.length - 1];
			else ok = set.exact ? a.join() === b.join() : sum(a) <= sum(b);
			if (set.exact) exactSets++;
			else boundSets++;
			if (!ok)
				mismatches.push(
					`${row.file}: ${key}: ours ${set.exact ? '' : '(lower bound) '}${a.slice(0, 8).join(',')} BIND ${b.slice(0, 8).join(',')}`,
				);
		}
	}
	console.log(`${zones} zones, ${exactSets} sets exact, ${boundSets} lower bounds, ${notCompiled} not compiled by named-compilezone`);
	assert.deepEqual(mismatches, []);
	assert.ok(zones > 100 && exactSets > 1000, `${zones} zones, ${exactSets} sets compared`);
});
