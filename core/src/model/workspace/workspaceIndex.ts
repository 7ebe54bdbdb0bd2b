/**
 * The other zones of the workspace (editor: the workspace folders; CLI: every file given), as a
 * resolver: which zone is authoritative for a name, and what it says about it. No I/O: the server
 * and the CLI read the files and hand over their {@link ZoneFacts}.
 */
import { isSubdomainKey } from '../domainName';
import type { LinePosition } from '../../syntax/lineIndex';
import type { IncludeContext } from '../includeContext';

/** A record in another zone file: its file id (path or URI, as the reader knows it) and its range. */
export interface WorkspaceLocation {
	readonly fileId: string;
	readonly start: LinePosition;
	readonly end: LinePosition;
}

export interface WorkspaceAddress {
	readonly family: 'IPv4' | 'IPv6';
	/** As written. */
	readonly text: string;
	/** Canonical (see ipNetwork.addressKey). */
	readonly key: string;
	readonly at: WorkspaceLocation;
}

export interface WorkspaceTarget {
	/** Absolute name, as resolved. */
	readonly name: string;
	readonly key: string;
	readonly at: WorkspaceLocation;
}

/** A file a zone includes: where its `$INCLUDE` is, and the state (origin, TTLs) the file starts in there. */
export interface WorkspaceInclude {
	readonly fileId: string;
	readonly at: WorkspaceLocation;
	readonly context: IncludeContext;
}

/**
 * Characters of a TXT record's text written one for one in the file (`step` 1), or one character
 * written as an escape (`\"`, `\059`: `step` is its width): character `from` of the text starts at
 * `start`, and each next one of the run `step` characters further along the line.
 */
export interface WorkspaceTextRun {
	readonly from: number;
	readonly start: LinePosition;
	readonly step: number;
}

/** A TXT record of another zone (its `v=spf1` records), decoded, with where each character is written. */
export interface WorkspaceTxt {
	readonly text: string;
	readonly at: WorkspaceLocation;
	/** In order of `from`; the first has `from` 0. */
	readonly runs: readonly WorkspaceTextRun[];
}

/** Where characters `from`…`to` (exclusive) of the text are written; the whole record when that is empty. */
export function workspaceTextLocation(txt: WorkspaceTxt, from: number, to: number): WorkspaceLocation {
	if (to <= from || from >= txt.text.length || txt.runs.length === 0) return txt.at;
	const place = (index: number, after: boolean): LinePosition => {
		// The last run starting at or before the character (binary search: a record has a few runs).
		let low = 0;
		let high = txt.runs.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (txt.runs[middle].from <= index) low = middle;
			else high = middle - 1;
		}
		const run = txt.runs[low];
		return { line: run.start.line, character: run.start.character + (index - run.from + (after ? 1 : 0)) * run.step };
	};
	return { fileId: txt.at.fileId, start: place(from, false), end: place(Math.min(to, txt.text.length) - 1, true) };
}

/** A word of a zone that names something outside that zone, e.g. `mx2.example.net.` in an MX of `example.com.`. */
export interface WorkspaceReference {
	/** Absolute, as resolved. */
	readonly name: string;
	/** The word as written (`mx2.example.net.`, or relative under an `$ORIGIN` of the other zone). */
	readonly written: string;
	/** The word's range. */
	readonly at: WorkspaceLocation;
}

/** The facts of one name; only names with one of them are kept. */
export interface WorkspaceName {
	readonly addresses: readonly WorkspaceAddress[];
	readonly cname?: WorkspaceTarget;
	readonly ptr: readonly WorkspaceTarget[];
}

/** An owner name of a zone and where its first record is: what workspace symbols search. */
export interface WorkspaceOwner {
	/** Absolute, as resolved. */
	readonly name: string;
	readonly at: WorkspaceLocation;
}

export interface ZoneFacts {
	/** Id of the zone's main file. */
	readonly fileId: string;
	readonly apex: string;
	readonly apexKey: string;
	readonly names: ReadonlyMap<string, WorkspaceName>;
	/** Owners of a DNAME, with the first one's target. */
	readonly dnames: ReadonlyMap<string, WorkspaceTarget>;
	/** Owners of NS records other than the apex. */
	readonly delegations: ReadonlySet<string>;
	/** Owners of `v=DMARC1` TXT records under `_report._dmarc` (RFC 7489 §7.1: this domain accepts reports for another). */
	readonly dmarcReportAuthorizations: ReadonlySet<string>;
	/**
	 * Its `v=spf1` TXT records by owner, for SPF `include:`/`redirect=` of other zones; the first
	 * `MAX_WORKSPACE_SPF_RECORDS_PER_ZONE` (limits.ts) of them.
	 */
	readonly spf: ReadonlyMap<string, readonly WorkspaceTxt[]>;
	/** More SPF records than that: a name missing from {@link spf} may still have one. */
	readonly spfTruncated: boolean;
	/** The files the zone `$INCLUDE`s (directly or deeper), each with where and in what state. */
	readonly includes: readonly WorkspaceInclude[];
	/** Every owner in order of first appearance, the first `MAX_WORKSPACE_OWNERS_PER_ZONE` (limits.ts) of them. */
	readonly owners: readonly WorkspaceOwner[];
	/** RDATA words naming names outside the zone, by the name's key: the first `MAX_WORKSPACE_REFERENCES_PER_ZONE` (limits.ts). */
	readonly outsideReferences: ReadonlyMap<string, readonly WorkspaceReference[]>;
	/** The zone has more such words than were kept. */
	readonly outsideReferencesCapped: boolean;
}

