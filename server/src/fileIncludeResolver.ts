/**
 * Follows `$INCLUDE` on the local file system, for the CLI and the language server. The core asks
 * through its injected `IncludeResolver`; this is the only place that reads included files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncludeResolver } from './model/lower';

/** Included files larger than this are refused rather than read into memory. */
export const MAX_INCLUDE_BYTES = 64 * 1024 * 1024;

export interface FileIncludeOptions {
	/** Relative `$INCLUDE` paths are resolved against this folder, as BIND does with its working directory. */
	readonly baseDirectory: string;
	/** When set, only files inside this folder may be read. */
	readonly confineTo?: string;
}

export function createFileIncludeResolver(options: FileIncludeOptions): IncludeResolver {
	const confineTo = options.confineTo === undefined ? undefined : realpathOrSelf(options.confineTo);
	return (includePath) => {
		const target = path.resolve(options.baseDirectory, includePath);
		let real: string;
		let stat: fs.Stats;
		try {
			real = fs.realpathSync(target);
			stat = fs.statSync(real);
		} catch {
			return { error: `file not found (${target}).` };
		}
		if (confineTo !== undefined && !isInside(real, confineTo)) {
			return { error: `refused: ${real} is outside ${confineTo}.` };
		}
		if (stat.isDirectory()) return { error: `${real} is a directory, not a zone file.` };
		if (!stat.isFile()) return { error: `${real} is not a regular file.` };
		if (stat.size > MAX_INCLUDE_BYTES) return { error: `${real} is ${Math.round(stat.size / 1048576)} MB; included files are read up to ${MAX_INCLUDE_BYTES / 1048576} MB.` };
		try {
			return { id: real, text: fs.readFileSync(real, 'utf8') };
		} catch (error) {
			return { error: `cannot read ${real}: ${(error as Error).message}` };
		}
	};
}

function isInside(file: string, folder: string): boolean {
	const relative = path.relative(folder, file);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realpathOrSelf(folder: string): string {
	try {
		return fs.realpathSync(folder);
	} catch {
		return path.resolve(folder);
	}
}
