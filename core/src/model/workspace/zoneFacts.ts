/**
 * What one zone of the workspace tells other zones: for each name, its addresses, alias and PTR
 * targets, with the place each was written, plus the zone's delegations and DNAMEs. Another zone's
 * MX hosts are resolved from these facts (see workspaceIndex.ts and the mail model), so a backup MX
 * in a sibling zone of the repository is checked as if it were in the zone itself.
 *
 * Plain data (maps, strings, numbers): small next to a model, and it can cross a worker boundary.
 * Positions are zero-based lines and UTF-16 characters (LSP's), since the text is not kept.
 */
import { LineIndex } from '../../syntax/lineIndex';
import { isSubdomainKey, nameKey } from '../domainName';
import { forEachRdataNameField, writtenName } from '../nameReferences';
import { addressKey } from '../ipNetwork';
import { DMARC_RECORD_START, mayBeMailAuthText, SPF_RECORD_START, type TxtText, txtText } from '../txtText';
import { TypeCode } from '../rrTypes/typeCodes';
import type { ResourceRecord, ZoneModel } from '../zoneModel';
import { MAX_WORKSPACE_OWNERS_PER_ZONE, MAX_WORKSPACE_REFERENCES_PER_ZONE, MAX_WORKSPACE_SPF_RECORDS_PER_ZONE } from '../../limits';
import type {
	WorkspaceAddress,
	WorkspaceInclude,
	WorkspaceLocation,
	WorkspaceOwner,
	WorkspaceReference,
	WorkspaceTarget,
	WorkspaceTextRun,
	WorkspaceTxt,
	ZoneFacts,
} from './workspaceIndex';

interface MutableName {
	addresses: WorkspaceAddress[];
	cname?: WorkspaceTarget;
	ptr: WorkspaceTarget[];
}

