/**
 * The MTA-STS policy file that belongs with a zone: `.well-known/mta-sts.txt` in the zone file's
 * folder, as a repository that also publishes the policy keeps it (RFC 8461 §3.3 serves it from
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`). Read by the CLI and the server alike, with the
 * same safe reading as zone files, and small: a policy is a few lines.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyFile } from '../../../core/src/index';
import { readZoneFile } from './fileReading';

/** Where the policy is looked for, relative to the zone file's folder. */
export const MTA_STS_POLICY_PATH = path.join('.well-known', 'mta-sts.txt');
const MAX_POLICY_BYTES = 64 * 1024;

/** The path the policy of the zone at `zonePath` would have. */
export function mtaStsPolicyPathFor(zonePath: string): string {
	return path.join(path.dirname(zonePath), MTA_STS_POLICY_PATH);
}

/** The policy beside the zone at `zonePath`, or `undefined` when there is none (or it cannot be read as text). */
export function readMtaStsPolicyBeside(zonePath: string): PolicyFile | undefined {
	const file = mtaStsPolicyPathFor(zonePath);
	const read = readZoneFile(file, MAX_POLICY_BYTES);
	return 'text' in read ? { fileId: pathToFileURL(file).href, text: read.text } : undefined;
}
