/**
 * Finds zone files: a file argument is taken as it is; a directory is searched recursively for
 * names that look like zone files (the same patterns the extension registers for `dns-zone`).
 * A folder or link that cannot be read is reported and the walk goes on with the rest. The CLI
 * searches its arguments with it, the server its workspace folders (with a bound on the walk).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ZONE_EXTENSIONS = new Set(['.zone', '.db', '.dns', '.signed']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isZoneFileName(name: string): boolean {
	return ZONE_EXTENSIONS.has(path.extname(name).toLowerCase()) || /^db\./i.test(name) || name === 'named.root';
}

export interface FoundZoneFiles {
	/** Zone files in a stable order (sorted by name within each folder). */
	readonly files: string[];
	/** True when `given` named a file itself rather than a folder to search. */
	readonly explicit: boolean;
	/** What could not be read, one message each; the files found are still checked. */
	readonly errors: string[];
}

function code(error: unknown): string {
	return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Bounds for a walk the user did not ask for (the editor's workspace index): entries looked at, files found. */
export interface WalkLimits {
	readonly maxEntries: number;
	readonly maxFiles: number;
}

export function findZoneFiles(given: string, limits?: WalkLimits): FoundZoneFiles {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(given);
	} catch (error) {
		const why = code(error);
		return {
			files: [],
			explicit: true,
			errors: [why === 'ENOENT' ? `${given}: no such file or directory.` : `${given}: cannot read (${why}).`],
		};
	}
	if (!stat.isDirectory()) return { files: [given], explicit: true, errors: [] };
	const files: string[] = [];
	const errors: string[] = [];
	// Real paths of the folders walked, so a link back up (`sub/up -> ..`) is not walked again.
	const visited = new Set<string>();
	let entriesSeen = 0;
	let stopped = false;
	const walk = (folder: string): void => {
		if (stopped) return;
		let real: string;
		let entries: fs.Dirent[];
		try {
			real = fs.realpathSync(folder);
			if (visited.has(real)) return;
			visited.add(real);
			entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
		} catch (error) {
			errors.push(`${folder}: cannot list (${code(error)}); the rest is checked.`);
			return;
		}
		for (const entry of entries) {
			if (limits && (++entriesSeen > limits.maxEntries || files.length >= limits.maxFiles)) {
				if (!stopped)
					errors.push(`${given}: stopped after ${files.length} zone files and ${entriesSeen - 1} entries (the limits of this search).`);
				stopped = true;
				return;
			}
			const full = path.join(folder, entry.name);
			let isDirectory = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink()) {
				try {
					const target = fs.statSync(full);
					isDirectory = target.isDirectory();
					isFile = target.isFile();
				} catch (error) {
					// A dangling link is only worth a word when it looks like a zone file; a loop always is.
					const why = code(error);
					if (why !== 'ENOENT' || isZoneFileName(entry.name)) errors.push(`${full}: cannot read (${why}); the rest is checked.`);
					continue;
				}
			}
			if (isDirectory) {
				if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
			} else if (isFile && isZoneFileName(entry.name)) {
				files.push(full);
			}
		}
	};
	walk(given);
	if (files.length === 0 && errors.length === 0)
		errors.push(`${given}: no zone files found (looked for *.zone, *.db, *.dns, *.signed, db.*, named.root).`);
	return { files, explicit: false, errors };
}
