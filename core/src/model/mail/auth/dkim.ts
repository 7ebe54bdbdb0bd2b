/**
 * DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463): `v=DKIM1; k=rsa; p=<base64>` in a TXT
 * record at `<selector>._domainkey.<domain>`. The key is decoded to tell its size: an RSA key's
 * modulus length from its DER (SubjectPublicKeyInfo, or a bare RSAPublicKey), an Ed25519 key's 32
 * octets. The parser never throws.
 */
import { missingTagProblem, parseTagList, type Tag, type TagList, type TagProblem, valueProblem } from './tagList';
import type { TxtText } from '../../txtText';

/** Receivers refuse RSA keys below this (RFC 8301 §3.2). */
export const DKIM_REFUSED_BELOW_BITS = 1024;
/** Signers should use RSA keys of at least this (RFC 8301 §3.2). */
export const DKIM_RECOMMENDED_BITS = 2048;

export interface DkimRecord extends TagList {
	readonly keyType: string;
	/** RSA modulus bits; `undefined` when not RSA, revoked (`p=`), or not decodable. */
	readonly rsaBits: number | undefined;
	readonly keyTag: Tag | undefined;
}

export function parseDkim(txt: TxtText): DkimRecord {
	const list = parseTagList(txt);
	const problems = list.problems;
	const tags = list.tags;
	const versionIndex = tags.findIndex((tag) => tag.name === 'v');
	if (versionIndex > 0)
		problems.push({ from: tags[versionIndex].from, to: tags[versionIndex].to, message: "'v=DKIM1' must be the first tag when present." });
	if (versionIndex !== -1 && tags[versionIndex].value !== 'DKIM1')
		problems.push(valueProblem(tags[versionIndex], `'v=${tags[versionIndex].value}' is not a DKIM key record version (v=DKIM1).`));
	const keyTypeTag = tags.find((tag) => tag.name === 'k');
	const keyType = keyTypeTag?.value.toLowerCase() ?? 'rsa';
	if (keyTypeTag && keyType !== 'rsa' && keyType !== 'ed25519')
		problems.push(valueProblem(keyTypeTag, `'k=${keyTypeTag.value}' is not a DKIM key type: rsa or ed25519 (RFC 8463).`));
	const keyTag = tags.find((tag) => tag.name === 'p');
	let rsaBits: number | undefined;
	if (!keyTag) {
		problems.push(missingTagProblem(list, "The DKIM key record has no 'p=' (the public key): receivers cannot verify signatures."));
	} else if (keyTag.value !== '') {
		const octets = base64Octets(keyTag.value.replace(/\s+/g, ''));
		if (!octets) problems.push(valueProblem(keyTag, "'p=' is not base64 (RFC 4648): the public key cannot be read."));
		else if (keyType === 'ed25519' && octets.length !== 32)
			problems.push(valueProblem(keyTag, `An Ed25519 key is 32 octets (RFC 8463); this one is ${octets.length} octets.`));
		else if (keyType === 'rsa') {
			rsaBits = rsaModulusBits(octets);
			if (rsaBits === undefined) problems.push(valueProblem(keyTag, "'p=' does not hold an RSA public key (DER SubjectPublicKeyInfo)."));
		}
	}
	for (const tag of tags) {
		const problem = tagProblem(tag);
		if (problem) problems.push(problem);
	}
	return { ...list, keyType, rsaBits, keyTag };
}

function tagProblem(tag: Tag): TagProblem | undefined {
	switch (tag.name) {
		case 'h':
			return /^(?:sha1|sha256)(?:\s*:\s*(?:sha1|sha256))*$/i.test(tag.value)
				? undefined
				: valueProblem(tag, `'h=${tag.value}' lists no hash algorithm receivers know (sha256).`);
		case 's':
			return /^(?:\*|email)(?:\s*:\s*[a-z*]+)*$/i.test(tag.value)
				? undefined
				: valueProblem(tag, `'s=${tag.value}' is not a service type list (email or *).`);
		case 't':
			return /^[ys](?:\s*:\s*[a-z])*$/i.test(tag.value) ? undefined : valueProblem(tag, `'t=${tag.value}' is not a list of flags (y, s).`);
		case 'v':
		case 'k':
		case 'p':
		case 'n':
			return undefined;
		default:
			return { from: tag.from, to: tag.to, message: `'${tag.name}' is not a DKIM key tag; receivers ignore it.`, ignored: true };
	}
}

/** The value of each base64 digit by character code, -1 for other characters. */
const BASE64_VALUES = (() => {
	const values = new Int8Array(128).fill(-1);
	const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	for (let i = 0; i < digits.length; i++) values[digits.charCodeAt(i)] = i;
	return values;
})();

/** The octets of base64 text (RFC 4648 §4, padding optional), or `undefined` when it is not base64. */
export function base64Octets(text: string): Uint8Array | undefined {
	let length = text.length;
	if (length > 0 && text.charCodeAt(length - 1) === 0x3d) length--;
	if (length > 0 && text.charCodeAt(length - 1) === 0x3d) length--;
	if (length % 4 === 1) return undefined;
	const out = new Uint8Array(Math.floor((length * 3) / 4));
	let bits = 0;
	let value = 0;
	let index = 0;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		const digit = code < 128 ? BASE64_VALUES[code] : -1;
		if (digit < 0) return undefined;
		value = ((value << 6) | digit) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[index++] = (value >> bits) & 0xff;
		}
	}
	return out;
}

/** A DER element at `offset`: its tag, where its content starts, and its length; `undefined` when truncated. */
function derElement(der: Uint8Array, offset: number): { tag: number; start: number; length: number } | undefined {
	if (offset + 2 > der.length) return undefined;
	const tag = der[offset];
	let length = der[offset + 1];
	let start = offset + 2;
	if (length & 0x80) {
		const count = length & 0x7f;
		if (count === 0 || count > 4 || start + count > der.length) return undefined;
		length = 0;
		for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
		start += count;
	}
	return start + length <= der.length ? { tag, start, length } : undefined;
}

/** The bit length of the modulus of an RSA public key: SubjectPublicKeyInfo (RFC 5280), or a bare RSAPublicKey (RFC 8017). */
export function rsaModulusBits(der: Uint8Array): number | undefined {
	const outer = derElement(der, 0);
	if (!outer || outer.tag !== 0x30) return undefined;
	let key = outer;
	const first = derElement(der, outer.start);
	if (first?.tag === 0x30) {
		// SubjectPublicKeyInfo: the algorithm, then a BIT STRING (one unused-bits octet) holding RSAPublicKey.
		const bitString = derElement(der, first.start + first.length);
		if (!bitString || bitString.tag !== 0x03) return undefined;
		const inner = derElement(der, bitString.start + 1);
		if (!inner || inner.tag !== 0x30) return undefined;
		key = inner;
	}
	const modulus = derElement(der, key.start);
	if (!modulus || modulus.tag !== 0x02) return undefined;
	let start = modulus.start;
	let length = modulus.length;
	while (length > 0 && der[start] === 0) {
		start++;
		length--;
	}
	if (length === 0) return undefined;
	return (length - 1) * 8 + (32 - Math.clz32(der[start]));
}