/** The facts of a model; `undefined` when its apex is unknown (nothing can be looked up in it). */
export function zoneFactsOf(model: ZoneModel): ZoneFacts | undefined {
	if (model.origin === undefined) return undefined;
	const lineIndexes = new Map<number, LineIndex>();
	const lineIndexOf = (file: number): LineIndex => {
		let lines = lineIndexes.get(file);
		if (!lines) {
			lines = new LineIndex(model.files[file].syntax.tokens.text);
			lineIndexes.set(file, lines);
		}
		return lines;
	};
	const locate = (record: ResourceRecord): WorkspaceLocation => {
		const lines = lineIndexOf(record.file);
		const entry = record.entry;
		return { fileId: model.files[record.file].id, start: lines.positionAt(entry.start), end: lines.positionAt(entry.end) };
	};
	const apexKey = nameKey(model.origin);
	const names = new Map<string, MutableName>();
	const dnames = new Map<string, WorkspaceTarget>();
	const delegations = new Set<string>();
	const dmarcReportAuthorizations = new Set<string>();
	const named = (key: string): MutableName => {
		let found = names.get(key);
		if (!found) {
			found = { addresses: [], ptr: [] };
			names.set(key, found);
		}
		return found;
	};
	const target = (record: ResourceRecord): WorkspaceTarget | undefined => {
		const value = record.value(record.type === TypeCode.MX ? 1 : 0);
		if (typeof value !== 'string') return undefined;
		return { name: value, key: nameKey(value), at: locate(record) };
	};
	const spf = new Map<string, WorkspaceTxt[]>();
	let spfCount = 0;
	let spfTruncated = false;
	const outsideReferences = new Map<string, WorkspaceReference[]>();
	let outsideReferenceCount = 0;
	let outsideReferencesCapped = false;
	const noteOutsideReferences = (record: ResourceRecord): void => {
		const fields = record.entry.fields;
		forEachRdataNameField(record, fields.length, (field) => {
			const name = record.value(field - record.rdataField) as string;
			const key = nameKey(name);
			if (isSubdomainKey(key, apexKey)) return;
			if (outsideReferenceCount >= MAX_WORKSPACE_REFERENCES_PER_ZONE) {
				outsideReferencesCapped = true;
				return;
			}
			const tokens = model.files[record.file].syntax.tokens;
			const token = fields[field];
			const lines = lineIndexOf(record.file);
			const at = {
				fileId: model.files[record.file].id,
				start: lines.positionAt(tokens.start(token)),
				end: lines.positionAt(tokens.end(token)),
			};
			let list = outsideReferences.get(key);
			if (list === undefined) outsideReferences.set(key, (list = []));
			list.push({ name, written: writtenName(tokens, token), at });
			outsideReferenceCount++;
		});
	};
	const owners: WorkspaceOwner[] = [];
	const ownerKeys = new Set<string>();
	let lastOwnerKey: string | undefined;
	for (const record of model.records) {
		// Records of one owner mostly follow each other: the set is asked once per run of them.
		if (record.ownerKey !== lastOwnerKey && owners.length < MAX_WORKSPACE_OWNERS_PER_ZONE && !ownerKeys.has(record.ownerKey)) {
			ownerKeys.add(record.ownerKey);
			owners.push({ name: record.owner, at: locate(record) });
		}
		lastOwnerKey = record.ownerKey;
		noteOutsideReferences(record);
		switch (record.type) {
			case TypeCode.A:
			case TypeCode.AAAA: {
				const text = record.value(0);
				if (typeof text !== 'string') break;
				const family = record.type === TypeCode.A ? 'IPv4' : 'IPv6';
				named(record.ownerKey).addresses.push({ family, text, key: addressKey(text), at: locate(record) });
				break;
			}
			case TypeCode.CNAME: {
				const found = named(record.ownerKey);
				found.cname ??= target(record);
				break;
			}
			case TypeCode.PTR: {
				const ptr = target(record);
				if (ptr) named(record.ownerKey).ptr.push(ptr);
				break;
			}
			case TypeCode.DNAME: {
				const dname = target(record);
				if (dname && !dnames.has(record.ownerKey)) dnames.set(record.ownerKey, dname);
				break;
			}
			case TypeCode.NS:
				if (record.ownerKey !== apexKey) delegations.add(record.ownerKey);
				break;
			case TypeCode.TXT: {
				if (!mayBeMailAuthText(model, record)) break;
				const txt = txtText(model, record);
				if (!txt) break;
				if (record.ownerKey.includes('._report._dmarc.') && DMARC_RECORD_START.test(txt.text))
					dmarcReportAuthorizations.add(record.ownerKey);
				else if (SPF_RECORD_START.test(txt.text)) {
					if (spfCount === MAX_WORKSPACE_SPF_RECORDS_PER_ZONE) {
						spfTruncated = true;
						break;
					}
					spfCount++;
					const found = { text: txt.text, at: locate(record), runs: textRuns(txt, lineIndexOf(record.file)) };
					const list = spf.get(record.ownerKey);
					if (list) list.push(found);
					else spf.set(record.ownerKey, [found]);
				}
				break;
			}
		}
	}
	return {
		fileId: model.files[0].id,
		apex: model.origin,
		apexKey,
		names,
		dnames,
		delegations,
		dmarcReportAuthorizations,
		spf,
		spfTruncated,
		includes: includesOf(model, lineIndexOf),
		owners,
		outsideReferences,
		outsideReferencesCapped,
	};
}

/** Every file the model reached through `$INCLUDE`, with the place of its directive and the state it started in. */
function includesOf(model: ZoneModel, lineIndexOf: (file: number) => LineIndex): WorkspaceInclude[] {
	const includes: WorkspaceInclude[] = [];
	for (const file of model.files) {
		const { includedFrom, includedWith } = file;
		if (!includedFrom || !includedWith) continue;
		const lines = lineIndexOf(includedFrom.file);
		includes.push({
			fileId: file.id,
			at: {
				fileId: model.files[includedFrom.file].id,
				start: lines.positionAt(includedFrom.start),
				end: lines.positionAt(includedFrom.end),
			},
			context: includedWith,
		});
	}
	return includes;
}

/** The runs of a TXT record's characters (see WorkspaceTextRun): one per string, plus one per escape. */
function textRuns(txt: TxtText, lines: LineIndex): WorkspaceTextRun[] {
	const runs: WorkspaceTextRun[] = [];
	let runEnd = -1;
	for (let i = 0; i < txt.text.length; i++) {
		const width = txt.ends[i] - txt.starts[i];
		if (width === 1 && txt.starts[i] === runEnd) {
			runEnd++;
			continue;
		}
		runs.push({ from: i, start: lines.positionAt(txt.starts[i]), step: width });
		// An escape is a run of its own; plain characters after it start a new one.
		runEnd = width === 1 ? txt.ends[i] : -1;
	}
	return runs;
}
