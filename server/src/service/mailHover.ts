/**
 * The MX hover card: where this exchanger stands in the delivery order of its owner, what the
 * numbers mean, and what the zone knows about the exchange (addresses, networks, aliases).
 *
 * e.g. on `@ MX 20 mx2`: "Preference 20: tried **2nd of 3** for `example.com.`", the whole order,
 * and "`mx2.example.com.` in this zone: `192.0.2.26` (network 192.0.2.0/24)".
 */
import {
	cnameAt,
	type DeliveryLevel,
	hasAddresses,
	isInZone,
	type HostAddress,
	hostNetworks,
	mailDomain,
	type MailExchanger,
	mailFacts,
	mailHost,
	mtaStsCoverage,
	smtpTlsaRecords,
	type ResourceRecord,
	type RuleOptions,
	type ZoneModel,
	zoneUsesDane,
} from '../../../core/src/index';
import { fileNameOf } from './fileNames';
import { code, ordinal, plural } from './markdown';

const PREFERENCE_MEANING =
	'Lower numbers are tried first; a sender moves to the next number only when no exchanger with the lower one accepts the connection (RFC 5321 §5.1). A backup needs a higher number than the primary.';

/** The MX card for `record` (an MX), as markdown paragraphs. */
export function mxCard(model: ZoneModel, record: ResourceRecord, options: RuleOptions): string[] {
	const domain = mailDomain(model, record.ownerKey);
	const self = domain?.exchangers.find((mx) => mx.record === record);
	if (!domain || !self) return [];
	if (self.isNull) return nullMxCard(self, domain.exchangers.length);

	const { levels } = domain;
	const level = levels.find((candidate) => candidate.exchangers.includes(self))!;
	const others = level.exchangers.filter((mx) => mx !== self);
	const owner = code(record.owner);
	let position = `Preference ${self.preference}: tried **${ordinal(level.rank)} of ${levels.length}** for ${owner}`;
	if (others.length > 0) {
		position += `, together with ${others.map((mx) => code(mx.exchange)).join(', ')}: equal preferences share the load at random (RFC 5321 §5.1)`;
	}
	// No full stop straight after a name that ends in the root's dot (`example.com.`.).
	const paragraphs = [others.length > 0 ? position + '.' : position];
	if (domain.realHosts.length === 1 && !self.isPlaceholder) {
		paragraphs.push(
			'No backup: when this host is down, senders queue the mail and bounce it after their retry period (typically a few days).',
		);
	}
	paragraphs.push(
		deliveryOrder(levels, self),
		PREFERENCE_MEANING,
		exchangeFacts(model, self, options),
		...daneFacts(model, self),
		...mtaStsFacts(model, self),
	);
	return paragraphs;
}

function nullMxCard(self: MailExchanger, count: number): string[] {
	const owner = code(self.record.owner);
	const paragraphs = [
		`**Null MX** (RFC 7505): ${owner} accepts no mail. Senders fail a message to it at once instead of queueing and retrying it.`,
		'A null MX must be the only MX of its name, with preference 0 and the exchange `.` (the root).',
	];
	if (count > 1) paragraphs.push(`Here ${owner} has ${plural(count - 1, 'other MX record')} too, which contradicts it.`);
	return paragraphs;
}

/** The whole order as a numbered list, one line per preference, this record marked. */
function deliveryOrder(levels: readonly DeliveryLevel[], self: MailExchanger): string {
	const lines = levels.map((level) => {
		const names = level.exchangers.map((mx) => (mx === self ? `**${code(mx.exchange)}** (this record)` : code(mx.exchange))).join(', ');
		const shared = level.exchangers.length > 1 ? ' (same preference: picked at random)' : '';
		return `${level.rank}. ${level.preference}: ${names}${shared}`;
	});
	return ['Delivery order, lowest preference first:', '', ...lines].join('\n');
}

