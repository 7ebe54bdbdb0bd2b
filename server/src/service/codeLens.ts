/**
 * Code lenses above the first MX record (in file order) of each owner: a one-line summary of its
 * mail redundancy, e.g. "3 mail exchangers · 2 networks · tried first: mx1.example.com. (5)" or
 * "1 mail exchanger — no backup", then the MTA-STS policy's verdict when one is known ("MTA-STS
 * enforce: 1 of 2 listed") and, in a zone that uses DANE, how many exchangers have TLSA records ("DANE: 1 of 2
 * with TLSA"), and, for clients that have the commands, "Test SMTP" and (with a backup) "Failover Drill".
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import {
	DEFAULT_RULE_OPTIONS,
	type DomainFamily,
	domainNetworks,
	hasAddresses,
	type MailDomain,
	mailDomains,
	mtaStsCoverage,
	type MailExchanger,
	smtpTlsaRecords,
	recordSpan,
	type RuleOptions,
	type ZoneAnalysis,
	type ZoneModel,
	zoneUsesDane,
} from '../../../core/src/index';
import {
	type ClientFeatures,
	PLAIN_LSP_CLIENT,
	RUN_FAILOVER_DRILL_COMMAND,
	TEST_SMTP_COMMAND,
	type TestSmtpArguments,
} from './clientCommands';
import { toRange } from './convert';
import { plural } from './markdown';

/**
 * The lenses of the open document, in file order. A summary lens has an empty command id, which
 * VS Code shows as plain text; the network count uses the configured prefix lengths.
 */
export function getCodeLenses(
	document: TextDocument,
	analysis: ZoneAnalysis,
	options: RuleOptions = DEFAULT_RULE_OPTIONS,
	features: ClientFeatures = PLAIN_LSP_CLIENT,
): CodeLens[] {
	const found: { start: number; lenses: CodeLens[] }[] = [];
	for (const domain of mailDomains(analysis.model)) {
		const first = firstInDocument(domain.exchangers);
		if (!first) continue;
		const span = recordSpan(first.record);
		const range = toRange(document, span.start, span.end);
		const lenses: CodeLens[] = [{ range, command: { title: summary(analysis.model, domain, options), command: '' } }];
		if (features.testSmtp && domain.hosts.length > 0) {
			const args: TestSmtpArguments = { uri: document.uri, owner: first.record.owner };
			lenses.push({ range, command: { title: 'Test SMTP', command: TEST_SMTP_COMMAND, arguments: [args] } });
		}
		// A drill goes through a backup: only for a set with at least two real hosts.
		if (features.failoverDrill && domain.realHosts.length >= 2) {
			const args: TestSmtpArguments = { uri: document.uri, owner: first.record.owner };
			lenses.push({ range, command: { title: 'Failover Drill', command: RUN_FAILOVER_DRILL_COMMAND, arguments: [args] } });
		}
		found.push({ start: span.start, lenses });
	}
	return found.sort((a, b) => a.start - b.start).flatMap((entry) => entry.lenses);
}

/** The owner's first MX in the open document (file 0), by position; `undefined` when all are in included files. */
function firstInDocument(exchangers: readonly MailExchanger[]): MailExchanger | undefined {
	let first: MailExchanger | undefined;
	for (const mx of exchangers) {
		if (mx.record.file !== 0) continue;
		if (!first || mx.record.entryIndex < first.record.entryIndex) first = mx;
	}
	return first;
}

/**
 * Counts from the mail model: hosts by name (the same exchange twice is one, see mxDuplicateTarget),
 * servers by address (two names for one address are one server; one host with A and AAAA is one),
 * and networks per family, since an IPv4 /24 and an IPv6 /48 are not two independent networks of
 * one machine. A placeholder under `.invalid` is named, not counted.
 */
function summary(model: ZoneModel, domain: MailDomain, options: RuleOptions): string {
	const parts = [redundancy(model, domain, options), mtaStsPart(model, domain), danePart(model, domain)];
	return parts.filter((part) => part !== undefined).join(' · ');
}

