/**
 * Hovers on the SOA RDATA words: the field's RFC 1035 name and what it does, with the timers in
 * human units, e.g. on `7200` in `@ SOA ns1 hostmaster 1 7200 3600 1209600 3600`:
 * "**SOA refresh** 7200 seconds (2h): how often secondaries check the serial".
 */
import { isAbsoluteName, type ResourceRecord } from '../../../core/src/index';
import { code, describeSeconds } from './markdown';

interface SoaField {
	readonly name: string;
	readonly meaning: string;
	readonly timer?: boolean;
}

/** The SOA fields in RDATA order (RFC 1035 §3.3.13), with RFC 1912 / RFC 2308 explanations. */
const SOA_FIELDS: readonly SoaField[] = [
	{ name: 'mname', meaning: 'The primary name server of the zone, where secondaries get their copy.' },
	{ name: 'rname', meaning: 'The mailbox of the person responsible for the zone; its first label is the local part.' },
	{
		name: 'serial',
		meaning: 'The version of the zone: secondaries transfer it again when this number increases (serial arithmetic, RFC 1982).',
	},
	{ name: 'refresh', meaning: 'How often secondaries ask the primary whether the serial changed.', timer: true },
	{ name: 'retry', meaning: 'How long a secondary waits before trying again after a failed refresh.', timer: true },
	{
		name: 'expire',
		meaning: 'How long a secondary keeps answering for the zone while it cannot reach the primary; after that it stops.',
		timer: true,
	},
	{
		name: 'minimum',
		meaning: 'The negative-caching TTL: how long resolvers remember that a name or type does not exist (RFC 2308 §4).',
		timer: true,
	},
];

/** The card for RDATA word `index` of an SOA record, written as `written`. */
export function soaFieldCard(record: ResourceRecord, index: number, written: string): string[] {
	const field = SOA_FIELDS[index];
	if (!field) return [];
	const value = record.rdata[index];
	if (field.timer && typeof value === 'number') return [`**SOA ${field.name}** ${describeSeconds(value)}`, field.meaning];
	if (field.name === 'serial') return [`**SOA serial** ${code(written)}`, field.meaning, ...serialDate(written)];
	const name = String(value);
	const card = [`**SOA ${field.name}** ${code(name)}`, field.meaning];
	if (!isAbsoluteName(written)) card.push(`${code(written)} → ${code(name)} (no trailing dot: the origin is appended).`);
	if (field.name === 'rname') {
		const mailbox = mailboxOf(name);
		if (mailbox) card.push(`Mail goes to ${code(mailbox)}.`);
	}
	return card;
}

/** `hostmaster.example.com.` → `hostmaster@example.com`; an escaped dot stays in the local part (`john\.doe`). */
function mailboxOf(rname: string): string | undefined {
	for (let i = 0; i < rname.length; i++) {
		if (rname[i] === '\\') {
			i++;
			continue;
		}
		if (rname[i] !== '.') continue;
		const domain = rname.slice(i + 1).replace(/\.$/, '');
		if (domain === '') return undefined;
		return `${rname.slice(0, i).replace(/\\\./g, '.')}@${domain}`;
	}
	return undefined;
}

/** The common `YYYYMMDDnn` convention, read back when the digits make a real date. */
function serialDate(written: string): string[] {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(written);
	if (!match) return [];
	const [, year, month, day, change] = match;
	const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day) || Number(year) < 1980) return [];
	return [`Read as a date: ${year}-${month}-${day}, change ${change}.`];
}
