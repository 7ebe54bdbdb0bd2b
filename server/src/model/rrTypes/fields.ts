/**
 * RDATA field parsers, one per {@link FieldKind}. They read words of one record and report
 * problems on the exact word, so the editor can underline the field that is wrong.
 */
import { absoluteName, checkName, nameErrorMessage } from '../domainName';
import { parseTtl } from '../ttl';
import { isIpv4, isIpv6 } from './addresses';
import { checkLoc } from './loc';
import { FieldKind, isRestKind, RrTypeInfo } from './rrType';
import { checkSvcParams } from './svcParams';
import { lookupRrType } from './index';

/** A typed RDATA value: names and addresses as text, numbers as numbers; `undefined` where not kept. */
export type RdataValue = string | number | undefined;

/** A problem in RDATA, on words `from`..`to` (inclusive indices into the record's RDATA words). */
export interface RdataProblem {
	readonly code: string;
	readonly message: string;
	readonly from: number;
	readonly to: number;
	readonly severity?: 'error' | 'warning';
}

/** The words of one record's RDATA, as the model sees them. */
export interface RdataWords {
	readonly count: number;
	text(index: number): string;
	quoted(index: number): boolean;
}

export interface ParsedRdata {
	readonly values: RdataValue[];
	readonly problems: RdataProblem[];
}

const EMPTY: RdataValue[] = [];

/**
 * Parses the RDATA of a known type against its layout. `origin` makes relative names absolute
 * (left relative when unknown). Handles RFC 3597 `\# length hex` for every type.
 */
export function parseRdata(info: RrTypeInfo | undefined, mnemonic: string, words: RdataWords, origin: string | undefined): ParsedRdata {
	const problems: RdataProblem[] = [];
	if (words.count > 0 && words.text(0) === '\\#' && !words.quoted(0)) {
		checkGeneric(words, problems);
		return { values: EMPTY, problems };
	}
	if (info === undefined) {
		problems.push({ code: 'genericRdataRequired', message: `${mnemonic} has no known presentation format: write its RDATA as \\# <length> <hex> (RFC 3597).`, from: 0, to: Math.max(0, words.count - 1) });
		return { values: EMPTY, problems };
	}
	if (info.mnemonic === 'NULL') {
		problems.push({ code: 'genericRdataRequired', message: 'NULL records can only be written in RFC 3597 form: \\# <length> <hex>.', from: 0, to: Math.max(0, words.count - 1) });
		return { values: EMPTY, problems };
	}
	const values: RdataValue[] = [];
	const fields = info.fields;
	let index = 0;
	for (let f = 0; f < fields.length; f++) {
		const field = fields[f];
		if (isRestKind(field.kind)) {
			checkRest(field.kind, field.name, info.mnemonic, words, index, problems);
			index = words.count;
			values.push(undefined);
			break;
		}
		if (index >= words.count) {
			const names = fields.slice(f).map((rest) => rest.name).join(' ');
			problems.push({ code: 'missingRdata', message: `${info.mnemonic} record is missing ${names} (expected: ${fields.map((x) => x.name).join(' ')}).`, from: -1, to: -1 });
			return { values, problems };
		}
		values.push(parseField(field.kind, field.name, words, index, origin, problems));
		index++;
	}
	if (index < words.count) {
		problems.push({ code: 'extraRdata', message: `Extra text after the ${info.mnemonic} RDATA (expected: ${fields.map((x) => x.name).join(' ')}).`, from: index, to: words.count - 1 });
	}
	return { values, problems };
}

