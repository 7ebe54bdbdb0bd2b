/**
 * Finding the configuration file of a zone file: the nearest `.zone-sentinel.json` in the zone
 * file's folder or any folder above it, up to the filesystem root. Only the nearest counts (files
 * are not merged), so a project's file says everything that applies to its zones. Used by the CLI
 * (one finder per run) and the server (one finder, emptied when a configuration file changes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindOf, openForReading, readAtMost } from './fileReading';
import { CONFIG_FILE_NAME, type ConfigProblem, type ParsedConfig, parseZoneConfig, type ZoneConfig } from './zoneConfig';

/** A configuration file is small; a larger one is refused rather than read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface FoundConfig {
	/** Absolute path of the file. */
	readonly file: string;
	/** Its text ('' when it could not be read), for positions. */
	readonly text: string;
	readonly parsed: ParsedConfig;
}

/** What the configuration file says for one zone file: its origin picked by glob. */
export interface FileConfig {
	readonly file: string;
	readonly rules: ZoneConfig['rules'];
	readonly options: ZoneConfig['options'];
	readonly origin: string | undefined;
	readonly includes: ZoneConfig['includes'];
	readonly smtp: ZoneConfig['smtp'];
	readonly format: ZoneConfig['format'];
	readonly serial: ZoneConfig['serial'];
	/** The policy file it names, absolute (a relative path is read against the configuration file's folder). */
	readonly mtaStsPolicyFile: string | undefined;
}

/** The paths a zone file's configuration may be at, nearest first (what the server watches). */
export function configCandidates(zoneFile: string): string[] {
	const candidates: string[] = [];
	for (let folder = path.dirname(path.resolve(zoneFile)); ; folder = path.dirname(folder)) {
		candidates.push(path.join(folder, CONFIG_FILE_NAME));
		if (path.dirname(folder) === folder) return candidates;
	}
}

export class ConfigFinder {
	/** Nearest configuration by folder (`null`: none up to the root), so a folder of zones reads it once. */
	readonly #byFolder = new Map<string, FoundConfig | null>();

	/** The nearest configuration file of `zoneFile`, valid or not; `undefined` when there is none. */
	find(zoneFile: string): FoundConfig | undefined {
		return this.#nearest(path.dirname(path.resolve(zoneFile))) ?? undefined;
	}

	/** Forget every file read (one of them changed). */
	clear(): void {
		this.#byFolder.clear();
	}

	#nearest(folder: string): FoundConfig | null {
		const known = this.#byFolder.get(folder);
		if (known !== undefined) return known;
		const parent = path.dirname(folder);
		const found = readConfig(path.join(folder, CONFIG_FILE_NAME)) ?? (parent === folder ? null : this.#nearest(parent));
		this.#byFolder.set(folder, found);
		return found;
	}
}

/** The configuration for `zoneFile` from a valid file: the first `origins` glob that matches its path relative to the file's folder. */
export function configForFile(found: FoundConfig, config: ZoneConfig, zoneFile: string): FileConfig {
	const relative = path.relative(path.dirname(found.file), path.resolve(zoneFile)).split(path.sep).join('/');
	return {
		file: found.file,
		rules: config.rules,
		options: config.options,
		origin: config.origins.find((entry) => entry.matches(relative))?.origin,
		includes: config.includes,
		smtp: config.smtp,
		format: config.format,
		serial: config.serial,
		mtaStsPolicyFile: config.mtaSts.policyFile === undefined ? undefined : path.resolve(path.dirname(found.file), config.mtaSts.policyFile),
	};
}

/** The file at `file`, `undefined` when there is none; a file that exists but cannot be read is a problem, not "none". */
function readConfig(file: string): FoundConfig | undefined {
	let fd: number | undefined;
	const unreadable = (message: string): FoundConfig => ({ file, text: '', parsed: { problems: [problemAtStart(message)] } });
	try {
		fd = openForReading(file, { followLastLink: true });
		const kind = kindOf(fs.fstatSync(fd));
		if (kind !== undefined) return unreadable(`is ${kind}, not a file.`);
		const data = readAtMost(fd, MAX_CONFIG_BYTES + 1);
		if (data.length > MAX_CONFIG_BYTES) return unreadable(`is larger than ${MAX_CONFIG_BYTES / 1024} KiB.`);
		const text = data.toString('utf8');
		return { file, text, parsed: parseZoneConfig(text) };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		return unreadable(`cannot be read (${code ?? (error as Error).message}).`);
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

function problemAtStart(message: string): ConfigProblem {
	return { key: '(file)', start: 0, end: 0, message };
}
