/**
 * The "Add backup MX record" quick fix shared by mxSingle, mxSharedAddress and mxSameNetwork:
 * one MX line for the same owner, right after its last MX, at a preference above the current
 * highest (max + 10, capped at 65535), for each configured backup host not already an exchange and
 * not on a network of an existing exchanger, where the zone or the workspace knows its addresses
 * (a backup there would share the primary's outage, which is what the rules report).
 */
import type { ZoneModel } from '../model/zoneModel';
import { fullyQualified, nameKey } from '../model/domainName';
import { BACKUP_HOST_PLACEHOLDER, cnameAt, type MailExchanger, mailFacts } from '../model/mail/mailExchangers';
import { hostNetworks, mailHost } from '../model/mail/mailDomain';
import { canInsertAfter, insertRecordLike } from '../edits/recordEdits';
import type { RuleFix, RuleOptions } from './rule';

/** The options the fix reads; rules that offer it list these among their own. */
export const BACKUP_MX_FIX_OPTIONS = ['backupHosts', 'mxNetworkPrefixV4', 'mxNetworkPrefixV6'] as const;

/** Shown when no backup host is configured; `.invalid` (RFC 2606) can never be a real host. */
export { BACKUP_HOST_PLACEHOLDER };

export function backupMxFixes(model: ZoneModel, exchangers: readonly MailExchanger[], options: FixOptions): RuleFix[] {
	// A loop, not Math.max(...list): spreading a hundred thousand arguments overflows the stack.
	const highest = exchangers.reduce((max, mx) => Math.max(max, mx.preference), -Infinity);
	if (highest >= 65535) return [];
	const preference = Math.min(65535, highest + 10);
	// The last MX in the file, so the new line lands after the whole set.
	const last = exchangers.reduce((a, b) =>
		b.record.file > a.record.file || (b.record.file === a.record.file && b.record.entryIndex > a.record.entryIndex) ? b : a,
	);
	if (last.record.generated || !canInsertAfter(model, last.record)) return [];
	// Beside a CNAME another MX is one more record the alias may not have (cnameAndOtherData).
	if (cnameAt(mailFacts(model), last.record.ownerKey)) return [];
	const taken = new Set(exchangers.map((mx) => mx.exchangeKey));
	const occupied = networksOf(model, exchangers, options);
	const hosts = options.backupHosts
		.map(fullyQualified)
		.filter((host) => !taken.has(nameKey(host)) && !sharesNetwork(model, host, occupied, options));
	if (options.backupHosts.length > 0 && hosts.length === 0) return [];
	// A second placeholder would only duplicate the first (mxPlaceholderTarget asks to replace it).
	if (hosts.length === 0 && taken.has(BACKUP_HOST_PLACEHOLDER)) return [];
	const candidates = hosts.length > 0 ? hosts : [BACKUP_HOST_PLACEHOLDER];
	return candidates.map((host, index) => ({
		title:
			host === BACKUP_HOST_PLACEHOLDER ? `Add backup MX record (preference ${preference})` : `Add backup MX record: ${preference} ${host}`,
		edits: [insertRecordLike(model, last.record, [String(preference), host])],
		placeholder: host === BACKUP_HOST_PLACEHOLDER ? host : undefined,
		preferred: index === 0,
		needs: host === BACKUP_HOST_PLACEHOLDER ? undefined : 'backupHost',
	}));
}

type FixOptions = Pick<RuleOptions, (typeof BACKUP_MX_FIX_OPTIONS)[number]>;

/** The network keys (both families) of the exchangers' known addresses. */
function networksOf(model: ZoneModel, exchangers: readonly MailExchanger[], options: FixOptions): Set<string> {
	const keys = new Set<string>();
	for (const mx of exchangers) {
		if (mx.isNull) continue;
		const networks = hostNetworks(
			model,
			mailHost(model, mx.exchangeKey, mx.exchange),
			options.mxNetworkPrefixV4,
			options.mxNetworkPrefixV6,
		);
		for (const key of networks.ipv4.keys()) keys.add(key);
		for (const key of networks.ipv6.keys()) keys.add(key);
	}
	return keys;
}

/** True when the zone or the workspace puts `host` on one of the `occupied` networks. */
function sharesNetwork(model: ZoneModel, host: string, occupied: ReadonlySet<string>, options: FixOptions): boolean {
	if (occupied.size === 0) return false;
	const networks = hostNetworks(model, mailHost(model, nameKey(host), host), options.mxNetworkPrefixV4, options.mxNetworkPrefixV6);
	for (const key of networks.ipv4.keys()) if (occupied.has(key)) return true;
	for (const key of networks.ipv6.keys()) if (occupied.has(key)) return true;
	return false;
}
