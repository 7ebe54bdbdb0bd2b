/**
 * Reading a file named by a user or a zone without being fooled by what it is: opened once and
 * judged by what was opened (a path checked first can be swapped before the read), never blocking
 * (a FIFO or a terminal would stop the event loop or the CLI), and read only up to a limit. Used by
 * the include reader, the workspace index and the CLI for the zone files it is given.
 */
import * as fs from 'node:fs';
import { binaryKind } from './binaryContent';

const { O_RDONLY } = fs.constants;
/** Not defined on Windows, where they mean nothing; 0 leaves them out. */
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NOCTTY = fs.constants.O_NOCTTY ?? 0;

/** Bytes read per read(2). */
const CHUNK_BYTES = 64 * 1024;

/**
 * Opens `file` read-only without blocking and without making it the controlling terminal;
 * `followLastLink: false` refuses a last component that is a symbolic link (ELOOP). Throws as
 * `fs.openSync` does.
 */
export function openForReading(file: string, options: { followLastLink: boolean }): number {
	return fs.openSync(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | (options.followLastLink ? 0 : O_NOFOLLOW));
}

/** What a non-regular file is, for the message (`a named pipe (FIFO)`); `undefined` for a regular file or none. */
export function kindOf(stat: fs.Stats | undefined): string | undefined {
	if (stat === undefined || stat.isFile()) return undefined;
	if (stat.isDirectory()) return 'a directory';
	if (stat.isFIFO()) return 'a named pipe (FIFO)';
	if (stat.isSocket()) return 'a socket';
	if (stat.isCharacterDevice()) return 'a character device';
	if (stat.isBlockDevice()) return 'a block device';
	if (stat.isSymbolicLink()) return 'a symbolic link';
	return 'not a regular file';
}

/** Up to `limit` bytes from `fd`, stopping at the end of the file. */
export function readAtMost(fd: number, limit: number): Buffer {
	const chunks: Buffer[] = [];
	let total = 0;
	while (total < limit) {
		const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
		const read = fs.readSync(fd, chunk, 0, chunk.length, null);
		if (read === 0) break;
		chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
		total += read;
	}
	return Buffer.concat(chunks, total);
}

/**
 * A zone file's text, or why it is not read: not a regular file, over `maxBytes`, unreadable, or
 * binary content under a zone-like name (`cache.db`). The CLI reads the files it is given with it,
 * the server the files of its workspace index.
 */
export function readZoneFile(file: string, maxBytes: number): { text: string; data: Buffer } | { error: string } | { binary: string } {
	let fd: number | undefined;
	try {
		// Opened once and judged as opened: a FIFO or device named on the command line must not block the run.
		fd = openForReading(file, { followLastLink: true });
		const stat = fs.fstatSync(fd);
		if (kindOf(stat) !== undefined) return { error: `${file}: not a regular file; not checked.` };
		const tooLarge = (size: number): { error: string } => ({
			error: `${file}: ${(size / 1048576).toFixed(1)} MiB is over the limit of ${maxBytes / 1048576} MiB per zone file; not checked.`,
		});
		if (stat.size > maxBytes) return tooLarge(stat.size);
		// One byte over the limit tells a file that grew while being read.
		const data = readAtMost(fd, maxBytes + 1);
		if (data.length > maxBytes) return tooLarge(data.length);
		const binary = binaryKind(data);
		return binary === undefined ? { text: data.toString('utf8'), data } : { binary };
	} catch (error) {
		return { error: `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).` };
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

/**
 * True when the regular file at `file` starts with a UTF-8 byte-order mark. Editors decode it away
 * (VS Code's document text has no U+FEFF), so the server looks at the bytes on disk, which BIND reads.
 */
export function startsWithByteOrderMark(file: string): boolean {
	let fd: number | undefined;
	try {
		fd = openForReading(file, { followLastLink: true });
		if (kindOf(fs.fstatSync(fd)) !== undefined) return false;
		const head = readAtMost(fd, 3);
		return head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
	} catch {
		return false;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}
