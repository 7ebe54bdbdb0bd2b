/**
 * Runs BIND's real `named-checkzone` (Debian package bind9-utils; `.ci/run` installs it) on zone
 * text, so that tests can prove an edit leaves a zone BIND still loads. Tests that use it declare
 * `requires('named-checkzone')` (helpers/requires.ts).
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

/**
 * Always `-i local`: the default `-i full` also looks up out-of-zone MX and NS targets in the DNS,
 * which makes the verdict depend on the network (and on names like backup-mx.example.net.).
 */
export const NAMED_CHECKZONE_FLAGS = ['-i', 'local'] as const;

/** `named-checkzone -i local -q <origin> <file>` on `text` written to a temporary file. */
export function namedCheckzone(origin: string, text: string): CheckzoneResult {
	directory ??= fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-named-'));
	const file = path.join(directory, `zone-${++counter}.zone`);
	fs.writeFileSync(file, text);
	const quiet = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-q', origin, file], { encoding: 'utf8' });
	if (quiet.error) throw quiet.error;
	if (quiet.status === 0) return { status: 0, output: '' };
	const verbose = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, origin, file], { encoding: 'utf8' });
	return { status: quiet.status, output: `${verbose.stdout}${verbose.stderr}` };
}

/** Removes the temporary files (call from `after`). */
export function cleanUpNamedCheckzone(): void {
	if (directory) fs.rmSync(directory, { recursive: true, force: true });
	directory = undefined;
}

/** `named-checkzone -i local -q <origin> <file>` on a file on disk, run in `cwd` (BIND resolves `$INCLUDE` paths against it). */
export function namedCheckzoneFile(origin: string, file: string, cwd: string): CheckzoneResult {
	const run = (quiet: boolean): ReturnType<typeof spawnSync> =>
		spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, ...(quiet ? ['-q'] : []), origin, file], { encoding: 'utf8', cwd });
	const quiet = run(true);
	if (quiet.error) throw quiet.error;
	if (quiet.status === 0) return { status: 0, output: '' };
	const verbose = run(false);
	return { status: quiet.status, output: `${String(verbose.stdout)}${String(verbose.stderr)}` };
}
