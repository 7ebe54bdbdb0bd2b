/**
 * SPF records (RFC 7208) parsed from a TXT record's text, term by term, with the characters each
 * term spans, so rules report the exact term (`ip4:192.0.2.300/24`) and hovers explain each one.
 * The parser never throws: what does not fit the grammar becomes a term with an `error`.
 */
import { addressOctets } from '../../ipNetwork';
import { SPF_RECORD_START, type TxtText } from '../../txtText';

export type SpfQualifier = '+' | '-' | '~' | '?';

export const SPF_MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanism = (typeof SPF_MECHANISMS)[number];

/** Terms that make the receiver query DNS, counted against the limit of 10 (RFC 7208 §4.6.4). */
export const SPF_LOOKUP_TERMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
export const SPF_MAX_LOOKUPS = 10;

export interface SpfTerm {
	readonly kind: 'mechanism' | 'modifier';
	/** Lower case: a mechanism, `redirect`, `exp`, or another modifier's name. */
	readonly name: string;
	/** Mechanisms only; `+` when none is written. */
	readonly qualifier: SpfQualifier;
	/** After `:` (mechanisms) or `=` (modifiers), as written; `undefined` when absent. */
	readonly value: string | undefined;
	/** The domain part of `a`, `mx`, `ptr`, `include`, `exists`, `redirect`, `exp` (no CIDR). */
	readonly domain: string | undefined;
	/** The prefix length after `/` (ip4, ip6, and the IPv4 one of a/mx) and after `//` (the IPv6 one of a/mx). */
	readonly cidr4: number | undefined;
	readonly cidr6: number | undefined;
	/** Indices into the record's text. */
	readonly from: number;
	readonly to: number;
	/** Why the term breaks the grammar (receivers then return permerror); `undefined` when it is fine. */
	readonly error: string | undefined;
}

export interface SpfRecord {
	readonly txt: TxtText;
	readonly terms: readonly SpfTerm[];
}

/** True when the text is an SPF record: `v=spf1` then a space or the end (RFC 7208 §4.5, case-insensitive). */
export function isSpfText(text: string): boolean {
	return SPF_RECORD_START.test(text);
}

export function parseSpf(txt: TxtText): SpfRecord {
	return { txt, terms: parseSpfTerms(txt.text) };
}

