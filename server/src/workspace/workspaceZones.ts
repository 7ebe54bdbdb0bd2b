/**
 * The workspace index: the zone files of the workspace folders, read in the background, as the
 * resolver open zones use for MX hosts outside themselves (a backup in a sibling zone, a reverse
 * zone for PTR checks), and as the map of which zone includes which fragment. Files are read as
 * saved on disk; file events keep the index current.
 *
 * Bounded, since a workspace folder can be a home directory: {@link INDEX_LIMITS}. What was left
 * out is logged once; the index then holds the files read so far.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type WorkspaceInclude, WorkspaceIndex, type WorkspaceReference, workspaceFactsOf, type ZoneFacts } from '../../../core/src/index';
import { readZoneFile } from './fileReading';
import { createIncludeReader, fileUriToPath } from './includeReader';
import { findZoneFiles, isZoneFileName } from './zoneFiles';

export const INDEX_LIMITS = Object.freeze({
	/** Folder entries looked at per workspace folder. */
	maxEntries: 100_000,
	/** Zone files indexed in all. */
	maxFiles: 5_000,
	/** Bytes of one file; a bigger zone is left out of the index (it can still be opened and checked). */
	maxFileBytes: 16 * 1024 * 1024,
	/** Bytes read in all. */
	maxTotalBytes: 128 * 1024 * 1024,
	/** Time spent reading and parsing, in all (the files read by then are kept). */
	maxMilliseconds: 120_000,
});

/** Progress of an indexing run: files done of files found. */
export type IndexProgress = (done: number, total: number) => void;

export class WorkspaceZones {
	/** By real file path. */
	readonly #facts = new Map<string, ZoneFacts>();
	/** Derived from the facts on first use after each change (see {@link #changed}). */
	#sorted: readonly ZoneFacts[] | undefined;
	#index: WorkspaceIndex | undefined;
	#includers: Map<string, { readonly zone: ZoneFacts; readonly include: WorkspaceInclude }> | undefined;
	#run = 0;
	/** Files read of files found by the newest indexing run, while it runs. */
	#indexing: { done: number; total: number } | undefined;
	/** Callers of {@link whenIndexed} waiting for the newest run to end. */
	#indexedWaiters: (() => void)[] = [];
	/** Changes whenever the index does; part of each analysis's cache key. */
	version = 0;

	constructor(private readonly log: (message: string) => void) {}

	/**
	 * Set while an indexing run has not finished: until then the index lacks (some of) the workspace's
	 * zones, and what it says about other zones is incomplete.
	 */
	get indexing(): { readonly done: number; readonly total: number } | undefined {
		return this.#indexing;
	}

	/** The resolver for analyses; `undefined` while the workspace has no zone files indexed. */
	get index(): WorkspaceIndex | undefined {
		this.#index ??= this.#facts.size === 0 ? undefined : new WorkspaceIndex(this.facts());
		return this.#index;
	}

	/**
	 * Indexes the zone files of `folders` (paths) anew, yielding to the event loop between files so
	 * requests are answered meanwhile. A newer call (folders changed) makes an older one stop.
	 * Resolves true when this run finished and changed the index.
	 */
	async rebuild(folders: readonly string[], progress?: IndexProgress): Promise<boolean> {
		const run = ++this.#run;
		// Set before the folders are walked, so a rename asked meanwhile is refused too; total is known after.
		const indexing = { done: 0, total: 0 };
		this.#indexing = indexing;
		try {
			return await this.#rebuild(run, indexing, folders, progress);
		} finally {
			if (run === this.#run) this.#indexingEnded();
		}
	}

	#indexingEnded(): void {
		this.#indexing = undefined;
		this.#indexedWaiters.splice(0).forEach((resolve) => resolve());
	}

