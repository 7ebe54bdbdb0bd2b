/**
 * SVCB/HTTPS SvcParams (RFC 9460 §2.1, Appendix A): `key=value` words, e.g. `alpn=h2,h3 port=8443`.
 *
 * Keys: mandatory (0), alpn (1), no-default-alpn (2), port (3), ipv4hint (4), ech (5), ipv6hint (6),
 * dohpath (7, RFC 9461), ohttp (8, RFC 9540), and `keyNNNNN` for any other. A value is a
 * <character-string> (quoted or not, `\X` and `\DDD` escapes); list values (alpn, mandatory, the
 * hints) are then split on commas, where `\,` keeps a comma inside an item (Appendix A.1).
 * The record as a whole must be self-consistent (§8): no key twice, every key named by `mandatory`
 * present, `mandatory` not listing itself, `no-default-alpn` only together with `alpn`.
 */
import { isIpv4, isIpv6 } from './addresses';
import { base64Length, decodeEscapes, isUtf8 } from './encodings';
import type { RdataProblem, RdataWords } from './rdataWords';

const MANDATORY = 0,
	ALPN = 1,
	NO_DEFAULT_ALPN = 2,
	PORT = 3,
	IPV4HINT = 4,
	ECH = 5,
	IPV6HINT = 6,
	DOHPATH = 7,
	OHTTP = 8;

const KEYS: ReadonlyMap<string, number> = new Map([
	['mandatory', MANDATORY],
	['alpn', ALPN],
	['no-default-alpn', NO_DEFAULT_ALPN],
	['port', PORT],
	['ipv4hint', IPV4HINT],
	['ech', ECH],
	['ipv6hint', IPV6HINT],
	['dohpath', DOHPATH],
	['ohttp', OHTTP],
]);

/** `mandatory`, `alpn`, … or `keyNNNNN` (no leading zeros, 0–65534; 65535 is reserved as invalid). */
function keyNumber(key: string): number | undefined {
	const known = KEYS.get(key);
	if (known !== undefined) return known;
	if (!/^key(0|[1-9][0-9]{0,4})$/.test(key)) return undefined;
	const value = Number(key.slice(3));
	return value < 65535 ? value : undefined;
}

function keyName(key: number): string {
	for (const [name, value] of KEYS) if (value === key) return name;
	return `key${key}`;
}

/** Splits decoded octets on unescaped commas (RFC 9460 Appendix A.1); `undefined` on a trailing `\`. */
function splitValueList(bytes: readonly number[]): number[][] | undefined {
	const items: number[][] = [[]];
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (byte === 0x5c) {
			if (i + 1 >= bytes.length) return undefined;
			items[items.length - 1].push(bytes[++i]);
		} else if (byte === 0x2c) {
			items.push([]);
		} else {
			items[items.length - 1].push(byte);
		}
	}
	return items;
}

/** The octets as Latin-1 text (no spread: a value may hold up to 65535 octets). */
function ascii(bytes: ArrayLike<number>): string {
	let text = '';
	for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
	return text;
}

