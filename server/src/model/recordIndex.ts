import type { ResourceRecord } from './zoneModel';

/** Records grouped by owner key, in file order within each owner. */
export function groupByOwner(records: readonly ResourceRecord[]): Map<string, ResourceRecord[]> {
	const map = new Map<string, ResourceRecord[]>();
	for (const record of records) {
		const list = map.get(record.ownerKey);
		if (list) list.push(record);
		else map.set(record.ownerKey, [record]);
	}
	return map;
}
