/**
 * Reads files named by `$INCLUDE` from disk for the language server. The core does no IO and gets
 * this function injected. Reading is confined to one folder (the workspace folder of the document,
 * or the document's own directory) so that a zone file cannot make the editor read arbitrary files,
 * and it refuses anything that is not a regular file of reasonable size (see {@link readConfined}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type IncludeResolver, MAX_INCLUDE_BYTES, MAX_INCLUDE_READS, MAX_INCLUDE_TOTAL_BYTES } from '../../../core/src/index';
import { kindOf, openForReading, readAtMost } from './fileReading';

/**
 * Where relative `$INCLUDE` paths are read from. `zoneFile` is BIND's reading (the default): named
 * resolves them against its working directory (the `directory` of named.conf, `named-checkzone`'s
 * current directory), for nested includes too, which Zone Sentinel takes to be the folder of the zone
 * file checked. `includingFile` is Knot's: against the folder of the file that holds the directive.
 */
export const INCLUDE_RELATIVE_TO = ['zoneFile', 'includingFile'] as const;
export type IncludeRelativeTo = (typeof INCLUDE_RELATIVE_TO)[number];

/**
 * A resolver confined to `root` (an absolute directory path), for the zone file `zoneFile` (a path).
 * File ids are `file:` URIs of the real (symlink-free) paths, so the core's cycle check and
 * related-information locations use them as is.
 *
 * `lookedAt` hears every path the reader looks at, found or not (and the real path of what it
 * found), so that the server can watch them and analyse again when one changes or appears.
 */
export function createIncludeReader(
	root: string,
	zoneFile: string,
	relativeTo: IncludeRelativeTo,
	lookedAt?: (path: string) => void,
): IncludeResolver {
	let realRoot: string | undefined;
	const budget = { reads: MAX_INCLUDE_READS, bytes: MAX_INCLUDE_TOTAL_BYTES };
	const zoneFolder = path.dirname(path.resolve(zoneFile));
	return (includePath, fromFileId) => {
		if (budget.reads <= 0)
			return { error: `not read: this zone already included ${MAX_INCLUDE_READS} files, the most Zone Sentinel reads for one zone.` };
		realRoot ??= realPathOf(root);
		if (realRoot === undefined) return { error: `the folder ${root} cannot be read.` };
		const fromPath = fileUriToPath(fromFileId);
		if (fromPath === undefined) return { error: 'only files saved on disk can follow $INCLUDE.' };

		const base = relativeTo === 'zoneFile' ? zoneFolder : path.dirname(fromPath);
		const candidate = path.resolve(base, includePath);
		lookedAt?.(candidate);
		const real = realPathOf(candidate);
		if (real === undefined) return { error: `file not found: ${candidate}${notFoundHint(includePath, relativeTo, zoneFolder, fromPath)}` };
		if (real !== candidate) lookedAt?.(real);
		if (!isInside(realRoot, real)) return { error: `${real} is outside the folder ${realRoot}; not read.` };
		return readConfined(real, realRoot, budget);
	};
}