	/**
	 * Resolves true at once when no indexing run is under way, else when the newest one ends (a run
	 * replaced by a newer one does not count), or false after `timeoutMs`.
	 */
	whenIndexed(timeoutMs: number): Promise<boolean> {
		if (!this.#indexing) return Promise.resolve(true);
		return new Promise((resolve) => {
			const done = (): void => {
				clearTimeout(timer);
				resolve(true);
			};
			const timer = setTimeout(() => {
				this.#indexedWaiters = this.#indexedWaiters.filter((waiter) => waiter !== done);
				resolve(false);
			}, timeoutMs);
			this.#indexedWaiters.push(done);
		});
	}

	async #rebuild(
		run: number,
		indexing: { done: number; total: number },
		folders: readonly string[],
		progress?: IndexProgress,
	): Promise<boolean> {
		const files: string[] = [];
		for (const folder of folders) {
			const found = findZoneFiles(folder, { maxEntries: INDEX_LIMITS.maxEntries, maxFiles: INDEX_LIMITS.maxFiles - files.length });
			files.push(...found.files);
			for (const error of found.errors) if (!error.includes('no zone files found')) this.log(`Workspace index: ${error}`);
			if (files.length >= INDEX_LIMITS.maxFiles) break;
		}
		const facts = new Map<string, ZoneFacts>();
		let bytes = 0;
		const started = Date.now();
		indexing.total = files.length;
		for (let i = 0; i < files.length; i++) {
			await new Promise((resolve) => setImmediate(resolve));
			if (run !== this.#run) return false;
			indexing.done = i;
			const read = this.#read(files[i]);
			if (read) {
				bytes += read.bytes;
				if (read.facts) facts.set(files[i], read.facts);
			}
			progress?.(i + 1, files.length);
			if (bytes > INDEX_LIMITS.maxTotalBytes) {
				this.log(
					`Workspace index: stopped after ${i + 1} of ${files.length} zone files (${INDEX_LIMITS.maxTotalBytes / 1048576} MiB read).`,
				);
				break;
			}
			if (Date.now() - started > INDEX_LIMITS.maxMilliseconds) {
				this.log(`Workspace index: stopped after ${i + 1} of ${files.length} zone files (${INDEX_LIMITS.maxMilliseconds / 1000} s spent).`);
				break;
			}
		}
		this.#facts.clear();
		for (const [file, found] of facts) this.#facts.set(file, found);
		this.#changed();
		return true;
	}

	/** Files changed, appeared or went away on disk: the zone files among them are read again. True when the index changed. */
	update(paths: Iterable<string>): boolean {
		let changed = false;
		for (const file of paths) {
			if (!isZoneFileName(path.basename(file))) continue;
			const read = this.#read(file);
			if (read?.facts) this.#facts.set(file, read.facts);
			else if (!this.#facts.delete(file)) continue;
			changed = true;
		}
		if (changed) this.#changed();
		return changed;
	}

	/** Every indexed zone file's facts, in file order (two files with one apex both included). */
	facts(): readonly ZoneFacts[] {
		this.#sorted ??= [...this.#facts.values()].sort(byFile);
		return this.#sorted;
	}

	/** The indexed zone that `$INCLUDE`s the file `fileId` (a real-path file URL), and how; `undefined` when none does. */
	includerOf(fileId: string): { readonly zone: ZoneFacts; readonly include: WorkspaceInclude } | undefined {
		// Asked on every request about a document: a map made once per change of the index, not a scan.
		if (!this.#includers) {
			this.#includers = new Map();
			for (const zone of this.facts()) {
				for (const include of zone.includes)
					if (!this.#includers.has(include.fileId)) this.#includers.set(include.fileId, { zone, include });
			}
		}
		return this.#includers.get(fileId);
	}

	clear(): void {
		// Stops a run under way: nothing is being indexed any more.
		this.#run++;
		this.#indexingEnded();
		if (this.#facts.size === 0) return;
		this.#facts.clear();
		this.#changed();
	}

	#changed(): void {
		this.#sorted = undefined;
		this.#index = undefined;
		this.#includers = undefined;
		this.version++;
	}

	/** The facts of one zone file (`undefined` facts: not a zone, or its apex is unknown); `undefined` when it cannot be read. */
	#read(file: string): { readonly bytes: number; readonly facts: ZoneFacts | undefined } | undefined {
		const read = readZoneFile(file, INDEX_LIMITS.maxFileBytes);
		if (!('text' in read)) return undefined;
		return { bytes: read.text.length, facts: factsOfText(file, read.text) };
	}

	/**
	 * The words of other indexed zones (not the zone `exceptApexKey`) that name `key`, read again from
	 * each such zone's current text (`openTextOf` an open document, else the file on disk), so that
	 * edits made from them apply to the text the editor has. Refused, with a sentence for the user,
	 * when one of those zones cannot be read or edited safely.
	 */
	currentReferencesTo(
		key: string,
		exceptApexKey: string | undefined,
		openTextOf: (uri: string) => string | undefined,
	): { readonly references: readonly WorkspaceReference[] } | { readonly refused: string } {
		const index = this.index;
		if (index === undefined) return { references: [] };
		const { found, capped } = index.referencesTo(key, exceptApexKey);
		if (capped.length > 0)
			return {
				refused: `${capped[0].fileId} names more outside names than the workspace index keeps, so some words naming this owner could be missed: rename in a smaller workspace or by hand.`,
			};
		const references: WorkspaceReference[] = [];
		for (const { zone } of found) {
			const file = fileUriToPath(zone.fileId);
			const text = openTextOf(zone.fileId) ?? (file === undefined ? undefined : readText(file));
			if (file === undefined || text === undefined)
				return { refused: `${zone.fileId} names this owner but cannot be read now, so its words would keep the old name.` };
			// Editors hide a byte-order mark, so positions counted in the file's text would be one off on its first line.
			if (text.charCodeAt(0) === 0xfeff)
				return { refused: `${zone.fileId} starts with a byte-order mark, which named refuses: remove it (its quick fix), then rename.` };
			const current = factsOfText(file, text);
			if (current?.outsideReferencesCapped)
				return {
					refused: `${zone.fileId} names more outside names than the workspace index keeps, so some words naming this owner could be missed.`,
				};
			for (const reference of current?.outsideReferences.get(key) ?? []) {
				if (reference.at.fileId !== zone.fileId) {
					// A fragment the zone includes was read from disk: its open text must be the same.
					const open = openTextOf(reference.at.fileId);
					const fragment = fileUriToPath(reference.at.fileId);
					const saved = fragment === undefined ? undefined : readText(fragment);
					if (open !== undefined && (saved === undefined || open !== saved))
						return {
							refused: `${reference.at.fileId} has changes that are not saved: save it, so the rename edits the text the zone reads.`,
						};
					if (saved?.charCodeAt(0) === 0xfeff)
						return { refused: `${reference.at.fileId} starts with a byte-order mark, which named refuses: remove it, then rename.` };
				}
				references.push(reference);
			}
		}
		return { references };
	}
}

/** A zone file's text, or `undefined` when it cannot be read as one. */
function readText(file: string): string | undefined {
	const read = readZoneFile(file, INDEX_LIMITS.maxFileBytes);
	return 'text' in read ? read.text : undefined;
}

/** The facts of a zone file's text (`undefined`: not a zone, or its apex is unknown). */
function factsOfText(file: string, text: string): ZoneFacts | undefined {
	const uri = pathToFileURL(file).href;
	// Includes confined to the zone's folder, as an open zone outside a workspace folder reads them,
	// and read as BIND reads them (the index reads no configuration files).
	const { zone } = workspaceFactsOf(uri, text, {
		fileName: path.basename(file),
		resolveInclude: createIncludeReader(path.dirname(file), file, 'zoneFile'),
	});
	return zone;
}

/** Stable order, so that of two files with one apex the same one always answers. */
function byFile(a: ZoneFacts, b: ZoneFacts): number {
	return a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0;
}

/** The paths of `file:` folder URIs. */
export function folderPaths(uris: readonly string[]): string[] {
	return uris.map(fileUriToPath).filter((folder): folder is string => folder !== undefined);
}
