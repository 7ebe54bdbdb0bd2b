/**
 * The parsers of RDATA fields that run to the end of the record (type bitmaps, base64 and hex
 * blobs, LOC, SvcParams…), as a table keyed by {@link FieldKind}. One-word fields are in
 * fieldParsers.ts.
 */
import type { ProblemCode } from '../../problems';
import { checkName, nameErrorMessage } from '../domainName';
import { isIpv4, isIpv6 } from './addresses';
import { base64Length, isHex } from './encodings';
import { lookupRrType } from './index';
import { checkLoc } from './loc';
import type { RdataProblem, RdataValue, RdataWords } from './rdataWords';
import type { FieldKind, RrTypeInfo } from './rrType';
import { checkSvcParams } from './svcParams';
import { checkCharacterString, checkRdataOctets, endsInLoneBackslash, joinWords, parseUnsigned } from './wordChecks';

/**
 * Checks words `from`.. of a record's RDATA for the field called `name`, of this `kind` (one
 * parser serves e.g. both `base64` and `base64opt`); `values` are the earlier fields' values.
 */
export type RestParser = (
	kind: FieldKind,
	name: string,
	info: RrTypeInfo,
	words: RdataWords,
	from: number,
	values: readonly RdataValue[],
	problems: RdataProblem[],
) => void;

function missing(problems: RdataProblem[], mnemonic: string, name: string): void {
	problems.push({ code: 'missingRdata', message: `${mnemonic} record is missing its ${name}.`, from: -1, to: -1 });
}

/** Reports on words `from`..`to` (default: to the last word). */
function fail(problems: RdataProblem[], message: string, code: ProblemCode, from: number, to: number): void {
	problems.push({ code, message, from, to });
}

const base64: RestParser = (kind, name, info, words, from, _values, problems) => {
	if (from >= words.count) return kind === 'base64' ? missing(problems, info.mnemonic, name) : undefined;
	const octets = base64Length(joinWords(words, from));
	if (octets === undefined)
		fail(
			problems,
			`The ${name} is not valid base64 (RFC 4648 §4): only A–Z a–z 0–9 + /, in groups of four, '=' padding only at the end.`,
			'invalidBase64',
			from,
			words.count - 1,
		);
	else if (octets === 0 && kind === 'base64') missing(problems, info.mnemonic, name);
	else checkRdataOctets(octets, from, words.count - 1, problems);
};

const hex: RestParser = (kind, name, info, words, from, _values, problems) => {
	if (from >= words.count) return kind === 'hex' ? missing(problems, info.mnemonic, name) : undefined;
	const joined = joinWords(words, from);
	if (!isHex(joined) || joined.length % 2 !== 0)
		fail(problems, `The ${name} must be an even number of hex digits.`, 'invalidHex', from, words.count - 1);
	else checkRdataOctets(joined.length / 2, from, words.count - 1, problems);
};

