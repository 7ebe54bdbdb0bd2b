/**
 * A TLSA record's fields (RFC 6698 §2.1) as the zone gives them; the association data is read from
 * its tokens, which may be split over several words and lines in parentheses.
 */
import { nameKey } from './domainName';
import { ownerIndex } from './recordIndex';
import { TypeCode } from './rrTypes/typeCodes';
import type { ResourceRecord, ZoneModel } from './zoneModel';

/** The TLSA records of this zone for SMTP to `host` (`_25._tcp.<host>`, RFC 7672 §2.2); `[]` when it has none. */
export function smtpTlsaRecords(model: ZoneModel, host: string): readonly ResourceRecord[] {
	return (
		ownerIndex(model)
			.get(nameKey(`_25._tcp.${host}`))
			?.filter((record) => record.type === TypeCode.TLSA) ?? []
	);
}

const usesDane = new WeakMap<ZoneModel, boolean>();

/** Whether the zone has any TLSA record: only then is "no TLSA" worth saying about an exchanger. */
export function zoneUsesDane(model: ZoneModel): boolean {
	let uses = usesDane.get(model);
	if (uses === undefined) {
		uses = model.records.some((record) => record.type === TypeCode.TLSA);
		usesDane.set(model, uses);
	}
	return uses;
}

export interface TlsaFields {
	readonly usage: number;
	readonly selector: number;
	readonly matchingType: number;
	/** The certificate association data as written: hex digits, lower case, no spaces. */
	readonly data: string;
}

/** The fields of a TLSA record, or `undefined` for another type or the RFC 3597 generic form. */
export function tlsaFields(model: ZoneModel, record: ResourceRecord): TlsaFields | undefined {
	if (record.type !== TypeCode.TLSA) return undefined;
	const [usage, selector, matchingType] = [record.value(0), record.value(1), record.value(2)];
	if (typeof usage !== 'number' || typeof selector !== 'number' || typeof matchingType !== 'number') return undefined;
	const tokens = model.files[record.file].syntax.tokens;
	const fields = record.entry.fields;
	let data = '';
	for (let i = record.rdataField + 3; i < fields.length; i++) data += tokens.tokenText(fields[i]);
	return { usage, selector, matchingType, data: data.toLowerCase() };
}
