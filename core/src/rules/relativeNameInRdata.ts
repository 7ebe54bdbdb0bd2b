/**
 * `relativeNameInRdata`: a target name without a trailing dot that was almost certainly meant to be
 * absolute. Relative names get the origin appended, so `mail.example.com` inside `example.com.`
 * means `mail.example.com.example.com.`, the classic zone-file bug. Many relative names are meant
 * (`ns1.sub` for `ns1.sub.example.com.`), so it is reported only when the relative reading is
 * unlikely: the expanded name is one this zone does not have, and it ends in the origin twice or
 * the written name looks like a host elsewhere (it ends in a common top-level domain).
 *
 * The "Add trailing dot" fix is preferred (applied by auto-fix) only when the absolute name is one
 * this zone has, so it is known to resolve; and it is not offered for an NS target that would
 * become an in-zone name without an address, which named refuses.
 *
 * Bad:  `@ MX 10 mail.example.com`
 * Good: `@ MX 10 mail.example.com.` or `@ MX 10 mail`
 */
import { fieldSpan, type ResourceRecord } from '../model/zoneModel';
import { isAbsoluteName, nameKey } from '../model/domainName';
import { isDelegated, isInZone, mailFacts } from '../model/mail/mailExchangers';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { replaceField } from '../edits/recordEdits';
import { nsTargetProblem } from './nsTargetNoAddress';
import type { Rule } from './rule';
import { existsInZone } from './zoneShape';

/** Which RDATA word holds the target name, by type. */
const TARGET_FIELD: ReadonlyMap<number, number> = new Map([
	[TypeCode.MX, 1],
	[TypeCode.NS, 0],
	[TypeCode.CNAME, 0],
	[TypeCode.PTR, 0],
	[TypeCode.DNAME, 0],
	[TypeCode.SRV, 3],
]);

/** Top-level domains common enough that a relative name ending in one is surely a typo. */
const COMMON_TLDS = new Set([
	'com',
	'net',
	'org',
	'edu',
	'gov',
	'mil',
	'int',
	'info',
	'biz',
	'io',
	'dev',
	'app',
	'cloud',
	'online',
	'xyz',
	'arpa',
]);

/** True when the written (relative) name ends with the origin, so the expanded one has it twice. */
function endsWithOrigin(written: string, origin: string): boolean {
	const lower = written.toLowerCase();
	const bareOrigin = origin.toLowerCase().replace(/\.$/, '');
	return bareOrigin !== '' && (lower === bareOrigin || lower.endsWith('.' + bareOrigin));
}

/** True when the written name ends in a common or two-letter top-level domain, like a host elsewhere. */
function looksForeign(written: string): boolean {
	const labels = written.toLowerCase().split('.');
	if (labels.length < 2) return false;
	const tld = labels[labels.length - 1];
	return COMMON_TLDS.has(tld) || /^[a-z]{2}$/.test(tld);
}

export const relativeNameInRdata: Rule = {
	id: 'relativeNameInRdata',
	defaultLevel: 'warning',
	description: 'A target name without a trailing dot looks like a full host name, but gets the origin appended.',
	reference: 'RFC 1035 §5.1',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		if (model.origin === undefined) return;
		const facts = mailFacts(model);
		for (const record of model.records) {
			const offset = TARGET_FIELD.get(record.type);
			if (offset === undefined || record.generated) continue;
			check(record, offset);
		}
		function check(record: ResourceRecord, offset: number): void {
			const field = record.rdataField + offset;
			if (field >= record.entry.fields.length) return;
			const span = fieldSpan(model, record, field);
			const written = model.files[span.file].syntax.tokens.text.slice(span.start, span.end);
			if (written === '@' || isAbsoluteName(written) || written.startsWith('\\#')) return;
			const expanded = String(record.value(offset) ?? '');
			// The origin in force for this record ($ORIGIN may have changed it).
			const origin = expanded.slice(written.length + 1) || model.origin!;
			// A name the zone has is a relative name that resolves: it was meant (`ns2` in zone `ns2.`).
			if (existsInZone(facts, nameKey(expanded))) return;
			const doubled = endsWithOrigin(written, origin);
			if (!doubled && !looksForeign(written)) return;
			const absolute = written + '.';
			const absoluteKey = nameKey(absolute);
			const inZone = isInZone(facts, absoluteKey);
			const resolves = inZone && resolvesInZone(record, absoluteKey);
			// An NS target that becomes an in-zone name with no address makes named refuse the zone; and
			// a dot on one of several identical CNAME lines (folded into one record) would make two CNAMEs.
			const safe = (resolves || !inZone || record.type !== TypeCode.NS) && !model.folded.has(record);
			const known = resolves ? ', a name this zone has' : '';
			const missing = ', which this zone does not have';
			const noFix = safe
				? ''
				: ` This zone has no address for ${absolute} either, and named refuses a name server without one: add its A or AAAA record too.`;
			context.report({
				...span,
				message: `'${written}' has no trailing dot, so it expands to ${expanded}${missing} (add a dot if you meant ${absolute}${known}).${noFix}`,
				fixes: safe
					? [{ title: 'Add trailing dot', edits: [replaceField(model, record, field, absolute)], preferred: resolves, safe: resolves }]
					: undefined,
			});
		}
		/** True when the absolute in-zone name would serve the record: it exists, and an NS target has an address. */
		function resolvesInZone(record: ResourceRecord, key: string): boolean {
			if (!existsInZone(facts, key)) return false;
			return record.type !== TypeCode.NS || isDelegated(facts, key) || nsTargetProblem(facts, key, model.origin) === undefined;
		}
	},
};
