/**
 * `relativeNameInRdata`: a target name without a trailing dot that was almost certainly meant to be
 * absolute. Relative names get the origin appended, so `mail.example.com` inside `example.com.`
 * means `mail.example.com.example.com.`, the classic zone-file bug. Reported when the name already
 * ends with the origin, or ends in a common top-level domain (a foreign host such as `mx.example.net`).
 *
 * Bad:  `@ MX 10 mail.example.com`
 * Good: `@ MX 10 mail.example.com.` or `@ MX 10 mail`
 */
import { fieldSpan, type ResourceRecord } from '../model/zoneModel';
import { isAbsoluteName } from '../model/domainName';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { replaceField } from '../edits/recordEdits';
import type { Rule } from './rule';

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

function looksAbsoluteMeant(written: string, origin: string): boolean {
	const lower = written.toLowerCase();
	const bareOrigin = origin.toLowerCase().replace(/\.$/, '');
	if (bareOrigin !== '' && (lower === bareOrigin || lower.endsWith('.' + bareOrigin))) return true;
	const labels = lower.split('.');
	if (labels.length < 2) return false;
	const tld = labels[labels.length - 1];
	return COMMON_TLDS.has(tld) || /^[a-z]{2}$/.test(tld);
}

export const relativeNameInRdata: Rule = {
	id: 'relativeNameInRdata',
	defaultLevel: 'warning',
	description: 'A target name without a trailing dot looks like a full host name, but gets the origin appended.',
	reference: 'RFC 1035 §5.1',
	check(context) {
		const { model } = context;
		if (model.origin === undefined) return;
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
			const origin = String(record.value(offset) ?? '').slice(written.length + 1) || model.origin!;
			if (!looksAbsoluteMeant(written, origin)) return;
			context.report({
				...span,
				message: `'${written}' has no trailing dot, so it expands to ${String(record.value(offset))} (add a dot if you meant ${written}.).`,
				fixes: [{ title: 'Add trailing dot', edits: [replaceField(model, record, field, written + '.')], preferred: true, safe: true }],
			});
		}
	},
};
