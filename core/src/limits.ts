/**
 * Every bound the analysis puts on its input, in one place: Zone Sentinel reads whatever a user or
 * an attacker can type. The README's "Limits and guarantees" table is generated from {@link LIMITS}
 * (`npm run generate`), so the numbers there are the numbers here.
 */
import { MAX_SYNTAX_PROBLEMS } from './syntax/parser';

// The syntax layer may not import this file (it sits below it), so its own cap stays there.
export { MAX_SYNTAX_PROBLEMS };

const MiB = 1024 * 1024;

/**
 * Zone text longer than this (in UTF-16 code units, about as many bytes for ASCII) is refused with
 * one `zoneTooLarge` problem instead of being analysed: memory grows with the text, and an editor
 * must stay responsive. The editor's limit (`AnalysisOptions.maxZoneCharacters`); the CLI checks
 * any file Node can read into one string.
 */
export const MAX_ZONE_CHARACTERS = 64 * MiB;

/** Longer messages are shortened in the middle; they quote words, and a word may be megabytes long. */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * At most this many problems are reported per file (the first, in file order), then one
 * `tooManyProblems` with the count of the rest: an editor cannot show a million diagnostics.
 */
export const MAX_PROBLEMS_PER_FILE = 10000;

/** Rule findings kept at most, all rules together; more than the analysis shows, so none is lost. */
export const MAX_RULE_PROBLEMS = 100_000;

/** How deep `$INCLUDE` may nest before we refuse, to stop runaway chains. */
export const MAX_INCLUDE_DEPTH = 16;

/** Included files above this size are refused: a zone that large is not edited by hand. */
export const MAX_INCLUDE_BYTES = 20 * MiB;

/**
 * One analysis reads at most this many included files, and this many bytes in all: a file that
 * includes another ten times, which includes the next ten times, and so on, is not a cycle, but
 * would otherwise be read billions of times. BIND has no such limit, so the count is high enough
 * for real zones made of many small files (50,000 includes check in about a second); the bytes
 * bound the memory.
 */
export const MAX_INCLUDE_READS = 50_000;
export const MAX_INCLUDE_TOTAL_BYTES = 64 * MiB;

/** Refuse `$GENERATE` ranges larger than this: a typo like `1-10000000` must not eat the editor's memory. */
export const MAX_GENERATE_RECORDS = 65536;

/** All `$GENERATE` directives of one zone together make at most this many records… */
export const MAX_GENERATED_RECORDS_PER_ZONE = 262144;

/** …and at most this many characters of record text (a long template times a large range). */
export const MAX_GENERATED_CHARACTERS_PER_ZONE = 32 * MiB;

/** The `$GENERATE` bounds of one analysis (`AnalysisOptions.generateLimits`). */
export interface GenerateLimits {
	/** Records one directive may make. */
	readonly perDirective: number;
	/** Records and characters of record text all directives of the zone may make together. */
	readonly records: number;
	readonly characters: number;
}

/** The editor's: a typo like `1-10000000` in an open document must not eat its memory. */
export const EDITOR_GENERATE_LIMITS: GenerateLimits = Object.freeze({
	perDirective: MAX_GENERATE_RECORDS,
	records: MAX_GENERATED_RECORDS_PER_ZONE,
	characters: MAX_GENERATED_CHARACTERS_PER_ZONE,
});

/**
 * The CLI's: BIND expands any range, so a zone it loads with a million generated records is checked
 * (about 400 bytes of memory a record; 2^21 records fit Node's default heap with room to spare).
 */
export const CLI_GENERATE_LIMITS: GenerateLimits = Object.freeze({ perDirective: 2_097_152, records: 2_097_152, characters: 128 * MiB });

/**
 * More RDATA words than this cannot fit the 65535 octets of RDATA (RFC 1035 §3.2.1): every word but
 * `\#` and its length stands for at least half an octet.
 */
export const MAX_RDATA_WORDS = 2 * 65535 + 2;

/**
 * The Outline lists at most this many names and directives, in file order, then one symbol that
 * counts the rest: a 100,000-record zone would make about 170,000 symbols (40 MB of JSON, and
 * seconds to send), more than an editor can show or a person can scroll. At this cap the Outline
 * of a 100,000-record zone is about 2,600 symbols and 0.6 MB, which the server sends within 20 ms
 * (2,000 names took twice that: the time is the JSON's).
 */
export const MAX_OUTLINE_SYMBOLS = 1000;

/**
 * Workspace symbols search the owners of every indexed zone, the first this many of each (a
 * 100,000-owner zone would otherwise keep 100,000 positions in the index for a search that shows
 * a screenful), and answer at most {@link MAX_WORKSPACE_SYMBOLS}. Open documents are searched whole.
 */
