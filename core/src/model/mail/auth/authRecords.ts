/**
 * The mail-authentication records of a zone, found in one pass over its TXT records and parsed
 * once per model, by owner key, for the rules and the hover: SPF (`v=spf1` anywhere), DMARC
 * (`_dmarc.`), DKIM keys (`<selector>._domainkey.`), TLS-RPT (`_smtp._tls.`), MTA-STS
 * (`_mta-sts.`) and BIMI (`<selector>._bimi.`).
 */
import { finish, type Steps } from '../../../steps';
import { TypeCode } from '../../rrTypes/typeCodes';
import { nameKey } from '../../domainName';
import type { PolicyFile, ZoneModel } from '../../zoneModel';
import { type MtaStsPolicy, parseMtaStsPolicy } from './mtaStsPolicy';
import { type DkimRecord, parseDkim } from './dkim';
import { type DmarcRecord, parseDmarc } from './dmarc';
import { isSpfText, parseSpf, type SpfRecord } from './spf';
import { parseTagList, type TagList } from './tagList';
import { mayBeMailAuthText, txtText } from '../../txtText';

export interface MailAuthRecords {
	readonly spf: ReadonlyMap<string, readonly SpfRecord[]>;
	readonly dmarc: ReadonlyMap<string, readonly DmarcRecord[]>;
	readonly dkim: ReadonlyMap<string, readonly DkimRecord[]>;
	readonly tlsRpt: ReadonlyMap<string, readonly TagList[]>;
	readonly mtaSts: ReadonlyMap<string, readonly TagList[]>;
	readonly bimi: ReadonlyMap<string, readonly TagList[]>;
}

const cache = new WeakMap<ZoneModel, MailAuthRecords>();

/** Records read between two pauses of {@link mailAuthRecordsInSteps}: a few milliseconds of parsing. */
export const RECORDS_PER_STEP = 4096;

/** True when the model's mail-authentication records were read already (for tests of `Rule.reads`). */
export function mailAuthRecordsMade(model: ZoneModel): boolean {
	return cache.has(model);
}

export function mailAuthRecords(model: ZoneModel): MailAuthRecords {
	return finish(mailAuthRecordsInSteps(model));
}

/**
 * {@link mailAuthRecords} as steps: it pauses after every {@link RECORDS_PER_STEP} records (at once
 * when the model's are already found), so the rules can build it in steps of its own before the first.
 */
export function* mailAuthRecordsInSteps(model: ZoneModel): Steps<MailAuthRecords> {
	let found = cache.get(model);
	if (found) return found;
	const spf = new Map<string, SpfRecord[]>();
	const dmarc = new Map<string, DmarcRecord[]>();
	const dkim = new Map<string, DkimRecord[]>();
	const tlsRpt = new Map<string, TagList[]>();
	const mtaSts = new Map<string, TagList[]>();
	const bimi = new Map<string, TagList[]>();
	const add = <T>(map: Map<string, T[]>, key: string, value: T): void => {
		const list = map.get(key);
		if (list) list.push(value);
		else map.set(key, [value]);
	};
	const records = model.records;
	for (let i = 0; i < records.length; i++) {
		if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
		const record = records[i];
		if (record.type !== TypeCode.TXT) continue;
		const key = record.ownerKey;
		if (!mayBeMailAuthText(model, record)) continue;
		const txt = txtText(model, record);
		if (!txt) continue;
		if (key.startsWith('_dmarc.')) add(dmarc, key, parseDmarc(txt));
		// A selector is a host-name label (RFC 6376 §3.1): `_adsp._domainkey` is ADSP (RFC 5617, historic), not a key.
		else if (key.includes('._domainkey.') && key.charCodeAt(0) !== 0x5f) add(dkim, key, parseDkim(txt));
		else if (key.startsWith('_smtp._tls.')) add(tlsRpt, key, parseTagList(txt));
		else if (key.startsWith('_mta-sts.')) add(mtaSts, key, parseTagList(txt));
		else if (key.includes('._bimi.')) add(bimi, key, parseTagList(txt));
		else if (isSpfText(txt.text)) add(spf, key, parseSpf(txt));
	}
	// Found meanwhile by a caller that did not wait for these steps: the first one found stays.
	found = cache.get(model) ?? { spf, dmarc, dkim, tlsRpt, mtaSts, bimi };
	cache.set(model, found);
	return found;
}

/**
 * The apex domain's MTA-STS policy as senders see it: the policy file beside the zone, and the
 * `_mta-sts` record that makes them fetch it; `undefined` when either is missing (then there is no
 * policy to check).
 */
export function apexMtaSts(
	model: ZoneModel,
): { readonly policyFile: PolicyFile; readonly policy: MtaStsPolicy; readonly record: TagList } | undefined {
	const policyFile = model.mtaStsPolicy;
	if (!policyFile || model.origin === undefined) return undefined;
	const record = mailAuthRecords(model).mtaSts.get(nameKey(`_mta-sts.${model.origin}`))?.[0];
	return record ? { policyFile, policy: parseMtaStsPolicy(policyFile.text), record } : undefined;
}
