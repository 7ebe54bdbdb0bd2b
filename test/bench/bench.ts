/**
 * `npm run bench`: how fast and how big Zone Sentinel is on large zones, next to BIND and Knot.
 *
 *   node --expose-gc out/test/bench/bench.js [--sizes 10000,100000,1000000] [--no-external] [--seed N] [--runs N]
 *                                            [--shapes all|none|ID,…]
 *
 * For each size it generates a zone once into `.bench/` (reused while size, seed and generator
 * version match) and measures:
 * - `parse`: `parseZone(text)` only, and `analyze`: `analyzeZone(...)` (the CLI's and the editor's
 *   pipeline), each in a fresh Node process (`--measure`) so that its peak RSS is its own; best of
 *   several runs with `global.gc()` between them; "retained" is what the result keeps alive
 *   (V8 heap + array buffers) after a GC;
 * - `cli`: `node dist/cli.js check --origin ORIGIN FILE`, a child process, wall time;
 * - `kzonecheck -o ORIGIN FILE` and `named-checkzone -i local ORIGIN FILE` where installed, with the time
 *   ratio ours/theirs (CLI wall time divided by theirs).
 * - the adversarial shapes of test/bench/adversarialShapes.ts (issue 12), each at its size: the CLI,
 *   kzonecheck and named-checkzone on the same files (written into `.bench/shapes/`), wall time of
 *   one run each, in a second table.
 * Peak RSS of a child is `ru_maxrss` from wait4(2) as GNU time reports it (`/usr/bin/time -f %M`);
 * without GNU time the CLI is started with `--require` of a hook that writes
 * `process.resourceUsage().maxRSS` at exit, and the external tools' RSS is not reported.
 *
 * Prints a Markdown table to stdout (progress goes to stderr) and writes it to `.bench/results.md`.
 * Exit code 0 when it ran (targets missed are reported, not failed), 1 when a generated zone is not
 * valid for the core, 2 on bad arguments.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeZone } from '../../core/src/analysis';
import { parseZone } from '../../core/src/syntax/parser';
import { DEFAULT_ORIGIN, DEFAULT_SEED, GENERATOR_VERSION, MIN_RECORDS, writeZoneFile } from './generateZone';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { type Shape, SHAPE_ORIGIN, SHAPES, SHAPES_VERSION } from './adversarialShapes';

const ROOT = path.resolve(__dirname, '../../..');
const BENCH_DIR = path.join(ROOT, '.bench');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GNU_TIME = '/usr/bin/time';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];

/** The targets the project holds itself to; checked and printed, never assumed. */
const TARGETS = { parserMBps: 150, peakRssMB: 400, cliVsKzonecheckAt: 1_000_000 };

const USAGE = `usage: node --expose-gc out/test/bench/bench.js [--sizes 10000,100000,1000000] [--no-external] [--seed N] [--runs N] [--shapes all|none|ID,…]`;

interface BenchOptions {
	readonly sizes: number[];
	readonly external: boolean;
	readonly seed: number;
	/** Runs per measurement; default depends on the size. */
	readonly runs: number | undefined;
	/** The adversarial shapes to time. */
	readonly shapes: readonly Shape[];
}

type Stage = 'parse' | 'analyze';

/** What a `--measure` child reports. */
interface InProcessResult {
	readonly stage: Stage;
	readonly seconds: number;
	readonly retainedBytes: number;
	readonly peakRssBytes: number;
	/** Error-severity problems found (parse: all syntax problems). */
	readonly errors: number;
	readonly warnings: number;
	readonly records: number;
}

interface ChildResult {
	readonly seconds: number;
	readonly peakRssBytes: number | undefined;
	readonly exitCode: number | null;
	readonly signal: string | null;
}

interface Row {
	readonly records: number;
	readonly bytes: number;
	readonly stage: string;
	readonly seconds: number | undefined;
	readonly retainedBytes?: number;
	readonly peakRssBytes?: number;
	/** Exit code of a child, or error count of an in-process stage. */
	readonly status: string;
	readonly ratio?: number;
}

// ---------------------------------------------------------------------------------------------
// Arguments

class HelpRequested extends Error {}

