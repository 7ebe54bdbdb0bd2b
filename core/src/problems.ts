/**
 * The problem catalogue: every syntax and model problem code the core emits, with its severity and
 * what it means. These are always reported (rules, which can be configured, are in rules/index.ts);
 * the README's problem-code table is generated from here, and a test checks that every code the
 * fixtures produce is listed.
 */
/** Severity names as LSP and the CLI's JSON output spell them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ProblemKind {
	/** The usual severity; `meaning` says when it differs. */
	readonly severity: Severity;
	/** One line for the README. */
	readonly meaning: string;
}

export const PROBLEMS = {
	// Syntax: the words and lines of the file.
	unbalancedParenthesis: { severity: 'error', meaning: 'a `(` without its `)`, or a stray `)`' },
	unterminatedString: { severity: 'error', meaning: 'a quoted string without its closing quote' },
	emptyRecord: { severity: 'error', meaning: 'a line of only `( )`: a record with no words' },
	byteOrderMark: {
		severity: 'error',
		meaning: 'the file starts with a UTF-8 byte-order mark, which BIND reads as part of the first word (fix: remove it)',
	},
	// Directives.
	unknownDirective: { severity: 'error', meaning: 'a `$` word other than `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE` (and `$DATE`)' },
	invalidDirective: { severity: 'error', meaning: 'a directive with the wrong number or kind of arguments' },
	originUnknown: { severity: 'information', meaning: 'a relative name with no origin to append (an error for a relative `$ORIGIN`)' },
	invalidGenerate: { severity: 'error', meaning: 'a `$GENERATE` with a bad range or template' },
	generateTooLarge: {
		severity: 'error',
		meaning: '`$GENERATE` past its limits (see Limits and guarantees); none of its records are checked',
	},
	includeNotFound: { severity: 'error', meaning: 'an `$INCLUDE` file that cannot be read, or past the read limits' },
	includeNotFollowed: { severity: 'information', meaning: '`$INCLUDE` not followed here (`--no-include`, or an untrusted workspace)' },
	includeTooDeep: { severity: 'error', meaning: '`$INCLUDE` nested deeper than the limit' },
	includeCycle: { severity: 'error', meaning: '`$INCLUDE` of a file that is already being read' },
	includedFileHasErrors: { severity: 'error', meaning: 'the `$INCLUDE`d file has errors (reported in that file)' },
	// Files that belong with the zone.
	mtaStsPolicyUnreadable: {
		severity: 'error',
		meaning:
			'the MTA-STS policy file set by `mtaSts.policyFile` or `--mta-sts-policy` cannot be read (on the `_mta-sts` record, else at the start)',
	},
	// Names.
	emptyLabel: { severity: 'error', meaning: 'a name with an empty label, such as `a..b`' },
	labelTooLong: { severity: 'error', meaning: 'a label longer than 63 octets' },
	nameTooLong: { severity: 'error', meaning: 'a name longer than 255 octets' },
	badEscape: { severity: 'error', meaning: 'a `\\DDD` escape in a name that is not three digits up to 255' },
	noOwner: { severity: 'error', meaning: 'a record starts with a blank, but no earlier record gave an owner' },
	ownerOutsideZone: { severity: 'warning', meaning: 'an owner name outside the zone; name servers ignore it' },
	invalidNsec3Owner: { severity: 'error', meaning: 'an NSEC3 owner that does not start with a base32hex hash' },
	// TTL, class and type.
	invalidTtl: { severity: 'error', meaning: 'a TTL that is neither seconds nor units such as `1h`' },
	ttlTooLarge: { severity: 'warning', meaning: 'a TTL above 2147483647, which servers treat as 0' },
	noTtl: { severity: 'error', meaning: 'a record with no TTL, no `$TTL` and no earlier TTL' },
	noTtlUsingSoaMinimum: { severity: 'warning', meaning: 'no TTL and no `$TTL`: the SOA minimum is used, as BIND does' },
	classMismatch: { severity: 'error', meaning: "a class other than the zone's" },
	metaClass: { severity: 'error', meaning: 'the query class `ANY` or `NONE` in zone data' },
	missingType: { severity: 'error', meaning: 'a record without a type' },
	unknownRrType: { severity: 'error', meaning: 'an RR type mnemonic Zone Sentinel does not know' },
	metaType: { severity: 'error', meaning: 'a meta or query type (such as `ANY`, `AXFR`) in zone data' },
	obsoleteType: { severity: 'error', meaning: '`MD` or `MF`, obsolete since RFC 973' },
	// RDATA.
	missingRdata: { severity: 'error', meaning: 'a record missing RDATA fields' },
	extraRdata: { severity: 'error', meaning: 'text after the last RDATA field' },
	rdataTooLong: { severity: 'error', meaning: 'RDATA over 65535 octets (strings, base64 or hex that long, or more words than can fit)' },
	invalidRdata: { severity: 'error', meaning: 'an RDATA field that is not what its type needs' },
	invalidIpv4Address: { severity: 'error', meaning: 'not an IPv4 address' },
	invalidIpv6Address: { severity: 'error', meaning: 'not an IPv6 address' },
	invalidEscape: { severity: 'error', meaning: 'a backslash escape that is not `\\DDD` (up to 255) or `\\X`' },
	characterStringTooLong: { severity: 'error', meaning: 'a `<character-string>` longer than 255 octets' },
	invalidBase64: { severity: 'error', meaning: 'a field that must be base64 and is not' },
	invalidHex: { severity: 'error', meaning: 'a field that must be an even number of hex digits and is not' },
	invalidDigestLength: { severity: 'error', meaning: 'a digest of the wrong length for its type' },
	invalidLoc: { severity: 'error', meaning: 'a LOC record whose location cannot be read' },
	invalidSvcParam: { severity: 'error', meaning: 'an SVCB/HTTPS parameter that is unknown, repeated or malformed' },
	genericRdataRequired: { severity: 'error', meaning: 'a type that can only be written as RFC 3597 `\\# <length> <hex>`' },
	invalidGenericRdata: { severity: 'error', meaning: 'RFC 3597 `\\#` RDATA with a bad length or hex' },
	// Limits of the analysis.
	zoneTooLarge: { severity: 'error', meaning: 'the zone text is over the size limit; nothing is checked' },
	tooManyProblems: { severity: 'error', meaning: 'the count of problems past the per-file limit, as severe as the worst of them' },
} as const satisfies Readonly<Record<string, ProblemKind>>;

/** A syntax or model problem code, e.g. `invalidTtl`. */
export type ProblemCode = keyof typeof PROBLEMS;
