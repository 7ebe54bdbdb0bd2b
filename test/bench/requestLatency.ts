/**
 * `node out/test/bench/requestLatency.js [--records N] [--runs N]`: how long each navigation and editing request
 * takes on a large zone once its analysis exists, asked over a real JSON-RPC connection to the
 * server (in process, so the time includes the protocol's serialisation but no process start-up).
 *
 * It generates a zone (test/bench/generateZone.ts, default 100,000 records), opens it, waits for the
 * first hover (which makes the analysis and is reported on its own), and asks every request once on
 * that version and on two more (so the code is compiled, as in an editor that has been open a
 * while). Then, for each request, it changes the document (a new version: a comment at its end, so
 * every line stays where it was), waits for that version's analysis (a hover), and asks the request
 * `runs` times at an MX target in the middle of the zone: the first of those is the first request of
 * a version, which builds what the request shares with the others (owner runs, name index). Prints
 * that first time, the median and the slowest, in ms. Numbers are printed, never asserted: they
 * depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import {
	CompletionRequest,
	DefinitionRequest,
	DocumentHighlightRequest,
	DocumentLinkRequest,
	DocumentFormattingRequest,
	DocumentRangeFormattingRequest,
	DocumentSymbolRequest,
	FoldingRangeRequest,
	HoverRequest,
	InlayHintRequest,
	PrepareRenameRequest,
	ReferencesRequest,
	RenameRequest,
	SelectionRangeRequest,
	WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/lspHarness';
import { generateZone } from './generateZone';

interface Options {
	readonly records: number;
	readonly runs: number;
}

function parseOptions(argv: readonly string[]): Options {
	let records = 100_000;
	let runs = 20;
	for (let i = 0; i < argv.length; i++) {
		const value = Number(argv[i + 1]);
		if (argv[i] === '--records' && Number.isInteger(value) && value >= 20) records = value;
		else if (argv[i] === '--runs' && Number.isInteger(value) && value >= 1) runs = value;
		else throw new Error(`usage: node out/test/bench/requestLatency.js [--records N] [--runs N]`);
		i++;
	}
	return { records, runs };
}

async function main(): Promise<void> {
	const { records, runs } = parseOptions(process.argv.slice(2));
	const text = generateZone({ records });
	const lines = text.split('\n');
	// An MX whose exchange is in the zone, near the middle: `\t\tIN\tMX\t20 mx2.mail-123` or `domain\tMX\t10 mx1.domain`.
	const middle = lines.findIndex((line, index) => index > lines.length / 2 && /\tMX\t10 mx1\./.test(line));
	const position = { line: middle, character: lines[middle].lastIndexOf('mx1') + 1 };
	const uri = 'file:///bench/bench.example.zone';
	const { client, dispose } = startInProcess();
	try {
		await client.initialize({ pull: true });
		await client.open(uri, text);
		const textDocument = { uri };
		const send = client.connection.sendRequest.bind(client.connection);
		const started = performance.now();
		await send(HoverRequest.type, { textDocument, position });
		const analysisMs = performance.now() - started;

		// Completion at the exchange of that MX (in-zone names: every owner is a candidate), and after `MX ` (the next free preference).
		const exchange = { line: middle, character: lines[middle].lastIndexOf('mx1') };
		const preference = { line: middle, character: lines[middle].lastIndexOf('MX\t') + 3 };
		// A screenful of hints around the middle, and the whole document (what an editor asks when it shows all of it).
		const screen = { start: { line: middle - 30, character: 0 }, end: { line: middle + 30, character: 0 } };
		const formatting = { tabSize: 8, insertSpaces: false };
		const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
		const requests: [string, () => Promise<unknown>][] = [
			['hover (for comparison)', () => send(HoverRequest.type, { textDocument, position })],
			['documentSymbol (Outline)', () => send(DocumentSymbolRequest.type, { textDocument })],
			['foldingRange', () => send(FoldingRangeRequest.type, { textDocument })],
			['selectionRange', () => send(SelectionRangeRequest.type, { textDocument, positions: [position] })],
			['definition', () => send(DefinitionRequest.type, { textDocument, position })],
			['references', () => send(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })],
			['documentHighlight', () => send(DocumentHighlightRequest.type, { textDocument, position })],
			['documentLink', () => send(DocumentLinkRequest.type, { textDocument })],
			['prepareRename', () => send(PrepareRenameRequest.type, { textDocument, position })],
			['rename', () => send(RenameRequest.type, { textDocument, position, newName: 'smtp1' })],
			['completion (names at an MX exchange)', () => send(CompletionRequest.type, { textDocument, position: exchange })],
			['completion (after `MX`: next preference)', () => send(CompletionRequest.type, { textDocument, position: preference })],
			['inlayHint (60 lines)', () => send(InlayHintRequest.type, { textDocument, range: screen })],
			['inlayHint (whole document)', () => send(InlayHintRequest.type, { textDocument, range: whole })],
			['workspace/symbol `mx1`', () => send(WorkspaceSymbolRequest.type, { query: 'mx1' })],
			['workspace/symbol `zq` (few matches)', () => send(WorkspaceSymbolRequest.type, { query: 'zq' })],
			['formatting (document)', () => send(DocumentFormattingRequest.type, { textDocument, options: formatting })],
			['rangeFormatting (60 lines)', () => send(DocumentRangeFormattingRequest.type, { textDocument, range: screen, options: formatting })],
		];
		const rows = [
			`${records.toLocaleString('en-US')} records, ${(text.length / 1e6).toFixed(1)} MB; first request (analysis + hover): ${analysisMs.toFixed(0)} ms`,
			'',
			'| request | first of a version | median | slowest |',
			'| --- | ---: | ---: | ---: |',
		];
		let version = 1;
		// A new version: a comment at the end, so every line stays where it was; its analysis made by a hover.
		const nextVersion = async (): Promise<void> => {
			version++;
			await client.change(uri, version, { text: `${text}; version ${version}\n` });
			await send(HoverRequest.type, { textDocument, position });
		};
		// Every request on the first version and on two more, untimed: the code is compiled, as in an editor open a while.
		for (let warm = 0; warm < 3; warm++) {
			if (warm > 0) await nextVersion();
			for (const [, request] of requests) await request();
		}
		for (const [name, request] of requests) {
			await nextVersion();
			const times: number[] = [];
			for (let run = 0; run < runs; run++) {
				const at = performance.now();
				await request();
				times.push(performance.now() - at);
			}
			const first = times[0];
			const sorted = [...times].sort((a, b) => a - b);
			rows.push(`| ${name} | ${first.toFixed(1)} | ${sorted[sorted.length >> 1].toFixed(1)} | ${sorted[sorted.length - 1].toFixed(1)} |`);
		}
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
