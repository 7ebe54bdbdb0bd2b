/**
 * Describes an RR type as data: its mnemonic, code, RDATA layout and a one-line summary for hovers.
 * Field parsing is shared by kind (see `fields.ts`), the way dnspython shares bases between types.
 */

/** How one RDATA field is written in presentation format. */
export type FieldKind =
	| 'name' // a domain name, relative or absolute
	| 'u8'
	| 'u16'
	| 'u32'
	| 'ttl' // u32 that also takes BIND units (SOA timers)
	| 'ipv4'
	| 'ipv6'
	| 'string' // one <character-string>, ≤ 255 octets
	| 'strings' // one or more <character-string>s, to the end
	| 'text' // one quoted or unquoted string without the 255 limit (CAA value, URI target)
	| 'base64' // base64, may be split over several words, to the end
	| 'base64opt' // like base64 but may be absent
	| 'hex' // hex, may be split over several words, to the end
	| 'hexopt'
	| 'salt' // hex or `-` (NSEC3)
	| 'base32hex' // one word of base32hex without padding (NSEC3 next hashed owner)
	| 'types' // a type bitmap: zero or more mnemonics, to the end
	| 'type' // one type mnemonic (RRSIG type covered)
	| 'algorithm' // a DNSSEC algorithm number or mnemonic
	| 'certType' // a CERT type number or mnemonic
	| 'dsyncScheme' // a DSYNC scheme: 0–255 or the mnemonic NOTIFY (RFC 9859 §2)
	| 'time' // RRSIG time: YYYYMMDDHHmmSS or u32 seconds
	| 'eui48'
	| 'eui64'
	| 'ilnp64' // 4 groups of 4 hex digits separated by `:` (NID, L64)
	| 'caaTag'
	| 'svcParams' // SVCB/HTTPS key=value list, to the end
	| 'loc' // the whole LOC RDATA
	| 'keyFlags' // KEY/DNSKEY flags: a number or BIND's mnemonics joined by `|` (NOAUTH|ZONE)
	| 'digest' // hex to the end whose length the digest type (previous u8 field) fixes: DS, ZONEMD, SSHFP
	| 'nsec3Hash' // NSEC3 next hashed owner: one word of unpadded base32hex, 20 octets for SHA-1
	| 'bit' // 0 or 1 (AMTRELAY discovery optional)
	| 'gateway' // IPSECKEY/AMTRELAY gateway, written as the gateway type (previous field) says
	| 'x25' // a <character-string> of at least four decimal digits (RFC 1183 §3.1)
	| 'nsap' // `0x` then hex digits, dots allowed between them (RFC 1706 §5)
	| 'atma' // ATM address: hex digits with dots (AESA) or `+` and decimal digits (E.164)
	| 'ipn' // IPN node number: a 64-bit decimal or `allocator.node` (two 32-bit parts)
	| 'wks' // WKS protocol and services: a protocol name or number, then service names or ports
	| 'apl' // APL items: `[!]afi:address/prefix`, zero or more (RFC 3123 §4)
	| 'hip' // HIP: HIT (hex), public key (base64), rendezvous servers (RFC 8005 §5)
	| 'base64dash' // base64 to the end, or a lone `-` for none (DOA data)
	| 'any'; // anything: one or more words, not checked further (rare types)

export interface RdataField {
	/** RFC name of the field, shown in hovers, e.g. `preference`. */
	readonly name: string;
	readonly kind: FieldKind;
}

export interface RrTypeInfo {
	readonly mnemonic: string;
	readonly code: number;
	/** RDATA layout; fields of a "to the end" kind come last. */
	readonly fields: readonly RdataField[];
	/** One line for hovers. */
	readonly summary: string;
	/** Defining document, e.g. `RFC 1035`. */
	readonly rfc?: string;
	/** Meta and query types (OPT, ANY, AXFR, TSIG…) cannot appear in a zone file. */
	readonly meta?: boolean;
}

/** True for kinds that consume all remaining words. */
export function isRestKind(kind: FieldKind): boolean {
	switch (kind) {
		case 'strings':
		case 'base64':
		case 'base64opt':
		case 'hex':
		case 'hexopt':
		case 'types':
		case 'svcParams':
		case 'loc':
		case 'digest':
		case 'wks':
		case 'apl':
		case 'hip':
		case 'base64dash':
		case 'any':
			return true;
		default:
			return false;
	}
}
