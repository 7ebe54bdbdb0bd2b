/**
 * Wire-format RDATA checks for RFC 3597 generic RDATA (`\# length hex`) of known types. BIND turns
 * generic RDATA of a type it knows into that type with `fromwire`, so octets that do not decode
 * (a length byte pointing past the end, a 5-octet A record, a compression pointer in a name) make
 * it refuse the zone: "FORMERR". This mirrors those checks; it returns why the octets are not valid,
 * or `undefined` when they are.
 */
import type { FieldKind, RrTypeInfo } from './rrType';
import { checkSvcParamsWire } from './svcParams';

/** Checks `bytes` against the layout of `info`. */
export function checkWire(info: RrTypeInfo, bytes: Uint8Array): string | undefined {
	switch (info.mnemonic) {
		case 'HIP':
			return checkHipWire(bytes);
		case 'AMTRELAY':
			return checkAmtrelayWire(bytes);
		case 'NXT':
			return checkNameThenRest(bytes);
		case 'A6':
			return undefined;
		default:
			break;
	}
	const reader = new WireReader(bytes);
	const numbers: number[] = [];
	for (const field of info.fields) {
		const problem = readField(reader, field.kind, field.name, info, numbers);
		if (problem !== undefined) return problem;
	}
	return reader.pos === bytes.length
		? undefined
		: `${bytes.length - reader.pos} octet${bytes.length - reader.pos === 1 ? '' : 's'} left over after the ${info.mnemonic} RDATA`;
}

class WireReader {
	pos = 0;
	constructor(readonly bytes: Uint8Array) {}
	get left(): number {
		return this.bytes.length - this.pos;
	}
	/** Reads a big-endian unsigned number of `size` octets, or -1 past the end. */
	number(size: number): number {
		if (this.left < size) return -1;
		let value = 0;
		for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.pos + i];
		this.pos += size;
		return value;
	}
	/** Skips an uncompressed domain name; returns a reason when it is not one. */
	name(): string | undefined {
		let wire = 0;
		for (;;) {
			if (this.left < 1) return 'a domain name runs past the end';
			const length = this.bytes[this.pos++];
			if (length === 0) return wire + 1 > 255 ? 'a domain name is longer than 255 octets' : undefined;
			if (length > 63) return 'a domain name holds a compression pointer or a label over 63 octets';
			if (this.left < length) return 'a domain name runs past the end';
			this.pos += length;
			wire += length + 1;
		}
	}
	/** Skips a length-prefixed <character-string>. */
	string(): string | undefined {
		const length = this.number(1);
		if (length < 0 || this.left < length) return 'a <character-string> runs past the end';
		this.pos += length;
		return undefined;
	}
}

/** Wire size of the fixed-size field kinds (also what `rdataLength` counts for them). */
export const FIXED_FIELD_OCTETS: Partial<Record<FieldKind, number>> = {
	u8: 1,
	dsyncScheme: 1,
	bit: 1,
	algorithm: 1,
	u16: 2,
	keyFlags: 2,
	type: 2,
	certType: 2,
	u32: 4,
	ttl: 4,
	time: 4,
	ipv4: 4,
	ipv6: 16,
	eui48: 6,
	eui64: 8,
	ilnp64: 8,
	ipn: 8,
};

function readField(reader: WireReader, kind: FieldKind, name: string, info: RrTypeInfo, numbers: number[]): string | undefined {
	const fixed = FIXED_FIELD_OCTETS[kind];
	if (fixed !== undefined) {
		const value = reader.number(fixed);
		if (value < 0) return `the ${name} field (${fixed} octet${fixed === 1 ? '' : 's'}) is missing`;
		numbers.push(value);
		return undefined;
	}
	switch (kind) {
		case 'name':
			return reader.name();
		case 'string':
		case 'x25':
			return reader.string();
		case 'strings':
			if (reader.left === 0) return 'at least one <character-string> is needed';
			while (reader.left > 0) {
				const problem = reader.string();
				if (problem) return problem;
			}
			return undefined;
		case 'salt':
		case 'nsec3Hash': {
			const length = reader.number(1);
			if (length < 0 || reader.left < length) return `the ${name} runs past the end`;
			if (kind === 'nsec3Hash' && length === 0) return 'the next hashed owner name is empty';
			reader.pos += length;
			return undefined;
		}
		case 'caaTag': {
			const length = reader.number(1);
			if (length < 1 || reader.left < length) return 'the CAA tag is empty or runs past the end';
			for (let i = 0; i < length; i++) {
				const c = reader.bytes[reader.pos + i] | 0x20;
				if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) return 'the CAA tag has a character other than a letter or digit';
			}
			reader.pos += length;
			return undefined;
		}
		case 'gateway': {
			const type = info.mnemonic === 'IPSECKEY' ? numbers[1] : numbers[2];
			if (type === 0) return undefined;
			if (type === 1) return reader.number(4) < 0 ? 'the IPv4 gateway is cut short' : undefined;
			if (type === 2) return reader.left < 16 ? 'the IPv6 gateway is cut short' : ((reader.pos += 16), undefined);
			if (type === 3) return reader.name();
			return `gateway type ${type} is not defined`;
		}
		case 'types':
			return checkTypeBitmap(reader);
		case 'svcParams': {
			const problem = checkSvcParamsWire(reader.bytes, reader.pos);
			reader.pos = reader.bytes.length;
			return problem;
		}
		case 'loc':
			if (reader.left !== 16) return 'LOC version 0 RDATA is 16 octets';
			if (reader.bytes[reader.pos] !== 0) return `LOC version ${reader.bytes[reader.pos]} is not defined (only 0)`;
			reader.pos += 16;
			return undefined;
		case 'apl':
			return checkAplWire(reader);
		case 'digest':
		case 'base64':
		case 'hex':
		case 'wks':
		case 'nsap':
		case 'atma':
			if (reader.left === 0) return `the ${name} is empty`;
			reader.pos = reader.bytes.length;
			return undefined;
		default:
			// base64opt, hexopt, text, base64dash, hip, any: whatever is left.
			reader.pos = reader.bytes.length;
			return undefined;
	}
}

