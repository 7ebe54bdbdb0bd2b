/**
 * Which exchangers of the apex domain its MTA-STS policy lists: for each host, the `mx:` line that
 * matches it (RFC 8461 §4.1 wildcards), or none. Computed once per model and read by the
 * `mtaStsPolicyMissingMx` rule, the MX hover and the code lens, so all three agree.
 */
import { nameKey } from '../../domainName';
import type { ZoneModel } from '../../zoneModel';
import { type MailDomain, type MailHost, mailDomain } from '../mailDomain';
import type { MailExchanger } from '../mailExchangers';
import { apexMtaSts } from './authRecords';
import { matchesMxPattern, type MtaStsPolicy } from './mtaStsPolicy';

export interface MtaStsHostCoverage {
	readonly host: MailHost;
	/** The host's first MX record (where a finding about it goes). */
	readonly exchanger: MailExchanger;
	/** The policy line that lists the host; `undefined` when none does. */
	readonly matchedBy: MtaStsPolicy['mx'][number] | undefined;
}

export interface MtaStsCoverage extends NonNullable<ReturnType<typeof apexMtaSts>> {
	readonly domain: MailDomain;
	/** The domain's real hosts (placeholders never receive mail, listed or not), in delivery order. */
	readonly hosts: readonly MtaStsHostCoverage[];
	/** The policy file's name without its folder, e.g. `mta-sts.txt`. */
	readonly fileName: string;
}

const cache = new WeakMap<ZoneModel, MtaStsCoverage | null>();

/** The coverage for the apex domain, or `undefined` when it has no MX or no policy is known (record and file). */
export function mtaStsCoverage(model: ZoneModel): MtaStsCoverage | undefined {
	const cached = cache.get(model);
	if (cached !== undefined) return cached ?? undefined;
	const found = apexMtaSts(model);
	const domain = found && model.origin !== undefined ? mailDomain(model, nameKey(model.origin)) : undefined;
	let coverage: MtaStsCoverage | null = null;
	if (found && domain) {
		const hosts: MtaStsHostCoverage[] = [];
		domain.hosts.forEach((host, i) => {
			if (host.isPlaceholder) return;
			const matchedBy = found.policy.mx.find((line) => matchesMxPattern(line.pattern, host.key));
			hosts.push({ host, exchanger: domain.firstExchangers[i], matchedBy });
		});
		const fileId = found.policyFile.fileId;
		coverage = { ...found, domain, hosts, fileName: fileId.slice(fileId.lastIndexOf('/') + 1) };
	}
	cache.set(model, coverage);
	return coverage ?? undefined;
}
