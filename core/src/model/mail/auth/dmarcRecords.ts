/**
 * The DMARC records of a zone by owner: every TXT at a `_dmarc.<domain>` name, parsed once per
 * model (one that does not start with `v=DMARC1` is still a DMARC record meant, and dmarcSyntax
 * says why receivers discard it).
 */
import { TypeCode } from '../../rrTypes/typeCodes';
import type { ZoneModel } from '../../zoneModel';
import { type DmarcRecord, dmarcDomainOf, parseDmarc } from './dmarc';
import { txtText } from './txtText';

const cache = new WeakMap<ZoneModel, ReadonlyMap<string, readonly DmarcRecord[]>>();

export function dmarcRecords(model: ZoneModel): ReadonlyMap<string, readonly DmarcRecord[]> {
	let found = cache.get(model);
	if (found) return found;
	const byOwner = new Map<string, DmarcRecord[]>();
	for (const record of model.records) {
		if (record.type !== TypeCode.TXT || dmarcDomainOf(record.ownerKey) === undefined) continue;
		const txt = txtText(model, record);
		if (!txt) continue;
		const list = byOwner.get(record.ownerKey);
		if (list) list.push(parseDmarc(txt));
		else byOwner.set(record.ownerKey, [parseDmarc(txt)]);
	}
	found = byOwner;
	cache.set(model, found);
	return found;
}
