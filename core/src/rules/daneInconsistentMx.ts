/**
 * `daneInconsistentMx`: some exchangers of a domain publish TLSA records (`_25._tcp.<exchanger>`)
 * and others do not. A sender that validates DANE authenticates the ones with TLSA and falls back
 * to unauthenticated TLS at the others (RFC 7672 §2.2): an attacker who can block the primary sends
 * the mail to the backup without it. Checked for exchangers this zone holds.
 *
 * Bad:  `_25._tcp.mx1 TLSA 3 1 1 …` and no TLSA for `mx2`
 * Good: TLSA records for both
 */
import { mailDomains } from '../model/mail/mailDomain';
import { smtpTlsaRecords } from '../model/tlsa';
import { fieldSpan, recordSpan } from '../model/zoneModel';
import type { Rule } from './rule';

export const daneInconsistentMx: Rule = {
	id: 'daneInconsistentMx',
	defaultLevel: 'warning',
	description:
		'Some mail exchangers of a domain have TLSA records and others do not, so DANE senders fall back to unauthenticated TLS at those.',
	reference: 'RFC 7672 §2.2',
	reads: ['mailDomains'],
	check(context) {
		const { model } = context;
		for (const domain of mailDomains(model)) {
			const hosts = domain.realHosts;
			// Only what this zone holds is known: a host elsewhere may have TLSA in its own zone.
			if (hosts.length < 2 || hosts.some((host) => host.source !== 'zone')) continue;
			const withTlsa = hosts.filter((host) => smtpTlsaRecords(model, host.name).length > 0);
			if (withTlsa.length === 0 || withTlsa.length === hosts.length) continue;
			const example = smtpTlsaRecords(model, withTlsa[0].name)[0];
			// Made once per domain, and short: an owner can have 100,000 exchangers, half of them with TLSA.
			const protectedHosts = new Set(withTlsa);
			const named = namesOf(withTlsa);
			for (let index = 0; index < domain.hosts.length; index++) {
				const host = domain.hosts[index];
				if (host.isPlaceholder || protectedHosts.has(host)) continue;
				const mx = domain.firstExchangers[index];
				context.report({
					...fieldSpan(model, mx.record, mx.record.rdataField + 1),
					message: `${host.name} has no TLSA record (_25._tcp.${host.name}) while ${named} ${withTlsa.length === 1 ? 'has' : 'have'}: senders that validate DANE fall back to unauthenticated TLS here, so an attacker who blocks the others gets ${domain.owner}'s mail through it. Publish TLSA for it too.`,
					related: [{ ...recordSpan(example), message: `TLSA of ${withTlsa[0].name}` }],
				});
			}
		}
	},
};

/** At most this many exchangers are named in a message; the rest are counted. */
const MAX_NAMED_HOSTS = 10;

function namesOf(hosts: readonly { readonly name: string }[]): string {
	const named = hosts
		.slice(0, MAX_NAMED_HOSTS)
		.map((host) => host.name)
		.join(', ');
	return hosts.length > MAX_NAMED_HOSTS ? `${named} and ${hosts.length - MAX_NAMED_HOSTS} more` : named;
}