/** Checks one key's value; `value` is `undefined` for a bare key. Returns why it is wrong. */
function checkValue(key: number, name: string, value: number[] | undefined, mandatoryKeys: number[]): string | undefined {
	const empty = value === undefined || value.length === 0;
	switch (key) {
		case MANDATORY: {
			if (empty) return "'mandatory' needs a list of keys, e.g. mandatory=alpn,port";
			const items = splitValueList(value) ?? [];
			for (const item of items) {
				const listed = keyNumber(ascii(item));
				if (listed === undefined) return `'${ascii(item)}' in 'mandatory' is not a SvcParamKey`;
				if (listed === MANDATORY) return "'mandatory' cannot list itself (RFC 9460 §8)";
				if (mandatoryKeys.includes(listed)) return `'mandatory' lists '${ascii(item)}' twice`;
				mandatoryKeys.push(listed);
			}
			return undefined;
		}
		case ALPN: {
			if (empty) return "'alpn' needs at least one protocol id, e.g. alpn=h2,h3";
			const items = splitValueList(value);
			if (items === undefined) return "the 'alpn' value ends in a lone backslash";
			for (const item of items) {
				if (item.length === 0) return "'alpn' has an empty protocol id (two commas in a row, or a comma at an end)";
				if (item.length > 255) return "an 'alpn' protocol id is longer than 255 octets";
			}
			return undefined;
		}
		case NO_DEFAULT_ALPN:
		case OHTTP:
			return empty ? undefined : `'${name}' takes no value`;
		case PORT: {
			const text = value === undefined ? '' : ascii(value);
			if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) return `'port' needs a number 0–65535${text === '' ? '' : `, not '${text}'`}`;
			return undefined;
		}
		case IPV4HINT:
		case IPV6HINT: {
			if (empty) return `'${name}' needs at least one address`;
			const isAddress = key === IPV4HINT ? isIpv4 : isIpv6;
			for (const item of splitValueList(value) ?? [[]]) {
				if (!isAddress(ascii(item))) return `'${ascii(item)}' in '${name}' is not an ${key === IPV4HINT ? 'IPv4' : 'IPv6'} address`;
			}
			return undefined;
		}
		case ECH:
			return empty || base64Length(ascii(value)) !== undefined
				? undefined
				: "the 'ech' value must be base64 (an ECHConfigList, RFC 4648 §4)";
		case DOHPATH:
			if (empty) return "'dohpath' needs a URI template such as /dns-query{?dns}";
			return checkDohpath(value);
		default:
			return undefined;
	}
}

/** RFC 9461 §5: a relative URI template (starts with `/`), UTF-8, with the `dns` variable in a `{?…}`/`{&…}` expression. */
function checkDohpath(value: readonly number[]): string | undefined {
	if (!isUtf8(value)) return "the 'dohpath' value is not UTF-8";
	// The template syntax is ASCII, so reading octets as Latin-1 is enough to find it.
	const text = ascii(value);
	if (!text.startsWith('/')) return "'dohpath' must be a relative path starting with '/' (RFC 9461 §5)";
	for (const match of text.matchAll(/\{[?&]([^}]*)\}/g)) {
		if (match[1].split(',').includes('dns')) return undefined;
	}
	return "'dohpath' must contain the dns variable, e.g. /dns-query{?dns} (RFC 9461 §5)";
}

/** Checks the SvcParams words `from`..end of an SVCB or HTTPS record. */
export function checkSvcParams(words: RdataWords, from: number, problems: RdataProblem[]): void {
	const seen = new Map<number, number>();
	const mandatoryKeys: number[] = [];
	let mandatoryWord = -1;
	const fail = (message: string, at: number): void => {
		problems.push({ code: 'invalidSvcParam', message, from: at, to: at });
	};
	for (let i = from; i < words.count; i++) {
		let text = words.text(i);
		if (words.quoted(i)) text = text.slice(1, -1);
		const equals = text.indexOf('=');
		const key = equals === -1 ? text : text.slice(0, equals);
		const number = keyNumber(key);
		if (number === undefined) {
			fail(
				`'${key}' is not a SvcParamKey: use mandatory, alpn, no-default-alpn, port, ipv4hint, ech, ipv6hint, dohpath, ohttp or keyNNNNN (RFC 9460 §14.3).`,
				i,
			);
			continue;
		}
		if (seen.has(number)) {
			fail(`SvcParamKey '${key}' appears twice (RFC 9460 §2.2).`, i);
			continue;
		}
		seen.set(number, i);
		let raw = equals === -1 ? undefined : text.slice(equals + 1);
		if (raw !== undefined && raw.length >= 2 && raw.charCodeAt(0) === 0x22 && raw.charCodeAt(raw.length - 1) === 0x22)
			raw = raw.slice(1, -1);
		let value: number[] | undefined;
		if (raw !== undefined) {
			const decoded = decodeEscapes(raw);
			if (!Array.isArray(decoded)) {
				fail(`The value of '${key}' has a bad escape: ${decoded.error}.`, i);
				continue;
			}
			if (decoded.length > 65535) {
				fail(`The value of '${key}' is longer than 65535 octets.`, i);
				continue;
			}
			value = decoded;
		}
		// `keyNNNNN=` spelling of a registered key carries the wire-format value (RFC 9460 Appendix A).
		const problem = KEYS.has(key)
			? checkValue(number, key, value, mandatoryKeys)
			: number <= OHTTP
				? checkWireValue(number, value ?? [])
				: undefined;
		if (problem !== undefined) fail(`Invalid ${key}: ${problem}.`, i);
		if (number === MANDATORY) mandatoryWord = i;
	}
	if (mandatoryWord !== -1) {
		for (const key of mandatoryKeys) {
			if (!seen.has(key))
				fail(`'mandatory' lists '${keyName(key)}', but the record has no '${keyName(key)}' (RFC 9460 §8).`, mandatoryWord);
		}
	}
	const noDefault = seen.get(NO_DEFAULT_ALPN);
	if (noDefault !== undefined && !seen.has(ALPN)) fail("'no-default-alpn' needs 'alpn' in the same record (RFC 9460 §7.1.1).", noDefault);
}

