/**
 * The RR type registry: every type a zone file may hold, with its RDATA layout.
 * Types not listed here can still be written as `TYPEnnn` with RFC 3597 generic RDATA.
 */
import { type FieldKind, type RdataField, type RrTypeInfo } from './rrType';

export type { RrTypeInfo, RdataField, FieldKind } from './rrType';

function type(mnemonic: string, code: number, layout: string, summary: string, rfc?: string): RrTypeInfo {
	// `layout` is "name:kind name:kind", which keeps the table below readable.
	const fields: RdataField[] = layout
		.split(' ')
		.filter(Boolean)
		.map((part) => {
			const [name, kind] = part.split(':');
			return { name, kind: kind as FieldKind };
		});
	return { mnemonic, code, fields, summary, rfc };
}

function meta(mnemonic: string, code: number): RrTypeInfo {
	return { mnemonic, code, fields: [], summary: 'Meta or query type; not allowed in zone data.', meta: true };
}

const TYPES: readonly RrTypeInfo[] = [
	type('A', 1, 'address:ipv4', 'IPv4 address of a host', 'RFC 1035'),
	type('NS', 2, 'nsdname:name', 'Authoritative name server for the zone', 'RFC 1035'),
	type('MD', 3, 'madname:name', 'Mail destination (obsolete, use MX)', 'RFC 1035'),
	type('MF', 4, 'madname:name', 'Mail forwarder (obsolete, use MX)', 'RFC 1035'),
	type('CNAME', 5, 'cname:name', 'Canonical name: this owner is an alias', 'RFC 1035'),
	type('SOA', 6, 'mname:name rname:name serial:u32 refresh:ttl retry:ttl expire:ttl minimum:ttl', 'Start of authority', 'RFC 1035'),
	type('MB', 7, 'madname:name', 'Mailbox domain (experimental)', 'RFC 1035'),
	type('MG', 8, 'mgmname:name', 'Mail group member (experimental)', 'RFC 1035'),
	type('MR', 9, 'newname:name', 'Mail rename (experimental)', 'RFC 1035'),
	type('NULL', 10, 'data:any', 'Null record (only RFC 3597 generic form)', 'RFC 1035'),
	type('WKS', 11, 'address:ipv4 services:wks', 'Well-known services (obsolete)', 'RFC 1035'),
	type('PTR', 12, 'ptrdname:name', 'Domain name pointer (reverse DNS)', 'RFC 1035'),
	type('HINFO', 13, 'cpu:string os:string', 'Host information', 'RFC 1035'),
	type('MINFO', 14, 'rmailbx:name emailbx:name', 'Mailbox information', 'RFC 1035'),
	type('MX', 15, 'preference:u16 exchange:name', 'Mail exchanger: where mail for this name is delivered', 'RFC 1035, RFC 5321 §5.1'),
	type('TXT', 16, 'txt:strings', 'Text strings', 'RFC 1035'),
	type('RP', 17, 'mbox:name txt:name', 'Responsible person', 'RFC 1183'),
	type('AFSDB', 18, 'subtype:u16 hostname:name', 'AFS database location', 'RFC 1183'),
	type('X25', 19, 'address:x25', 'X.25 PSDN address', 'RFC 1183'),
	type('ISDN', 20, 'address:strings', 'ISDN address', 'RFC 1183'),
	type('RT', 21, 'preference:u16 host:name', 'Route through', 'RFC 1183'),
	type('NSAP', 22, 'address:nsap', 'NSAP address', 'RFC 1706'),
	type('NSAP-PTR', 23, 'owner:name', 'NSAP pointer', 'RFC 1706'),
	type(
		'SIG',
		24,
		'covered:type algorithm:algorithm labels:u8 ttl:u32 expiration:time inception:time keytag:u16 signer:name signature:base64',
		'Signature (obsolete, see RRSIG)',
		'RFC 2535',
	),
	type(
		'KEY',
		25,
		'flags:keyFlags protocol:u8 algorithm:algorithm key:base64opt',
		'Public key (obsolete for DNSSEC, see DNSKEY)',
		'RFC 2535',
	),
	type('PX', 26, 'preference:u16 map822:name mapx400:name', 'X.400 mail mapping', 'RFC 2163'),
	type('GPOS', 27, 'longitude:string latitude:string altitude:string', 'Geographical position (obsolete)', 'RFC 1712'),
	type('AAAA', 28, 'address:ipv6', 'IPv6 address of a host', 'RFC 3596'),
	type('LOC', 29, 'location:loc', 'Location', 'RFC 1876'),
	type('NXT', 30, 'next:name types:types', 'Next domain (obsolete)', 'RFC 2535'),
	type('EID', 31, 'eid:hex', 'Endpoint identifier', undefined),
	type('NIMLOC', 32, 'locator:hex', 'Nimrod locator', undefined),
	type('SRV', 33, 'priority:u16 weight:u16 port:u16 target:name', 'Service location', 'RFC 2782'),
	type('ATMA', 34, 'address:atma', 'ATM address', undefined),
	type(
		'NAPTR',
		35,
		'order:u16 preference:u16 flags:string services:string regexp:string replacement:name',
		'Naming authority pointer',
		'RFC 3403',
	),
	type('KX', 36, 'preference:u16 exchanger:name', 'Key exchanger', 'RFC 2230'),
	type('CERT', 37, 'type:certType keytag:u16 algorithm:algorithm certificate:base64', 'Certificate', 'RFC 4398'),
	type('A6', 38, 'data:any', 'IPv6 address (historic)', 'RFC 2874'),
	type('DNAME', 39, 'target:name', 'Delegation name: redirects the whole subtree', 'RFC 6672'),
	type('SINK', 40, 'meaning:u8 coding:u8 subcoding:u8 data:base64opt', 'Kitchen sink', undefined),
	type('APL', 42, 'items:apl', 'Address prefix list', 'RFC 3123'),
	type('DS', 43, 'keytag:u16 algorithm:algorithm digesttype:u8 digest:digest', 'Delegation signer', 'RFC 4034'),
	type('SSHFP', 44, 'algorithm:u8 fptype:u8 fingerprint:digest', 'SSH key fingerprint', 'RFC 4255'),
	type('IPSECKEY', 45, 'precedence:u8 gatewaytype:u8 algorithm:u8 gateway:gateway key:base64opt', 'IPsec keying material', 'RFC 4025'),
	type(
		'RRSIG',
		46,
		'covered:type algorithm:algorithm labels:u8 ttl:u32 expiration:time inception:time keytag:u16 signer:name signature:base64',
		'DNSSEC signature',
		'RFC 4034',
	),
	type('NSEC', 47, 'next:name types:types', 'Next secure record', 'RFC 4034'),
	type('DNSKEY', 48, 'flags:keyFlags protocol:u8 algorithm:algorithm key:base64', 'DNSSEC public key', 'RFC 4034'),
	type('DHCID', 49, 'data:base64', 'DHCP identifier', 'RFC 4701'),
	type('NSEC3', 50, 'algorithm:u8 flags:u8 iterations:u16 salt:salt next:nsec3Hash types:types', 'Hashed next secure record', 'RFC 5155'),
	type('NSEC3PARAM', 51, 'algorithm:u8 flags:u8 iterations:u16 salt:salt', 'NSEC3 parameters', 'RFC 5155'),
	type('TLSA', 52, 'usage:u8 selector:u8 matchingtype:u8 data:hex', 'TLS certificate association (DANE)', 'RFC 6698'),
	type('SMIMEA', 53, 'usage:u8 selector:u8 matchingtype:u8 data:hex', 'S/MIME certificate association', 'RFC 8162'),
	type('HIP', 55, 'algorithm:u8 data:hip', 'Host identity protocol', 'RFC 8005'),
	type('NINFO', 56, 'data:strings', 'Zone status information', undefined),
	type('RKEY', 57, 'data:any', 'Resource key', undefined),
	type('TALINK', 58, 'previous:name next:name', 'Trust anchor link', undefined),
	type('CDS', 59, 'keytag:u16 algorithm:algorithm digesttype:u8 digest:digest', 'Child copy of DS', 'RFC 7344'),
	type('CDNSKEY', 60, 'flags:keyFlags protocol:u8 algorithm:algorithm key:base64', 'Child copy of DNSKEY', 'RFC 7344'),
	type('OPENPGPKEY', 61, 'key:base64', 'OpenPGP public key', 'RFC 7929'),
	type('CSYNC', 62, 'serial:u32 flags:u16 types:types', 'Child-to-parent synchronisation', 'RFC 7477'),
	type('ZONEMD', 63, 'serial:u32 scheme:u8 algorithm:u8 digest:digest', 'Message digest of the zone', 'RFC 8976'),
	type('SVCB', 64, 'priority:u16 target:name params:svcParams', 'Service binding', 'RFC 9460'),
	type('HTTPS', 65, 'priority:u16 target:name params:svcParams', 'HTTPS service binding', 'RFC 9460'),
	type(
		'DSYNC',
		66,
		'rrtype:type scheme:dsyncScheme port:u16 target:name',
		'Endpoint for generalized DNS notifications (NOTIFY/DSYNC)',
		undefined,
	),
	type('HHIT', 67, 'data:base64', 'Hierarchical host identity tag (DRIP)', undefined),
	type('BRID', 68, 'data:base64', 'Broadcast remote ID (DRIP)', undefined),
	type('SPF', 99, 'txt:strings', 'SPF policy (obsolete, use TXT)', 'RFC 7208'),
	type('UINFO', 100, 'data:any', 'User information (reserved)', undefined),
	type('UID', 101, 'data:any', 'User id (reserved)', undefined),
	type('GID', 102, 'data:any', 'Group id (reserved)', undefined),
	type('UNSPEC', 103, 'data:any', 'Unspecified (only RFC 3597 generic form)', undefined),
	type('NID', 104, 'preference:u16 nodeid:ilnp64', 'ILNP node identifier', 'RFC 6742'),
	type('L32', 105, 'preference:u16 locator:ipv4', 'ILNP 32-bit locator', 'RFC 6742'),
	type('L64', 106, 'preference:u16 locator:ilnp64', 'ILNP 64-bit locator', 'RFC 6742'),
	type('LP', 107, 'preference:u16 fqdn:name', 'ILNP locator pointer', 'RFC 6742'),
	type('EUI48', 108, 'address:eui48', '48-bit MAC address', 'RFC 7043'),
	type('EUI64', 109, 'address:eui64', '64-bit extended unique identifier', 'RFC 7043'),
	type('URI', 256, 'priority:u16 weight:u16 target:text', 'Uniform resource identifier', 'RFC 7553'),
	type('CAA', 257, 'flags:u8 tag:caaTag value:text', 'Certification authority authorization', 'RFC 8659'),
	type('AVC', 258, 'data:strings', 'Application visibility and control', undefined),
	type('DOA', 259, 'enterprise:u32 type:u32 location:u8 mediatype:string data:base64dash', 'Digital object architecture', undefined),
	type('AMTRELAY', 260, 'precedence:u8 discovery:bit type:u8 relay:gateway', 'Automatic multicast tunneling relay', 'RFC 8777'),
	type('RESINFO', 261, 'data:strings', 'Resolver information', 'RFC 9606'),
	type('WALLET', 262, 'data:strings', 'Public wallet address', undefined),
	type('IPN', 264, 'node:ipn', 'Interplanetary network node number', undefined),
	type('TA', 32768, 'keytag:u16 algorithm:algorithm digesttype:u8 digest:digest', 'DNSSEC trust authority', undefined),
	type('DLV', 32769, 'keytag:u16 algorithm:algorithm digesttype:u8 digest:digest', 'DNSSEC lookaside validation (obsolete)', 'RFC 4431'),
	meta('OPT', 41),
	meta('TKEY', 249),
	meta('TSIG', 250),
	meta('IXFR', 251),
	meta('AXFR', 252),
	meta('MAILB', 253),
	meta('MAILA', 254),
	meta('ANY', 255),
];

