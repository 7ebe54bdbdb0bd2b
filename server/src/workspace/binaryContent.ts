/**
 * Tells zone text from binary files that share its names: `*.db` is also SQLite's and Berkeley DB's
 * extension. Looks at the first bytes only.
 */

const SAMPLE_BYTES = 8192;

/** Magic numbers at offset 0 of file types that end up next to zone files. */
const MAGIC: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
	{ name: 'SQLite database', bytes: [...Buffer.from('SQLite format 3\0', 'latin1')] },
	{ name: 'gzip archive', bytes: [0x1f, 0x8b] },
	{ name: 'zip archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
	{ name: 'xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
	{ name: 'bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
	{ name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
	{ name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
	{ name: 'PDF document', bytes: [...Buffer.from('%PDF-', 'latin1')] },
];

/** Berkeley DB keeps its magic at offset 12 (hash, btree, queue), in either byte order. */
const BERKELEY_DB_MAGIC = new Set([0x00061561, 0x00053162, 0x00042253]);

/**
 * What kind of binary file `data` is, e.g. `SQLite database`, or `undefined` for text. Text has no
 * NUL byte and at most a few bytes that are not UTF-8 (a Latin-1 TXT record is still text).
 */
export function binaryKind(data: Uint8Array): string | undefined {
	for (const magic of MAGIC) {
		if (data.length >= magic.bytes.length && magic.bytes.every((byte, i) => data[i] === byte)) return magic.name;
	}
	if (data.length >= 16) {
		const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
		if (BERKELEY_DB_MAGIC.has(view.getUint32(12, false)) || BERKELEY_DB_MAGIC.has(view.getUint32(12, true))) return 'Berkeley DB file';
	}
	const sample = data.subarray(0, SAMPLE_BYTES);
	if (sample.includes(0)) return 'binary file (NUL bytes)';
	// Drop a sequence the sample boundary may have cut in half.
	const text = new TextDecoder('utf-8', { fatal: false }).decode(sample.length === SAMPLE_BYTES ? sample.subarray(0, -4) : sample);
	let invalid = 0;
	for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) invalid++;
	return invalid > 8 && invalid > text.length / 10 ? 'binary file (not UTF-8 text)' : undefined;
}
