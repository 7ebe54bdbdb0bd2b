/**
 * `cnameAndOtherData`: an owner with a CNAME must have no other data (RFC 1034 §3.6.2, RFC 2181 §10.1),
 * except the DNSSEC records that sign it (RRSIG and NSEC, RFC 4035 §2.5; BIND also allows KEY).
 *
 * Bad:  `www CNAME web.example.com.` and `www A 192.0.2.1`
 * Good: `www CNAME web.example.com.` alone
 */
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

const CNAME = 5;
/** Types that may share an owner with a CNAME: RRSIG, NSEC and KEY, the set BIND accepts. */
const ALLOWED_BESIDE_CNAME = new Set([46, 47, 25]);

export const cnameAndOtherData: Rule = {
	id: 'cnameAndOtherData',
	defaultLevel: 'error',
	description: 'An owner name with a CNAME record has other data too; resolvers then see only the CNAME.',
	reference: 'RFC 1034 §3.6.2, RFC 2181 §10.1',
	check(context) {
		for (const records of context.byOwner.values()) {
			const cname = records.find((record) => record.type === CNAME);
			if (!cname) continue;
			for (const record of records) {
				// A second CNAME is singletonTypeRepeated's finding.
				if (record.type === CNAME || ALLOWED_BESIDE_CNAME.has(record.type)) continue;
				context.report({
					...recordSpan(record),
					message: `${record.owner} has a CNAME and other data: an alias can have no other records (RFC 2181 §10.1).`,
					related: [{ ...recordSpan(cname), message: 'the CNAME' }],
				});
			}
		}
	},
};