/** The field parsers of the kinds for which `isRestKind` holds. */
export const REST_PARSERS: Readonly<Partial<Record<FieldKind, RestParser>>> = {
	strings(_kind, name, info, words, from, _values, problems) {
		const count = words.count;
		if (from >= count) return missing(problems, info.mnemonic, name);
		// Each string is its octets and a length octet.
		let octets = 0;
		for (let i = from; i < count; i++) octets += 1 + checkCharacterString(words.text(i), words.quoted(i), i, problems, 255);
		checkRdataOctets(octets, from, count - 1, problems);
	},
	base64,
	base64opt: base64,
	base64dash(_kind, name, info, words, from, _values, problems) {
		if (from >= words.count) return missing(problems, info.mnemonic, name);
		if (words.count - from === 1 && words.text(from) === '-') return;
		if (!base64Length(joinWords(words, from)))
			fail(problems, `The ${name} must be base64 (RFC 4648 §4) or '-' for none.`, 'invalidBase64', from, words.count - 1);
	},
	hex,
	hexopt: hex,
	digest(_kind, name, info, words, from, values, problems) {
		if (from >= words.count) return missing(problems, info.mnemonic, name);
		const joined = joinWords(words, from);
		if (!isHex(joined) || joined.length % 2 !== 0)
			return fail(problems, `The ${name} must be an even number of hex digits.`, 'invalidHex', from, words.count - 1);
		const expected = digestLength(info, values);
		if (expected !== undefined && joined.length !== expected.octets * 2) {
			fail(
				problems,
				`${expected.what} is ${expected.octets} octets (${expected.octets * 2} hex digits); this ${name} has ${joined.length / 2}.`,
				'invalidDigestLength',
				from,
				words.count - 1,
			);
		}
	},
	types(_kind, _name, info, words, from, _values, problems) {
		const mnemonic = info.mnemonic;
		for (let i = from; i < words.count; i++) {
			const text = words.text(i);
			if (mnemonic === 'NXT') {
				// RFC 2535 §5.2: the NXT bitmap covers types 1–127; BIND also takes plain numbers.
				const code = parseUnsigned(text, 0xffff) ?? lookupRrType(text)?.code;
				if (code === undefined || code < 1 || code > 127)
					problems.push({
						code: 'invalidRdata',
						message: `'${text}' is not an RR type from 1 to 127, as the NXT bitmap needs.`,
						from: i,
						to: i,
					});
				continue;
			}
			if (lookupRrType(text) === undefined)
				problems.push({ code: 'unknownRrType', message: `'${text}' is not a known RR type.`, from: i, to: i });
		}
	},
	svcParams: (_kind, _name, _info, words, from, _values, problems) => checkSvcParams(words, from, problems),
	loc: (_kind, _name, _info, words, from, _values, problems) => checkLoc(words, from, problems),
	wks: (_kind, name, info, words, from, _values, problems) => checkWks(words, from, problems, info.mnemonic, name),
	apl(_kind, _name, _info, words, from, _values, problems) {
		for (let i = from; i < words.count; i++) {
			const problem = checkAplItem(words.text(i));
			if (problem) fail(problems, problem, 'invalidRdata', i, i);
		}
	},
	hip: (_kind, name, info, words, from, _values, problems) => checkHip(words, from, problems, info.mnemonic, name),
	any(_kind, name, info, words, from, _values, problems) {
		if (from >= words.count) return missing(problems, info.mnemonic, name);
		// Not checked further, but a backslash must escape something (it would escape the next word's blank).
		for (let i = from; i < words.count; i++) {
			if (endsInLoneBackslash(words.text(i)))
				problems.push({ code: 'invalidEscape', message: 'A backslash at the end of a word escapes nothing.', from: i, to: i });
		}
	},
};

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

/** WKS (RFC 1035 §3.4.2): a protocol (name or number), then services (names or port numbers). */
function checkWks(words: RdataWords, from: number, problems: RdataProblem[], mnemonic: string, name: string): void {
	if (from >= words.count) return missing(problems, mnemonic, name);
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
	if (match[1] === '1')
		return isIpv4(match[2]) && prefix <= 32 ? undefined : `'${text}': AFI 1 needs an IPv4 address and a prefix length 0–32.`;
	if (match[1] === '2')
		return isIpv6(match[2]) && prefix <= 128 ? undefined : `'${text}': AFI 2 needs an IPv6 address and a prefix length 0–128.`;
	return `'${text}': address family ${match[1]} is not supported in APL text (1 IPv4, 2 IPv6).`;
}

/** HIP after the algorithm (RFC 8005 §5): HIT in hex, public key in base64, rendezvous servers. */
function checkHip(words: RdataWords, from: number, problems: RdataProblem[], mnemonic: string, name: string): void {
	if (from + 1 >= words.count) return missing(problems, mnemonic, name);
	const hit = words.text(from);
	if (!isHex(hit) || hit.length === 0 || hit.length % 2 !== 0 || hit.length > 510) {
		problems.push({ code: 'invalidHex', message: `The HIT must be 1–255 octets of hex digits, not '${hit}'.`, from, to: from });
	}
	if (!base64Length(words.text(from + 1))) {
		problems.push({
			code: 'invalidBase64',
			message: 'The HIP public key must be base64 (RFC 4648 §4), in one word.',
			from: from + 1,
			to: from + 1,
		});
	}
	for (let i = from + 2; i < words.count; i++) {
		const error = checkName(words.text(i));
		if (error !== undefined) problems.push({ code: error, message: nameErrorMessage(error, words.text(i)), from: i, to: i });
	}
}
