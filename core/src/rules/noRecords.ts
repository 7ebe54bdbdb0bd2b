/**
 * `noRecords`: a file with no records at all (empty, or only comments and directives) is no zone:
 * named refuses it ("has 0 SOA records", "has no NS records"). Without this rule such a file would
 * pass with no finding at all. A fragment analysed in the context of its includer may be empty.
 *
 * Bad:  a file holding only `$TTL 1h` and comments
 * Good: a file with the zone's SOA, NS and other records
 */
import type { Rule } from './rule';
import { zoneShape } from './zoneShape';

export const noRecords: Rule = {
	id: 'noRecords',
	defaultLevel: 'error',
	description: 'The file has no records (it is empty, or holds only comments and directives); named refuses it.',
	reference: 'RFC 1035 §5.2',
	check(context) {
		const { model } = context;
		const shape = zoneShape(model);
		if (!shape.isZone || shape.hasRecordLines || model.records.length > 0) return;
		// A broken directive already has its error; this finding would only repeat it.
		if (model.problems.some((problem) => problem.severity === 'error')) return;
		context.report({
			...shape.fileStart,
			message:
				'This file has no records: it is empty or holds only comments and directives, and named refuses to load it as a zone ("has 0 SOA records").',
		});
	},
};
