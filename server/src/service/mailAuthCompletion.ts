/**
 * Completion inside the quoted text of an SPF or DMARC TXT record, and nowhere else in a string:
 * only when the record's text (its strings joined, as receivers read it) starts with `v=spf1 ` or
 * `v=DMARC1;` before the cursor. Then, in a term being typed after a blank, the SPF mechanisms and
 * modifiers (keeping a typed qualifier such as `-`); after a DMARC `;`, the tags, and the values
 * of `p=`, `sp=`, `adkim=`, `aspf=` and `fo=`. A term or tag the record already has is not offered
 * again. Any other string (a comment in TXT, DKIM keys, free text) gets nothing, as before.
 */
import { type CompletionItem, CompletionItemKind, type Range } from 'vscode-languageserver-types';
import { TokenKind, TypeCode, txtText, type ZoneModel } from '../../../core/src/index';
import { type PositionSource, toRange } from './convert';
import { wordAt } from './recordAt';

const SPF_TERMS: readonly (readonly [string, string])[] = [
	['a', "pass for the domain's addresses (1 lookup)"],
	['mx', "pass for the domain's mail exchangers (1 lookup)"],
	['ip4:', 'pass for senders in an IPv4 network, e.g. ip4:192.0.2.0/24 (no lookup)'],
	['ip6:', 'pass for senders in an IPv6 network, e.g. ip6:2001:db8::/32 (no lookup)'],
	['include:', "pass when another domain's SPF passes the sender (1 lookup, and those of its record)"],
	['exists:', 'pass when a name has an A record, usually built with macros (1 lookup)'],
	['-all', 'fail for every other sender'],
	['~all', 'soft fail for every other sender'],
	['?all', 'neutral for every other sender'],
	['redirect=', "when nothing matched, another domain's SPF decides (1 lookup)"],
	['exp=', 'where receivers read the explanation they give on fail'],
];

const QUALIFIED: Readonly<Record<string, string>> = { '+': 'pass', '-': 'fail', '~': 'soft fail', '?': 'neutral' };

const DMARC_TAGS: readonly (readonly [string, string])[] = [
	['p=', 'the policy for mail that fails: none, quarantine or reject (required)'],
	['sp=', "the policy for subdomains' mail; default: p"],
	['rua=mailto:', 'where aggregate reports go'],
	['ruf=mailto:', 'where failure reports go'],
	['pct=', 'the percentage of failing mail the policy applies to (0–100, default 100)'],
	['adkim=', 'DKIM alignment: r (relaxed, default) or s (strict)'],
	['aspf=', 'SPF alignment: r (relaxed, default) or s (strict)'],
	['fo=', 'when failure reports are sent: 0 (default), 1, d, s'],
	['ri=', 'seconds between aggregate reports (default 86400)'],
	['rf=', 'the failure report format: afrf'],
];

const DMARC_VALUES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
	p: [
		['none', 'monitor only: deliver as usual and report'],
		['quarantine', 'treat failing mail as suspicious (spam folder)'],
		['reject', 'refuse failing mail'],
	],
	adkim: [
		['r', 'relaxed: the same organizational domain'],
		['s', 'strict: exactly the same domain'],
	],
	fo: [
		['0', 'report when all mechanisms fail (default)'],
		['1', 'report when any mechanism fails'],
		['d', 'report when DKIM fails'],
		['s', 'report when SPF fails'],
	],
};

/** The items for the cursor inside a quoted string of a TXT record, or none. */
export function mailAuthTextItems(model: ZoneModel, source: PositionSource, offset: number): CompletionItem[] {
	const word = wordAt(model, offset);
	if (!word || model.files[0].syntax.tokens.kind(word.token) !== TokenKind.Quoted || !insideQuotes(word.text, word.start, offset))
		return [];
	const record = word.records[0];
	if (!record || record.type !== TypeCode.TXT || word.field < record.rdataField) return [];
	const txt = txtText(model, record);
	if (!txt) return [];
	// The characters of the text written before the cursor.
	let index = 0;
	while (index < txt.text.length && txt.ends[index] <= offset) index++;
	const before = txt.text.slice(0, index);
	const startOf = (textIndex: number): number => (textIndex < index ? txt.starts[textIndex] : offset);
	if (/^v=spf1 /i.test(before)) return spfItems(txt.text, index, (from) => toRange(source, startOf(from), offset));
	if (/^v\s*=\s*DMARC1\s*;/.test(before)) return dmarcItems(txt.text, before, (from) => toRange(source, startOf(from), offset));
	return [];
}

