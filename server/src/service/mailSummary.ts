/**
 * The delivery picture of one owner's MX set, shared by the MX hover and the code lens: the
 * preference levels in the order senders try them, and how many networks the exchangers sit on.
 */
import { addressRecords, type MailExchanger, type MailFacts, networksOf, type RuleOptions } from '../../../core/src/index';

/** Exchangers with one preference: tried together, one picked at random (RFC 5321 §5.1). */
export interface DeliveryLevel {
	readonly preference: number;
	/** One-based rank: 1 is tried first. Equal preferences share a rank. */
	readonly rank: number;
	readonly exchangers: readonly MailExchanger[];
}

/** The levels of an MX set sorted by preference (as `mailFacts` keeps it), null MX records excluded. */
export function deliveryLevels(exchangers: readonly MailExchanger[]): DeliveryLevel[] {
	const levels: { preference: number; rank: number; exchangers: MailExchanger[] }[] = [];
	for (const mx of exchangers) {
		if (mx.isNull) continue;
		const last = levels[levels.length - 1];
		if (last && last.preference === mx.preference) last.exchangers.push(mx);
		else levels.push({ preference: mx.preference, rank: levels.length + 1, exchangers: [mx] });
	}
	return levels;
}

/**
 * Distinct networks of the exchangers' in-zone addresses, at the configured prefix lengths.
 * Exchangers outside the zone contribute nothing: their addresses are not known here.
 */
export function exchangerNetworks(facts: MailFacts, exchangers: readonly MailExchanger[], options: RuleOptions): Set<string> {
	const keys = new Set(exchangers.filter((mx) => !mx.isNull).map((mx) => mx.exchangeKey));
	const addresses = [...keys].flatMap((key) => addressRecords(facts, key));
	return networksOf(addresses, options.mxNetworkPrefixV4, options.mxNetworkPrefixV6);
}