function parseField(kind: FieldKind, name: string, words: RdataWords, index: number, origin: string | undefined, problems: RdataProblem[]): RdataValue {
	const text = words.text(index);
	const quoted = words.quoted(index);
	const fail = (message: string, code = 'invalidRdata'): undefined => {
		problems.push({ code, message, from: index, to: index });
		return undefined;
	};
	if (quoted && kind !== 'string' && kind !== 'text') return fail(`The ${name} field cannot be a quoted string.`);
	switch (kind) {
		case 'name': {
			const absolute = absoluteName(text, origin);
			const error = checkName(absolute ?? text);
			if (error !== undefined) return fail(nameErrorMessage(error, text), error);
			return absolute ?? text;
		}
		case 'u8':
			return parseUnsigned(text, 0xff) ?? fail(`The ${name} field must be a number from 0 to 255, not '${text}'.`);
		case 'u16':
			return parseUnsigned(text, 0xffff) ?? fail(`The ${name} field must be a number from 0 to 65535, not '${text}'.`);
		case 'u32':
			return parseUnsigned(text, 0xffffffff) ?? fail(`The ${name} field must be a number from 0 to 4294967295, not '${text}'.`);
		case 'ttl':
			return parseTtl(text) ?? fail(`The ${name} field must be a time in seconds or with units (1w2d3h4m5s), not '${text}'.`);
		case 'ipv4':
			return isIpv4(text) ? text : fail(`'${text}' is not an IPv4 address (expected four numbers 0–255, e.g. 192.0.2.1).`, 'invalidIpv4Address');
		case 'ipv6':
			return isIpv6(text) ? text : fail(`'${text}' is not an IPv6 address (e.g. 2001:db8::1).`, 'invalidIpv6Address');
		case 'string':
			checkCharacterString(text, quoted, index, problems, 255);
			return undefined;
		case 'text':
			checkCharacterString(text, quoted, index, problems, Infinity);
			return undefined;
		case 'salt':
			if (text !== '-' && !isHex(text)) fail(`The salt must be hex digits or '-', not '${text}'.`);
			return undefined;
		case 'base32hex':
			if (!/^[0-9A-Va-v]+$/.test(text)) fail(`'${text}' is not base32hex (digits 0–9 and letters A–V).`);
			return undefined;
		case 'type':
			if (lookupRrType(text) === undefined) fail(`'${text}' is not a known RR type.`, 'unknownRrType');
			return undefined;
		case 'algorithm':
			if (parseUnsigned(text, 0xff) === undefined && !/^[A-Z][A-Z0-9-]*$/i.test(text)) fail(`'${text}' is not a DNSSEC algorithm number or mnemonic.`);
			return undefined;
		case 'certType':
			if (parseUnsigned(text, 0xffff) === undefined && !/^[A-Z][A-Z0-9]*$/i.test(text)) fail(`'${text}' is not a certificate type number or mnemonic.`);
			return undefined;
		case 'time':
			if (!/^[0-9]{14}$/.test(text) && parseUnsigned(text, 0xffffffff) === undefined) fail(`'${text}' is not a signature time (YYYYMMDDHHmmSS or seconds).`);
			return undefined;
		case 'eui48':
			if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i.test(text)) fail(`'${text}' is not an EUI-48 address (six hex pairs joined by '-').`);
			return undefined;
		case 'eui64':
			if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){7}$/i.test(text)) fail(`'${text}' is not an EUI-64 address (eight hex pairs joined by '-').`);
			return undefined;
		case 'ilnp64':
			if (!/^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}$/i.test(text)) fail(`'${text}' is not a 64-bit locator (four groups of hex joined by ':').`);
			return undefined;
		case 'caaTag':
			if (!/^[a-z0-9]+$/i.test(text)) fail(`The CAA tag must be letters and digits, not '${text}'.`);
			return undefined;
		default:
			return undefined;
	}
}

