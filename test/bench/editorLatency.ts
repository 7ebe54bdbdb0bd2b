/**
 * `npm run bench:editor [-- --records N[,N…]] [--runs N]`: what a user waits for in the editor, measured
 * against the real bundled server (`dist/server.js`) in its own process over stdio, as editors run it.
 *
 * For each zone size (test/bench/generateZone.ts; default 100,000 and 1,000,000 records) it starts
 * one server for a pull client (`textDocument/diagnostic`, VS Code) and one for a push client
 * (`publishDiagnostics`), and measures, median and slowest of the runs: open → first diagnostics,
 * a one-character edit → diagnostics of the new version, a hover on another line right after an
 * edit, full semantic tokens of a new version, and the server's peak and current RSS
 * (/proc/<pid>/status VmHWM/VmRSS). It prints a table with each target of issue 12 beside the
 * measurement; times are printed, never asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SemanticTokensRequest } from 'vscode-languageserver-protocol/node';
import { type SpawnedServer, spawnBundledServer, spawnServer, stopServer } from '../helpers/lspHarness';
import { generateZone } from './generateZone';

interface Options {
	readonly records: readonly number[];
	/** Runs per measurement; `undefined`: 10 below 1M records, 3 from 1M on (each 1M analysis takes seconds). */
	readonly runs: number | undefined;
	/** The server module to run; default the bundle (`dist/server.js`). Another build's, to compare before and after. */
	readonly server: string | undefined;
}

const USAGE = 'usage: npm run bench:editor -- [--records N[,N…]] [--runs N] [--server dist/server.js]';

function parseOptions(argv: readonly string[]): Options {
	let records = [100_000, 1_000_000];
	let runs: number | undefined;
	let server: string | undefined;
	for (let i = 0; i < argv.length; i += 2) {
		const value = argv[i + 1] ?? '';
		if (argv[i] === '--records' && /^\d+(,\d+)*$/.test(value)) records = value.split(',').map(Number);
		else if (argv[i] === '--runs' && /^[1-9]\d*$/.test(value)) runs = Number(value);
		else if (argv[i] === '--server' && value !== '') server = path.resolve(value);
		else throw new Error(USAGE);
	}
	if (records.some((count) => count < 1000)) throw new Error(`${USAGE} (at least 1000 records)`);
	return { records, runs, server };
}

/** Milliseconds of each run of one measurement. */
type Times = number[];

/** A zone's text and the two places the bench touches: a character to edit and an MX exchange to hover, far apart. */
interface Workload {
	readonly uri: string;
	readonly text: string;
	/** The last digit of an IPv4 address on an `A` line in the middle of the zone. */
	readonly edit: { readonly line: number; readonly character: number; readonly digit: string };
	/** An MX exchange a quarter into the zone (another line than the edit, so it may be answered from the last analysis). */
	readonly hover: { readonly line: number; readonly character: number };
}

function workloadFor(records: number): Workload {
	const text = generateZone({ records });
	const lines = text.split('\n');
	const editLine = lines.findIndex((line, index) => index > lines.length / 2 && /\tA\t10\.\d+\.\d+\.\d+$/.test(line));
	const hoverLine = lines.findIndex((line, index) => index > lines.length / 4 && /\tMX\t10 mx1\./.test(line));
	const character = lines[editLine].length - 1;
	return {
		uri: `file:///bench/editor-${records}.example.zone`,
		text,
		edit: { line: editLine, character, digit: lines[editLine][character] },
		hover: { line: hoverLine, character: lines[hoverLine].lastIndexOf('mx1') + 1 },
	};
}

/** Peak and current resident set of a process, in MB, from /proc (Linux). */
function memoryOf(pid: number | undefined): { peakMb: number; currentMb: number } | undefined {
	if (pid === undefined) return undefined;
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
	} catch {
		return undefined;
	}
}

async function timed(action: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await action();
	return performance.now() - started;
}

/** The one-character edit of run `run`: the digit becomes another and back, so every version differs from the last. */
function editOf(work: Workload, run: number): { range: { start: Position; end: Position }; text: string } {
	const { line, character, digit } = work.edit;
	const other = digit === '1' ? '2' : '1';
	return {
		range: { start: { line, character }, end: { line, character: character + 1 } },
		text: run % 2 === 0 ? other : digit,
	};
}

interface Position {
	readonly line: number;
	readonly character: number;
}

interface Measured {
	readonly open: Times;
	readonly edit: Times;
	readonly hoverAfterEdit: Times;
	readonly semanticTokens: Times;
	readonly memory: { peakMb: number; currentMb: number } | undefined;
}