/** The terms of an SPF record's text (which starts `v=spf1`), with their indices into it. */
export function parseSpfTerms(text: string): SpfTerm[] {
	const terms: SpfTerm[] = [];
	let i = 'v=spf1'.length;
	while (i < text.length) {
		if (text.charCodeAt(i) === 0x20) {
			i++;
			continue;
		}
		let end = i;
		while (end < text.length && text.charCodeAt(end) !== 0x20) end++;
		terms.push(parseTerm(text.slice(i, end), i, end));
		i = end;
	}
	return terms;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function parseTerm(word: string, from: number, to: number): SpfTerm {
	const term = (fields: Partial<SpfTerm> & Pick<SpfTerm, 'kind' | 'name'>): SpfTerm => ({
		qualifier: '+',
		value: undefined,
		domain: undefined,
		cidr4: undefined,
		cidr6: undefined,
		error: undefined,
		from,
		to,
		...fields,
	});
	const outside = /[^\x21-\x7e]/.exec(word);
	if (outside) {
		const code = outside[0].codePointAt(0) ?? 0;
		return term({
			kind: 'mechanism',
			name: word,
			error: `'${word}' holds U+${code.toString(16).toUpperCase().padStart(4, '0')}, which SPF does not allow (visible ASCII only).`,
		});
	}
	const equals = word.indexOf('=');
	const colon = word.search(/[:/]/);
	if (equals > 0 && (colon === -1 || equals < colon)) {
		const name = word.slice(0, equals).toLowerCase();
		const value = word.slice(equals + 1);
		if (!NAME.test(word.slice(0, equals)))
			return term({ kind: 'modifier', name, value, error: `'${word.slice(0, equals)}' is not a valid modifier name.` });
		if (name === 'redirect' || name === 'exp') {
			const problem = domainSpecProblem(value);
			return term({ kind: 'modifier', name, value, domain: value, error: problem && `${name}=${value}: ${problem}.` });
		}
		// Unknown modifiers are ignored by receivers (RFC 7208 §6), but their value must still be a macro-string.
		return term({ kind: 'modifier', name, value, error: macroProblem(value) && `${word}: ${macroProblem(value)}.` });
	}
	let qualifier: SpfQualifier = '+';
	let rest = word;
	if ('+-~?'.includes(rest[0])) {
		qualifier = rest[0] as SpfQualifier;
		rest = rest.slice(1);
	}
	const nameEnd = rest.search(/[:/]/);
	const written = nameEnd === -1 ? rest : rest.slice(0, nameEnd);
	const name = written.toLowerCase();
	const after = nameEnd === -1 ? '' : rest.slice(nameEnd);
	const mechanism = (fields: Partial<SpfTerm>): SpfTerm => term({ kind: 'mechanism', name, qualifier, ...fields });
	if (!(SPF_MECHANISMS as readonly string[]).includes(name)) {
		const hint = suggestion(name);
		return mechanism({
			error: `'${written}' is not an SPF mechanism${hint ? ` (did you mean '${hint}'?)` : ''}; receivers return permerror for the whole record.`,
		});
	}
	const value = after.startsWith(':') ? after.slice(1) : undefined;
	switch (name as SpfMechanism) {
		case 'all':
			return mechanism({ error: after ? `'all' takes no argument ('${word}').` : undefined });
		case 'include':
		case 'exists': {
			if (!after.startsWith(':') || !value) return mechanism({ error: `'${name}' needs a domain: ${name}:example.net.` });
			const problem = domainSpecProblem(value);
			return mechanism({ value, domain: value, error: problem && `${word}: ${problem}.` });
		}
		case 'ptr': {
			if (after && !after.startsWith(':')) return mechanism({ error: `'ptr' takes only a domain ('ptr:example.com'), no prefix length.` });
			const problem = value === undefined ? undefined : domainSpecProblem(value);
			return mechanism({ value, domain: value, error: problem && `${word}: ${problem}.` });
		}
		case 'a':
		case 'mx': {
			const match = /^(?::([^/]*))?(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(after);
			if (!match) return mechanism({ value, error: `'${word}' is not ${name}[:domain][/prefix][//prefix6].` });
			const [, domain, v4, v6] = match;
			const cidr4 = v4 === undefined ? undefined : Number(v4);
			const cidr6 = v6 === undefined ? undefined : Number(v6);
			const cidrProblem =
				cidr4 !== undefined && cidr4 > 32
					? `/${cidr4} is longer than 32 bits`
					: cidr6 !== undefined && cidr6 > 128
						? `//${cidr6} is longer than 128 bits`
						: undefined;
			const problem = (domain === undefined ? undefined : domainSpecProblem(domain)) ?? cidrProblem;
			return mechanism({ value, domain, cidr4, cidr6, error: problem && `${word}: ${problem}.` });
		}
		case 'ip4':
		case 'ip6': {
			if (!value) return mechanism({ error: `'${name}' needs an address: ${name === 'ip4' ? 'ip4:192.0.2.0/24' : 'ip6:2001:db8::/32'}.` });
			const slash = value.lastIndexOf('/');
			const address = slash === -1 ? value : value.slice(0, slash);
			const prefixText = slash === -1 ? undefined : value.slice(slash + 1);
			const max = name === 'ip4' ? 32 : 128;
			const octets = addressOctets(address);
			const family = name === 'ip4' ? 4 : 16;
			if (!octets || octets.length !== family || (name === 'ip6') !== address.includes(':'))
				return mechanism({ value, error: `'${address}' is not an ${name === 'ip4' ? 'IPv4' : 'IPv6'} address (${word}).` });
			if (prefixText !== undefined && (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max))
				return mechanism({ value, error: `'/${prefixText}' is not a prefix length of 0–${max} (${word}).` });
			const prefix = prefixText === undefined ? undefined : Number(prefixText);
			return mechanism({ value, cidr4: name === 'ip4' ? prefix : undefined, cidr6: name === 'ip6' ? prefix : undefined });
		}
	}
}

/** A mechanism name one letter away from a real one, for the message (`inlcude` → `include`). */
function suggestion(name: string): string | undefined {
	for (const known of [...SPF_MECHANISMS, 'redirect']) {
		if (known.length < 3 || Math.abs(known.length - name.length) > 1) continue;
		if ([...known].sort().join('') === [...name].sort().join('') || editDistanceOne(known, name)) return known;
	}
	return undefined;
}

function editDistanceOne(a: string, b: string): boolean {
	if (a === b) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** Why a macro-string is not one (RFC 7208 §7.1): a `%` not followed by `{…}`, `%`, `_` or `-`, or a bad macro. */
function macroProblem(value: string): string | undefined {
	for (let i = value.indexOf('%'); i !== -1; i = value.indexOf('%', i + 1)) {
		const next = value[i + 1];
		if (next === '%' || next === '_' || next === '-') {
			i++;
			continue;
		}
		const macro = /^\{([slodiphcrtvSLODIPHCRTV])(\d*)(r?)([.\-+,/_=]*)\}/i.exec(value.slice(i + 1));
		if (!macro) return `'${value.slice(i, i + 4)}…' is not a macro (write %{d}, %{i}, … or %% for a percent sign)`;
		i += macro[0].length;
	}
	return undefined;
}

/** Why a domain-spec is not one: a bad macro, or no dot before the last label when it has no macro (`include:example`). */
function domainSpecProblem(value: string): string | undefined {
	if (value === '') return 'the domain is empty';
	const macro = macroProblem(value);
	if (macro) return macro;
	if (value.includes('%')) return undefined;
	const name = value.endsWith('.') ? value.slice(0, -1) : value;
	if (!name.includes('.')) return `'${value}' is not a fully qualified domain name (SPF names are never relative to the zone)`;
	if (name.split('.').some((label) => label.length === 0 || label.length > 63)) return `'${value}' has an empty or over-long label`;
	return undefined;
}