/** True when `offset` is after the opening quote and before the closing one (or the string is unterminated). */
function insideQuotes(text: string, start: number, offset: number): boolean {
	const closed = text.length >= 2 && text.endsWith('"') && !text.endsWith('\\"');
	return offset > start && (!closed || offset < start + text.length);
}

function spfItems(text: string, index: number, range: (from: number) => Range): CompletionItem[] {
	const termStart = text.lastIndexOf(' ', index - 1) + 1;
	const typed = text.slice(termStart, index);
	// Only the name of a term: after `:`, `=` or `/` comes its value, which is the user's.
	if (/[:=/]/.test(typed)) return [];
	const qualifier = /^[-+~?]/.test(typed) ? typed[0] : '';
	// The record's other terms (not the one being typed), without qualifiers.
	const termEnd = text.indexOf(' ', index);
	const others = (text.slice(6, termStart) + ' ' + (termEnd === -1 ? '' : text.slice(termEnd)))
		.split(' ')
		.filter(Boolean)
		.map((term) => term.toLowerCase().replace(/^[-+~?]/, ''));
	const items: CompletionItem[] = [];
	for (const [term, detail] of SPF_TERMS) {
		const bare = term.replace(/^[-~?]/, '');
		const modifier = bare.endsWith('=');
		// One `all`, `a`, `mx`, `redirect=` or `exp=` is enough; ip4:, include: and the like come as often as needed.
		if (
			modifier ? others.some((other) => other.startsWith(bare)) : (bare === 'all' || bare === 'a' || bare === 'mx') && others.includes(bare)
		)
			continue;
		// A typed qualifier stays; `-all`, `~all` and `?all` carry their own, and modifiers take none.
		if (qualifier && (bare === 'all' || modifier)) continue;
		const newText = qualifier + term;
		items.push({
			label: newText,
			kind: modifier ? CompletionItemKind.Property : CompletionItemKind.Keyword,
			// `-a` fails what `a` passes: the detail says what this qualifier makes of a match.
			detail: qualifier ? detail.replace(/^pass/, QUALIFIED[qualifier]) : detail,
			textEdit: { range: range(termStart), newText },
		});
	}
	return items;
}

function dmarcItems(text: string, before: string, range: (from: number) => Range): CompletionItem[] {
	const semicolon = before.lastIndexOf(';');
	let tagStart = semicolon + 1;
	while (tagStart < before.length && (before[tagStart] === ' ' || before[tagStart] === '\t')) tagStart++;
	const typed = before.slice(tagStart);
	const equals = typed.indexOf('=');
	if (equals !== -1) {
		const tag = typed.slice(0, equals).trim().toLowerCase();
		const values = DMARC_VALUES[tag === 'sp' ? 'p' : tag === 'aspf' ? 'adkim' : tag];
		if (!values) return [];
		return values.map(([value, detail]) => ({
			label: value,
			kind: CompletionItemKind.EnumMember,
			detail,
			textEdit: { range: range(tagStart + equals + 1), newText: value },
		}));
	}
	const present = new Set(text.split(';').map((tag) => tag.split('=')[0].trim().toLowerCase()));
	return DMARC_TAGS.filter(([tag]) => !present.has(tag.slice(0, tag.indexOf('=')))).map(([tag, detail]) => ({
		label: tag,
		kind: CompletionItemKind.Property,
		detail,
		textEdit: { range: range(tagStart), newText: tag },
	}));
}
