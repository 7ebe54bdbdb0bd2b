/**
 * `check --fix`: which quick fixes are applied without asking, the fixed text, its unified diff
 * (`--dry-run`), and writing it back without ever leaving a partial file.
 *
 * A fix is applied when it is marked `safe`, or when it needs a backup host and `--backup-host` was
 * given. One fix per problem (the preferred one of those), edits of the zone file itself only;
 * identical edits offered by several problems (the same backup MX line) are applied once, and a fix
 * that overlaps one already chosen is left for the next run.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OffsetEdit, RuleFix, ZoneAnalysis } from '../../core/src/index';

/** Lines of context around each change in the diff, as `diff -u` shows. */
const CONTEXT_LINES = 3;

export interface FixPlan {
	readonly text: string;
	/** The fixes applied, as `code: title`. */
	readonly applied: readonly string[];
}

/** The zone file's text with the fixes `check --fix` applies. */
export function planFixes(text: string, analysis: ZoneAnalysis, backupHostGiven: boolean): FixPlan {
	const eligible = (fix: RuleFix): boolean =>
		(fix.safe === true || (fix.needs === 'backupHost' && backupHostGiven)) &&
		fix.edits.every((edit) => edit.file === 0) &&
		fix.policyEdits === undefined;
	const chosen: OffsetEdit[] = [];
	const applied: string[] = [];
	const key = (edit: OffsetEdit): string => `${edit.start}:${edit.end}:${edit.newText}`;
	const known = new Set<string>();
	for (const problem of analysis.problems) {
		const fixes = (problem as { fixes?: readonly RuleFix[] }).fixes ?? [];
		const fix = fixes.find((candidate) => eligible(candidate) && candidate.preferred === true) ?? fixes.find(eligible);
		if (fix === undefined) continue;
		const fresh = fix.edits.filter((edit) => !known.has(key(edit)));
		if (fresh.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
		for (const edit of fresh) {
			known.add(key(edit));
			chosen.push(edit);
		}
		applied.push(`${problem.code}: ${fix.title}`);
	}
	chosen.sort((a, b) => a.start - b.start);
	let result = '';
	let at = 0;
	for (const edit of chosen) {
		result += text.slice(at, edit.start) + edit.newText;
		at = edit.end;
	}
	return { text: result + text.slice(at), applied };
}

/** Two edits touch the same text; two insertions at one offset count too (their order would be a guess). */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
	return a.start < b.end || b.start < a.end ? a.start < b.end && b.start < a.end : a.start === b.start;
}

/** A unified diff (`--- a/FILE`, `+++ b/FILE`, hunks with 3 lines of context) that `patch -p1` applies; '' when equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
	if (before === after) return '';
	const old = splitLines(before);
	const now = splitLines(after);
	// The changed block: everything between the longest common prefix and suffix of lines.
	let prefix = 0;
	while (prefix < old.length && prefix < now.length && old[prefix] === now[prefix]) prefix++;
	let suffix = 0;
	while (suffix < old.length - prefix && suffix < now.length - prefix && old[old.length - 1 - suffix] === now[now.length - 1 - suffix])
		suffix++;
	const hunks: string[] = [];
	// Within the block, changes more than twice the context apart become separate hunks.
	const runs = changedRuns(old.slice(prefix, old.length - suffix), now.slice(prefix, now.length - suffix));
	let hunk: { oldStart: number; newStart: number; lines: string[]; oldCount: number; newCount: number } | undefined;
	let lastOld = 0;
	const flush = (): void => {
		if (!hunk) return;
		const trailing = Math.min(CONTEXT_LINES, old.length - lastOld);
		for (let i = 0; i < trailing; i++) hunk.lines.push(' ' + old[lastOld + i]);
		hunk.oldCount += trailing;
		hunk.newCount += trailing;
		const range = (start: number, count: number): string => `${count === 0 ? start : start + 1},${count}`;
		hunks.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@\n${hunk.lines.join('\n')}`);
		hunk = undefined;
	};
	for (const run of runs) {
		const runOld = prefix + run.oldStart;
		const runNew = prefix + run.newStart;
		if (hunk && runOld - lastOld > 2 * CONTEXT_LINES) flush();
		if (!hunk) {
			const leading = Math.min(CONTEXT_LINES, runOld);
			hunk = { oldStart: runOld - leading, newStart: runNew - leading, lines: [], oldCount: leading, newCount: leading };
			for (let i = runOld - leading; i < runOld; i++) hunk.lines.push(' ' + old[i]);
		} else {
			for (let i = lastOld; i < runOld; i++) hunk.lines.push(' ' + old[i]);
			hunk.oldCount += runOld - lastOld;
			hunk.newCount += runOld - lastOld;
		}
		for (let i = 0; i < run.oldCount; i++) hunk.lines.push('-' + old[runOld + i]);
		for (let i = 0; i < run.newCount; i++) hunk.lines.push('+' + now[runNew + i]);
		hunk.oldCount += run.oldCount;
		hunk.newCount += run.newCount;
		lastOld = runOld + run.oldCount;
	}
	flush();
	return `--- a/${file}\n+++ b/${file}\n${hunks.join('\n')}\n`.replace(/\n\\NOEOL/g, '\n\\ No newline at end of file');
}

/**
 * Lines of `text` without their `\n` (a `\r` stays, so CRLF files diff as they are); a last line
 * without a newline is marked the way diff marks it.
 */
