/**
 * `dmarcExternalReportNotAuthorized`: a DMARC `rua=`/`ruf=` address at another domain that has not
 * authorised it. Receivers send reports to another domain only when it publishes
 * `<domain>._report._dmarc.<other>` with `v=DMARC1` (RFC 7489 §7.1); otherwise the reports are
 * dropped. Checked when the other domain's zone is this one or in the workspace; nothing is said
 * about domains no zone here holds.
 *
 * Bad:  `_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.net"` and example.net has no
 *       `example.com._report._dmarc` record
 * Good: `example.com._report._dmarc TXT "v=DMARC1"` in example.net
 */
import { fullyQualified, isSubdomainKey, nameKey } from '../model/domainName';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { dmarcDomainOf, isDmarcText } from '../model/mail/auth/dmarc';
import { textSpan, txtText } from '../model/txtText';
import { TypeCode } from '../model/rrTypes/typeCodes';
import type { Rule } from './rule';

export const dmarcExternalReportNotAuthorized: Rule = {
	id: 'dmarcExternalReportNotAuthorized',
	defaultLevel: 'warning',
	description: 'A DMARC report address is at another domain that does not authorise it (<domain>._report._dmarc), so reports are dropped.',
	reference: 'RFC 7489 §7.1',
	reads: ['mailAuthRecords'],
	check(context) {
		const { model } = context;
		const records = mailAuthRecords(model);
		const apexKey = model.origin === undefined ? undefined : nameKey(model.origin);
		for (const [ownerKey, dmarcs] of records.dmarc) {
			const domain = dmarcDomainOf(ownerKey);
			if (domain === undefined) continue;
			for (const dmarc of dmarcs) {
				for (const tag of dmarc.tags) {
					if (tag.name !== 'rua' && tag.name !== 'ruf') continue;
					for (const uri of tag.value.split(',')) {
						const match = /^\s*mailto:[^@\s]+@([^!\s]+)/i.exec(uri);
						if (!match) continue;
						const target = nameKey(fullyQualified(match[1]));
						// The same domain, or one below it (RFC 7489 §7.1 compares organizational domains; this is the safe part).
						if (isSubdomainKey(target, domain) || isSubdomainKey(domain, target)) continue;
						// Both in this zone: one organization, which needs no authorisation from itself.
						if (apexKey !== undefined && isSubdomainKey(target, apexKey) && isSubdomainKey(domain, apexKey)) continue;
						const authorization = `${domain.slice(0, -1)}._report._dmarc.${target}`;
						let known: boolean | undefined;
						if (apexKey !== undefined && isSubdomainKey(authorization, apexKey)) {
							known = (context.byOwner.get(authorization) ?? []).some(
								(record) => record.type === TypeCode.TXT && isDmarcText(txtText(model, record)?.text ?? ''),
							);
						} else {
							const zone = model.workspace?.zoneFor(authorization, apexKey);
							if (zone) known = zone.dmarcReportAuthorizations.has(authorization);
						}
						if (known !== false) continue;
						const start = tag.valueFrom + tag.value.indexOf(uri.trim());
						context.report({
							...textSpan(dmarc.txt, start, start + uri.trim().length),
							message: `DMARC: reports for ${domain} go to ${match[1]}, which does not authorise them: receivers send them only when ${authorization} has a "v=DMARC1" TXT record (RFC 7489 §7.1). Publish it there, or report to an address in ${domain}.`,
						});
					}
				}
			}
		}
	},
};
