/**
 * RDATA field parsers, one per {@link FieldKind}. They read words of one record and report
 * problems on the exact word, so the editor can underline the field that is wrong.
 *
 * What is accepted follows the RFCs and, where they leave room, what BIND's `dns_rdata_fromtext`
 * accepts, so that a zone BIND loads gets no error here and a zone BIND refuses gets one.
 */
import { absoluteName, checkName, nameErrorMessage } from '../domainName';
import { parseTtl } from '../ttl';
import { isIpv4, isIpv6 } from './addresses';
import { base32HexLength, base64Length, hexBytes, isHex } from './encodings';
import { lookupRrType } from './index';
import { checkLoc } from './loc';
import { FieldKind, isRestKind, RrTypeInfo } from './rrType';
import { checkSvcParams } from './svcParams';
import { checkWire } from './wire';
import type { RdataProblem, RdataWords } from './rdataWords';

/** A typed RDATA value: names and addresses as text, numbers as numbers; `undefined` where not kept. */
export type RdataValue = string | number | undefined;

export type { RdataProblem, RdataWords };

export interface ParsedRdata {
	readonly values: RdataValue[];
	readonly problems: RdataProblem[];
}

const EMPTY: RdataValue[] = [];
const TYPE_TXT = 16;

/**
 * Parses the RDATA of a known type against its layout. `origin` makes relative names absolute
 * (left relative when unknown). Handles RFC 3597 `\# length hex` for every type.
 */
export function parseRdata(info: RrTypeInfo | undefined, mnemonic: string, words: RdataWords, origin: string | undefined): ParsedRdata {
	const problems: RdataProblem[] = [];
	if (words.count > 0 && !words.quoted(0) && words.text(0) === '\\#' && !escapedHashInTxt(info, words)) {
		checkGeneric(info, mnemonic, words, problems);
		return { values: EMPTY, problems };
	}
	if (info === undefined) {
		problems.push({ code: 'genericRdataRequired', message: `${mnemonic} has no known presentation format: write its RDATA as \\# <length> <hex> (RFC 3597).`, ...allWords(words.count) });
		return { values: EMPTY, problems };
	}
	if (info.mnemonic === 'NULL' || info.mnemonic === 'UNSPEC') {
		problems.push({ code: 'genericRdataRequired', message: `${info.mnemonic} records can only be written in RFC 3597 form: \\# <length> <hex>.`, ...allWords(words.count) });
		return { values: EMPTY, problems };
	}
	const values: RdataValue[] = [];
	const fields = info.fields;
	let index = 0;
	for (let f = 0; f < fields.length; f++) {
		const field = fields[f];
		if (isRestKind(field.kind)) {
			checkRest(field.kind, field.name, info, words, index, values, problems);
			index = words.count;
			values.push(undefined);
			break;
		}
		if (index >= words.count) {
			const names = fields.slice(f).map((rest) => rest.name).join(' ');
			problems.push({ code: 'missingRdata', message: `${info.mnemonic} record is missing ${names} (expected: ${fields.map((x) => x.name).join(' ')}).`, from: -1, to: -1 });
			return { values, problems };
		}
		values.push(parseField(field.kind, field.name, info, words, index, origin, values, problems));
		index++;
	}
	if (index < words.count) {
		problems.push({ code: 'extraRdata', message: `Extra text after the ${info.mnemonic} RDATA (expected: ${fields.map((x) => x.name).join(' ')}).`, from: index, to: words.count - 1 });
	}
	return { values, problems };
}

/** The span of every RDATA word, or of the whole record when there is none (`from: -1`). */
function allWords(count: number): { from: number; to: number } {
	return count === 0 ? { from: -1, to: -1 } : { from: 0, to: count - 1 };
}

/** BIND reads `TXT \# text` (no length after `\#`) as the string `#`, not as RFC 3597 data. */
function escapedHashInTxt(info: RrTypeInfo | undefined, words: RdataWords): boolean {
	return info !== undefined && info.code === TYPE_TXT && (words.count < 2 || words.quoted(1) || parseUnsigned(words.text(1), 0xffff) === undefined);
}