function checkRest(kind: FieldKind, name: string, mnemonic: string, words: RdataWords, from: number, problems: RdataProblem[]): void {
	const count = words.count;
	const missing = (): void => {
		problems.push({ code: 'missingRdata', message: `${mnemonic} record is missing its ${name}.`, from: -1, to: -1 });
	};
	switch (kind) {
		case 'strings':
			if (from >= count) return missing();
			for (let i = from; i < count; i++) checkCharacterString(words.text(i), words.quoted(i), i, problems, 255);
			return;
		case 'base64':
		case 'base64opt': {
			if (from >= count) return kind === 'base64' ? missing() : undefined;
			const joined = joinWords(words, from);
			if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined) || joined.length % 4 !== 0) {
				problems.push({ code: 'invalidBase64', message: `The ${name} is not valid base64.`, from, to: count - 1 });
			}
			return;
		}
		case 'hex':
		case 'hexopt': {
			if (from >= count) return kind === 'hex' ? missing() : undefined;
			const joined = joinWords(words, from);
			if (!isHex(joined) || joined.length % 2 !== 0) {
				problems.push({ code: 'invalidHex', message: `The ${name} must be an even number of hex digits.`, from, to: count - 1 });
			}
			return;
		}
		case 'types':
			for (let i = from; i < count; i++) {
				const lookup = lookupRrType(words.text(i));
				if (lookup === undefined) problems.push({ code: 'unknownRrType', message: `'${words.text(i)}' is not a known RR type.`, from: i, to: i });
			}
			return;
		case 'svcParams':
			checkSvcParams(words, from, problems);
			return;
		case 'loc':
			checkLoc(words, from, problems);
			return;
		case 'any':
			if (from >= count) missing();
			return;
		default:
			return;
	}
}

/** RFC 3597: `\# <length> <hex…>`, where the hex has exactly `length` octets. */
function checkGeneric(words: RdataWords, problems: RdataProblem[]): void {
	if (words.count < 2) {
		problems.push({ code: 'invalidGenericRdata', message: 'RFC 3597 RDATA needs a length after \\#: \\# <length> <hex>.', from: 0, to: 0 });
		return;
	}
	const length = parseUnsigned(words.text(1), 0xffff);
	if (length === undefined) {
		problems.push({ code: 'invalidGenericRdata', message: `'${words.text(1)}' is not an RDATA length (0–65535).`, from: 1, to: 1 });
		return;
	}
	const hex = words.count > 2 ? joinWords(words, 2) : '';
	if (!isHex(hex) || hex.length !== length * 2) {
		const message = isHex(hex) ? `\\# says ${length} octets but ${hex.length / 2} follow.` : 'RFC 3597 RDATA must be hex digits.';
		problems.push({ code: 'invalidGenericRdata', message, from: Math.min(2, words.count - 1), to: words.count - 1 });
	}
}

/** A <character-string> holds at most 255 octets once escapes are decoded (RFC 1035 §3.3). */
function checkCharacterString(text: string, quoted: boolean, index: number, problems: RdataProblem[], limit: number): void {
	const body = quoted ? text.slice(1, -1) : text;
	if (limit !== Infinity && body.length > limit && decodedLength(body) > limit) {
		problems.push({ code: 'characterStringTooLong', message: `This string is ${decodedLength(body)} octets; a <character-string> holds at most 255.`, from: index, to: index });
	}
}

function decodedLength(text: string): number {
	let length = 0;
	for (let i = 0; i < text.length; i++) {
		if (text.charCodeAt(i) === 0x5c) i += /^[0-9]{3}/.test(text.slice(i + 1, i + 4)) ? 3 : 1;
		const code = text.charCodeAt(i);
		length += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
	}
	return length;
}

function joinWords(words: RdataWords, from: number): string {
	let joined = '';
	for (let i = from; i < words.count; i++) joined += words.text(i);
	return joined;
}

function isHex(text: string): boolean {
	return /^[0-9a-fA-F]*$/.test(text);
}

/** Parses a decimal number without sign or units, up to `max`. */
export function parseUnsigned(text: string, max: number): number | undefined {
	const length = text.length;
	if (length === 0 || length > 10) return undefined;
	let value = 0;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x30 || code > 0x39) return undefined;
		value = value * 10 + (code - 0x30);
	}
	return value <= max ? value : undefined;
}
