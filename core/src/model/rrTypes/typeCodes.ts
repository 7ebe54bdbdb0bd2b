/** Numeric codes of the types that rules and hovers reason about (IANA DNS parameters). */
export const TypeCode = {
	A: 1,
	NS: 2,
	CNAME: 5,
	SOA: 6,
	PTR: 12,
	MX: 15,
	TXT: 16,
	SPF: 99,
	AAAA: 28,
	SRV: 33,
	DNAME: 39,
	RRSIG: 46,
	DNSKEY: 48,
	TLSA: 52,
	NSEC: 47,
} as const;
