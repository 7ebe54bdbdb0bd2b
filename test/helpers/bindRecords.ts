/**
 * Records as BIND reads them, for the differential tests: `named-checkzone -i local -D -o -` dumps
 * a zone as one canonical line per record. Our side is compared through the same canonicaliser: the
 * core's records are printed as stand-alone lines (core/src/model/printRecord.ts), loaded by BIND in
 * turn, and the two dumps compared. So a difference is a different record (owner, TTL, class, type or
 * RDATA value), never a different spelling of one; and BIND refusing our printed records counts too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ZoneModel } from '../../core/src/model/zoneModel';
import { printRecordWords } from '../../core/src/model/printRecord';
import { typeName } from '../../core/src/model/rrTypes/index';
import { NAMED_CHECKZONE_FLAGS } from './namedCheckzone';

export type BindDump = { readonly records: string[] } | { readonly refused: string };

/** BIND's records of `file` (run in `cwd`, which BIND resolves `$INCLUDE` paths against), sorted. */
export function bindDump(origin: string, file: string, cwd: string): BindDump {
	const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-D', '-o', '-', origin, file], {
		cwd,
		encoding: 'utf8',
		maxBuffer: 1 << 30,
	});
	if (run.error) throw run.error;
	if (run.status !== 0) return { refused: `${run.stdout}${run.stderr}`.trim().split('\n').slice(-3).join(' | ') };
	return { records: run.stdout.split('\n').filter(isRecordLine).map(canonicalLine).sort() };
}

/** A dump line, as opposed to BIND's "zone …: loaded serial …" and "OK". */
function isRecordLine(line: string): boolean {
	return /^\S+\s+\d+\s+[A-Z]+\s+\S+/.test(line);
}

/** Fields separated by one space, names compared without case (DNS names are case-insensitive). */
function canonicalLine(line: string): string {
	return line.trim().split(/\s+/).join(' ').toLowerCase();
}

/** The owner, TTL, class and type of a canonical line. */
export function recordHead(line: string): string {
	return canonicalLine(line).split(' ', 4).join(' ');
}

export interface OurRecords {
	/** The records as stand-alone presentation lines, one per record the printer can write. */
	readonly lines: string[];
	/**
	 * `owner ttl class type` of each generated record whose RDATA the model keeps only as template
	 * text (e.g. TXT), which the printer cannot write: compared with BIND's records without RDATA.
	 */
	readonly unprintable: string[];
}

export function printedRecords(model: ZoneModel): OurRecords {
	const lines: string[] = [];
	const unprintable: string[] = [];
	for (const record of model.records) {
		const words = printRecordWords(model, record);
		if (words === undefined)
			unprintable.push(recordHead([record.owner, String(record.ttl), record.class, typeName(record.type)].join(' ')));
		else lines.push(words.join(' '));
	}
	return { lines, unprintable };
}

let directory: string | undefined;
let counter = 0;

/** BIND's records of our printed records (a zone file of only those lines), sorted. */
export function bindDumpOfLines(origin: string, lines: readonly string[]): BindDump {
	directory ??= fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-dump-'));
	const file = path.join(directory, `printed-${++counter}.zone`);
	fs.writeFileSync(file, `$ORIGIN ${origin}\n${lines.join('\n')}\n`);
	try {
		return bindDump(origin, file, directory);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

export function cleanUpBindDumps(): void {
	if (directory) fs.rmSync(directory, { recursive: true, force: true });
	directory = undefined;
}

/** Lines in `a` and not in `b`, as multisets. */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
	const counts = new Map<string, number>();
	for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
	const missing: string[] = [];
	for (const line of a) {
		const count = counts.get(line) ?? 0;
		if (count > 0) counts.set(line, count - 1);
		else missing.push(line);
	}
	return missing;
}
