/**
 * Whether a new version of a zone needs a new SOA serial: its records differ from the previous
 * version's, but its serial is not greater (RFC 1982 §3.2 comparison, so 4294967295 → 0 counts as
 * an increase). Secondaries only transfer a zone whose serial went up (RFC 1996 §1), so such a
 * change would never reach them. Records are compared as BIND reads them (canonical lines, the
 * SOA's serial left out), so a change of layout, comments or of a relative for an absolute
 * spelling (`mail` for `mail.example.com.`) does not count. Only the main file's records are compared: the previous
 * version is read without its `$INCLUDE`s. Used by "increment on save" (the previous version is the
 * file on disk) and by `serialNotIncremented` checks against a git revision.
 */
import { printRecordWords } from '../model/printRecord';
import { TypeCode } from '../model/rrTypes/typeCodes';
import type { ResourceRecord, ZoneModel } from '../model/zoneModel';

/** The serial's position among the SOA's RDATA fields: mname rname serial … */
const SERIAL_POSITION = 2;
const HALF_SERIAL_SPACE = 2 ** 31;

/** The SOA record written in the main file (file 0), its serial and the serial word's offsets. */
export interface SoaSerialWord {
	readonly record: ResourceRecord;
	readonly serial: number;
	readonly start: number;
	readonly end: number;
}

/** The main file's SOA serial and where its word is, or `undefined` without an SOA the model read (a broken SOA has no serial to trust). */
export function soaSerialWord(model: ZoneModel): SoaSerialWord | undefined {
	const record = model.records.find((candidate) => candidate.file === 0 && candidate.type === TypeCode.SOA && !candidate.generated);
	if (record === undefined) return undefined;
	const serial = record.value(SERIAL_POSITION);
	const fields = record.entry.fields;
	const field = record.rdataField + SERIAL_POSITION;
	if (typeof serial !== 'number' || field >= fields.length) return undefined;
	const tokens = model.files[0].syntax.tokens;
	return { record, serial, start: tokens.start(fields[field]), end: tokens.end(fields[field]) };
}

/** The main file's SOA serial, or `undefined` without a readable SOA. */
export function soaSerialOf(model: ZoneModel): number | undefined {
	return soaSerialWord(model)?.serial;
}

/** RFC 1982 §3.2: `a` is greater than `b` in serial number arithmetic (neither greater when they differ by exactly 2^31). */
export function serialGreater(a: number, b: number): boolean {
	return (a < b && b - a > HALF_SERIAL_SPACE) || (a > b && a - b < HALF_SERIAL_SPACE);
}

/** True when the main files of the two versions hold different records (as multisets, in any order). */
export function recordsDiffer(current: ZoneModel, previous: ZoneModel): boolean {
	const a = canonicalRecords(current);
	const b = canonicalRecords(previous);
	return a.length !== b.length || a.some((line, i) => line !== b[i]);
}

/** The serial of `current` and whether it needs incrementing over `previous`; `undefined` when either has no SOA serial. */
export function serialChange(
	current: ZoneModel,
	previous: ZoneModel,
): { serial: number; previous: number; needsIncrement: boolean } | undefined {
	const serial = soaSerialOf(current);
	const previousSerial = soaSerialOf(previous);
	if (serial === undefined || previousSerial === undefined) return undefined;
	const needsIncrement = !serialGreater(serial, previousSerial) && recordsDiffer(current, previous);
	return { serial, previous: previousSerial, needsIncrement };
}

function canonicalRecords(model: ZoneModel): string[] {
	const lines: string[] = [];
	for (const record of model.records) {
		if (record.file !== 0) continue;
		const words = printRecordWords(model, record);
		if (words === undefined) continue;
		// The serial is what is being judged, not one of the changes.
		if (record.type === TypeCode.SOA) words.splice(4 + SERIAL_POSITION, 1);
		lines.push(words.join(' '));
	}
	return lines.sort();
}