function splitLines(text: string): string[] {
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	else lines[lines.length - 1] += '\n\\NOEOL';
	return lines;
}

/**
 * The runs of changed lines between two blocks, by a longest-common-subsequence table: the blocks
 * are the few lines between the common prefix and suffix, so they stay small (a fix touches a few
 * lines); past a bound the whole block is one run.
 */
function changedRuns(
	a: readonly string[],
	b: readonly string[],
): { oldStart: number; oldCount: number; newStart: number; newCount: number }[] {
	if (a.length * b.length > 4_000_000) return [{ oldStart: 0, oldCount: a.length, newStart: 0, newCount: b.length }];
	const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
	for (let i = a.length - 1; i >= 0; i--)
		for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	const runs: { oldStart: number; oldCount: number; newStart: number; newCount: number }[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			i++;
			j++;
			continue;
		}
		const run = { oldStart: i, oldCount: 0, newStart: j, newCount: 0 };
		while (i < a.length || j < b.length) {
			if (i < a.length && j < b.length && a[i] === b[j]) break;
			if (j >= b.length || (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
				i++;
				run.oldCount++;
			} else {
				j++;
				run.newCount++;
			}
		}
		runs.push(run);
	}
	return runs;
}

/**
 * Replaces `file` with `text` if it still holds exactly `original` (the bytes that were checked):
 * the text goes to a temporary file in the same folder (same file system, so the rename is atomic)
 * with the original's mode, is flushed to disk, and is renamed over the file's real path (a symbolic
 * link stays a link). Refuses a read-only file and a file that changed meanwhile. The error message, or `undefined`.
 */
export function writeFixedFile(file: string, original: Buffer, text: string): string | undefined {
	let real: string;
	let stat: fs.Stats;
	try {
		real = fs.realpathSync(file);
		stat = fs.statSync(real);
	} catch (error) {
		return `${file}: cannot fix (${codeOf(error)}).`;
	}
	if (!isWritable(real, stat)) return `${file}: read-only; not fixed.`;
	const unchanged = (): boolean => {
		try {
			return fs.readFileSync(real).equals(original);
		} catch {
			return false;
		}
	};
	if (!unchanged()) return `${file}: changed while it was checked; not fixed (run the check again).`;
	const temporary = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const mode = stat.mode & 0o7777;
	try {
		const fd = fs.openSync(temporary, 'wx', mode);
		try {
			fs.writeFileSync(fd, text);
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
		// The umask may have taken bits away from the mode given to open.
		fs.chmodSync(temporary, mode);
		// Checked once more right before the rename, so only this instant is left for a concurrent writer.
		if (!unchanged()) {
			fs.rmSync(temporary, { force: true });
			return `${file}: changed while it was checked; not fixed (run the check again).`;
		}
		fs.renameSync(temporary, real);
		return undefined;
	} catch (error) {
		fs.rmSync(temporary, { force: true });
		return `${file}: cannot write the fix (${codeOf(error)}); not fixed.`;
	}
}

/** Writable by this user; for root (whom permissions do not stop) only when some write bit is set, so `chmod a-w` still protects a file. */
function isWritable(file: string, stat: fs.Stats): boolean {
	if ((stat.mode & 0o222) === 0) return false;
	try {
		fs.accessSync(file, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

function codeOf(error: unknown): string {
	return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