function parseField(kind: FieldKind, name: string, info: RrTypeInfo, words: RdataWords, index: number, origin: string | undefined, values: RdataValue[], problems: RdataProblem[]): RdataValue {
	const text = words.text(index);
	const quoted = words.quoted(index);
	const fail = (message: string, code = 'invalidRdata'): undefined => {
		problems.push({ code, message, from: index, to: index });
		return undefined;
	};
	if (quoted && kind !== 'string' && kind !== 'text' && kind !== 'x25') return fail(`The ${name} field cannot be a quoted string.`);
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
		case 'bit':
			return text === '0' || text === '1' ? Number(text) : fail(`The ${name} field must be 0 or 1, not '${text}'.`);
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
		case 'x25': {
			const body = quoted ? text.slice(1, -1) : text;
			if (body.length < 4 || !/^[0-9]+$/.test(body)) fail(`An X25 PSDN address is at least four decimal digits (RFC 1183 §3.1), not '${body}'.`);
			return undefined;
		}
		case 'salt':
			if (text === '-') return undefined;
			if (!isHex(text) || text.length % 2 !== 0) fail(`The salt must be an even number of hex digits or '-', not '${text}'.`);
			else if (text.length > 510) fail(`The salt is ${text.length / 2} octets; at most 255 fit (RFC 5155 §3.2).`);
			return undefined;
		case 'base32hex':
			if (base32HexLength(text) === undefined) fail(`'${text}' is not base32hex (digits 0–9 and letters A–V, no padding).`);
			return undefined;
		case 'nsec3Hash': {
			const octets = base32HexLength(text);
			if (octets === undefined || octets === 0) return fail(`'${text}' is not a base32hex hash (digits 0–9 and letters A–V, no padding; RFC 5155 §3.3).`);
			if (octets > 255) return fail(`The next hashed owner name is ${octets} octets; at most 255 fit (RFC 5155 §3.2).`);
			if (values[0] === 1 && octets !== 20) return fail(`A SHA-1 hash (algorithm 1) is 20 octets, i.e. 32 base32hex digits; '${text}' is ${octets} octets.`);
			return undefined;
		}
		case 'type':
			if (lookupRrType(text) === undefined) fail(`'${text}' is not a known RR type.`, 'unknownRrType');
			return undefined;
		case 'algorithm':
			if (parseUnsigned(text, 0xff) === undefined && !/^[A-Z][A-Z0-9-]*$/i.test(text)) fail(`'${text}' is not a DNSSEC algorithm number or mnemonic.`);
			return undefined;
		case 'certType':
			if (parseUnsigned(text, 0xffff) === undefined && !/^[A-Z][A-Z0-9]*$/i.test(text)) fail(`'${text}' is not a certificate type number or mnemonic.`);
			return undefined;
		case 'keyFlags': {
			const value = parseUnsigned(text, 0xffff);
			if (value !== undefined) return value;
			if (!isKeyFlagMnemonics(text)) fail(`The ${name} field must be a number from 0 to 65535 or flag names joined by '|' (e.g. ZONE|FLAG2), not '${text}'.`);
			return undefined;
		}
		case 'time': {
			const problem = checkSignatureTime(text);
			if (problem) fail(problem);
			return undefined;
		}
		case 'eui48':
			if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i.test(text)) fail(`'${text}' is not an EUI-48 address (six pairs of hex digits joined by '-', RFC 7043 §3.2).`);
			return undefined;
		case 'eui64':
			if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){7}$/i.test(text)) fail(`'${text}' is not an EUI-64 address (eight pairs of hex digits joined by '-', RFC 7043 §4.2).`);
			return undefined;
		case 'ilnp64':
			if (!/^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}$/i.test(text)) fail(`'${text}' is not a 64-bit locator (four groups of hex joined by ':').`);
			return undefined;
		case 'caaTag':
			if (!/^[a-z0-9]+$/i.test(text) || text.length > 255) fail(`The CAA tag must be 1–255 letters and digits (RFC 8659 §4.1), not '${text}'.`);
			return undefined;
		case 'nsap':
			if (!/^0x[0-9a-f.]*$/i.test(text) || !evenHexDigits(text.slice(2))) fail(`'${text}' is not an NSAP address: '0x' then an even number of hex digits, dots allowed between them (RFC 1706 §5).`);
			return undefined;
		case 'atma':
			if (text.startsWith('+') ? !/^\+[0-9.]*[0-9][0-9.]*$/.test(text) : !/^[0-9a-f.]+$/i.test(text) || !evenHexDigits(text)) {
				fail(`'${text}' is not an ATM address: an AESA in hex digits (dots allowed) or '+' and an E.164 number.`);
			}
			return undefined;
		case 'ipn':
			if (!isIpnNode(text)) fail(`'${text}' is not an IPN node number: a 64-bit number or <allocator>.<node> with two 32-bit numbers.`);
			return undefined;
		case 'gateway':
			return checkGateway(text, info, values, origin, fail);
		default:
			return undefined;
	}
}