function parseSize(text: string): number {
	const match = /^([0-9]+(?:\.[0-9]+)?)([kKmM]?)$/.exec(text.trim().replace(/_/g, ''));
	if (!match) throw new Error(`not a size: '${text}'`);
	const value = Number(match[1]) * (match[2].toLowerCase() === 'k' ? 1e3 : match[2].toLowerCase() === 'm' ? 1e6 : 1);
	if (!Number.isInteger(value) || value < MIN_RECORDS) throw new Error(`size must be an integer ≥ ${MIN_RECORDS}: '${text}'`);
	return value;
}

function parseOptions(argv: readonly string[]): BenchOptions {
	let sizes = DEFAULT_SIZES;
	let external = true;
	let seed = DEFAULT_SEED;
	let runs: number | undefined;
	let shapes: readonly Shape[] = SHAPES;
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--sizes':
				sizes = value().split(',').filter(Boolean).map(parseSize);
				if (sizes.length === 0) throw new Error('--sizes needs at least one size');
				break;
			case '--no-external':
				external = false;
				break;
			case '--seed':
				seed = Number(value());
				if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
				break;
			case '--help':
			case '-h':
				throw new HelpRequested();
			case '--runs':
				runs = Number(value());
				if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
				break;
			case '--shapes':
				shapes = parseShapes(value());
				break;
			default:
				throw new Error(`unknown option '${argv[i]}'`);
		}
	}
	return { sizes, external, seed, runs, shapes };
}

function parseShapes(text: string): readonly Shape[] {
	if (text === 'all') return SHAPES;
	if (text === 'none') return [];
	return text.split(',').map((id) => {
		const shape = SHAPES.find((s) => s.id === id);
		if (!shape) throw new Error(`unknown shape '${id}' (one of ${SHAPES.map((s) => s.id).join(', ')})`);
		return shape;
	});
}

function runsFor(records: number, options: BenchOptions): number {
	if (options.runs !== undefined) return options.runs;
	// Small zones finish in milliseconds, so more runs are needed for a stable best time.
	return records <= 10_000 ? 20 : records <= 100_000 ? 5 : 2;
}

// ---------------------------------------------------------------------------------------------
// Zones

interface ZoneFile {
	readonly path: string;
	readonly records: number;
	readonly bytes: number;
}

