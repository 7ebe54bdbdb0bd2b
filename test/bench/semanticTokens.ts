/**
 * `node out/test/bench/semanticTokens.js [--records N] [--runs N]`: how long semantic tokens take on a
 * large zone once its analysis exists, asked over a real JSON-RPC connection to the server (in
 * process, so the time includes the protocol's serialisation), and the process's peak RSS.
 *
 * It generates a zone (test/bench/generateZone.ts, default 100,000 records), opens it, waits for
 * the first hover (which makes the analysis), then asks `full`, `range` (a screenful in the middle)
 * and, after a one-character edit and its analysis, `full/delta` against the previous result, `runs`
 * times each, and prints the median and the slowest in ms. Numbers are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import {
	HoverRequest,
	type SemanticTokens,
	type SemanticTokensDelta,
	SemanticTokensDeltaRequest,
	SemanticTokensRangeRequest,
	SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/lspHarness';
import { generateZone } from './generateZone';

function parseOptions(argv: readonly string[]): { records: number; runs: number } {
	let records = 100_000;
	let runs = 5;
	for (let i = 0; i < argv.length; i++) {
		const value = Number(argv[i + 1]);
		if (argv[i] === '--records' && Number.isInteger(value) && value >= 20) records = value;
		else if (argv[i] === '--runs' && Number.isInteger(value) && value >= 1) runs = value;
		else throw new Error('usage: node out/test/bench/semanticTokens.js [--records N] [--runs N]');
		i++;
	}
	return { records, runs };
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timed(runs: number, request: () => Promise<unknown>): Promise<string> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const at = performance.now();
		await request();
		times.push(performance.now() - at);
	}
	return medianAndSlowest(times);
}

function medianAndSlowest(times: number[]): string {
	const sorted = [...times].sort((a, b) => a - b);
	return `${sorted[sorted.length >> 1].toFixed(1)} | ${sorted[sorted.length - 1].toFixed(1)}`;
}

async function main(): Promise<void> {
	const { records, runs } = parseOptions(process.argv.slice(2));
	const text = generateZone({ records });
	const lineCount = text.split('\n').length;
	const uri = 'file:///bench/bench.example.zone';
	const { client, dispose } = startInProcess();
	try {
		const { capabilities } = await client.initialize({ pull: true });
		const provider = capabilities.semanticTokensProvider;
		const supportsDelta = typeof provider?.full === 'object' && provider.full.delta === true;
		await client.open(uri, text);
		const textDocument = { uri };
		const send = client.connection.sendRequest.bind(client.connection);
		await send(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } });
		const rssBefore = process.memoryUsage().rss;
		const rows = [
			`${records.toLocaleString('en-US')} records, ${(text.length / 1e6).toFixed(1)} MB; RSS with the analysis: ${megabytes(rssBefore)}`,
			'',
			'| request | median ms | slowest ms |',
			'| --- | ---: | ---: |',
		];
		let full: SemanticTokens = { data: [] };
		rows.push(`| full | ${await timed(runs, async () => (full = (await send(SemanticTokensRequest.type, { textDocument })) ?? full))} |`);
		const tokens = full.data.length / 5;
		if (provider?.range === true) {
			const middle = lineCount >> 1;
			const range = { start: { line: middle - 30, character: 0 }, end: { line: middle + 30, character: 0 } };
			rows.push(`| range (60 lines) | ${await timed(runs, () => send(SemanticTokensRangeRequest.type, { textDocument, range }))} |`);
		}
		if (supportsDelta) {
			let version = 1;
			let previousResultId = full.resultId ?? '';
			// Each run: one character typed (or deleted again) in the middle of the zone and the new analysis
			// made (by a hover, not timed), then the delta against the last result.
			const at = { line: lineCount >> 1, character: 0 };
			const times: number[] = [];
			for (let run = 0; run < runs; run++) {
				const insert = ++version % 2 === 0;
				const end = insert ? at : { line: at.line, character: 1 };
				await client.change(uri, version, { range: { start: at, end }, text: insert ? 'x' : '' });
				await send(HoverRequest.type, { textDocument, position: at });
				const started = performance.now();
				const answer: SemanticTokens | SemanticTokensDelta | null = await send(SemanticTokensDeltaRequest.type, {
					textDocument,
					previousResultId,
				});
				times.push(performance.now() - started);
				previousResultId = answer?.resultId ?? '';
			}
			rows.push(`| full/delta after a one-character edit | ${medianAndSlowest(times)} |`);
		}
		rows.push('', `${tokens.toLocaleString('en-US')} tokens; peak RSS ${megabytes(process.resourceUsage().maxRSS * 1024)}`);
		process.stdout.write(rows.join('\n') + '\n');
		await client.shutdown({ exit: false });
	} finally {
		dispose();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