function checkRest(kind: FieldKind, name: string, info: RrTypeInfo, words: RdataWords, from: number, values: readonly RdataValue[], problems: RdataProblem[]): void {
	const count = words.count;
	const mnemonic = info.mnemonic;
	const missing = (): void => {
		problems.push({ code: 'missingRdata', message: `${mnemonic} record is missing its ${name}.`, from: -1, to: -1 });
	};
	const fail = (message: string, code: string, at = from, to = count - 1): void => {
		problems.push({ code, message, from: at, to });
	};
	switch (kind) {
		case 'strings':
			if (from >= count) return missing();
			for (let i = from; i < count; i++) checkCharacterString(words.text(i), words.quoted(i), i, problems, 255);
			return;
		case 'base64':
		case 'base64opt': {
			if (from >= count) return kind === 'base64' ? missing() : undefined;
			const octets = base64Length(joinWords(words, from));
			if (octets === undefined) fail(`The ${name} is not valid base64 (RFC 4648 §4): only A–Z a–z 0–9 + /, in groups of four, '=' padding only at the end.`, 'invalidBase64');
			else if (octets === 0 && kind === 'base64') missing();
			return;
		}
		case 'base64dash':
			if (from >= count) return missing();
			if (count - from === 1 && words.text(from) === '-') return;
			if (!base64Length(joinWords(words, from))) fail(`The ${name} must be base64 (RFC 4648 §4) or '-' for none.`, 'invalidBase64');
			return;
		case 'hex':
		case 'hexopt': {
			if (from >= count) return kind === 'hex' ? missing() : undefined;
			const joined = joinWords(words, from);
			if (!isHex(joined) || joined.length % 2 !== 0) fail(`The ${name} must be an even number of hex digits.`, 'invalidHex');
			return;
		}
		case 'digest': {
			if (from >= count) return missing();
			const joined = joinWords(words, from);
			if (!isHex(joined) || joined.length % 2 !== 0) return fail(`The ${name} must be an even number of hex digits.`, 'invalidHex');
			const expected = digestLength(info, values);
			if (expected !== undefined && joined.length !== expected.octets * 2) {
				fail(`${expected.what} is ${expected.octets} octets (${expected.octets * 2} hex digits); this ${name} has ${joined.length / 2}.`, 'invalidDigestLength');
			}
			return;
		}
		case 'types':
			for (let i = from; i < count; i++) {
				const text = words.text(i);
				if (mnemonic === 'NXT') {
					// RFC 2535 §5.2: the NXT bitmap covers types 1–127; BIND also takes plain numbers.
					const code = parseUnsigned(text, 0xffff) ?? lookupRrType(text)?.code;
					if (code === undefined || code < 1 || code > 127) problems.push({ code: 'invalidRdata', message: `'${text}' is not an RR type from 1 to 127, as the NXT bitmap needs.`, from: i, to: i });
					continue;
				}
				if (lookupRrType(text) === undefined) problems.push({ code: 'unknownRrType', message: `'${text}' is not a known RR type.`, from: i, to: i });
			}
			return;
		case 'svcParams':
			checkSvcParams(words, from, problems);
			return;
		case 'loc':
			checkLoc(words, from, problems);
			return;
		case 'wks':
			checkWks(words, from, problems, missing);
			return;
		case 'apl':
			for (let i = from; i < count; i++) {
				const problem = checkAplItem(words.text(i));
				if (problem) fail(problem, 'invalidRdata', i, i);
			}
			return;
		case 'hip':
			checkHip(words, from, problems, missing);
			return;
		case 'any':
			if (from >= count) return missing();
			// Not checked further, but a backslash must escape something (it would escape the next word's blank).
			for (let i = from; i < count; i++) {
				if (endsInLoneBackslash(words.text(i))) problems.push({ code: 'invalidEscape', message: 'A backslash at the end of a word escapes nothing.', from: i, to: i });
			}
			return;
		default:
			return;
	}
}

