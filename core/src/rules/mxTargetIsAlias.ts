/**
 * `mxTargetIsAlias`: the exchange is an in-zone CNAME, or lies below an in-zone DNAME. MX must
 * point at a canonical name (RFC 2181 §10.3, RFC 5321 §5.1); many senders refuse or loop otherwise.
 * An exchange another zone of the workspace answers for is checked in that zone's records.
 *
 * Bad:  `@ MX 10 mail` and `mail CNAME mx1`
 * Good: `@ MX 10 mx1`
 */
import { fieldSpan, recordSpan } from '../model/zoneModel';
import { nameKey } from '../model/domainName';
import { cnameAt, dnameAbove, isInZone, mailFacts } from '../model/mail/mailExchangers';
import { mailHost } from '../model/mail/mailDomain';
import { replaceField } from '../edits/recordEdits';
import type { Rule, RuleFix } from './rule';

export const mxTargetIsAlias: Rule = {
	id: 'mxTargetIsAlias',
	defaultLevel: 'warning',
	description: 'The MX exchange is an alias (CNAME, or below a DNAME); MX must name the canonical host.',
	reference: 'RFC 2181 §10.3, RFC 5321 §5.1',
	reads: ['mailDomains'],
	check(context) {
		const { model } = context;
		const facts = mailFacts(model);
		for (const exchangers of facts.exchangersByOwner.values()) {
			for (const mx of exchangers) {
				if (mx.isNull) continue;
				const { workspace } = mailHost(model, mx.exchangeKey, mx.exchange);
				const elsewhere = workspace?.name?.cname ?? workspace?.dnameAbove;
				if (workspace && elsewhere) {
					const kind = workspace.name?.cname ? `CNAME to ${elsewhere.name}` : `below a DNAME to ${elsewhere.name}`;
					context.report({
						...fieldSpan(model, mx.record, mx.record.rdataField + 1),
						message: `The MX exchange ${mx.exchange} is an alias (${kind}, in the zone ${workspace.zone.apex} of the workspace); MX must name the canonical host (RFC 2181 §10.3).`,
						related: [{ elsewhere: elsewhere.at, message: workspace.name?.cname ? 'the CNAME' : 'the DNAME' }],
					});
					continue;
				}
				if (workspace || !isInZone(facts, mx.exchangeKey)) continue;
				const cname = cnameAt(facts, mx.exchangeKey);
				const alias = cname ?? dnameAbove(facts, mx.exchangeKey);
				if (!alias) continue;
				// A CNAME in RFC 3597 form keeps no typed target.
				const typed = alias.value(0);
				const target = typeof typed === 'string' ? typed : 'a name written in RFC 3597 form';
				const fixes: RuleFix[] = [];
				// Offer the canonical name only when the CNAME's target is itself a host in this zone.
				if (
					cname &&
					typeof typed === 'string' &&
					!mx.record.generated &&
					isInZone(facts, nameKey(target)) &&
					!cnameAt(facts, nameKey(target))
				) {
					fixes.push({
						title: `Point the MX at ${target}`,
						edits: [replaceField(model, mx.record, mx.record.rdataField + 1, target)],
						preferred: true,
					});
				}
				context.report({
					...fieldSpan(model, mx.record, mx.record.rdataField + 1),
					message: cname
						? `The MX exchange ${mx.exchange} is an alias (CNAME to ${target}); MX must name the canonical host (RFC 2181 §10.3).`
						: `The MX exchange ${mx.exchange} lies below the DNAME at ${alias.owner}, so it is an alias; MX must name a canonical host (RFC 2181 §10.3).`,
					related: [{ ...recordSpan(alias), message: cname ? 'the CNAME' : 'the DNAME' }],
					fixes,
				});
			}
		}
	},
};
