/**
 * `singletonTypeRepeated`: an owner can hold one CNAME (RFC 2181 §10.1), one DNAME (RFC 6672 §2.4)
 * and one SOA (RFC 1035 §5.2). named refuses a zone with two of them at one owner ("multiple RRs of
 * singleton type"). Identical copies are one record (an RRset is a set) and are not reported.
 * Quick fix: remove the later record (offered, not preferred: either may be the one meant).
 *
 * Bad:  `old DNAME new.example.com.` and `old DNAME other.example.com.`
 * Good: one `old DNAME new.example.com.`
 */
import { canRemoveRecordLines, removeRecordLines } from '../edits/recordEdits';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { recordSpan, type ResourceRecord } from '../model/zoneModel';
import type { Rule } from './rule';
import { zoneShape } from './zoneShape';

const SINGLETON_TYPES: ReadonlyMap<number, string> = new Map([
	[TypeCode.CNAME, 'CNAME'],
	[TypeCode.SOA, 'SOA'],
	[TypeCode.DNAME, 'DNAME'],
]);

export const singletonTypeRepeated: Rule = {
	id: 'singletonTypeRepeated',
	defaultLevel: 'error',
	description: 'An owner has two different CNAME, DNAME or SOA records; it can have only one, and named refuses the zone.',
	reference: 'RFC 2181 §10.1, RFC 6672 §2.4, RFC 1035 §5.2',
	check(context) {
		for (const records of context.byOwner.values()) {
			let first: Map<number, ResourceRecord> | undefined;
			for (const record of records) {
				const mnemonic = SINGLETON_TYPES.get(record.type);
				if (mnemonic === undefined) continue;
				first ??= new Map();
				const earlier = first.get(record.type);
				if (earlier === undefined) {
					first.set(record.type, record);
					continue;
				}
				// Which of the two is meant is the user's call, so the fix is offered, never preferred. Not
				// while lines are lost to errors: removing one may remove an error and let zone checks run.
				const removable = !record.generated && !zoneShape(context.model).recordsLost && canRemoveRecordLines(context.model, record);
				context.report({
					...recordSpan(record),
					message: `${record.owner} already has a ${mnemonic} record; an owner can have only one, and named refuses the zone ("multiple RRs of singleton type").`,
					related: [{ ...recordSpan(earlier), message: `the first ${mnemonic}` }],
					fixes: removable
						? [{ title: `Remove this ${mnemonic} record (keep the first)`, edits: [removeRecordLines(context.model, record)] }]
						: undefined,
				});
			}
		}
	},
};
