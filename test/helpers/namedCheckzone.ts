/**
 * Runs BIND's real `named-checkzone` (Debian package bind9-utils; `.ci/run` installs it) on zone
 * text, so that tests can prove an edit leaves a zone BIND still loads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CheckzoneResult {
	readonly status: number | null;
	/** BIND's messages (from a second, verbose run when the quiet one failed). */
	readonly output: string;
}

let directory: string | undefined;
let counter = 0;

/** True when `named-checkzone` can be run. */
export function namedCheckzoneAvailable(): boolean {
	const result = spawnSync('named-checkzone', ['-v'], { encoding: 'utf8' });
	return result.status === 0;
}

/** `named-checkzone -q <origin> <file>` on `text` written to a temporary file. */
export function namedCheckzone(origin: string, text: string): CheckzoneResult {
	directory ??= fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-named-'));
	const file = path.join(directory, `zone-${++counter}.zone`);
	fs.writeFileSync(file, text);
	const quiet = spawnSync('named-checkzone', ['-q', origin, file], { encoding: 'utf8' });
	if (quiet.error) throw quiet.error;
	if (quiet.status === 0) return { status: 0, output: '' };
	const verbose = spawnSync('named-checkzone', [origin, file], { encoding: 'utf8' });
	return { status: quiet.status, output: `${verbose.stdout}${verbose.stderr}` };
}

/** Removes the temporary files (call from `after`). */
export function cleanUpNamedCheckzone(): void {
	if (directory) fs.rmSync(directory, { recursive: true, force: true });
	directory = undefined;
}