/** Checks one wire-format SvcParamValue of a registered key; returns why it is wrong. */
function checkWireValue(key: number, value: ArrayLike<number>): string | undefined {
	const length = value.length;
	switch (key) {
		case MANDATORY: {
			if (length === 0 || length % 2 !== 0) return 'the mandatory key list must be a non-empty list of 2-octet keys';
			for (let i = 0; i < length; i += 2) {
				const listed = value[i] * 256 + value[i + 1];
				if (listed === MANDATORY) return "'mandatory' cannot list itself";
				if (i > 0 && listed <= value[i - 2] * 256 + value[i - 1]) return 'the mandatory keys must be in increasing order';
			}
			return undefined;
		}
		case ALPN: {
			if (length === 0) return 'alpn needs at least one protocol id';
			for (let i = 0; i < length;) {
				const item = value[i];
				if (item === 0 || i + 1 + item > length) return 'an alpn protocol id is empty or runs past the end';
				i += 1 + item;
			}
			return undefined;
		}
		case NO_DEFAULT_ALPN:
		case OHTTP:
			return length === 0 ? undefined : `${keyName(key)} takes no value`;
		case PORT:
			return length === 2 ? undefined : 'port is 2 octets';
		case IPV4HINT:
			return length > 0 && length % 4 === 0 ? undefined : 'ipv4hint is one or more 4-octet addresses';
		case IPV6HINT:
			return length > 0 && length % 16 === 0 ? undefined : 'ipv6hint is one or more 16-octet addresses';
		case DOHPATH: {
			const bytes: number[] = [];
			for (let i = 0; i < length; i++) bytes.push(value[i]);
			return length === 0 ? 'dohpath needs a URI template' : checkDohpath(bytes);
		}
		default:
			return undefined;
	}
}

/** Wire-format SvcParams from `pos` to the end (RFC 9460 §2.2): increasing keys, lengths in bounds. */
export function checkSvcParamsWire(bytes: Uint8Array, pos: number): string | undefined {
	let last = -1;
	const present = new Set<number>();
	let mandatory: Uint8Array | undefined;
	while (pos < bytes.length) {
		if (bytes.length - pos < 4) return 'a SvcParam header is cut short';
		const key = bytes[pos] * 256 + bytes[pos + 1];
		const length = bytes[pos + 2] * 256 + bytes[pos + 3];
		pos += 4;
		if (key <= last) return 'SvcParamKeys are not in strictly increasing order';
		if (key === 65535) return 'SvcParamKey 65535 is reserved';
		if (bytes.length - pos < length) return `the value of ${keyName(key)} runs past the end`;
		const value = bytes.subarray(pos, pos + length);
		const problem = checkWireValue(key, value);
		if (problem) return problem;
		if (key === MANDATORY) mandatory = value;
		present.add(key);
		last = key;
		pos += length;
	}
	if (mandatory) {
		for (let i = 0; i + 1 < mandatory.length; i += 2) {
			const listed = mandatory[i] * 256 + mandatory[i + 1];
			if (!present.has(listed)) return `mandatory lists ${keyName(listed)}, which is not present`;
		}
	}
	return undefined;
}
