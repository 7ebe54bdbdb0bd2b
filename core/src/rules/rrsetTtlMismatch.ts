/**
 * `rrsetTtlMismatch`: records of one RRset (same owner, class and type) have different TTLs. An
 * RRset has one TTL (RFC 2181 §5.2); servers and caches pick one, so the others are ignored.
 * RRSIG is exempt: its records cover different types.
 *
 * Bad:  `@ 3600 MX 10 mx1` and `@ 300 MX 20 mx2.example.net.`
 * Good: the same TTL on both
 */
import { fieldSpan, recordSpan } from '../model/zoneModel';
import { typeName } from '../model/rrTypes/index';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { formatTtl } from '../model/ttl';
import type { Rule } from './rule';

export const rrsetTtlMismatch: Rule = {
	id: 'rrsetTtlMismatch',
	defaultLevel: 'warning',
	description: 'Records of one RRset (same name and type) have different TTLs; an RRset has one TTL.',
	reference: 'RFC 2181 §5.2',
	check(context) {
		const { model } = context;
		for (const records of context.byOwner.values()) {
			if (records.length < 2) continue;
			const firstOfType = new Map<number, (typeof records)[number]>();
			for (const record of records) {
				if (record.type === TypeCode.RRSIG) continue;
				const first = firstOfType.get(record.type);
				if (!first) {
					firstOfType.set(record.type, record);
					continue;
				}
				if (first.ttl === record.ttl) continue;
				const span = record.ttlField >= 0 ? fieldSpan(model, record, record.ttlField) : recordSpan(record);
				context.report({
					...span,
					message: `TTL ${record.ttl} (${formatTtl(record.ttl)}) differs from ${first.ttl} (${formatTtl(first.ttl)}) of the first ${typeName(record.type)} record of ${record.owner}: an RRset has one TTL (RFC 2181 §5.2).`,
					related: [{ ...recordSpan(first), message: `TTL ${first.ttl}` }],
				});
			}
		}
	},
};
