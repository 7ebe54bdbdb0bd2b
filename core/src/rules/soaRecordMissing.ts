/**
 * `soaRecordMissing`: a zone needs exactly one SOA record at its apex (RFC 1035 §5.2). A file read on
 * its own may be a fragment meant for `$INCLUDE`, so this is a warning, not an error.
 *
 * Bad:  a zone file with NS and A records but no SOA
 * Good: `@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600`
 */
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

const SOA = 6;

export const soaRecordMissing: Rule = {
	id: 'soaRecordMissing',
	defaultLevel: 'warning',
	description: 'The zone has no SOA record, or more than one; a loadable zone has exactly one, at the apex.',
	reference: 'RFC 1035 §5.2',
	check(context) {
		const { model } = context;
		if (model.records.length === 0) return;
		const soas = model.records.filter((record) => record.type === SOA);
		if (soas.length === 0) {
			const first = model.records[0];
			context.report({
				...recordSpan(first),
				message: 'This zone has no SOA record: name servers will not load it (fine for a file meant for $INCLUDE).',
			});
			return;
		}
		for (const extra of soas.slice(1)) {
			context.report({
				...recordSpan(extra),
				message: 'A zone has exactly one SOA record; this is an extra one.',
				severity: 'error',
				related: [{ ...recordSpan(soas[0]), message: 'the first SOA' }],
			});
		}
	},
};