/** What the zone (or another zone of the workspace) says about the exchange: its addresses by family and their networks, an alias, or nothing. */
function exchangeFacts(model: ZoneModel, self: MailExchanger, options: RuleOptions): string {
	const name = code(self.exchange);
	const host = mailHost(model, self.exchangeKey, self.exchange);
	if (host.isPlaceholder)
		return `${name} is a placeholder: names under \`.invalid\` never resolve (RFC 6761 §6.4), so no mail is delivered to it. Replace it with your backup host.`;
	const where = host.workspace ? `in the zone ${code(host.workspace.zone.apex)} of the workspace` : 'in this zone';
	if (hasAddresses(host)) {
		const networks = hostNetworks(model, host, options.mxNetworkPrefixV4, options.mxNetworkPrefixV6);
		const lines: string[] = [];
		for (const [family, addresses] of [
			['IPv4', host.ipv4],
			['IPv6', host.ipv6],
		] as const) {
			if (addresses.length === 0) continue;
			const listed = addresses.map(
				(address) => `${code(address.text)} (network ${networks.networkOf.get(address.key) ?? 'unknown'})${placeOf(address)}`,
			);
			lines.push(`- ${family}: ${listed.join(', ')}`);
		}
		const untyped = host.records.filter((record) => typeof record.value(0) !== 'string').length;
		if (untyped > 0) lines.push(`- ${plural(untyped, 'address')} in RFC 3597 form`);
		let text = `${name} ${where}:\n\n${lines.join('\n')}`;
		// One A and one AAAA are two ways to reach one machine, not a backup (see mxSingle).
		if (host.ipv4.length > 0 && host.ipv6.length > 0 && !networks.severalMachines) text += '\n\nOne server, reachable over IPv4 and IPv6.';
		return text;
	}
	const alias = host.workspace ? host.workspace.name?.cname?.name : inZoneAlias(model, self);
	if (alias !== undefined)
		return `${name} is an alias (CNAME${alias ? ` to ${code(alias)}` : ''}) ${where}: an MX must name the canonical host (RFC 2181 §10.3).`;
	if (host.source !== 'unknown') return `${name} has no A or AAAA record ${where}.`;
	return `${name} is outside this zone and every zone of the workspace read here, so its addresses and network are not known.`;
}

/**
 * DANE for the exchange, when this zone holds its name and uses DANE (has TLSA records): its TLSA
 * records at `_25._tcp.<exchange>` (senders that validate DANE authenticate the TLS certificate with
 * them), or that it has none. Nothing in a zone without TLSA, where it would be noise.
 */
function daneFacts(model: ZoneModel, self: MailExchanger): string[] {
	if (self.isNull || !isInZone(mailFacts(model), self.exchangeKey)) return [];
	const tlsa = smtpTlsaRecords(model, self.exchange);
	if (tlsa.length === 0) {
		if (!zoneUsesDane(model)) return [];
		return [
			'DANE: no TLSA record for this exchanger (`_25._tcp.` + its name), so senders authenticate its TLS certificate only where MTA-STS asks them to.',
		];
	}
	const written = tlsa.map((record) => code([record.value(0), record.value(1), record.value(2)].join(' '))).join(', ');
	return [
		`DANE: ${plural(tlsa.length, 'TLSA record')} (${written}) at \`_25._tcp.${self.exchange}\`; senders that validate DANE check the TLS certificate against ${tlsa.length === 1 ? 'it' : 'them'} (RFC 7672).`,
	];
}

const MTA_STS_UNLISTED: Readonly<Record<string, string>> = {
	enforce: 'senders that honour the policy refuse to deliver to it',
	testing: 'senders deliver to it but report the mismatch; in enforce mode they would refuse',
};

/**
 * MTA-STS for the exchange, when the domain's policy is known (its `_mta-sts` record and the policy
 * file beside the zone): whether an `mx:` line lists it, and what the policy's mode makes of that.
 */
function mtaStsFacts(model: ZoneModel, self: MailExchanger): string[] {
	const coverage = mtaStsCoverage(model);
	if (!coverage || coverage.domain.ownerKey !== self.record.ownerKey) return [];
	const entry = coverage.hosts.find((candidate) => candidate.host.key === self.exchangeKey);
	if (!entry) return [];
	const mode = coverage.policy.mode;
	const heading = `MTA-STS (${coverage.fileName}, mode ${mode === undefined ? 'not given' : code(mode)})`;
	if (mode === 'none') return [`${heading}: the policy is withdrawn, so senders do not apply it.`];
	if (entry.matchedBy) {
		const listed = `${heading}: listed by \`mx: ${entry.matchedBy.pattern}\` (line ${entry.matchedBy.line + 1})`;
		return [
			mode === 'enforce'
				? `${listed}; senders that honour the policy deliver to it only over TLS with a certificate valid for its name.`
				: `${listed}; in testing mode senders only report a delivery to it whose TLS check fails.`,
		];
	}
	const patterns = coverage.policy.mx.map((line) => code(line.pattern)).join(', ') || 'none';
	return [
		`${heading}: **not listed** by any \`mx:\` line (${patterns}); ${MTA_STS_UNLISTED[mode ?? ''] ?? 'senders ignore a policy without a valid mode'}.`,
	];
}

/** The CNAME target of an in-zone exchange (`''` when written in RFC 3597 form), or `undefined` when it is no alias. */
function inZoneAlias(model: ZoneModel, self: MailExchanger): string | undefined {
	const cname = cnameAt(mailFacts(model), self.exchangeKey);
	if (!cname) return undefined;
	const target = cname.value(0);
	return typeof target === 'string' ? target : '';
}

/** `, from [example.net.zone:6](…)` for an address another zone file of the workspace gives; else empty. */
function placeOf(address: HostAddress): string {
	if (!address.elsewhere) return '';
	const { fileId, start } = address.elsewhere;
	return `, from [${fileNameOf(fileId)}:${start.line + 1}](${fileId}#L${start.line + 1})`;
}