/** NSEC/NSEC3/CSYNC type bitmap (RFC 4034 §4.1.2): increasing windows, 1–32 octets, last octet non-zero. */
function checkTypeBitmap(reader: WireReader): string | undefined {
	const bytes = reader.bytes;
	let last = -1;
	while (reader.left > 0) {
		if (reader.left < 2) return 'a type bitmap window is cut short';
		const window = bytes[reader.pos];
		const length = bytes[reader.pos + 1];
		reader.pos += 2;
		if (window <= last) return 'type bitmap windows are not in increasing order';
		if (length < 1 || length > 32) return 'a type bitmap window length is not 1–32';
		if (reader.left < length) return 'a type bitmap window runs past the end';
		if (bytes[reader.pos + length - 1] === 0) return 'a type bitmap window ends in a zero octet';
		reader.pos += length;
		last = window;
	}
	return undefined;
}

/** APL (RFC 3123 §4): family (2), prefix (1), negation bit and length (1), address octets. */
function checkAplWire(reader: WireReader): string | undefined {
	while (reader.left > 0) {
		const family = reader.number(2);
		const prefix = reader.number(1);
		const length = reader.number(1);
		if (length < 0) return 'an APL item is cut short';
		const octets = length & 0x7f;
		const max = family === 1 ? 4 : family === 2 ? 16 : 127;
		if ((family === 1 && prefix > 32) || (family === 2 && prefix > 128)) return 'an APL prefix is longer than the address';
		if (octets > max || reader.left < octets) return 'an APL address is too long or runs past the end';
		if (octets > 0 && reader.bytes[reader.pos + octets - 1] === 0) return 'an APL address has trailing zero octets';
		reader.pos += octets;
	}
	return undefined;
}

/** HIP (RFC 8005 §5): HIT length (1), algorithm (1), key length (2), HIT, key, rendezvous names. */
function checkHipWire(bytes: Uint8Array): string | undefined {
	const reader = new WireReader(bytes);
	const hitLength = reader.number(1);
	reader.number(1);
	const keyLength = reader.number(2);
	if (keyLength < 0) return 'the HIP header is cut short';
	if (hitLength === 0) return 'the HIT is empty';
	if (reader.left < hitLength + keyLength) return 'the HIT or public key runs past the end';
	reader.pos += hitLength + keyLength;
	while (reader.left > 0) {
		const problem = reader.name();
		if (problem) return problem;
	}
	return undefined;
}

/** AMTRELAY (RFC 8777 §4): precedence (1), D bit and type (1), relay as the type says. */
function checkAmtrelayWire(bytes: Uint8Array): string | undefined {
	const reader = new WireReader(bytes);
	reader.number(1);
	const typeByte = reader.number(1);
	if (typeByte < 0) return 'the AMTRELAY header is cut short';
	const type = typeByte & 0x7f;
	let problem: string | undefined;
	if (type === 1) problem = reader.number(4) < 0 ? 'the IPv4 relay is cut short' : undefined;
	else if (type === 2) problem = reader.left < 16 ? 'the IPv6 relay is cut short' : ((reader.pos += 16), undefined);
	else if (type === 3) problem = reader.name();
	else if (type !== 0) reader.pos = bytes.length;
	if (problem) return problem;
	return reader.pos === bytes.length ? undefined : 'octets left over after the AMTRELAY relay';
}

/** NXT (RFC 2535 §5.2): a name, then an old-style bitmap this check does not judge. */
function checkNameThenRest(bytes: Uint8Array): string | undefined {
	return new WireReader(bytes).name();
}