/**
 * One server, one client mode: open once (the first diagnostics are `open`), then `runs` times an
 * edit → diagnostics, an edit → hover elsewhere (then its diagnostics, untimed, so runs do not
 * overlap), and full semantic tokens of that new version.
 */
async function measure(work: Workload, pull: boolean, runs: number, serverModule: string | undefined): Promise<Measured> {
	const server: SpawnedServer = serverModule === undefined ? spawnBundledServer() : spawnServer(serverModule);
	const { client } = server;
	const { uri } = work;
	let version = 1;
	// A pull client asks for the version it has; a push client waits for the server to publish that version.
	const diagnostics = (expected: number): Promise<unknown> =>
		pull ? client.pull(uri) : client.waitForPublished(uri, (params) => params.version === expected, 600_000);
	try {
		await client.initialize({ pull });
		const open = [await timed(() => client.open(uri, work.text, version).then(() => diagnostics(version)))];
		const edit: Times = [];
		const hoverAfterEdit: Times = [];
		const semanticTokens: Times = [];
		let editRun = 0;
		for (let run = 0; run < runs; run++) {
			const editVersion = ++version;
			edit.push(await timed(() => client.change(uri, editVersion, editOf(work, editRun++)).then(() => diagnostics(editVersion))));

			const hoverVersion = ++version;
			hoverAfterEdit.push(
				await timed(() => client.change(uri, hoverVersion, editOf(work, editRun++)).then(() => client.hover(uri, work.hover))),
			);
			await diagnostics(hoverVersion);

			const tokensVersion = ++version;
			await client.change(uri, tokensVersion, editOf(work, editRun++));
			await diagnostics(tokensVersion);
			semanticTokens.push(await timed(() => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })));
		}
		const memory = memoryOf(server.child.pid);
		return { open, edit, hoverAfterEdit, semanticTokens, memory };
	} finally {
		await stopServer(server);
	}
}

function median(times: Times): number {
	const sorted = [...times].sort((a, b) => a - b);
	return sorted[sorted.length >> 1];
}

function cell(times: Times): string {
	return times.length === 1 ? `${times[0].toFixed(0)}` : `${median(times).toFixed(1)} / ${Math.max(...times).toFixed(1)}`;
}

/** The targets of issue 12 ("Editor"), by zone size; undefined where none is set. */
function targetsFor(records: number): Record<string, string | undefined> {
	const big = records >= 1_000_000;
	return {
		open: big ? '≤ 3000' : undefined,
		edit: big ? '≤ 300' : '≤ 50',
		hover: big ? undefined : '≤ 20',
		tokens: big ? undefined : '≤ 100',
		rss: big ? '≤ 700 MB' : undefined,
	};
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const rows: string[] = [
		`Server ${options.server ?? 'dist/server.js'}; Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
			.loadavg()
			.map((load) => load.toFixed(2))
			.join(' ')} at the start`,
		'',
		'Times in ms: median / slowest of the runs (open: one run).',
		'',
		'| records | measurement | pull | push | target |',
		'| ---: | --- | ---: | ---: | ---: |',
	];
	for (const records of options.records) {
		const runs = options.runs ?? (records >= 1_000_000 ? 3 : 10);
		const work = workloadFor(records);
		const pulled = await measure(work, true, runs, options.server);
		const pushed = await measure(work, false, runs, options.server);
		const target = targetsFor(records);
		const size = `${records.toLocaleString('en-US')} (${(work.text.length / 1e6).toFixed(1)} MB, ${runs} runs)`;
		const memory = (measured: Measured): string =>
			measured.memory ? `${measured.memory.peakMb.toFixed(0)} / ${measured.memory.currentMb.toFixed(0)} MB` : 'n/a';
		rows.push(
			`| ${size} | open → diagnostics | ${cell(pulled.open)} | ${cell(pushed.open)} | ${target.open ?? ''} |`,
			`| | one-character edit → diagnostics | ${cell(pulled.edit)} | ${cell(pushed.edit)} | ${target.edit ?? ''} |`,
			`| | hover on another line right after an edit | ${cell(pulled.hoverAfterEdit)} | ${cell(pushed.hoverAfterEdit)} | ${target.hover ?? ''} |`,
			`| | semantic tokens full (new version) | ${cell(pulled.semanticTokens)} | ${cell(pushed.semanticTokens)} | ${target.tokens ?? ''} |`,
			`| | server RSS peak / at the end | ${memory(pulled)} | ${memory(pushed)} | ${target.rss ?? ''} |`,
		);
		process.stderr.write(`${records} records measured\n`);
	}
	rows.push(
		'',
		`load average ${os
			.loadavg()
			.map((load) => load.toFixed(2))
			.join(' ')} at the end`,
	);
	process.stdout.write(rows.join('\n') + '\n');
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
