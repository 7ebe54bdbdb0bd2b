/**
 * A zone file as of a git revision (`git show REV:./name`), the earlier version `serialNotIncremented`
 * compares with: HEAD in the editor, `--serial-since REF` in the CLI. Run in the file's own folder,
 * so the repository is the file's (not the process's), with no prompts and no optional locks (a
 * check must never wait for a password or block a concurrent `git commit`).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { MAX_ZONE_CHARACTERS } from '../../../core/src/index';

export type CommittedVersion =
	| { readonly text: string }
	/** The repository has no such file at that revision: a file new since it. */
	| { readonly notCommitted: true }
	/** Not in a git repository, or git is not installed. */
	| { readonly noRepository: string }
	/** The revision is unknown, or git failed otherwise: git's own words. */
	| { readonly error: string };

/** How long git may take for one file (ms); a repository on a dead network mount must not hang a check. */
const GIT_TIMEOUT_MS = 20_000;

/** `file` (a path) as of `revision`. */
export function committedVersion(file: string, revision: string): CommittedVersion {
	const absolute = path.resolve(file);
	const run = spawnSync('git', ['-C', path.dirname(absolute), 'show', `${revision}:./${path.basename(absolute)}`], {
		maxBuffer: MAX_ZONE_CHARACTERS + 1,
		timeout: GIT_TIMEOUT_MS,
		env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (run.error) {
		const code = (run.error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return { noRepository: 'git is not installed' };
		return { error: code === 'ETIMEDOUT' ? `git took over ${GIT_TIMEOUT_MS / 1000} s` : run.error.message };
	}
	const stderr = run.stderr.toString('utf8').trim();
	if (run.status === 0) return { text: run.stdout.toString('utf8') };
	if (/not a git repository/i.test(stderr)) return { noRepository: 'not in a git repository' };
	// "path 'x' exists on disk, but not in 'HEAD'", "path 'x' does not exist in 'HEAD'"
	if (/exists on disk, but not in|does not exist in/.test(stderr)) return { notCommitted: true };
	return { error: stderr.split('\n')[0] || `git exited with status ${String(run.status)}` };
}
