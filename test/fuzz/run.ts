/**
 * `npm run fuzz [-- --seconds N] [--seed S] [--cases N] [--server-cases N]`: fuzzes for a time
 * budget (default 300 s), alternating the zone grammar and mutations of the corpus in slices of
 * 2,000 cases with consecutive seeds, then compares the CLI with the language server on a sample.
 * Every failing case is shrunk and saved to test/fixtures/fuzz/ (replayed by `npm test`); the run
 * goes on with the next seed. Prints the cases run and the problems found; exits 1 when any was.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { startInProcess } from '../helpers/lspHarness';
import { compareCase } from './cliServer';
import { arbitraries, emptyStats, runSlice, saveFixture } from './harness';
import type { FuzzCase } from './zoneGrammar';

interface Options {
	readonly seconds: number;
	readonly seed: number;
	readonly cases: number;
	readonly serverCases: number;
}

function parseOptions(argv: readonly string[]): Options {
	const value = (flag: string, fallback: number): number => {
		const index = argv.indexOf(flag);
		if (index === -1) return fallback;
		const parsed = Number(argv[index + 1]);
		if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a number, not '${argv[index + 1]}'`);
		return parsed;
	};
	return {
		seconds: value('--seconds', 300),
		seed: value('--seed', Date.now() % 1_000_000_000),
		cases: value('--cases', Infinity),
		serverCases: value('--server-cases', 500),
	};
}

const SLICE = 2000;

async function main(): Promise<number> {
	const options = parseOptions(process.argv.slice(2));
	const deadline = Date.now() + options.seconds * 1000;
	const stats = emptyStats();
	const found: string[] = [];
	const kinds = arbitraries();
	console.log(
		`fuzzing for ${options.seconds} s from seed ${options.seed} (${kinds.map((k) => k.name).join(', ')}); failing cases go to test/fixtures/fuzz/`,
	);
	let seed = options.seed;
	for (let round = 0; Date.now() < deadline && stats.cases < options.cases; round++, seed++) {
		const { name, arbitrary } = kinds[round % kinds.length];
		const numRuns = Math.min(SLICE, options.cases - stats.cases);
		const result = runSlice(arbitrary, seed, numRuns, stats, { timeLimitMs: Math.max(1, deadline - Date.now()), timing: true });
		if (result.failed && result.counterexample) {
			const file = saveFixture(result.counterexample, result.message ?? '');
			found.push(`${name} seed ${seed}: ${(result.message ?? '').split('\n')[0]} → ${path.relative(process.cwd(), file)}`);
			console.log(`FOUND (${name}, seed ${seed}): ${result.message}\n  saved ${file}`);
		}
		if (round % 10 === 9)
			console.log(`  … ${stats.cases} cases, ${found.length} problems, ${Math.round((deadline - Date.now()) / 1000)} s left`);
	}

	// The CLI and the server on a sample of each kind, through a real LSP connection.
	const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-fuzz-')));
	const { client, dispose } = startInProcess();
	let compared = 0;
	try {
		await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fuzz' }] });
		for (const { name, arbitrary } of kinds) {
			const sample: FuzzCase[] = fc.sample(arbitrary, { seed: options.seed, numRuns: Math.ceil(options.serverCases / kinds.length) });
			for (const [i, fuzz] of sample.entries()) {
				const failures = await compareCase(client, folder, fuzz, { spawn: i < 3 });
				compared++;
				if (failures.length > 0) {
					const file = saveFixture({ ...fuzz, source: `server-${fuzz.source}` }, failures.join('\n'));
					found.push(`${name} CLI/server: ${failures[0]} → ${path.relative(process.cwd(), file)}`);
				}
			}
		}
		await client.shutdown({ exit: false });
	} finally {
		dispose();
		fs.rmSync(folder, { recursive: true, force: true });
	}

	console.log(
		[
			`cases run: ${stats.cases} (core invariants) + ${compared} CLI/server comparisons`,
			`records: ${stats.records}, round-tripped: ${stats.roundTripped}, problems: ${stats.problems}, quick fixes applied: ${stats.fixesApplied}, linear-time checks: ${stats.scalingChecks}, slowest case: ${stats.slowestMs.toFixed(0)} ms`,
			`problems found: ${found.length}`,
			...found.map((line) => `  ${line}`),
		].join('\n'),
	);
	return found.length > 0 ? 1 : 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(error);
		process.exitCode = 2;
	},
);
