/**
 * The CLI's side of `.zone-sentinel.json`: the configuration of each zone file (the nearest file
 * found walking up from it; read once per folder per run), and its problems as compiler-style
 * lines. `check` and `smtp-test` refuse a zone whose configuration file is invalid (exit 2).
 */
import * as path from 'node:path';
import { ConfigFinder, configForFile, type FileConfig, type FoundConfig, positionSourceForText } from '../../server/src/index';
import { printable } from './printable';

export type ZoneFileConfig =
	| { readonly config: FileConfig | undefined }
	/** The configuration file is invalid; `lines` is empty when they were printed for an earlier zone file. */
	| { readonly invalid: string; readonly lines: readonly string[] };

export class CliConfigs {
	readonly #finder = new ConfigFinder();
	readonly #reported = new Set<string>();

	/** What applies to `zoneFile`: its configuration (`undefined` without a file), or the problems of an invalid one. */
	for(zoneFile: string): ZoneFileConfig {
		const found = this.#finder.find(zoneFile);
		if (found === undefined) return { config: undefined };
		if ('config' in found.parsed) return { config: configForFile(found, found.parsed.config, zoneFile) };
		const first = !this.#reported.has(found.file);
		this.#reported.add(found.file);
		return { invalid: displayName(found.file), lines: first ? configProblemLines(found) : [] };
	}
}

/** `.zone-sentinel.json:3:14: error invalidConfig: mx.networkPrefixV4: must be …` (one-based, as zone problems are printed). */
function configProblemLines(found: FoundConfig): string[] {
	const source = positionSourceForText(found.text);
	const name = displayName(found.file);
	return found.parsed.problems.map((problem) => {
		const { line, character } = source.positionAt(problem.start);
		return printable(`${name}:${line + 1}:${character + 1}: error invalidConfig: ${problem.key}: ${problem.message}`);
	});
}

/** Relative to the working directory when inside it, else absolute. */
function displayName(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