/** When the other reading of a relative path finds the file, says so: the user may mean that one. */
function notFoundHint(includePath: string, relativeTo: IncludeRelativeTo, zoneFolder: string, fromPath: string): string {
	const readHere = relativeTo === 'zoneFile' ? zoneFolder : path.dirname(fromPath);
	const readThere = relativeTo === 'zoneFile' ? path.dirname(fromPath) : zoneFolder;
	if (path.isAbsolute(includePath) || readThere === readHere) return '.';
	const other = path.resolve(readThere, includePath);
	if (realPathOf(other) === undefined) return '.';
	return relativeTo === 'zoneFile'
		? `. BIND reads relative paths against its working directory, taken to be the zone file's folder; ${other}, relative to the including file (where Knot looks), exists: "includes": { "relativeTo": "includingFile" } in .zone-sentinel.json or --include-relative-to includingFile reads it.`
		: `. Relative paths are read against the including file, as Knot reads them; ${other}, relative to the zone file's folder (where BIND looks), exists: "relativeTo": "zoneFile" reads it.`;
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

/**
 * Kernel file systems and device nodes: their "files" are live state (`/proc/self/environ` is the
 * process environment, `/proc/kmsg` blocks until the kernel logs), not zone text. With the root at
 * `/` (the CLI's `--include-outside`) they would otherwise be inside it.
 */
const REFUSED_FOLDERS = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

/**
 * Reads `real` (a symlink-free path inside `realRoot`) with one open: what is checked is what was
 * opened, so a file swapped for a FIFO, a device or a symlink after the path was checked is
 * refused, not read. `O_NONBLOCK` makes opening a FIFO return at once (a blocking open waits for a
 * writer, and would stop the server's event loop); `O_NOFOLLOW` refuses a last component that
 * became a symlink; `fstat` of the descriptor decides what kind of file it is; at most
 * limit + 1 bytes are read, so a file that grows while being read is refused too.
 */
function readConfined(
	real: string,
	realRoot: string,
	budget: { reads: number; bytes: number },
): { id: string; text: string } | { error: string } {
	const refusedFolder = REFUSED_FOLDERS.find((folder) => isInside(folder, real));
	if (refusedFolder !== undefined)
		return { error: `${real} is under ${refusedFolder}, which holds system state, not zone files; not read.` };
	// A first look without opening: opening some devices does something (a watchdog, a tape rewind).
	let kind = kindOf(lstatOf(real));
	if (kind !== undefined) return { error: `${real} is ${kind}; only regular files are read.` };

	let fd: number;
	try {
		fd = openForReading(real, { followLastLink: false });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { error: `${real} became a symbolic link while being read; not read.` };
		return { error: `${real} cannot be read (${messageOf(error)}).` };
	}
	try {
		const stat = fs.fstatSync(fd);
		kind = kindOf(stat);
		if (kind !== undefined) return { error: `${real} is ${kind}; only regular files are read.` };
		const opened = openedPath(fd);
		if (opened !== undefined && opened !== real) {
			if (!isInside(realRoot, opened)) return { error: `${opened} is outside the folder ${realRoot}; not read.` };
			const folder = REFUSED_FOLDERS.find((candidate) => isInside(candidate, opened));
			if (folder !== undefined) return { error: `${opened} is under ${folder}, which holds system state, not zone files; not read.` };
		}
		if (stat.size > MAX_INCLUDE_BYTES) return tooLarge(real);
		if (stat.size > budget.bytes) return overBudget(real);
		const bytes = readAtMost(fd, Math.min(MAX_INCLUDE_BYTES, budget.bytes) + 1);
		if (bytes.length > MAX_INCLUDE_BYTES) return tooLarge(real);
		if (bytes.length > budget.bytes) return overBudget(real);
		budget.reads--;
		budget.bytes -= bytes.length;
		return { id: pathToFileURL(real).href, text: bytes.toString('utf8') };
	} catch (error) {
		return { error: `${real} cannot be read (${messageOf(error)}).` };
	} finally {
		fs.closeSync(fd);
	}
}

function lstatOf(real: string): fs.Stats | undefined {
	try {
		return fs.lstatSync(real);
	} catch {
		return undefined; // the open below says why
	}
}

/**
 * The path the descriptor really refers to, where the system says (Linux: `/proc/self/fd`): a
 * folder on the way that became a symlink after `realpath` shows here. `undefined` elsewhere.
 */
function openedPath(fd: number): string | undefined {
	if (process.platform !== 'linux') return undefined;
	try {
		return fs.readlinkSync(`/proc/self/fd/${fd}`);
	} catch {
		return undefined;
	}
}

function tooLarge(real: string): { error: string } {
	return { error: `${real} is larger than ${MAX_INCLUDE_BYTES / (1024 * 1024)} MB; not read.` };
}

function overBudget(real: string): { error: string } {
	return { error: `${real} not read: this zone's included files would pass ${MAX_INCLUDE_TOTAL_BYTES / (1024 * 1024)} MB in all.` };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The id the include reader gives the file of `uri` (the `file:` URI of its real path); `undefined` when not on disk. */
export function fileIdOf(uri: string): string | undefined {
	const file = fileUriToPath(uri);
	const real = file === undefined ? undefined : realPathOf(file);
	return real === undefined ? undefined : pathToFileURL(real).href;
}

/** The path of a `file:` URI; `undefined` for other schemes and malformed URIs. */
export function fileUriToPath(uri: string): string | undefined {
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
