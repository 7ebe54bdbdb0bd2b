/**
 * The language server under load and under malformed requests, through a real LSP connection:
 * 1,000 rapid incremental edits to a 100,000-record document with hovers, code actions and
 * diagnostic pulls in between. Every request gets an answer; an answer is either about the version
 * the client had when it asked, or `ContentModified` / `ServerCancelled` (never stale data); the
 * memory goes back to its baseline when the document closes; a request that throws gets an error
 * response and the server goes on serving; malformed requests get clean errors.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	type CodeAction,
	type Diagnostic,
	DiagnosticSeverity,
	ErrorCodes,
	type Hover,
	LSPErrorCodes,
	ResponseError,
} from 'vscode-languageserver-protocol/node';
import { startInProcess, withTimeout } from '../helpers/lspHarness';
import { MB, usedBytes } from '../helpers/memory';

const RECORDS = 100_000;
const EDITS = 1000;
const HEAD = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 3600', '@ NS ns1', 'ns1 A 192.0.2.53'];

/** Record `i` is on line HEAD.length + i: `h<i> 3600 A …`, and every 100th owner has a single MX. */
function bigZone(): string {
	const lines = [...HEAD];
	for (let i = 0; i < RECORDS; i++) lines.push(i % 100 === 99 ? `m${i} 3600 MX 10 mx${i}.example.net.` : `h${i} 3600 A 192.0.2.${i % 250}`);
	return lines.join('\n') + '\n';
}

/** The line edited by edit `k` (1-based), always an A record, and its new TTL (four digits, like 3600). */
function editOf(k: number): { line: number; character: number; ttl: string } {
	let i = (k * 7919) % RECORDS;
	if (i % 100 === 99) i--;
	return { line: HEAD.length + i, character: `h${i} `.length, ttl: String(1000 + k) };
}

const codeOf = (error: unknown): number | undefined => (error instanceof ResponseError ? error.code : undefined);

describe('language server under load (in process)', () => {
	test(`${EDITS} rapid edits to a ${RECORDS}-record document with requests in between`, async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true });
			const baseline = usedBytes();
			const uri = 'file:///zones/big.example.com.zone';
			const started = Date.now();
			await client.open(uri, bigZone());
			const first = await client.pull(uri);
			assert.equal(first.filter((d) => d.code === 'mxSingle').length, RECORDS / 100);
			const singleMx = first.find((d) => d.code === 'mxSingle')!;

			type Outcome = { kind: 'hover' | 'action' | 'pull'; k: number; result?: unknown; error?: unknown };
			const pending: Promise<Outcome>[] = [];
			const settle = (kind: Outcome['kind'], k: number, request: Promise<unknown>): void => {
				pending.push(
					request.then(
						(result) => ({ kind, k, result }),
						(error: unknown) => ({ kind, k, error }),
					),
				);
			};
			// Ten bursts of 100 edits: within a burst nothing is awaited, edits and requests go out back to
			// back as from a fast typist; between bursts the client waits for the answers, as when typing pauses.
			const outcomes: Outcome[] = [];
			for (let burst = 0; burst < 10; burst++) {
				for (let k = burst * (EDITS / 10) + 1; k <= (burst + 1) * (EDITS / 10); k++) {
					const { line, character, ttl } = editOf(k);
					void client.change(uri, k + 1, { range: { start: { line, character }, end: { line, character: character + 4 } }, text: ttl });
					settle('hover', k, client.hover(uri, { line, character: character + 1 }));
					if (k % 3 === 0) settle('action', k, client.codeActions(uri, singleMx.range, [singleMx]));
					if (k % 5 === 0) settle('pull', k, client.pull(uri));
				}
				outcomes.push(...(await withTimeout(Promise.all(pending.splice(0)), 60_000, 'every response of a burst')));
			}
			const seconds = (Date.now() - started) / 1000;

			const answered = outcomes.filter((o) => o.error === undefined);
			const cancelled = outcomes.filter((o) => o.error !== undefined);
			for (const o of cancelled) {
				const expected = o.kind === 'pull' ? LSPErrorCodes.ServerCancelled : LSPErrorCodes.ContentModified;
				assert.equal(codeOf(o.error), expected, `${o.kind} after edit ${o.k}: ${String(o.error)}`);
			}
			for (const o of answered.filter((a) => a.kind === 'hover')) {
				// An answered hover is about its own version: the TTL that edit wrote.
				const value = ((o.result as Hover | null)?.contents as { value: string } | undefined)?.value ?? '';
				assert.match(value, new RegExp(`\\*\\*TTL\\*\\* ${editOf(o.k).ttl} seconds`), `hover after edit ${o.k}`);
			}
			for (const o of answered.filter((a) => a.kind === 'action')) {
				assert.match((o.result as CodeAction[])[0]?.title ?? '', /Add backup MX record/);
			}
			const lastOfBurst = outcomes.filter((o) => o.kind === 'hover' && o.k % (EDITS / 10) === 0);
			assert.ok(
				lastOfBurst.every((o) => o.error === undefined),
				'the hover after the last edit of each burst is answered',
			);
			console.log(
				`${outcomes.length} requests between ${EDITS} edits in ${seconds.toFixed(1)} s: ${answered.length} answered, ${cancelled.length} cancelled as out of date`,
			);

			// The final state is the last edit's.
			const finalDiagnostics = await client.pull(uri);
			assert.equal(finalDiagnostics.filter((d) => d.code === 'mxSingle').length, RECORDS / 100);
			const { line, character, ttl } = editOf(EDITS);
			assert.match(
				((await client.hover(uri, { line, character }))?.contents as { value: string }).value,
				new RegExp(`\\*\\*TTL\\*\\* ${ttl} seconds`),
			);

			// A request that throws (context.only is not a list) gets an error response; the server goes on.
			const failing = client.connection.sendRequest('textDocument/codeAction', {
				textDocument: { uri },
				range: singleMx.range,
				context: { diagnostics: [singleMx], only: 5 },
			});
			await assert.rejects(failing, (error: unknown) => codeOf(error) === ErrorCodes.InternalError);
			assert.ok(
				client.logs.some((message) => message.includes('Error while computing code actions')),
				'the failure is logged',
			);
			assert.equal((await client.pull(uri)).length, finalDiagnostics.length);

			await client.close(uri);
			await client.pull(uri); // a round trip, so the close has been handled
			const retained = usedBytes() - baseline;
			assert.ok(retained < 24 * MB, `${(retained / MB).toFixed(0)} MB still held after the document closed`);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});