/**
 * "DANE: all with TLSA" or "DANE: 1 of 2 with TLSA" in a zone that publishes TLSA records, counting
 * the exchangers this zone holds (a host elsewhere has its TLSA in its own zone); nothing otherwise.
 */
function danePart(model: ZoneModel, domain: MailDomain): string | undefined {
	if (!zoneUsesDane(model)) return undefined;
	const held = domain.realHosts.filter((host) => host.source === 'zone');
	if (held.length === 0) return undefined;
	const withTlsa = held.filter((host) => smtpTlsaRecords(model, host.name).length > 0).length;
	if (withTlsa === 0) return 'DANE: no TLSA';
	return `DANE: ${withTlsa === held.length ? 'all' : `${withTlsa} of ${held.length}`} with TLSA`;
}

function redundancy(model: ZoneModel, domain: MailDomain, options: RuleOptions): string {
	const hosts = domain.realHosts.length;
	const placeholders = domain.hosts.filter((host) => host.isPlaceholder).map((host) => `${host.name} is a placeholder`);
	if (domain.hosts.length === 0) return 'null MX — this name accepts no mail (RFC 7505)';
	if (hosts === 0) return ['no mail exchanger', ...placeholders].join(' · ');
	if (hosts === 1) return ['1 mail exchanger — no backup', ...placeholders].join(' · ');
	const parts = [plural(hosts, 'mail exchanger')];
	// Only when it says more than the host count: in-zone hosts without addresses are no server.
	if (domain.servers < hosts) parts.push(plural(domain.servers, 'server'));
	const networks = networkPart(model, domain, options);
	if (networks) parts.push(networks);
	parts.push(...placeholders);
	const top = domain.levels[0];
	const names = [...new Set(top.exchangers.map((mx) => mx.exchange))];
	parts.push(`tried first: ${names.join(' or ')} (${top.preference}${names.length > 1 ? ', at random' : ''})`);
	return parts.join(' · ');
}

/**
 * "MTA-STS enforce: all listed" or "MTA-STS enforce: 1 of 2 listed" when the domain's policy is
 * known (the apex's `_mta-sts` record and the policy file beside the zone); nothing otherwise.
 */
function mtaStsPart(model: ZoneModel, domain: MailDomain): string | undefined {
	const coverage = mtaStsCoverage(model);
	if (!coverage || coverage.domain.ownerKey !== domain.ownerKey || coverage.hosts.length === 0) return undefined;
	const mode = coverage.policy.mode ?? 'without a mode';
	if (mode === 'none') return 'MTA-STS none (withdrawn)';
	const listed = coverage.hosts.filter((entry) => entry.matchedBy).length;
	return `MTA-STS ${mode}: ${listed === coverage.hosts.length ? 'all listed' : `${listed} of ${coverage.hosts.length} listed`}`;
}

/**
 * "2 networks", "2 networks (IPv4) / 1 network (IPv6)", "1 network, 1 unknown" (a host outside the
 * zone), or nothing when no exchanger has addresses here.
 */
function networkPart(model: ZoneModel, domain: MailDomain, options: RuleOptions): string | undefined {
	const { ipv4, ipv6 } = domainNetworks(model, domain, options.mxNetworkPrefixV4, options.mxNetworkPrefixV6);
	const families = [ipv4, ipv6].filter((family) => family.networks.size > 0);
	if (families.length === 0) return undefined;
	const count = (family: DomainFamily): string => plural(family.networks.size, 'network');
	const networks = families.length === 1 ? count(families[0]) : families.map((family) => `${count(family)} (${family.family})`).join(' / ');
	const unknown = domain.realHosts.filter((host) => host.source === 'unknown' && !hasAddresses(host)).length;
	return networks + (unknown > 0 ? `, ${unknown} unknown` : '');
}