/** What the zone authoritative for a name says about it. */
export interface WorkspaceAnswer {
	readonly zone: ZoneFacts;
	/** The name's own facts; `undefined` when the zone has none for it. */
	readonly name: WorkspaceName | undefined;
	/** The name is at or below a delegation of that zone: its records live in a child zone not indexed. */
	readonly delegated: boolean;
	/** A DNAME at a proper ancestor inside that zone: the name is an alias. */
	readonly dnameAbove: WorkspaceTarget | undefined;
}

/** The start of a zone's main file, for a finding that is about the zone as a whole. */
export function zoneFilePlace(zone: ZoneFacts): { readonly elsewhere: WorkspaceLocation } {
	const start = { line: 0, character: 0 };
	return { elsewhere: { fileId: zone.fileId, start, end: start } };
}

export class WorkspaceIndex {
	readonly #byApex = new Map<string, ZoneFacts>();
	/** Every zone given, two files with one apex both kept: each may point at a name. */
	readonly #all: readonly ZoneFacts[];

	/** Zones with one apex in two files (views, copies): the first given answers. */
	constructor(zones: Iterable<ZoneFacts>) {
		this.#all = [...zones];
		for (const zone of this.#all) if (!this.#byApex.has(zone.apexKey)) this.#byApex.set(zone.apexKey, zone);
	}

	/**
	 * The zones, other than those with apex `exceptApexKey` (the one asking, which knows its own
	 * words), that have words naming `key`, each with those words; and the zones that kept only the
	 * first words of that kind, which might name it too (see {@link ZoneFacts.outsideReferencesCapped}).
	 */
	referencesTo(
		key: string,
		exceptApexKey?: string,
	): {
		readonly found: readonly { readonly zone: ZoneFacts; readonly references: readonly WorkspaceReference[] }[];
		readonly capped: readonly ZoneFacts[];
	} {
		const found: { zone: ZoneFacts; references: readonly WorkspaceReference[] }[] = [];
		const capped: ZoneFacts[] = [];
		for (const zone of this.#all) {
			if (zone.apexKey === exceptApexKey) continue;
			const references = zone.outsideReferences.get(key);
			if (references !== undefined) found.push({ zone, references });
			else if (zone.outsideReferencesCapped) capped.push(zone);
		}
		return { found, capped };
	}

	get size(): number {
		return this.#byApex.size;
	}

	zones(): IterableIterator<ZoneFacts> {
		return this.#byApex.values();
	}

	/**
	 * The most specific zone holding `key`, other than the zone `exceptApexKey` (the one asking, which
	 * answers for its own names itself).
	 */
	zoneFor(key: string, exceptApexKey?: string): ZoneFacts | undefined {
		for (let name = key; ;) {
			if (name !== exceptApexKey) {
				const zone = this.#byApex.get(name);
				if (zone) return zone;
			}
			if (name === '.') return undefined;
			const dot = name.indexOf('.');
			name = dot === -1 || dot === name.length - 1 ? '.' : name.slice(dot + 1);
		}
	}

	/** What the workspace says about `key`; `undefined` when no zone of it is authoritative. */
	lookup(key: string, exceptApexKey?: string): WorkspaceAnswer | undefined {
		const zone = this.zoneFor(key, exceptApexKey);
		if (!zone) return undefined;
		let delegated = false;
		let dnameAbove: WorkspaceTarget | undefined;
		// Walk from the name up to (not including) the apex: labels, not records, so a big zone costs the same.
		for (let name = key; name !== zone.apexKey && isSubdomainKey(name, zone.apexKey);) {
			if (zone.delegations.has(name)) delegated = true;
			const dot = name.indexOf('.');
			if (dot === -1 || dot === name.length - 1) break;
			name = name.slice(dot + 1);
			dnameAbove ??= zone.dnames.get(name);
		}
		return { zone, name: zone.names.get(key), delegated, dnameAbove };
	}
}
