/**
 * `mxSingle`: an owner has exactly one MX record (and it is not a null MX). When that one host is
 * down, senders queue and, after their retry period, bounce (RFC 5321 §4.5.4.1). A second exchanger
 * on another host and network keeps mail flowing.
 *
 * Bad:  `@ MX 10 mx1`
 * Good: `@ MX 10 mx1` and `@ MX 20 mx2.example.net.`
 */
import { recordSpan } from '../model/zoneModel';
import { BACKUP_MX_FIX_OPTIONS, backupMxFixes } from './backupMxFix';
import { addressRecords, mailFacts, networksOf } from '../model/mail/mailExchangers';
import { defineRule } from './rule';

export const mxSingle = defineRule({
	id: 'mxSingle',
	defaultLevel: 'warning',
	description: 'A mail domain has only one MX record: when that host is down, mail is queued by senders and eventually bounced.',
	reference: 'RFC 5321 §5.1',
	options: ['mxNetworkPrefixV4', 'mxNetworkPrefixV6', ...BACKUP_MX_FIX_OPTIONS],
	check(context) {
		const facts = mailFacts(context.model);
		const { mxNetworkPrefixV4: v4, mxNetworkPrefixV6: v6 } = context.options;
		for (const exchangers of facts.exchangersByOwner.values()) {
			// A placeholder (mxPlaceholderTarget) delivers nothing, so it is no backup: `MX 20 backup-mx.invalid.`
			// beside the only real exchanger leaves that exchanger alone.
			const real = exchangers.filter((mx) => !mx.isPlaceholder);
			if (real.length !== 1 || real[0].isNull) continue;
			const [only] = real;
			const networks = networksOf(addressRecords(facts, only.exchangeKey), v4, v6);
			const fixes = backupMxFixes(context.model, exchangers, context.options);
			if (networks.size > 1) {
				context.report({
					...recordSpan(only.record),
					severity: 'information',
					message: `${only.record.owner} has one MX, ${only.exchange}, but its ${networks.size} addresses are on different networks, so it has some redundancy. A second MX host would still survive the host itself failing.`,
					fixes,
				});
				continue;
			}
			context.report({
				...recordSpan(only.record),
				message: `${only.record.owner} has only one mail exchanger (${only.exchange}). When it is down, senders queue mail and bounce it after a few days. Add a backup MX on another host and network, with a higher preference number than ${only.preference}.`,
				fixes,
			});
		}
	},
});
