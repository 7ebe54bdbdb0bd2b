/**
 * The parsers of one-word RDATA fields, as a table keyed by {@link FieldKind}: each reads one word
 * and reports problems on exactly that word, so the editor underlines the field that is wrong.
 * Kinds that run to the end of the RDATA are in restParsers.ts.
 */
import type { ProblemCode } from '../../problems';
import { absoluteName, checkName, nameErrorMessage } from '../domainName';
import { parseTtl } from '../ttl';
import { isIpv4, isIpv6 } from './addresses';
import { base32HexLength, isHex } from './encodings';
import { lookupRrType } from './index';
import type { RdataProblem, RdataValue } from './rdataWords';
import type { FieldKind, RrTypeInfo } from './rrType';
import { checkCharacterString, evenHexDigits, parseUnsigned } from './wordChecks';

/**
 * Parses word `index` of a record's RDATA, `text` (with its quotes when `quoted`), for the field
 * called `name`. Returns the typed value to keep, or `undefined`; problems go to `problems`.
 * `values` are the values of the fields before this one; `origin` makes relative names absolute.
 */
export type FieldParser = (
	text: string,
	quoted: boolean,
	name: string,
	index: number,
	problems: RdataProblem[],
	info: RrTypeInfo,
	values: readonly RdataValue[],
	origin: string | undefined,
) => RdataValue;

/** Reports `message` on word `index`; returns `undefined`, the value of a field that is wrong. */
function fail(problems: RdataProblem[], index: number, message: string, code: ProblemCode = 'invalidRdata'): undefined {
	problems.push({ code, message, from: index, to: index });
	return undefined;
}

/** Kinds whose word may be a quoted string; every other kind refuses one. */
export function acceptsQuoted(kind: FieldKind): boolean {
	return kind === 'string' || kind === 'text' || kind === 'x25';
}