/** Lengths fixed by a digest algorithm: DS family (RFC 4509, 6605), SSHFP (RFC 4255, 6594), ZONEMD (RFC 8976). */
function digestLength(info: RrTypeInfo, values: readonly RdataValue[]): { octets: number; what: string } | undefined {
	switch (info.mnemonic) {
		case 'DS':
		case 'CDS':
		case 'DLV':
		case 'TA': {
			const type = values[2];
			if (type === 1) return { octets: 20, what: 'A SHA-1 digest (digest type 1)' };
			if (type === 2) return { octets: 32, what: 'A SHA-256 digest (digest type 2)' };
			if (type === 4) return { octets: 48, what: 'A SHA-384 digest (digest type 4)' };
			return undefined;
		}
		case 'SSHFP': {
			const type = values[1];
			if (type === 1) return { octets: 20, what: 'A SHA-1 fingerprint (type 1)' };
			if (type === 2) return { octets: 32, what: 'A SHA-256 fingerprint (type 2)' };
			return undefined;
		}
		case 'ZONEMD': {
			const algorithm = values[2];
			if (algorithm === 1) return { octets: 48, what: 'A SHA-384 digest (hash algorithm 1)' };
			if (algorithm === 2) return { octets: 64, what: 'A SHA-512 digest (hash algorithm 2)' };
			return undefined;
		}
		default:
			return undefined;
	}
}

/**
 * RFC 3597: `\# <length> <hex…>`, where the hex has exactly `length` octets; for a known type the
 * octets must also be valid wire-format RDATA of that type (BIND decodes them with `fromwire`).
 */
function checkGeneric(info: RrTypeInfo | undefined, mnemonic: string, words: RdataWords, problems: RdataProblem[]): void {
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
		const message = !isHex(hex) ? 'RFC 3597 RDATA must be hex digits.' : hex.length % 2 !== 0 ? 'RFC 3597 RDATA must be whole octets (an even number of hex digits).' : `\\# says ${length} octets but ${hex.length / 2} follow.`;
		problems.push({ code: 'invalidGenericRdata', message, from: Math.min(2, words.count - 1), to: words.count - 1 });
		return;
	}
	if (info === undefined || info.meta) return;
	const problem = checkWire(info, hexBytes(hex));
	if (problem !== undefined) {
		problems.push({ code: 'invalidGenericRdata', message: `These octets are not valid ${mnemonic} RDATA: ${problem}.`, from: Math.min(2, words.count - 1), to: words.count - 1 });
	}
}

/**
 * A <character-string> holds at most 255 octets once escapes are decoded (RFC 1035 §3.3); `\DDD`
 * must be at most 255. Counts without allocating: TXT is a common type.
 */
