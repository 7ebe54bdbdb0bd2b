/**
 * Zones of mail-authentication TXT records for the fuzzer: SPF, DMARC, DKIM, TLS-RPT, MTA-STS and
 * BIMI records built from their real terms and tags, then bent (junk characters, escapes, quotes
 * split mid-term, repeated and missing parts), so the parsers of these mini-languages see both what
 * they should accept and what they must refuse without throwing, with every finding inside the text.
 */
import fc from 'fast-check';
import type { FuzzCase } from './zoneGrammar';

const SPF_TERMS = [
	'mx',
	'a',
	'-all',
	'~all',
	'?all',
	'+all',
	'all',
	'ptr',
	'ip4:192.0.2.0/24',
	'ip4:192.0.2.300',
	'ip6:2001:db8::/32',
	'ip6:2001:db8::/129',
	'a:mail.example.com/24//64',
	'mx/33',
	'include:_spf.example.com',
	'include:_spf.example.net',
	'include:spf',
	'exists:%{i}.%{d}',
	'exists:%{z}',
	'redirect=_spf.example.com',
	'exp=explain.example.com',
	'foo=bar',
	'inlcude:x.example.net',
	'%%',
	'=',
	':',
	'/',
];
const DMARC_TAGS = [
	'v=DMARC1',
	'p=reject',
	'p=none',
	'p=bogus',
	'sp=quarantine',
	'pct=50',
	'pct=150',
	'adkim=s',
	'aspf=x',
	'fo=1:d',
	'ri=86400',
	'rua=mailto:d@example.com',
	'rua=d@example.com',
	'ruf=https://r.example.com',
	'polcy=reject',
	'=',
	'v',
];
const DKIM_TAGS = [
	'v=DKIM1',
	'k=rsa',
	'k=ed25519',
	'k=dsa',
	'p=',
	'p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL1Qs8Nd',
	'p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
	'p=!!',
	'h=sha256',
	't=s',
	's=email',
	'x=1',
];
const TAG_LISTS = [
	'v=TLSRPTv1',
	'rua=mailto:t@example.com',
	'rua=https://r.example.com/x',
	'v=STSv1',
	'id=20261201',
	'id=2026-12-01',
	'v=BIMI1',
	'l=https://example.com/l.svg',
];
const JUNK = ['', ' ', '  ', ';', ';;', '\\"', '\\\\', '\\059', '\\255', 'é', '\u2013', '\t', '='];

/** Owners that make a TXT record one of the mail-authentication kinds (or none). */
const OWNERS = ['@', '_dmarc', 'sel._domainkey', '_adsp._domainkey', '_smtp._tls', '_mta-sts', 'default._bimi', 'www', '_spf'];

const piece = (words: readonly string[]): fc.Arbitrary<string> =>
	fc
		.tuple(fc.constantFrom(...words), fc.constantFrom(...JUNK), fc.boolean())
		.map(([word, junk, before]) => (before ? junk + word : word + junk));

/** The text of one TXT record: a version word, then terms, cut into quoted strings at random points. */
const txtArb: fc.Arbitrary<string> = fc
	.tuple(
		fc.constantFrom('v=spf1', 'v=spf1 ', 'V=SPF1', 'v=DMARC1;', 'v=DKIM1;', 'v=TLSRPTv1;', 'v=STSv1;', ''),
		fc.array(fc.oneof(piece(SPF_TERMS), piece(DMARC_TAGS), piece(DKIM_TAGS), piece(TAG_LISTS)), { maxLength: 14 }),
		fc.constantFrom(' ', '; ', ';', ''),
		fc.array(fc.nat(), { maxLength: 3 }),
	)
	.map(([version, terms, separator, cuts]) => {
		const text = [version, ...terms].join(separator);
		// Split the text into several <character-string>s where the cuts fall (TXT joins them again).
		const points = [...new Set(cuts.map((cut) => (text.length === 0 ? 0 : cut % text.length)))].sort((a, b) => a - b);
		const strings: string[] = [];
		let from = 0;
		for (const point of points) {
			// Never cut an escape in two: a backslash must stay with what it escapes.
			if (point <= from || text[point - 1] === '\\') continue;
			strings.push(text.slice(from, point));
			from = point;
		}
		strings.push(text.slice(from));
		return strings.map((part) => `"${part.replace(/(?<!\\)"/g, '\\"')}"`).join(' ');
	});

export const mailAuthCaseArb: fc.Arbitrary<FuzzCase> = fc
	.array(fc.tuple(fc.constantFrom(...OWNERS), txtArb, fc.boolean()), { minLength: 1, maxLength: 8 })
	.map((records) => {
		const lines = [
			'$ORIGIN example.com.',
			'$TTL 1h',
			'@ SOA ns1 hostmaster 1 7200 3600 1209600 3600',
			'@ NS ns1',
			'ns1 A 192.0.2.53',
			'@ MX 10 mx1',
			'mx1 A 192.0.2.25',
		];
		for (const [owner, txt, multiLine] of records)
			lines.push(multiLine ? `${owner} TXT ( ${txt.replace(/" "/g, '"\n\t"')} )` : `${owner} TXT ${txt}`);
		return { text: lines.join('\n') + '\n', includes: {}, source: 'mail-auth grammar' };
	});