describe('language server and malformed requests (in process)', () => {
	test('unknown documents, positions past the end, bad parameters and bad settings get clean answers, never a crash', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true });
			const uri = 'file:///zones/example.com.zone';
			const text = HEAD.join('\n') + '\n@ MX 10 mx1.example.net.\n';
			await client.open(uri, text);
			const raw = (method: string, params: unknown): Promise<unknown> => client.connection.sendRequest(method, params);
			const rejectsWith = async (request: Promise<unknown>, code: number): Promise<void> => {
				await assert.rejects(request, (error: unknown) => codeOf(error) === code);
			};

			// Unknown documents: empty answers.
			assert.equal(await client.hover('file:///zones/unknown.zone', { line: 0, character: 0 }), null);
			assert.deepEqual(await client.codeLenses('untitled:nothing'), []);
			assert.deepEqual(await client.pull('file:///zones/unknown.zone'), []);
			assert.deepEqual(
				await client.codeActions('file:///zones/unknown.zone', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, []),
				[],
			);
			// Positions past the end are positions at the end: of the text (nothing there), of line 1 (its last word).
			assert.equal(await client.hover(uri, { line: 10_000, character: 5 }), null);
			assert.deepEqual((await client.hover(uri, { line: 1, character: 1_000_000 }))?.range, {
				start: { line: 1, character: 5 },
				end: { line: 1, character: 9 },
			});
			// Malformed parameters: InvalidParams.
			await rejectsWith(
				raw('textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }),
				ErrorCodes.InvalidParams,
			);
			await rejectsWith(
				raw('textDocument/hover', { textDocument: { uri }, position: { line: 'one', character: 0 } }),
				ErrorCodes.InvalidParams,
			);
			await rejectsWith(raw('textDocument/hover', { position: { line: 0, character: 0 } }), ErrorCodes.InvalidParams);
			await rejectsWith(
				raw('textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }),
				ErrorCodes.InvalidParams,
			);
			await rejectsWith(
				raw('textDocument/codeAction', { textDocument: { uri }, range: {}, context: { diagnostics: 'all' } }),
				ErrorCodes.InvalidParams,
			);
			await rejectsWith(
				raw('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [{ message: 'no range' }] } }),
				ErrorCodes.InvalidParams,
			);
			await rejectsWith(raw('textDocument/diagnostic', {}), ErrorCodes.InvalidParams);
			await rejectsWith(raw('zoneSentinel/noSuchRequest', {}), ErrorCodes.MethodNotFound);
			// Notifications that make no sense are ignored.
			await client.change('file:///zones/unknown.zone', 2, { text: 'x' });
			await client.change(uri, 2, {
				range: { start: { line: 500, character: 9 }, end: { line: 500, character: 99 } },
				text: '; past the end\n',
			});
			await client.close('file:///zones/never-opened.zone');
			await client.connection.sendNotification('zoneSentinel/trustChanged', { trusted: 'yes' });
			// Settings of the wrong types fall back to the defaults, field by field.
			const refreshed = client.waitForRefresh();
			await client.changeSettings({
				rules: 'all off',
				mx: { networkPrefixV4: 'wide' },
				backupHosts: 5,
				defaultOrigin: 42,
				extra: { deep: [1, 2, 3] },
			});
			await refreshed;
			const diagnostics: Diagnostic[] = await client.pull(uri);
			assert.deepEqual(
				diagnostics.map((d) => [d.code, d.severity]),
				[['mxSingle', DiagnosticSeverity.Warning]],
			);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
