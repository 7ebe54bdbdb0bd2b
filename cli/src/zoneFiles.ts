/**
 * Finds zone files: a file argument is taken as it is; a directory is searched recursively for
 * names that look like zone files (the same patterns the extension registers for `dns-zone`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ZONE_EXTENSIONS = new Set(['.zone', '.db', '.dns', '.signed']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isZoneFileName(name: string): boolean {
	return ZONE_EXTENSIONS.has(path.extname(name).toLowerCase()) || /^db\./i.test(name) || name === 'named.root';
}

export function findZoneFiles(given: string): { files: string[] } | { error: string } {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(given);
	} catch {
		return { error: `${given}: no such file or directory.` };
	}
	if (!stat.isDirectory()) return { files: [given] };
	const files: string[] = [];
	const walk = (folder: string): void => {
		const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
		for (const entry of entries) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
			} else if (entry.isFile() && isZoneFileName(entry.name)) {
				files.push(full);
			}
		}
	};
	try {
		walk(given);
	} catch (error) {
		return { error: `${given}: cannot list (${(error as Error).message}).` };
	}
	if (files.length === 0) return { error: `${given}: no zone files found (looked for *.zone, *.db, *.dns, *.signed, db.*, named.root).` };
	return { files };
}
