/**
 * `mxAddressNoPtr`: an exchanger's address has no PTR record, or its PTR names a host that does not
 * resolve back to the address, in a reverse zone this zone or the workspace holds. Receivers check
 * forward-confirmed reverse DNS on the mail an exchanger sends (a backup relaying to the primary,
 * bounces), and many refuse or downgrade mail from an address that fails it. Without a reverse zone
 * for the address nothing is said: the tool never asks the network.
 *
 * Bad:  `mx2 A 192.0.2.30` and, in `2.0.192.in-addr.arpa.`, `30 PTR old-mx.example.com.`
 * Good: `30 PTR mx2.example.com.`
 */
import { nameKey } from '../model/domainName';
import { reverseName } from '../model/ipNetwork';
import { addressPlace, type HostAddress, type MailHost, mailDomains, mailHost } from '../model/mail/mailDomain';
import { type MailExchanger, isDelegated, isInZone, mailFacts } from '../model/mail/mailExchangers';
import { TypeCode } from '../model/rrTypes/typeCodes';
import { fieldSpan, recordSpan, type Place, type ZoneModel } from '../model/zoneModel';
import type { Rule } from './rule';

/** CNAME hops followed from a reverse name (RFC 2317 classless delegation uses one). */
const MAX_ALIAS_HOPS = 8;

interface PtrAnswer {
	/** Where the reverse name is answered: this zone or a zone of the workspace. */
	readonly zone: string;
	readonly targets: readonly { readonly name: string; readonly key: string; readonly place: Place }[];
}

export const mxAddressNoPtr: Rule = {
	id: 'mxAddressNoPtr',
	defaultLevel: 'information',
	description: "A mail exchanger's address has no PTR record pointing back at it in a reverse zone the workspace holds.",
	reference: 'RFC 1912 §2.1, RFC 8601 §3',
	reads: ['mailDomains'],
	check(context) {
		const { model } = context;
		const reported = new Set<string>();
		for (const domain of mailDomains(model)) {
			for (let i = 0; i < domain.hosts.length; i++) {
				const host = domain.hosts[i];
				if (host.isPlaceholder || reported.has(host.key)) continue;
				reported.add(host.key);
				for (const address of [...host.ipv4, ...host.ipv6]) checkAddress(context, model, host, domain.firstExchangers[i], address);
			}
		}
	},
};

function checkAddress(
	context: Parameters<Rule['check']>[0],
	model: ZoneModel,
	host: MailHost,
	mx: MailExchanger,
	address: HostAddress,
): void {
	const reverse = reverseName(address.text);
	if (reverse === undefined) return;
	const answer = ptrAnswer(model, nameKey(reverse));
	if (!answer) return;
	const confirmed = answer.targets.some((target) => target.key === host.key || resolvesTo(model, target.key, address.key));
	if (confirmed) return;
	const subject = `${address.text}, the address of the mail exchanger ${host.name},`;
	const advice = `so receivers that check forward-confirmed reverse DNS accept the mail it sends (relayed mail, bounces).`;
	const message =
		answer.targets.length === 0
			? `${subject} has no PTR record in ${answer.zone}: add one at ${reverse} naming ${host.name}, ${advice}`
			: `${subject} has PTR ${answer.targets.map((t) => t.name).join(', ')} in ${answer.zone}, which does not lead back to it. Point it at ${host.name}, ${advice}`;
	context.report({
		...fieldSpan(model, mx.record, mx.record.rdataField + 1),
		message,
		related: [
			{ ...addressPlace(address), message: `${host.name} → ${address.text}` },
			...answer.targets.map((target) => ({ ...target.place, message: `PTR ${target.name}` })),
		],
	});
}

/** The PTR targets of a reverse name, from this zone or the workspace; `undefined` when no zone here holds the name. */
function ptrAnswer(model: ZoneModel, key: string, hops = 0): PtrAnswer | undefined {
	const facts = mailFacts(model);
	if (isInZone(facts, key) && !isDelegated(facts, key)) {
		const records = facts.byOwner.get(key) ?? [];
		const cname = records.find((record) => record.type === TypeCode.CNAME);
		const cnameTarget = cname?.value(0);
		if (typeof cnameTarget === 'string') return hops < MAX_ALIAS_HOPS ? ptrAnswer(model, nameKey(cnameTarget), hops + 1) : undefined;
		const targets = [];
		for (const record of records) {
			const target = record.type === TypeCode.PTR ? record.value(0) : undefined;
			if (typeof target === 'string') targets.push({ name: target, key: nameKey(target), place: recordSpan(record) });
		}
		return { zone: `this zone (${model.origin})`, targets };
	}
	const found = model.workspace?.lookup(key, facts.apexKey);
	if (!found || found.delegated) return undefined;
	if (found.name?.cname) return hops < MAX_ALIAS_HOPS ? ptrAnswer(model, found.name.cname.key, hops + 1) : undefined;
	return {
		zone: `the zone ${found.zone.apex}`,
		targets: (found.name?.ptr ?? []).map((ptr) => ({ name: ptr.name, key: ptr.key, place: { elsewhere: ptr.at } })),
	};
}

/** The PTR's target is another name of the same machine: it has the address too (forward-confirmed). */
function resolvesTo(model: ZoneModel, key: string, addressKey: string): boolean {
	const target = mailHost(model, key, key);
	return [...target.ipv4, ...target.ipv6].some((address) => address.key === addressKey);
}