/** Generates `.bench/zone-N-sS.zone` unless an identical one (per its `.json` sidecar) is there. */
function ensureZone(records: number, seed: number): ZoneFile {
	const base = path.join(BENCH_DIR, `zone-${records}-s${seed}`);
	const file = `${base}.zone`;
	const metaFile = `${base}.json`;
	const wanted = { generator: GENERATOR_VERSION, records, seed, origin: DEFAULT_ORIGIN };
	try {
		const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as typeof wanted & { bytes: number };
		const same = meta.generator === wanted.generator && meta.records === records && meta.seed === seed && meta.origin === wanted.origin;
		if (same && fs.statSync(file).size === meta.bytes) return { path: file, records, bytes: meta.bytes };
	} catch {
		// Missing or unreadable: generate.
	}
	progress(`generating ${path.relative(ROOT, file)} (${records} records, seed ${seed})…`);
	const started = performance.now();
	const bytes = writeZoneFile(file, { records, seed, origin: DEFAULT_ORIGIN });
	fs.writeFileSync(metaFile, JSON.stringify({ ...wanted, bytes }, null, '\t') + '\n');
	progress(`  ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return { path: file, records, bytes };
}

// ---------------------------------------------------------------------------------------------
// In-process measurement (runs in a child: `bench.js --measure STAGE FILE RUNS`)

function gc(): void {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with node --expose-gc');
	collect();
	collect();
}

function retainedNow(): number {
	const usage = process.memoryUsage();
	// Token arrays live in array buffers, outside the V8 heap.
	return usage.heapUsed + usage.arrayBuffers;
}

function measureInProcess(stage: Stage, file: string, runs: number): InProcessResult {
	const text = fs.readFileSync(file, 'utf8');
	gc();
	const baseline = retainedNow();
	let best = Infinity;
	let peakRssBytes = 0;
	let kept: ReturnType<typeof parseZone> | ReturnType<typeof analyzeZone> | undefined;
	for (let run = 0; run < runs; run++) {
		// eslint-disable-next-line no-useless-assignment -- drops the previous run's result so gc() can collect it
		kept = undefined;
		gc();
		const started = performance.now();
		const result = stage === 'parse' ? parseZone(text) : analyzeZone(file, text, { origin: DEFAULT_ORIGIN, fileName: file });
		const elapsed = performance.now() - started;
		best = Math.min(best, elapsed);
		kept = result;
		// The high-water mark after one run: text + Node + one analysis, not inflated by later runs' garbage.
		if (run === 0) peakRssBytes = process.resourceUsage().maxRSS * 1024;
	}
	gc();
	const retainedBytes = retainedNow() - baseline;
	let errors = 0;
	let warnings = 0;
	let records = 0;
	if (kept && 'model' in kept) {
		errors = kept.problems.filter((problem) => problem.severity === 'error').length;
		warnings = kept.problems.filter((problem) => problem.severity === 'warning').length;
		records = kept.model.records.length;
	} else if (kept) {
		errors = kept.problems.length;
		records = kept.entries.length;
	}
	return { stage, seconds: best / 1000, retainedBytes, peakRssBytes, errors, warnings, records };
}

function runMeasureChild(stage: Stage, zone: ZoneFile, runs: number): InProcessResult {
	const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--measure', stage, zone.path, String(runs)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 1 << 20,
	});
	if (child.status !== 0) throw new Error(`--measure ${stage} ${zone.path} failed (exit ${child.status}, signal ${child.signal})`);
	return JSON.parse(child.stdout) as InProcessResult;
}

// ---------------------------------------------------------------------------------------------
// Child processes: the CLI and the reference tools

interface Tool {
	readonly name: string;
	readonly command: string;
	readonly args: (origin: string, file: string) => string[];
	readonly version: string;
}

function commandOutput(command: string, args: string[]): string | undefined {
	const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
	if (result.error || result.status === null) return undefined;
	return (result.stdout + result.stderr).trim();
}

function hasGnuTime(): boolean {
	return fs.existsSync(GNU_TIME) && /GNU/.test(commandOutput(GNU_TIME, ['--version']) ?? '');
}

function findTools(external: boolean): { tools: Tool[]; notes: string[] } {
	const tools: Tool[] = [];
	const notes: string[] = [];
	if (!external) {
		notes.push('kzonecheck and named-checkzone skipped (--no-external).');
		return { tools, notes };
	}
	const knot = commandOutput('kzonecheck', ['--version']);
	if (knot !== undefined) {
		tools.push({
			name: 'kzonecheck',
			command: 'kzonecheck',
			args: (origin, file) => ['-o', origin, file],
			version: knot.split('\n')[0],
		});
	} else {
		notes.push('kzonecheck not found (Debian: `apt-get install knot-dnssecutils`); its rows are skipped.');
	}
	const bind = commandOutput('named-checkzone', ['-v']);
	if (bind !== undefined) {
		tools.push({
			name: 'named-checkzone',
			command: 'named-checkzone',
			args: (origin, file) => [...NAMED_CHECKZONE_FLAGS, origin, file],
			version: `named-checkzone ${bind.split('\n')[0]}`,
		});
	} else {
		notes.push('named-checkzone not found (Debian: `apt-get install bind9-utils`); its rows are skipped.');
	}
	return { tools, notes };
}

/** A preload for the CLI that records its own peak RSS at exit; used only without GNU time. */
function rssHookFile(): string {
	const file = path.join(BENCH_DIR, 'maxrss-hook.js');
	fs.writeFileSync(
		file,
		"process.on('exit', () => { require('fs').writeFileSync(process.env.ZS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n",
	);
	return file;
}

/**
 * Runs a command `runs` times; returns the best wall time and the largest peak RSS. Output goes to
 * `.bench/<label>.out` so a chatty tool cannot fill a pipe or the terminal.
 */
function runChild(label: string, command: string, args: string[], runs: number, nodeHook: boolean, cwd?: string): ChildResult {
	const outFile = path.join(BENCH_DIR, `${label}.out`);
	const rssFile = path.join(BENCH_DIR, `${label}.rss`);
	const gnuTime = hasGnuTime();
	let best = Infinity;
	let peak: number | undefined;
	let exitCode: number | null = null;
	let signal: string | null = null;
	for (let run = 0; run < runs; run++) {
		fs.rmSync(rssFile, { force: true });
		const out = fs.openSync(outFile, 'w');
		let argv: string[];
		let file: string;
		if (gnuTime) {
			file = GNU_TIME;
			argv = ['-f', '%M', '-o', rssFile, command, ...args];
		} else if (nodeHook) {
			file = command;
			argv = ['--require', rssHookFile(), ...args];
		} else {
			file = command;
			argv = args;
		}
		const started = performance.now();
		const result = spawnSync(file, argv, { cwd, stdio: ['ignore', out, out], env: { ...process.env, ZS_BENCH_RSS_FILE: rssFile } });
		const seconds = (performance.now() - started) / 1000;
		fs.closeSync(out);
		if (result.error) throw result.error;
		exitCode = result.status;
		signal = result.signal;
		best = Math.min(best, seconds);
		if (fs.existsSync(rssFile)) {
			// GNU time writes "Command exited with non-zero status N" before the number when the command fails.
			const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
			const kilobytes = Number(lines[lines.length - 1]);
			if (Number.isFinite(kilobytes)) peak = Math.max(peak ?? 0, kilobytes * 1024);
		}
	}
	return { seconds: best, peakRssBytes: peak, exitCode, signal };
}

// ---------------------------------------------------------------------------------------------
// Report

const mb = (bytes: number | undefined): string => (bytes === undefined ? '–' : (bytes / 1e6).toFixed(1));

function formatRate(value: number): string {
	if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
	if (value >= 1e3) return `${(value / 1e3).toFixed(0)} k`;
	return value.toFixed(0);
}

function table(rows: readonly Row[]): string {
	const header = [
		'records',
		'size MB',
		'stage',
		'time s',
		'MB/s',
		'records/s',
		'retained MB',
		'peak RSS MB',
		'errors / exit',
		'ours/theirs',
	];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 2 ? ' --- ' : ' ---: ')).join('|')}|`];
	for (const row of rows) {
		const cells = [
			row.records.toLocaleString('en-US'),
			mb(row.bytes),
			row.stage,
			row.seconds === undefined ? '–' : row.seconds.toFixed(3),
			row.seconds === undefined ? '–' : (row.bytes / 1e6 / row.seconds).toFixed(1),
			row.seconds === undefined ? '–' : formatRate(row.records / row.seconds),
			mb(row.retainedBytes),
			mb(row.peakRssBytes),
			row.status,
			row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}

function progress(message: string): void {
	process.stderr.write(message + '\n');
}

// ---------------------------------------------------------------------------------------------
// Main

function bench(options: BenchOptions): number {
	fs.mkdirSync(BENCH_DIR, { recursive: true });
	// Timings are only as good as the machine is idle: the report shows the load around the run.
	const loadBefore = os.loadavg()[0];
	const gnuTime = hasGnuTime();
	const cli = fs.existsSync(CLI);
	const { tools, notes } = findTools(options.external);
	if (!cli) notes.push('dist/cli.js not found (run `npm run build`); the cli rows are skipped.');
	notes.push(
		gnuTime
			? 'Peak RSS of children: ru_maxrss from wait4(2) via GNU time (`/usr/bin/time -f %M`).'
			: 'GNU time not found (Debian: `apt-get install time`): CLI peak RSS from `process.resourceUsage().maxRSS` at exit (a --require hook); external tools: no RSS.',
	);

	const rows: Row[] = [];
	let invalid = false;
	for (const records of options.sizes) {
		const zone = ensureZone(records, options.seed);
		const runs = runsFor(records, options);
		const childRuns = Math.min(runs, 3);
		for (const stage of ['parse', 'analyze'] as const) {
			(globalThis as { gc?: () => void }).gc?.(); // keep this process small while children run
			progress(`${records}: ${stage} (best of ${runs})…`);
			const result = runMeasureChild(stage, zone, runs);
			if (stage === 'analyze' && (result.errors > 0 || result.records !== records)) {
				invalid = true;
				notes.push(
					`The generated ${records}-record zone is NOT valid for the core: ${result.errors} errors, ${result.records} records in the model.`,
				);
			}
			rows.push({
				records,
				bytes: zone.bytes,
				stage: `core ${stage}`,
				seconds: result.seconds,
				retainedBytes: result.retainedBytes,
				peakRssBytes: result.peakRssBytes,
				status: stage === 'parse' ? `${result.errors} errors` : `${result.errors} errors, ${result.warnings} warnings`,
			});
		}
		let cliSeconds: number | undefined;
		if (cli) {
			progress(`${records}: cli check (best of ${childRuns})…`);
			const result = runChild(`cli-${records}`, process.execPath, [CLI, 'check', '--origin', DEFAULT_ORIGIN, zone.path], childRuns, true);
			cliSeconds = result.seconds;
			rows.push({
				records,
				bytes: zone.bytes,
				stage: 'cli check',
				seconds: result.seconds,
				peakRssBytes: result.peakRssBytes,
				status: exitStatus(result),
			});
		}
		for (const tool of tools) {
			progress(`${records}: ${tool.name} (best of ${childRuns})…`);
			const result = runChild(`${tool.name}-${records}`, tool.command, tool.args(DEFAULT_ORIGIN, zone.path), childRuns, false);
			rows.push({
				records,
				bytes: zone.bytes,
				stage: tool.name,
				seconds: result.seconds,
				peakRssBytes: result.peakRssBytes,
				status: exitStatus(result),
				ratio: cliSeconds === undefined ? undefined : cliSeconds / result.seconds,
			});
		}
	}

	const shapeRows = options.shapes.map((shape) => benchShape(shape, cli, tools));

	const report = [
		`# Zone Sentinel benchmark`,
		'',
		`${new Date().toISOString()} · Node ${process.version} · ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · seed ${options.seed}, generator v${GENERATOR_VERSION} · load average (1 min) ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`,
		...tools.map((tool) => `${tool.name}: ${tool.version}`),
		'',
		table(rows),
		'',
		"MB = 10^6 bytes of zone text. core rows: in-process, best of N runs after GC, one fresh Node process per stage; peak RSS is that process's high-water mark after its first run (text, Node itself and one result); retained = V8 heap + array buffers kept by the result. cli and tool rows: wall time of the whole process, best of up to 3 runs; peak RSS is the largest over those runs. ours/theirs = cli time ÷ that tool's time (below 1 is faster).",
		'',
		...(shapeRows.length === 0
			? []
			: [
					'## Adversarial shapes',
					'',
					shapeTable(shapeRows, tools),
					'',
					`Each zone (origin ${SHAPE_ORIGIN}, test/bench/adversarialShapes.ts) is checked once by each tool, in the zone's folder (BIND reads relative \`$INCLUDE\` paths from the working directory); wall time, peak RSS of the CLI; "exit" is each tool's exit status (0: loaded, no error). test/perf/shapes.test.ts checks that each shape takes linear time.`,
					'',
				]),
		'## Targets',
		'',
		...targetLines(rows),
		'',
		...notes.map((note) => `- ${note}`),
	].join('\n');
	process.stdout.write(report + '\n');
	fs.writeFileSync(path.join(BENCH_DIR, 'results.md'), report + '\n');
	progress(`wrote ${path.relative(ROOT, path.join(BENCH_DIR, 'results.md'))}`);
	return invalid ? 1 : 0;
}

interface ShapeRow {
	readonly shape: Shape;
	readonly bytes: number;
	readonly ours: ChildResult | undefined;
	/** By tool name. */
	readonly theirs: ReadonlyMap<string, ChildResult>;
}

/** Writes `.bench/shapes/<id>-<n>/` unless the same version and size is there already; the main file and the bytes of all files. */
function ensureShape(shape: Shape): { file: string; bytes: number } {
	const directory = path.join(BENCH_DIR, 'shapes', `${shape.id}-${shape.benchSize}`);
	const metaFile = `${directory}.json`;
	try {
		const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { version: number; file: string; bytes: number };
		if (meta.version === SHAPES_VERSION && fs.existsSync(meta.file)) return meta;
	} catch {
		// Missing or unreadable: write it.
	}
	fs.rmSync(directory, { recursive: true, force: true });
	fs.mkdirSync(directory, { recursive: true });
	progress(`writing ${path.relative(ROOT, directory)}…`);
	const file = shape.write(directory, shape.benchSize);
	const bytes = fs
		.readdirSync(directory, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.reduce((sum, entry) => sum + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
	fs.writeFileSync(metaFile, JSON.stringify({ version: SHAPES_VERSION, file, bytes }, null, '\t') + '\n');
	return { file, bytes };
}

function benchShape(shape: Shape, cli: boolean, tools: readonly Tool[]): ShapeRow {
	const { file, bytes } = ensureShape(shape);
	const cwd = path.dirname(file);
	const label = `shape-${shape.id}`;
	progress(`${shape.id} (${shape.benchSize}): cli check…`);
	const ours = cli ? runChild(`${label}-cli`, process.execPath, [CLI, 'check', '--origin', SHAPE_ORIGIN, file], 1, true, cwd) : undefined;
	const theirs = new Map<string, ChildResult>();
	for (const tool of tools) {
		progress(`${shape.id} (${shape.benchSize}): ${tool.name}…`);
		theirs.set(tool.name, runChild(`${label}-${tool.name}`, tool.command, tool.args(SHAPE_ORIGIN, file), 1, false, cwd));
	}
	return { shape, bytes, ours, theirs };
}

function shapeTable(rows: readonly ShapeRow[], tools: readonly Tool[]): string {
	const header = [
		'shape',
		'MB',
		'cli check s',
		'cli peak RSS MB',
		...tools.flatMap((tool) => [`${tool.name} s`, `cli ÷ ${tool.name}`]),
		'exit',
	];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
	for (const row of rows) {
		const exits = [row.ours, ...tools.map((tool) => row.theirs.get(tool.name))].map((result) => (result ? shortStatus(result) : '–'));
		const cells = [
			row.shape.title(row.shape.benchSize),
			mb(row.bytes),
			row.ours ? row.ours.seconds.toFixed(2) : '–',
			mb(row.ours?.peakRssBytes),
			...tools.flatMap((tool) => {
				const theirs = row.theirs.get(tool.name)!;
				return [theirs.seconds.toFixed(2), row.ours ? `${(row.ours.seconds / theirs.seconds).toFixed(2)}×` : '–'];
			}),
			exits.join(' / '),
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}

function shortStatus(result: ChildResult): string {
	return result.signal ?? String(result.exitCode);
}

function exitStatus(result: ChildResult): string {
	return result.signal ? `signal ${result.signal}` : `exit ${result.exitCode}`;
}

function targetLines(rows: readonly Row[]): string[] {
	const lines: string[] = [];
	const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
	for (const row of rows.filter((r) => r.stage === 'core parse' && r.seconds !== undefined)) {
		const rate = row.bytes / 1e6 / row.seconds!;
		lines.push(
			`- ${verdict(rate >= TARGETS.parserMBps)} parser ≥ ${TARGETS.parserMBps} MB/s at ${row.records.toLocaleString('en-US')} records: ${rate.toFixed(1)} MB/s`,
		);
	}
	for (const row of rows.filter((r) => (r.stage === 'cli check' || r.stage === 'core analyze') && r.peakRssBytes !== undefined)) {
		const peak = row.peakRssBytes! / 1e6;
		lines.push(
			`- ${verdict(peak <= TARGETS.peakRssMB)} peak RSS ≤ ${TARGETS.peakRssMB} MB, ${row.stage} at ${row.records.toLocaleString('en-US')} records: ${peak.toFixed(0)} MB`,
		);
	}
	const cli = rows.find((r) => r.stage === 'cli check' && r.records === TARGETS.cliVsKzonecheckAt);
	const knot = rows.find((r) => r.stage === 'kzonecheck' && r.records === TARGETS.cliVsKzonecheckAt);
	if (cli && knot && cli.seconds !== undefined && knot.seconds !== undefined) {
		lines.push(
			`- ${verdict(cli.seconds <= knot.seconds)} cli check no slower than kzonecheck at 1,000,000 records: ${cli.seconds.toFixed(2)} s vs ${knot.seconds.toFixed(2)} s (${(cli.seconds / knot.seconds).toFixed(2)}×)`,
		);
	} else {
		lines.push(
			'- n/a cli check vs kzonecheck at 1,000,000 records: not measured in this run (needs size 1000000, dist/cli.js and kzonecheck).',
		);
	}
	return lines;
}

function main(argv: readonly string[]): number {
	if (argv[0] === '--measure') {
		const [, stage, file, runs] = argv;
		if ((stage !== 'parse' && stage !== 'analyze') || !file || !Number(runs)) throw new Error('usage: --measure parse|analyze FILE RUNS');
		process.stdout.write(JSON.stringify(measureInProcess(stage, file, Number(runs))) + '\n');
		return 0;
	}
	let options: BenchOptions;
	try {
		options = parseOptions(argv);
	} catch (error) {
		if (error instanceof HelpRequested) {
			process.stdout.write(USAGE + '\n');
			return 0;
		}
		process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
		return 2;
	}
	return bench(options);
}

process.exitCode = main(process.argv.slice(2));