/** One shared lookup result per mnemonic: every record's type is looked up, so no object per record. */
const LOOKUP_BY_MNEMONIC = new Map<string, RrTypeLookup>(TYPES.map((info) => [info.mnemonic, Object.freeze({ code: info.code, info })]));

/** What {@link lookupRrType} finds: the numeric code and the info (absent for a `TYPEnnn` without a mnemonic). */
export type RrTypeLookup = { readonly code: number; readonly info: RrTypeInfo | undefined };
const BY_CODE = new Map<number, RrTypeInfo>(TYPES.map((info) => [info.code, info]));

/** Type info for a code, e.g. 15 → MX; `undefined` for codes without a mnemonic. */
export function rrTypeByCode(code: number): RrTypeInfo | undefined {
	return BY_CODE.get(code);
}

/**
 * Looks up a type written in a zone file, case-insensitively: a mnemonic (`mx`) or RFC 3597 `TYPEnnn`.
 * Returns the numeric code and the info (absent for a `TYPEnnn` without a mnemonic), or `undefined`.
 */
export function lookupRrType(text: string): RrTypeLookup | undefined {
	const known = LOOKUP_BY_MNEMONIC.get(text) ?? LOOKUP_BY_MNEMONIC.get(text.toUpperCase());
	if (known !== undefined) return known;
	const code = parseTypeNumber(text, 'TYPE');
	if (code === undefined) return undefined;
	let info = BY_CODE.get(code);
	// TYPE0 and the unassigned codes 128–255 are reserved for meta and query types (RFC 6895 §3.1).
	if (info === undefined && (code === 0 || (code >= 128 && code <= 255))) info = meta(`TYPE${code}`, code);
	return { code, info };
}

/** Parses `PREFIXnnn` (case-insensitive) with nnn in 0..65535, e.g. `TYPE65534`, `CLASS1`. */
export function parseTypeNumber(text: string, prefix: 'TYPE' | 'CLASS'): number | undefined {
	if (text.length <= prefix.length || text.slice(0, prefix.length).toUpperCase() !== prefix) return undefined;
	const digits = text.slice(prefix.length);
	if (!/^[0-9]{1,5}$/.test(digits)) return undefined;
	const value = Number(digits);
	return value <= 65535 ? value : undefined;
}

/** Mnemonic for a code, or `TYPEnnn`. */
export function typeName(code: number): string {
	return BY_CODE.get(code)?.mnemonic ?? `TYPE${code}`;
}

/** Every registered type, for hovers, grammar tests and docs. */
export const ALL_RR_TYPES: readonly RrTypeInfo[] = TYPES;
