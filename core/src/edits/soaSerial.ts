/**
 * Incrementing the SOA serial, as Emacs dns-mode, bind.vim and dzonegit hooks do: a serial that
 * reads as a date, `YYYYMMDDnn` (RFC 1912 §2.2), becomes today's date with `00`, or goes up by one
 * when it is already today's (or later); any other serial goes up by one in serial number
 * arithmetic (RFC 1982 §3.1: 4294967295 + 1 is 0, which secondaries still read as newer).
 * The edit replaces the serial's digits and nothing else. The core has no clock: today comes in.
 */
import type { ResourceRecord, ZoneModel } from '../model/zoneModel';
import type { OffsetEdit } from './offsetEdit';
import { soaSerialWord } from './serialChange';

/** A calendar date, e.g. `{ year: 2026, month: 12, day: 1 }` (month and day from 1). */
export interface CalendarDate {
	readonly year: number;
	readonly month: number;
	readonly day: number;
}

/** Serial numbers are 32-bit (RFC 1035 §3.3.13). */
const SERIAL_SPACE = 2 ** 32;

/** The next serial after `serial` on `today`; see the file comment. */
export function nextSerial(serial: number, today: CalendarDate): number {
	if (looksLikeDate(serial)) {
		const todays = (today.year * 10000 + today.month * 100 + today.day) * 100;
		if (todays > serial && todays < SERIAL_SPACE) return todays;
	}
	return (serial + 1) % SERIAL_SPACE;
}

/** True for ten digits whose first eight are a real date from 1970 on, e.g. 2026120103. */
export function looksLikeDate(serial: number): boolean {
	if (serial < 1970010100 || serial >= SERIAL_SPACE) return false;
	const date = Math.floor(serial / 100);
	const year = Math.floor(date / 10000);
	const month = Math.floor(date / 100) % 100;
	const day = date % 100;
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** What incrementing the serial of the zone's SOA does: the record, both serials and the edit. */
export interface SerialIncrement {
	readonly record: ResourceRecord;
	readonly from: number;
	readonly to: number;
	readonly edit: OffsetEdit;
}

/**
 * The increment of the SOA serial written in the main file (file 0), or `undefined` when it holds
 * no SOA record that the model read (a zone with a broken SOA has no serial to trust).
 */
export function incrementSerial(model: ZoneModel, today: CalendarDate): SerialIncrement | undefined {
	const word = soaSerialWord(model);
	if (word === undefined) return undefined;
	const to = nextSerial(word.serial, today);
	return { record: word.record, from: word.serial, to, edit: { file: 0, start: word.start, end: word.end, newText: String(to) } };
}