/** The parsers of the one-word kinds (every kind for which `isRestKind` is false). */
export const FIELD_PARSERS: Readonly<Partial<Record<FieldKind, FieldParser>>> = {
	name(text, _quoted, _name, index, problems, _info, _values, origin) {
		const absolute = absoluteName(text, origin);
		const error = checkName(absolute ?? text);
		if (error !== undefined) return fail(problems, index, nameErrorMessage(error, text), error);
		return absolute ?? text;
	},
	u8: (text, _quoted, name, index, problems) =>
		parseUnsigned(text, 0xff) ?? fail(problems, index, `The ${name} field must be a number from 0 to 255, not '${text}'.`),
	u16: (text, _quoted, name, index, problems) =>
		parseUnsigned(text, 0xffff) ?? fail(problems, index, `The ${name} field must be a number from 0 to 65535, not '${text}'.`),
	u32: (text, _quoted, name, index, problems) =>
		parseUnsigned(text, 0xffffffff) ?? fail(problems, index, `The ${name} field must be a number from 0 to 4294967295, not '${text}'.`),
	ttl: (text, _quoted, name, index, problems) =>
		parseTtl(text) ?? fail(problems, index, `The ${name} field must be a time in seconds or with units (1w2d3h4m5s), not '${text}'.`),
	// BIND 9.18+ reads the scheme as a number or the one mnemonic RFC 9859 registers, in any case.
	dsyncScheme: (text, _quoted, name, index, problems) =>
		parseUnsigned(text, 0xff) ??
		(text.toUpperCase() === 'NOTIFY'
			? 1
			: fail(problems, index, `The ${name} field must be NOTIFY or a number from 0 to 255, not '${text}'.`)),
	bit: (text, _quoted, name, index, problems) =>
		text === '0' || text === '1' ? Number(text) : fail(problems, index, `The ${name} field must be 0 or 1, not '${text}'.`),
	ipv4: (text, _quoted, _name, index, problems) =>
		isIpv4(text)
			? text
			: fail(problems, index, `'${text}' is not an IPv4 address (expected four numbers 0–255, e.g. 192.0.2.1).`, 'invalidIpv4Address'),
	ipv6: (text, _quoted, _name, index, problems) =>
		isIpv6(text) ? text : fail(problems, index, `'${text}' is not an IPv6 address (e.g. 2001:db8::1).`, 'invalidIpv6Address'),
	string(text, quoted, _name, index, problems) {
		checkCharacterString(text, quoted, index, problems, 255);
		return undefined;
	},
	text(text, quoted, _name, index, problems) {
		checkCharacterString(text, quoted, index, problems, Infinity);
		return undefined;
	},
	x25(text, quoted, _name, index, problems) {
		const body = quoted ? text.slice(1, -1) : text;
		if (body.length < 4 || !/^[0-9]+$/.test(body))
			fail(problems, index, `An X25 PSDN address is at least four decimal digits (RFC 1183 §3.1), not '${body}'.`);
		return undefined;
	},
	salt(text, _quoted, _name, index, problems) {
		if (text === '-') return undefined;
		if (!isHex(text) || text.length % 2 !== 0)
			fail(problems, index, `The salt must be an even number of hex digits or '-', not '${text}'.`);
		else if (text.length > 510) fail(problems, index, `The salt is ${text.length / 2} octets; at most 255 fit (RFC 5155 §3.2).`);
		return undefined;
	},
	base32hex(text, _quoted, _name, index, problems) {
		if (base32HexLength(text) === undefined) fail(problems, index, `'${text}' is not base32hex (digits 0–9 and letters A–V, no padding).`);
		return undefined;
	},
	nsec3Hash(text, _quoted, _name, index, problems, _info, values) {
		const octets = base32HexLength(text);
		if (octets === undefined || octets === 0)
			return fail(problems, index, `'${text}' is not a base32hex hash (digits 0–9 and letters A–V, no padding; RFC 5155 §3.3).`);
		if (octets > 255) return fail(problems, index, `The next hashed owner name is ${octets} octets; at most 255 fit (RFC 5155 §3.2).`);
		if (values[0] === 1 && octets !== 20)
			return fail(problems, index, `A SHA-1 hash (algorithm 1) is 20 octets, i.e. 32 base32hex digits; '${text}' is ${octets} octets.`);
		return undefined;
	},
	type(text, _quoted, _name, index, problems) {
		if (lookupRrType(text) === undefined) fail(problems, index, `'${text}' is not a known RR type.`, 'unknownRrType');
		return undefined;
	},
	algorithm(text, _quoted, _name, index, problems) {
		if (parseUnsigned(text, 0xff) === undefined && !/^[A-Z][A-Z0-9-]*$/i.test(text))
			fail(problems, index, `'${text}' is not a DNSSEC algorithm number or mnemonic.`);
		return undefined;
	},
	certType(text, _quoted, _name, index, problems) {
		if (parseUnsigned(text, 0xffff) === undefined && !/^[A-Z][A-Z0-9]*$/i.test(text))
			fail(problems, index, `'${text}' is not a certificate type number or mnemonic.`);
		return undefined;
	},
	keyFlags(text, _quoted, name, index, problems) {
		const value = parseUnsigned(text, 0xffff);
		if (value !== undefined) return value;
		if (!isKeyFlagMnemonics(text))
			fail(
				problems,
				index,
				`The ${name} field must be a number from 0 to 65535 or flag names joined by '|' (e.g. ZONE|FLAG2), not '${text}'.`,
			);
		return undefined;
	},
	time(text, _quoted, _name, index, problems) {
		const problem = checkSignatureTime(text);
		if (problem) fail(problems, index, problem);
		return undefined;
	},
	eui48(text, _quoted, _name, index, problems) {
		if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i.test(text))
			fail(problems, index, `'${text}' is not an EUI-48 address (six pairs of hex digits joined by '-', RFC 7043 §3.2).`);
		return undefined;
	},
	eui64(text, _quoted, _name, index, problems) {
		if (!/^[0-9a-f]{2}(-[0-9a-f]{2}){7}$/i.test(text))
			fail(problems, index, `'${text}' is not an EUI-64 address (eight pairs of hex digits joined by '-', RFC 7043 §4.2).`);
		return undefined;
	},
	ilnp64(text, _quoted, _name, index, problems) {
		if (!/^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}$/i.test(text))
			fail(problems, index, `'${text}' is not a 64-bit locator (four groups of hex joined by ':').`);
		return undefined;
	},
	caaTag(text, _quoted, _name, index, problems) {
		if (!/^[a-z0-9]+$/i.test(text) || text.length > 255)
			fail(problems, index, `The CAA tag must be 1–255 letters and digits (RFC 8659 §4.1), not '${text}'.`);
		return undefined;
	},
	nsap(text, _quoted, _name, index, problems) {
		if (!/^0x[0-9a-f.]*$/i.test(text) || !evenHexDigits(text.slice(2)))
			fail(
				problems,
				index,
				`'${text}' is not an NSAP address: '0x' then an even number of hex digits, dots allowed between them (RFC 1706 §5).`,
			);
		return undefined;
	},
	atma(text, _quoted, _name, index, problems) {
		if (text.startsWith('+') ? !/^\+[0-9.]*[0-9][0-9.]*$/.test(text) : !/^[0-9a-f.]+$/i.test(text) || !evenHexDigits(text)) {
			fail(problems, index, `'${text}' is not an ATM address: an AESA in hex digits (dots allowed) or '+' and an E.164 number.`);
		}
		return undefined;
	},
	ipn(text, _quoted, _name, index, problems) {
		if (!isIpnNode(text))
			fail(problems, index, `'${text}' is not an IPN node number: a 64-bit number or <allocator>.<node> with two 32-bit numbers.`);
		return undefined;
	},
	gateway: (text, _quoted, _name, index, problems, info, values, origin) => checkGateway(text, index, problems, info, values, origin),
};

