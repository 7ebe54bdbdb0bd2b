/**
 * The MTA-STS policy file that belongs with a zone: by default `.well-known/mta-sts.txt` in the zone
 * file's folder, as a repository that also publishes the policy keeps it (RFC 8461 §3.3 serves it
 * from `https://mta-sts.<domain>/.well-known/mta-sts.txt`), or the file a setting names
 * (`zoneSentinel.mtaSts.policyFile`, `mtaSts.policyFile` of `.zone-sentinel.json`, `--mta-sts-policy`).
 * Read by the CLI and the server alike, with the same safe reading as zone files, and small: a
 * policy is a few lines. The default missing is normal (most zones publish no policy); a path that
 * was set and cannot be read is a problem, never silence.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyFile } from '../../../core/src/index';
import { readZoneFile } from './fileReading';

/** Where the policy is looked for by default, relative to the zone file's folder. */
export const MTA_STS_POLICY_PATH = path.join('.well-known', 'mta-sts.txt');
const MAX_POLICY_BYTES = 64 * 1024;

/** A policy path a setting gave: as written, the folder a relative one is read against, and which setting it is. */
export interface ConfiguredPolicyPath {
	readonly path: string;
	/** `undefined`: the zone file's folder (the editor setting); the configuration file's folder; the working directory (the CLI flag). */
	readonly base?: string;
	/** For messages: `zoneSentinel.mtaSts.policyFile`, `--mta-sts-policy`, `mtaSts.policyFile of /x/.zone-sentinel.json`. */
	readonly from: string;
}

/** The path the policy of the zone at `zonePath` has: the configured one, else the default beside it. */
export function mtaStsPolicyPathFor(zonePath: string, configured?: ConfiguredPolicyPath): string {
	if (configured === undefined) return path.join(path.dirname(zonePath), MTA_STS_POLICY_PATH);
	return path.resolve(configured.base ?? path.dirname(zonePath), configured.path);
}

/** The policy beside the zone at `zonePath`, or `undefined` when there is none (or it cannot be read as text). */
export function readMtaStsPolicyBeside(zonePath: string): PolicyFile | undefined {
	return readMtaStsPolicy(zonePath).policy;
}

/** The zone's policy file, and when a configured one cannot be read, why (for `mtaStsPolicyUnreadable`). */
export function readMtaStsPolicy(
	zonePath: string,
	configured?: ConfiguredPolicyPath,
): { readonly policy?: PolicyFile; readonly problem?: string } {
	const file = mtaStsPolicyPathFor(zonePath, configured);
	const read = readZoneFile(file, MAX_POLICY_BYTES);
	if ('text' in read) return { policy: { fileId: pathToFileURL(file).href, text: read.text } };
	if (configured === undefined) return {};
	const why = !fs.existsSync(file)
		? `${file} does not exist`
		: 'binary' in read
			? `${file} is ${read.binary}, not text`
			: read.error.replace(/; not checked\.$/, '');
	return {
		problem: `The MTA-STS policy file set by ${configured.from} cannot be read: ${why.replace(/\.$/, '')}. The MTA-STS checks of this zone are not made; fix the path, or remove the setting to read ${MTA_STS_POLICY_PATH} beside the zone.`,
	};
}