export const MAX_WORKSPACE_OWNERS_PER_ZONE = 20_000;
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * SPF records kept per indexed zone for `include:`/`redirect=` from other zones (a zone publishes
 * a few; a generated one could publish a million). A target past them counts as outside the workspace.
 */
export const MAX_WORKSPACE_SPF_RECORDS_PER_ZONE = 1000;

/**
 * The index keeps, per zone, the words that name something outside the zone (MX, NS, CNAME, SRV…
 * targets in other zones), the first this many of them: what cross-zone references and rename read.
 * A zone with more is marked, and a rename that might miss one of its words is refused.
 */
export const MAX_WORKSPACE_REFERENCES_PER_ZONE = 20_000;

/** Folding ranges sent when the client sets no `rangeLimit` of its own: VS Code's default limit. */
export const MAX_FOLDING_RANGES = 5000;

/** A row of the README's limits table: what is bounded, the bound, and what happens past it. */
export interface LimitRow {
	readonly what: string;
	readonly limit: string;
	readonly pastIt: string;
}

/** `12345` → `12,345`, without `Intl` (whose first use costs tens of milliseconds, in a request). */
export function groupDigits(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
const count = groupDigits;
const mebibytes = (n: number): string => `${n / MiB} MiB`;

const generateLimits = (limits: GenerateLimits): string =>
	`${count(limits.perDirective)} records per directive, ${count(limits.records)} records and ${mebibytes(limits.characters)} of record text per zone`;

export const LIMITS: readonly LimitRow[] = [
	{
		what: 'Zone text (one open document; one file for the CLI)',
		limit: `${mebibytes(MAX_ZONE_CHARACTERS)} in the editor (setting \`zoneSentinel.maxZoneSize\`, up to 511 MiB); for the CLI, the longest string Node holds (511 MiB on Node 20)`,
		pastIt:
			'the editor shows one `zoneTooLarge` error and checks nothing; the CLI refuses the file unread (exit 2, the size and limit named)',
	},
	{
		what: '`$INCLUDE` nesting',
		limit: `${MAX_INCLUDE_DEPTH} levels`,
		pastIt: '`includeTooDeep` on the `$INCLUDE` that goes deeper; a file already being read is `includeCycle`',
	},
	{
		what: 'Files read through `$INCLUDE` for one zone',
		limit: `${count(MAX_INCLUDE_READS)} reads, ${mebibytes(MAX_INCLUDE_TOTAL_BYTES)} in all, ${mebibytes(MAX_INCLUDE_BYTES)} each`,
		pastIt:
			'`includeNotFound` naming the limit (a file that includes the next ten times, and so on, is not a cycle but would be read billions of times)',
	},
	{
		what: '`$GENERATE`',
		limit: `${generateLimits(EDITOR_GENERATE_LIMITS)} in the editor; for the CLI, ${generateLimits(CLI_GENERATE_LIMITS)}`,
		pastIt: "`generateTooLarge` naming the limit; none of that directive's records are checked",
	},
	{
		what: 'RDATA words of one record',
		limit: `${count(MAX_RDATA_WORDS)} (RDATA holds at most 65,535 octets)`,
		pastIt: 'one `rdataTooLong` for the record',
	},
	{
		what: 'Problems per file',
		limit: `the first ${count(MAX_PROBLEMS_PER_FILE)} (in file order)`,
		pastIt: 'one `tooManyProblems` with the count of the rest, as severe as the worst of them',
	},
	{
		what: 'Message length',
		limit: `${count(MAX_MESSAGE_LENGTH)} characters`,
		pastIt: 'the middle is left out (a message quotes the word it blames, which may be megabytes long)',
	},
	{
		what: 'Outline (document symbols) and folding ranges',
		limit: `the first ${count(MAX_OUTLINE_SYMBOLS)} names and directives; ${count(MAX_FOLDING_RANGES)} folding ranges unless the client sets its own limit`,
		pastIt: 'one last Outline entry counts the names left out; folding ranges past the limit are not sent',
	},
	{
		what: 'Workspace symbols',
		limit: `the first ${count(MAX_WORKSPACE_OWNERS_PER_ZONE)} owners of each indexed zone (open documents: all); ${count(MAX_WORKSPACE_SYMBOLS)} results`,
		pastIt: 'later owners of a larger indexed zone are found once it is open; the best matches are sent',
	},
	{
		what: 'SPF records of other zones',
		limit: `the first ${count(MAX_WORKSPACE_SPF_RECORDS_PER_ZONE)} of each indexed zone`,
		pastIt: 'an include of a later one counts as 1 lookup, named as outside the workspace',
	},
	{
		what: 'Cross-zone references',
		limit: `the first ${count(MAX_WORKSPACE_REFERENCES_PER_ZONE)} names in each indexed zone that point outside it`,
		pastIt: 'references past it are not listed, and a rename that such a zone might name is refused',
	},
	{ what: 'Stray `)`', limit: 'one problem per line', pastIt: '' },
];