/**
 * RRSIG/SIG times (RFC 4034 §3.2): seconds since 1970 (up to 10 digits) or `YYYYMMDDHHmmSS`, a
 * real UTC date from 1970 on. Returns why the text is not one, or `undefined`.
 */
export function checkSignatureTime(text: string): string | undefined {
	if (text.length <= 10) {
		return parseUnsigned(text, 0xffffffff) === undefined
			? `'${text}' is not a signature time: use YYYYMMDDHHmmSS or seconds since 1970 (at most 4294967295).`
			: undefined;
	}
	if (text.length !== 14 || !/^[0-9]{14}$/.test(text))
		return `'${text}' is not a signature time: use YYYYMMDDHHmmSS (14 digits) or seconds since 1970.`;
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
const KEY_FLAG_NAMES = new Set([
	'NOCONF',
	'NOAUTH',
	'NOKEY',
	'FLAG2',
	'EXTEND',
	'FLAG4',
	'FLAG5',
	'USER',
	'ZONE',
	'HOST',
	'NTYP3',
	'FLAG8',
	'FLAG9',
	'FLAG10',
	'FLAG11',
	'KSK',
	'REVOKE',
]);

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
function checkGateway(
	text: string,
	index: number,
	problems: RdataProblem[],
	info: RrTypeInfo,
	values: readonly RdataValue[],
	origin: string | undefined,
): RdataValue {
	const type = info.mnemonic === 'IPSECKEY' ? values[1] : values[2];
	switch (type) {
		case 0:
			if (text !== '.') fail(problems, index, `Gateway type 0 means no gateway: write '.' here, not '${text}'.`);
			return;
		case 1:
			if (!isIpv4(text)) fail(problems, index, `Gateway type 1 is an IPv4 address; '${text}' is not one.`, 'invalidIpv4Address');
			return;
		case 2:
			if (!isIpv6(text)) fail(problems, index, `Gateway type 2 is an IPv6 address; '${text}' is not one.`, 'invalidIpv6Address');
			return;
		case 3: {
			const absolute = absoluteName(text, origin) ?? text;
			const error = checkName(absolute);
			if (error !== undefined) return fail(problems, index, nameErrorMessage(error, text), error);
			return absolute;
		}
		case undefined:
			return; // the type field was already reported
		default:
			return fail(
				problems,
				index,
				`Gateway type ${type} is not defined (0 none, 1 IPv4, 2 IPv6, 3 domain name); use RFC 3597 form for other types.`,
			);
	}
}

function isIpnNode(text: string): boolean {
	const dot = text.indexOf('.');
	if (dot === -1) return /^[0-9]{1,20}$/.test(text) && BigInt(text) <= 0xffffffffffffffffn;
	return parseUnsigned(text.slice(0, dot), 0xffffffff) !== undefined && parseUnsigned(text.slice(dot + 1), 0xffffffff) !== undefined;
}
