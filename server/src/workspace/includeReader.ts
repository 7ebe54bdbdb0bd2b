/**
 * Reads files named by `$INCLUDE` from disk for the language server. The core does no IO and gets
 * this function injected. Reading is confined to one folder (the workspace folder of the document,
 * or the document's own directory) so that a zone file cannot make the editor read arbitrary files,
 * and it refuses anything that is not a regular file of reasonable size.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type IncludeResolver, MAX_INCLUDE_BYTES, MAX_INCLUDE_READS, MAX_INCLUDE_TOTAL_BYTES } from '../../../core/src/index';

export { MAX_INCLUDE_BYTES, MAX_INCLUDE_READS, MAX_INCLUDE_TOTAL_BYTES };

/**
 * A resolver confined to `root` (an absolute directory path). File ids are `file:` URIs of the real
 * (symlink-free) paths, so the core's cycle check and related-information locations use them as is.
 *
 * Relative paths are tried against the including file's directory first, then against `root`:
 * BIND resolves them against its working directory, which is usually the zone folder.
 */
export function createIncludeReader(root: string): IncludeResolver {
	let realRoot: string | undefined;
	const budget = { reads: MAX_INCLUDE_READS, bytes: MAX_INCLUDE_TOTAL_BYTES };
	return (includePath, fromFileId) => {
		if (budget.reads <= 0)
			return { error: `not read: this zone already included ${MAX_INCLUDE_READS} files, the most Zone Sentinel reads for one zone.` };
		realRoot ??= realPathOf(root);
		if (realRoot === undefined) return { error: `the folder ${root} cannot be read.` };
		const fromPath = fileUriToPath(fromFileId);
		if (fromPath === undefined) return { error: 'only files saved on disk can follow $INCLUDE.' };

		const candidates = path.isAbsolute(includePath)
			? [includePath]
			: [...new Set([path.resolve(path.dirname(fromPath), includePath), path.resolve(root, includePath)])];
		let outside: string | undefined;
		for (const candidate of candidates) {
			const real = realPathOf(candidate);
			if (real === undefined) continue;
			if (!isInside(realRoot, real)) {
				outside ??= real;
				continue;
			}
			return readConfined(real, budget);
		}
		if (outside !== undefined) return { error: `${outside} is outside the folder ${realRoot}; not read.` };
		return { error: `file not found (looked for ${candidates.join(' and ')}).` };
	};
}

/**
 * The folder includes of `documentUri` are confined to: the deepest workspace folder that contains
 * the document, else the document's own directory. `undefined` for documents not on disk.
 */
export function includeRootFor(documentUri: string, workspaceFolderUris: readonly string[]): string | undefined {
	const documentPath = fileUriToPath(documentUri);
	if (documentPath === undefined) return undefined;
	let best: string | undefined;
	for (const uri of workspaceFolderUris) {
		const folder = fileUriToPath(uri);
		if (folder !== undefined && isInside(folder, documentPath) && (best === undefined || folder.length > best.length)) best = folder;
	}
	return best ?? path.dirname(documentPath);
}

function readConfined(real: string, budget: { reads: number; bytes: number }): { id: string; text: string } | { error: string } {
	try {
		const stat = fs.statSync(real);
		if (stat.isDirectory()) return { error: `${real} is a directory.` };
		// FIFOs and devices could block or never end; only regular files are read.
		if (!stat.isFile()) return { error: `${real} is not a regular file.` };
		if (stat.size > MAX_INCLUDE_BYTES) return { error: `${real} is larger than ${MAX_INCLUDE_BYTES / (1024 * 1024)} MB; not read.` };
		if (stat.size > budget.bytes)
			return { error: `${real} not read: this zone's included files would pass ${MAX_INCLUDE_TOTAL_BYTES / (1024 * 1024)} MB in all.` };
		budget.reads--;
		budget.bytes -= stat.size;
		return { id: pathToFileURL(real).href, text: fs.readFileSync(real, 'utf8') };
	} catch (error) {
		return { error: `${real} cannot be read (${error instanceof Error ? error.message : String(error)}).` };
	}
}

function fileUriToPath(uri: string): string | undefined {
	if (!uri.startsWith('file:')) return undefined;
	try {
		return fileURLToPath(uri);
	} catch {
		return undefined;
	}
}

function realPathOf(candidate: string): string | undefined {
	try {
		return fs.realpathSync(candidate);
	} catch {
		return undefined;
	}
}

function isInside(folder: string, candidate: string): boolean {
	const relative = path.relative(folder, candidate);
	return relative === '' || (relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative));
}
