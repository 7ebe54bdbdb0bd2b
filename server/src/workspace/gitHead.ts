/**
 * Which commit a file's git repository has checked out, read from the repository's own files
 * (`HEAD`, the ref it names, `packed-refs`) with no git run, so the server can ask on every
 * analysis and run `git show` only when HEAD moved. It also names the files to watch: a commit,
 * checkout, reset or `git pack-refs` rewrites one of them.
 *
 * `.git` is a folder, or in a linked worktree or a submodule a file `gitdir: <path>`; a worktree's
 * git folder names the shared one (branches, packed-refs) in its `commondir` file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitHead {
	/** The commit HEAD resolves to; `undefined` on a branch with no commit yet. */
	readonly commit: string | undefined;
	/** The files whose change moves HEAD: HEAD itself, the ref file it names (present or not) and packed-refs. */
	readonly files: readonly string[];
}

/** How many `ref:` links are followed (HEAD → branch is one; git itself stops at 5). */
const MAX_SYMBOLIC_REFS = 5;

const COMMIT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * HEAD of the repository `folder` is in; `undefined` outside a repository, and when its refs are
 * in a form this does not read (reftable, an unreadable file): the caller then asks git.
 */
export function gitHeadOf(folder: string): GitHead | undefined {
	const gitDir = gitDirOf(path.resolve(folder));
	if (gitDir === undefined) return undefined;
	const commonDir = readCommonDir(gitDir);
	// Reftable keeps refs in a binary format: HEAD there names a placeholder branch.
	if (fs.existsSync(path.join(commonDir, 'reftable'))) return undefined;
	const files = [path.join(gitDir, 'HEAD')];
	let content = readText(files[0]);
	for (let depth = 0; content !== undefined && depth < MAX_SYMBOLIC_REFS; depth++) {
		const target = /^ref:\s*(\S+)/.exec(content)?.[1];
		if (target === undefined) break;
		if (!target.startsWith('refs/')) return undefined;
		const refFile = path.join(commonDir, ...target.split('/'));
		const packedRefs = path.join(commonDir, 'packed-refs');
		files.push(refFile, packedRefs);
		content = readText(refFile) ?? packedRef(packedRefs, target) ?? '';
		if (content === '') return { commit: undefined, files };
	}
	const commit = content?.trim();
	return commit !== undefined && COMMIT_ID.test(commit) ? { commit, files: [...new Set(files)] } : undefined;
}

/** The git folder of the repository `folder` is in: the nearest `.git` folder, or where a `.git` file's `gitdir:` points. */
function gitDirOf(folder: string): string | undefined {
	for (let current = folder; ; current = path.dirname(current)) {
		const dotGit = path.join(current, '.git');
		let stat: fs.Stats | undefined;
		try {
			stat = fs.statSync(dotGit);
		} catch {
			stat = undefined;
		}
		if (stat?.isDirectory()) return dotGit;
		if (stat?.isFile()) {
			const target = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '')?.[1];
			return target === undefined ? undefined : path.resolve(current, target);
		}
		if (path.dirname(current) === current) return undefined;
	}
}

/** A linked worktree's git folder shares branches and packed-refs with the main one its `commondir` names. */
function readCommonDir(gitDir: string): string {
	const common = readText(path.join(gitDir, 'commondir'))?.trim();
	return common ? path.resolve(gitDir, common) : gitDir;
}

/** The commit of `ref` in a packed-refs file (`<id> <ref>` lines; `#` headers and `^` peeled tags skipped). */
function packedRef(file: string, ref: string): string | undefined {
	for (const line of (readText(file) ?? '').split('\n')) {
		const space = line.indexOf(' ');
		if (space > 0 && line.slice(space + 1).trim() === ref) return line.slice(0, space);
	}
	return undefined;
}

function readText(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}
