/**
 * `mxTargetNoAddress`: an exchange inside this zone has no A or AAAA record, so senders cannot
 * connect to it. Names below a delegation are skipped (their addresses live in the child zone), and
 * so are aliases, which `mxTargetIsAlias` reports. An exchange that another zone of the workspace
 * answers for (a sibling zone, or the child zone of a delegation) is checked there the same way.
 *
 * Bad:  `@ MX 10 mx1` with no `mx1 A …`
 * Good: `@ MX 10 mx1` and `mx1 A 192.0.2.25`
 */
import { fieldSpan } from '../model/zoneModel';
import { addressRecords, cnameAt, dnameAbove, isDelegated, isInZone, mailFacts } from '../model/mail/mailExchangers';
import { hasAddresses, mailHost } from '../model/mail/mailDomain';
import { zoneFilePlace } from '../model/workspace/workspaceIndex';
import type { Rule } from './rule';

export const mxTargetNoAddress: Rule = {
	id: 'mxTargetNoAddress',
	defaultLevel: 'warning',
	description: 'An MX exchange inside this zone has no A or AAAA record, so mail cannot be delivered to it.',
	reference: 'RFC 5321 §5.1',
	reads: ['mailDomains'],
	check(context) {
		const { model } = context;
		const facts = mailFacts(model);
		for (const exchangers of facts.exchangersByOwner.values()) {
			for (const mx of exchangers) {
				const key = mx.exchangeKey;
				if (mx.isNull) continue;
				const { workspace } = mailHost(model, key, mx.exchange);
				if (workspace) {
					if (workspace.name?.cname || workspace.dnameAbove || hasAddresses(mailHost(model, key, mx.exchange))) continue;
					context.report({
						...fieldSpan(model, mx.record, mx.record.rdataField + 1),
						message: `The MX exchange ${mx.exchange} is in the zone ${workspace.zone.apex} of the workspace, which has no A or AAAA record for it: senders cannot reach it.`,
						related: [{ ...zoneFilePlace(workspace.zone), message: `the zone ${workspace.zone.apex}` }],
					});
					continue;
				}
				if (!isInZone(facts, key) || isDelegated(facts, key)) continue;
				if (cnameAt(facts, key) || dnameAbove(facts, key) || addressRecords(facts, key).length > 0) continue;
				context.report({
					...fieldSpan(model, mx.record, mx.record.rdataField + 1),
					message: `The MX exchange ${mx.exchange} is in this zone but has no A or AAAA record: senders cannot reach it.`,
				});
			}
		}
	},
};
