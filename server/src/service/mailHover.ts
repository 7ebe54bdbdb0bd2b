/**
 * The MX hover card: where this exchanger stands in the delivery order of its owner, what the
 * numbers mean, and what the zone knows about the exchange (addresses, networks, aliases).
 *
 * e.g. on `@ MX 20 mx2`: "Preference 20: tried **2nd of 3** for `example.com.`", the whole order,
 * and "`mx2.example.com.` in this zone: `192.0.2.26` (network 192.0.2.0/24)".
 */
import {
	addressOf,
	addressRecords,
	cnameAt,
	isInZone,
	type MailExchanger,
	mailFacts,
	type MailFacts,
	networkLabel,
	type ResourceRecord,
	type RuleOptions,
	type ZoneModel,
} from '../../../core/src/index';
import { deliveryLevels } from './mailSummary';
import { code, ordinal, plural } from './markdown';

const PREFERENCE_MEANING =
	'Lower numbers are tried first; a sender moves to the next number only when no exchanger with the lower one accepts the connection (RFC 5321 §5.1). A backup needs a higher number than the primary.';

/** The MX card for `record` (an MX), as markdown paragraphs. */
export function mxCard(model: ZoneModel, record: ResourceRecord, options: RuleOptions): string[] {
	const facts = mailFacts(model);
	const exchangers = facts.exchangersByOwner.get(record.ownerKey) ?? [];
	const self = exchangers.find((mx) => mx.record === record);
	if (!self) return [];
	if (self.isNull) return nullMxCard(self, exchangers.length);

	const levels = deliveryLevels(exchangers);
	const level = levels.find((candidate) => candidate.exchangers.includes(self))!;
	const others = level.exchangers.filter((mx) => mx !== self);
	const owner = code(record.owner);
	let position = `Preference ${self.preference}: tried **${ordinal(level.rank)} of ${levels.length}** for ${owner}`;
	if (others.length > 0) {
		position += `, together with ${others.map((mx) => code(mx.exchange)).join(', ')}: equal preferences share the load at random (RFC 5321 §5.1)`;
	}
	const paragraphs = [position + '.'];
	if (levels.length === 1 && level.exchangers.length === 1) {
		paragraphs.push(
			'No backup: when this host is down, senders queue the mail and bounce it after their retry period (typically a few days).',
		);
	}
	paragraphs.push(deliveryOrder(levels, self), PREFERENCE_MEANING, exchangeFacts(facts, self, options));
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
function deliveryOrder(levels: ReturnType<typeof deliveryLevels>, self: MailExchanger): string {
	const lines = levels.map((level) => {
		const names = level.exchangers.map((mx) => (mx === self ? `**${code(mx.exchange)}** (this record)` : code(mx.exchange))).join(', ');
		const shared = level.exchangers.length > 1 ? ' (same preference: picked at random)' : '';
		return `${level.rank}. ${level.preference}: ${names}${shared}`;
	});
	return ['Delivery order, lowest preference first:', '', ...lines].join('\n');
}

/** What the zone says about the exchange: its addresses and their networks, an alias, or nothing. */
function exchangeFacts(facts: MailFacts, self: MailExchanger, options: RuleOptions): string {
	const name = code(self.exchange);
	const addresses = addressRecords(facts, self.exchangeKey);
	if (addresses.length > 0) {
		const listed = addresses.map((address) => describeAddress(address, options)).join(', ');
		return `${name} in this zone: ${listed}.`;
	}
	const cname = cnameAt(facts, self.exchangeKey);
	if (cname)
		return `${name} is an alias (CNAME${typeof cname.value(0) === 'string' ? ` to ${code(String(cname.value(0)))}` : ''}): an MX must name the canonical host (RFC 2181 §10.3).`;
	if (isInZone(facts, self.exchangeKey)) return `${name} has no A or AAAA record in this zone.`;
	return `${name} is outside this zone, so its addresses and network are not known here.`;
}

function describeAddress(address: ResourceRecord, options: RuleOptions): string {
	const text = addressOf(address);
	if (text === undefined) return 'an address in RFC 3597 form';
	return `${code(text)} (network ${networkLabel(text, options.mxNetworkPrefixV4, options.mxNetworkPrefixV6)})`;
}
