/**
 * `mxPlaceholderTarget`: the exchange is under `.invalid` (RFC 2606 §2, RFC 6761 §6.4), such as the
 * placeholder `backup-mx.invalid.` the "Add backup MX record" quick fix inserts when no backup host is
 * configured. Such a name never resolves, so the MX looks like a backup and delivers nothing. The
 * redundancy rules (mxSingle, mxSameNetwork, mxSharedAddress) do not count it as an exchanger either.
 *
 * Bad:  `@ MX 20 backup-mx.invalid.`
 * Good: `@ MX 20 backup-mx.example.net.`
 */
import { fieldSpan } from '../model/zoneModel';
import { fullyQualified, nameKey } from '../model/domainName';
import { BACKUP_HOST_PLACEHOLDER, mailFacts } from '../model/mail/mailExchangers';
import { replaceField } from '../edits/recordEdits';
import { BACKUP_MX_FIX_OPTIONS } from './backupMxFix';
import { defineRule, type RuleFix } from './rule';

export const mxPlaceholderTarget = defineRule({
	id: 'mxPlaceholderTarget',
	defaultLevel: 'warning',
	description:
		'The MX exchange is a placeholder under `.invalid` (e.g. `backup-mx.invalid.`), which never resolves: it is no backup until replaced.',
	reference: 'RFC 2606 §2, RFC 6761 §6.4',
	options: [...BACKUP_MX_FIX_OPTIONS],
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		const facts = mailFacts(model);
		for (const exchangers of facts.exchangersByOwner.values()) {
			let taken: Set<string> | undefined;
			for (const mx of exchangers) {
				if (!mx.isPlaceholder) continue;
				taken ??= new Set(exchangers.map((other) => other.exchangeKey));
				const fixes: RuleFix[] = [];
				if (!mx.record.generated) {
					for (const configured of context.options.backupHosts) {
						const host = fullyQualified(configured);
						if (taken.has(nameKey(host))) continue;
						fixes.push({
							title: `Replace the placeholder with ${host}`,
							edits: [replaceField(model, mx.record, mx.record.rdataField + 1, host)],
							preferred: fixes.length === 0,
							needs: 'backupHost',
						});
					}
				}
				const what =
					mx.exchangeKey === BACKUP_HOST_PLACEHOLDER
						? 'the placeholder the "Add backup MX record" quick fix inserts'
						: 'a placeholder: names under .invalid never resolve (RFC 6761 §6.4)';
				context.report({
					...fieldSpan(model, mx.record, mx.record.rdataField + 1),
					message: `The MX exchange ${mx.exchange} is ${what}. No mail can be delivered to it, so ${mx.record.owner} effectively has no backup here until it is replaced with a real host.`,
					fixes,
				});
			}
		}
	},
});