function checkCharacterString(text: string, quoted: boolean, index: number, problems: RdataProblem[], limit: number): void {
	const start = quoted ? 1 : 0;
	const end = quoted ? text.length - 1 : text.length;
	let octets = 0;
	for (let i = start; i < end; i++) {
		let code = text.charCodeAt(i);
		if (code === 0x5c) {
			if (i + 1 >= end) {
				// A lone trailing backslash: the scanner keeps it, BIND refuses it.
				problems.push({ code: 'invalidEscape', message: 'A backslash at the end of the string escapes nothing.', from: index, to: index });
				return;
			}
			const d1 = text.charCodeAt(i + 1) - 0x30;
			if (d1 >= 0 && d1 <= 9) {
				const d2 = text.charCodeAt(i + 2) - 0x30;
				const d3 = text.charCodeAt(i + 3) - 0x30;
				if (i + 3 >= end || !(d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9) || d1 * 100 + d2 * 10 + d3 > 255) {
					problems.push({ code: 'invalidEscape', message: `'${text.slice(i, Math.min(end, i + 4))}' is not a valid escape: use \\DDD with three digits up to 255, or \\X.`, from: index, to: index });
					return;
				}
				octets++;
				i += 3;
				continue;
			}
			i++;
			code = text.charCodeAt(i);
		}
		octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
	}
	if (octets > limit) {
		problems.push({ code: 'characterStringTooLong', message: `This string is ${octets} octets; a <character-string> holds at most 255.`, from: index, to: index });
	}
}

/**
 * RRSIG/SIG times (RFC 4034 §3.2): seconds since 1970 (up to 10 digits) or `YYYYMMDDHHmmSS`, a
 * real UTC date from 1970 on. Returns why the text is not one, or `undefined`.
 */
export function checkSignatureTime(text: string): string | undefined {
	if (text.length <= 10) {
		return parseUnsigned(text, 0xffffffff) === undefined ? `'${text}' is not a signature time: use YYYYMMDDHHmmSS or seconds since 1970 (at most 4294967295).` : undefined;
	}
	if (text.length !== 14 || !/^[0-9]{14}$/.test(text)) return `'${text}' is not a signature time: use YYYYMMDDHHmmSS (14 digits) or seconds since 1970.`;
	const year = Number(text.slice(0, 4));
	const month = Number(text.slice(4, 6));
	const day = Number(text.slice(6, 8));
	const hour = Number(text.slice(8, 10));
	const minute = Number(text.slice(10, 12));
	const second = Number(text.slice(12, 14));
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 60) {
		return `'${text}' is not a valid date and time (YYYYMMDDHHmmSS, UTC, from 1970 on).`;
	}
	return undefined;
}

/** BIND's KEY flag names (lib/dns/rcode.c), e.g. `NOAUTH|ZONE|FLAG2|SIG15`. */
const KEY_FLAG_NAMES = new Set(['NOCONF', 'NOAUTH', 'NOKEY', 'FLAG2', 'EXTEND', 'FLAG4', 'FLAG5', 'USER', 'ZONE', 'HOST', 'NTYP3', 'FLAG8', 'FLAG9', 'FLAG10', 'FLAG11', 'KSK', 'REVOKE']);

function isKeyFlagMnemonics(text: string): boolean {
	const parts = text.split('|');
	for (const part of parts) {
		const upper = part.toUpperCase();
		if (KEY_FLAG_NAMES.has(upper)) continue;
		if (/^SIG([0-9]|1[0-5])$/.test(upper)) continue;
		return false;
	}
	return true;
}

/**
 * The IPSECKEY (RFC 4025 §2.3) or AMTRELAY (RFC 8777 §4.2) gateway, as its type field says.
 * Returns the absolute name for gateway type 3, like any other name in RDATA.
 */
function checkGateway(text: string, info: RrTypeInfo, values: readonly RdataValue[], origin: string | undefined, fail: (message: string, code?: string) => undefined): RdataValue {
	const type = info.mnemonic === 'IPSECKEY' ? values[1] : values[2];
	switch (type) {
		case 0:
			if (text !== '.') fail(`Gateway type 0 means no gateway: write '.' here, not '${text}'.`);
			return;
		case 1:
			if (!isIpv4(text)) fail(`Gateway type 1 is an IPv4 address; '${text}' is not one.`, 'invalidIpv4Address');
			return;
		case 2:
			if (!isIpv6(text)) fail(`Gateway type 2 is an IPv6 address; '${text}' is not one.`, 'invalidIpv6Address');
			return;
		case 3: {
			const absolute = absoluteName(text, origin) ?? text;
			const error = checkName(absolute);
			if (error !== undefined) return fail(nameErrorMessage(error, text), error);
			return absolute;
		}
		case undefined:
			return; // the type field was already reported
		default:
			return fail(`Gateway type ${type} is not defined (0 none, 1 IPv4, 2 IPv6, 3 domain name); use RFC 3597 form for other types.`);
	}
}

