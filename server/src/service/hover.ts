/**
 * Hovers: what a word of a zone file means, from the model rather than the text.
 *
 * - MX preference, exchange or type word: the delivery order of the owner (see `mailHover.ts`);
 * - a TTL word (`3600`, `1h` or `$TTL 1h`): seconds in human units and where a TTL came from;
 * - an owner or target name: its absolute form, e.g. `www` → `www.example.com.`;
 * - SOA RDATA: the field name (mname, rname, serial, refresh, retry, expire, minimum) with units;
 * - an SPF, DMARC, DKIM, MTA-STS or TLS-RPT TXT record: the record term by term (see `mailAuthHover.ts`);
 * - a type word: the registry's summary, RDATA layout and RFC.
 *
 * A pure function of (document, analysis, position, options): no state, no IO.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver-types';
import {
	DEFAULT_RULE_OPTIONS,
	isAbsoluteName,
	isRestKind,
	parseTtl,
	type ResourceRecord,
	rrTypeByCode,
	type RuleOptions,
	type TtlSource,
	TypeCode,
	typeName,
	type ZoneAnalysis,
} from '../../../core/src/index';
import { toRange } from './convert';
import { mailAuthCard } from './mailAuthHover';
import { mxCard } from './mailHover';
import { code, describeSeconds, rfcLinks } from './markdown';
import { type WordAt, wordAt } from './recordAt';
import { soaFieldCard } from './soaHover';

/** The hover for the word at `position`, or `undefined` where there is nothing to explain. */
export function getHover(
	document: TextDocument,
	analysis: ZoneAnalysis,
	position: Position,
	options: RuleOptions = DEFAULT_RULE_OPTIONS,
): Hover | undefined {
	const word = wordAt(analysis.model, document.offsetAt(position));
	if (!word) return undefined;
	const paragraphs = describeWord(analysis, word, options, document.offsetAt(position));
	if (paragraphs.length === 0) return undefined;
	return { contents: { kind: MarkupKind.Markdown, value: paragraphs.join('\n\n') }, range: toRange(document, word.start, word.end) };
}

function describeWord(analysis: ZoneAnalysis, word: WordAt, options: RuleOptions, offset: number): string[] {
	if (word.records.length === 0) return directiveTtl(word);
	const record = word.records[0];
	// $GENERATE records point at the directive's words, which do not line up with a record's
	// fields; only the type word is explained there.
	if (record.generated) {
		if (word.text.toUpperCase() !== typeName(record.type)) return [];
		return [...typeCard(record), `Made by \`$GENERATE\`: ${word.records.length} records of this type.`];
	}
	const { model } = analysis;
	const isMx = record.type === TypeCode.MX;
	switch (word.field) {
		case record.ownerField:
			return [...ownerCard(word, record), ...effectiveTtl(record)];
		case record.ttlField:
			return [`**TTL** ${describeSeconds(record.ttl)}`, 'Set on this record: caches keep the answer this long.'];
		case record.typeField:
			return [...typeCard(record), ...(isMx ? mxCard(model, record, options) : []), ...effectiveTtl(record)];
		case record.classField:
			return [`**Class** ${code(record.class)}${record.class === 'IN' ? ': the Internet' : ''}.`];
	}
	if (word.field < record.rdataField) return [];
	const rdataIndex = word.field - record.rdataField;
	if (isMx && rdataIndex <= 1) {
		const expansion = rdataIndex === 1 ? nameExpansion(word.text, record.value(1)) : [];
		return [...expansion, ...mxCard(model, record, options)];
	}
	if (record.type === TypeCode.SOA) return soaFieldCard(record, rdataIndex, word.text);
	if (record.type === TypeCode.TXT) {
		const card = mailAuthCard(model, record, offset);
		if (card.length > 0) return card;
	}
	return rdataFieldCard(record, rdataIndex, word.text);
}

/** `$TTL 1h`: the default for the records that follow. */
function directiveTtl(word: WordAt): string[] {
	if (word.firstWord.toUpperCase() !== '$TTL' || word.field !== 1) return [];
	const seconds = parseTtl(word.text);
	if (seconds === undefined) return [];
	return [`**$TTL** ${describeSeconds(seconds)}`, 'The default TTL of the records below that give none of their own (RFC 2308 §4).'];
}

function ownerCard(word: WordAt, record: ResourceRecord): string[] {
	if (word.text === '@') return [`**Owner** ${code('@')} is the origin: ${code(record.owner)}`];
	if (isAbsoluteName(word.text)) return [`**Owner** ${code(record.owner)}`];
	return [`**Owner** ${code(word.text)} → ${code(record.owner)}`, 'A name without a trailing dot is relative: the origin is appended.'];
}

const TTL_SOURCES: Readonly<Record<TtlSource, string>> = {
	record: 'set on this record',
	$TTL: 'from the `$TTL` directive above',
	previous: 'inherited from the record before it (no `$TTL` was in effect, RFC 1035 §5.1)',
	soaMinimum: "from the SOA minimum field (no TTL and no `$TTL`: BIND's fallback)",
};

/** For a record without a TTL word: the TTL it gets and where from. */
function effectiveTtl(record: ResourceRecord): string[] {
	if (record.ttlField !== -1) return [];
	return [`TTL ${describeSeconds(record.ttl)}, ${TTL_SOURCES[record.ttlSource]}.`];
}

/** The registry's entry for the record's type: summary, RDATA layout and defining RFC. */
function typeCard(record: ResourceRecord): string[] {
	const info = rrTypeByCode(record.type);
	if (!info)
		return [
			`**${typeName(record.type)}** (type ${record.type}): no mnemonic; its RDATA is written in RFC 3597 generic form (\`\\# length hex\`).`,
		];
	const details = [`RDATA: ${code(info.fields.map((field) => field.name).join(' '))}`];
	if (info.rfc) details.push(rfcLinks(info.rfc));
	return [`**${info.mnemonic}** (type ${info.code}) — ${info.summary}.`, details.join(' · ')];
}

/** A relative name in RDATA and what it expands to, e.g. `mail` → `mail.example.com.`. */
function nameExpansion(written: string, value: unknown): string[] {
	if (typeof value !== 'string' || isAbsoluteName(written)) return [];
	if (written === '@') return [`${code('@')} is the origin: ${code(value)}`];
	return [`${code(written)} → ${code(value)} (no trailing dot: the origin is appended).`];
}

/** Any other RDATA word: its field name from the registry, and a name's expansion. */
function rdataFieldCard(record: ResourceRecord, index: number, written: string): string[] {
	const info = rrTypeByCode(record.type);
	if (!info || record.rdataCount === 0) return [];
	// Words map one to one onto fields up to the first field that takes the rest of the line.
	const rest = info.fields.findIndex((field) => isRestKind(field.kind));
	const fieldIndex = rest !== -1 && index > rest ? rest : index;
	const field = info.fields[fieldIndex];
	if (!field) return [];
	const card = [`**${info.mnemonic}** ${code(field.name)}`];
	if (field.kind === 'name') card.push(...nameExpansion(written, record.rdata[fieldIndex]));
	return card;
}
