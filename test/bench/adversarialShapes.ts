/**
 * Zones of adversarial shape (issue 12): the same few owners or types repeated far past what a
 * hand-written zone holds, where an index or a rule that is linear for a realistic zone can turn
 * quadratic. Shared by the linearity tests (test/perf/shapes.test.ts) and `npm run bench`, which
 * times each shape next to kzonecheck and named-checkzone and prints their exit status beside ours.
 * BIND, Knot and Zone Sentinel (`rrsetTooLarge`) refuse the two with one huge RRset (named stores at
 * most 65,512 octets of RDATA plus 2 per record in a set: 10,918 A records, "ran out of space"); the
 * others read without an error, and Knot has no `$GENERATE`. `$INCLUDE` files are written next to
 * the main file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when a shape's output changes, so zones cached in `.bench/shapes/` are written again. */
export const SHAPES_VERSION = 1;

export const SHAPE_ORIGIN = 'shapes.example.';

const HEAD = `$ORIGIN ${SHAPE_ORIGIN}\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n`;

/** A distinct IPv4 address for each i below 2^24. */
const address = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** `$GENERATE` ranges per directive, below the per-directive cap (`MAX_GENERATE_RECORDS`). */
const GENERATE_CHUNK = 60_000;

export interface Shape {
	readonly id: string;
	/** What the zone is, for the bench table. */
	readonly title: (n: number) => string;
	/** The size the bench checks (the issue's). */
	readonly benchSize: number;
	/** Writes the zone for size n into `directory` (empty); the main file's path. */
	readonly write: (directory: string, n: number) => string;
}

/** Writes `HEAD` and `n` lines made by `line` to `directory/main.zone`, in chunks (a 1M-line zone is ~20 MB). */
function writeLines(directory: string, n: number, line: (i: number) => string): string {
	const file = path.join(directory, 'main.zone');
	const fd = fs.openSync(file, 'w');
	try {
		fs.writeSync(fd, HEAD);
		const chunk: string[] = [];
		for (let i = 0; i < n; i++) {
			chunk.push(line(i));
			if (chunk.length === 10_000 || i === n - 1) {
				fs.writeSync(fd, chunk.join(''));
				chunk.length = 0;
			}
		}
	} finally {
		fs.closeSync(fd);
	}
	return file;
}

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

export const SHAPES: readonly Shape[] = [
	{
		id: 'mxOneOwner',
		title: (n) => `${count(n)} MX at the apex, each to an in-zone host with an address`,
		benchSize: 100_000,
		write: (directory, n) => writeLines(directory, n, (i) => `@ MX 10 mx${i}\nmx${i} A ${address(i)}\n`),
	},
	{
		id: 'mxManyOwners',
		title: (n) => `${count(n)} owners with one MX each, all to one in-zone host`,
		benchSize: 100_000,
		write: (directory, n) => writeLines(directory, n, (i) => (i === 0 ? `mail A 192.0.2.25\n` : '') + `h${i} MX 10 mail\n`),
	},
	{
		id: 'recordsOneOwner',
		title: (n) => `${count(n)} A records at one owner`,
		benchSize: 1_000_000,
		write: (directory, n) => writeLines(directory, n, (i) => `big A ${address(i)}\n`),
	},
	{
		id: 'manyOwners',
		title: (n) => `${count(n)} owners with one A each`,
		benchSize: 1_000_000,
		write: (directory, n) => writeLines(directory, n, (i) => `h${i} A ${address(i)}\n`),
	},
	{
		id: 'generated',
		title: (n) => `${count(n)} records made by $GENERATE (${plural(Math.ceil(n / GENERATE_CHUNK), 'directive')})`,
		// The per-zone cap today is 262,144 generated records (core/src/limits.ts).
		benchSize: 240_000,
		write: (directory, n) =>
			writeLines(directory, Math.ceil(n / GENERATE_CHUNK), (d) => {
				const size = Math.min(GENERATE_CHUNK, n - d * GENERATE_CHUNK);
				return `$GENERATE 0-${size - 1} g${d}-$ A 10.${d}.0.1\n`;
			}),
	},
	{
		id: 'includes',
		title: (n) => `${count(n)} $INCLUDE files of one record each`,
		benchSize: 50_000,
		write: (directory, n) => {
			fs.mkdirSync(path.join(directory, 'inc'));
			for (let i = 0; i < n; i++) fs.writeFileSync(path.join(directory, 'inc', `${i}.zone`), `h${i} A ${address(i)}\n`);
			return writeLines(directory, n, (i) => `$INCLUDE inc/${i}.zone\n`);
		},
	},
	{
		id: 'findingEveryOwner',
		title: (n) => `${count(n)} owners with a finding each (A sets with two TTLs)`,
		benchSize: 100_000,
		write: (directory, n) => writeLines(directory, n, (i) => `h${i} 300 A ${address(2 * i)}\nh${i} 600 A ${address(2 * i + 1)}\n`),
	},
];