/** WKS (RFC 1035 §3.4.2): a protocol (name or number), then services (names or port numbers). */
function checkWks(words: RdataWords, from: number, problems: RdataProblem[], missing: () => void): void {
	if (from >= words.count) return missing();
	const protocol = words.text(from);
	if (parseUnsigned(protocol, 0xff) === undefined && !/^[a-z][a-z0-9-]*$/i.test(protocol)) {
		problems.push({ code: 'invalidRdata', message: `'${protocol}' is not a protocol name (tcp, udp) or number 0–255.`, from, to: from });
	}
	for (let i = from + 1; i < words.count; i++) {
		const service = words.text(i);
		if (parseUnsigned(service, 0xffff) === undefined && !/^[a-z0-9][a-z0-9_+.-]*$/i.test(service)) {
			problems.push({ code: 'invalidRdata', message: `'${service}' is not a service name or port number 0–65535.`, from: i, to: i });
		}
	}
}

/** One APL item (RFC 3123 §4): `[!]afi:address/prefix`, AFI 1 (IPv4, prefix ≤ 32) or 2 (IPv6, ≤ 128). */
function checkAplItem(text: string): string | undefined {
	const match = /^!?([0-9]+):([^/]*)\/([0-9]+)$/.exec(text);
	if (!match) return `'${text}' is not an APL item: [!]afi:address/prefix, e.g. 1:192.0.2.0/24.`;
	const prefix = Number(match[3]);
	if (match[1] === '1') return isIpv4(match[2]) && prefix <= 32 ? undefined : `'${text}': AFI 1 needs an IPv4 address and a prefix length 0–32.`;
	if (match[1] === '2') return isIpv6(match[2]) && prefix <= 128 ? undefined : `'${text}': AFI 2 needs an IPv6 address and a prefix length 0–128.`;
	return `'${text}': address family ${match[1]} is not supported in APL text (1 IPv4, 2 IPv6).`;
}

/** HIP after the algorithm (RFC 8005 §5): HIT in hex, public key in base64, rendezvous servers. */
function checkHip(words: RdataWords, from: number, problems: RdataProblem[], missing: () => void): void {
	if (from + 1 >= words.count) return missing();
	const hit = words.text(from);
	if (!isHex(hit) || hit.length === 0 || hit.length % 2 !== 0 || hit.length > 510) {
		problems.push({ code: 'invalidHex', message: `The HIT must be 1–255 octets of hex digits, not '${hit}'.`, from, to: from });
	}
	if (!base64Length(words.text(from + 1))) {
		problems.push({ code: 'invalidBase64', message: 'The HIP public key must be base64 (RFC 4648 §4), in one word.', from: from + 1, to: from + 1 });
	}
	for (let i = from + 2; i < words.count; i++) {
		const error = checkName(words.text(i));
		if (error !== undefined) problems.push({ code: error, message: nameErrorMessage(error, words.text(i)), from: i, to: i });
	}
}

function isIpnNode(text: string): boolean {
	const dot = text.indexOf('.');
	if (dot === -1) return /^[0-9]{1,20}$/.test(text) && BigInt(text) <= 0xffffffffffffffffn;
	return parseUnsigned(text.slice(0, dot), 0xffffffff) !== undefined && parseUnsigned(text.slice(dot + 1), 0xffffffff) !== undefined;
}

/** True when the word ends in an odd run of backslashes, e.g. `a\` (the scanner stops a word before a line end). */
function endsInLoneBackslash(text: string): boolean {
	let backslashes = 0;
	for (let i = text.length - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
	return backslashes % 2 === 1;
}

function evenHexDigits(text: string): boolean {
	const digits = text.replace(/\./g, '');
	return digits.length > 0 && digits.length % 2 === 0 && isHex(digits);
}

function joinWords(words: RdataWords, from: number): string {
	let joined = '';
	for (let i = from; i < words.count; i++) joined += words.text(i);
	return joined;
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
