/**
 * `bimiWithoutDmarcEnforcement`: a BIMI record (`<selector>._bimi.<domain>`) for a domain whose
 * DMARC policy in this zone does not enforce (`p=none`, or no DMARC record at all). Mailbox
 * providers show the logo only for mail under `p=quarantine` or `p=reject`, so the record has no
 * effect until DMARC enforces.
 *
 * Bad:  `default._bimi TXT "v=BIMI1; l=https://example.com/logo.svg"` with `_dmarc TXT "v=DMARC1; p=none"`
 * Good: the same with `_dmarc TXT "v=DMARC1; p=quarantine"`
 */
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { isInZone, mailFacts } from '../model/mail/mailExchangers';
import { recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const bimiWithoutDmarcEnforcement: Rule = {
	id: 'bimiWithoutDmarcEnforcement',
	defaultLevel: 'information',
	description: 'A BIMI record for a domain whose DMARC policy (in this zone) is not quarantine or reject, so no logo is shown.',
	reference: 'draft-brand-indicators-for-message-identification',
	reads: ['mailAuthRecords', 'mailFacts'],
	check(context) {
		const { model } = context;
		const records = mailAuthRecords(model);
		const facts = mailFacts(model);
		for (const [key, bimis] of records.bimi) {
			const domain = key.slice(key.indexOf('._bimi.') + '._bimi.'.length);
			const dmarcKey = `_dmarc.${domain}`;
			// A DMARC record outside this zone is not known here.
			if (!isInZone(facts, dmarcKey)) continue;
			const dmarc = records.dmarc.get(dmarcKey)?.[0];
			const policy = dmarc?.tags.find((tag) => tag.name === 'p')?.value.toLowerCase();
			if (policy === 'quarantine' || policy === 'reject') continue;
			for (const bimi of bimis) {
				context.report({
					...recordSpan(bimi.txt.record),
					message: dmarc
						? `BIMI for ${domain} has no effect: its DMARC policy is p=${policy ?? '(none given)'}, and logos are shown only under p=quarantine or p=reject.`
						: `BIMI for ${domain} has no effect: the domain has no DMARC record (${dmarcKey}), and logos are shown only under p=quarantine or p=reject.`,
					related: dmarc ? [{ ...recordSpan(dmarc.txt.record), message: 'the DMARC record' }] : undefined,
				});
			}
		}
	},
};
