/**
 * One staleness rule for every request about a document (server/src/documentRequest.ts), over a
 * real LSP connection: a request sent just before an edit is answered `ContentModified` (a
 * diagnostics pull `ServerCancelled`), never with an answer about text the client no longer has;
 * the same request sent after the edit gets a real answer.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	LSPErrorCodes,
	ResponseError,
	SemanticTokensDeltaRequest,
	SemanticTokensRangeRequest,
	SemanticTokensRequest,
} from 'vscode-languageserver-protocol';
import { TEST_MAIL_EXCHANGERS_METHOD, ZONE_SUMMARY_METHOD } from '../../protocol/src/index';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';

// No MX: the mail test answers "no mail exchangers" without opening a connection.
const ZONE = [
	'$ORIGIN example.com.',
	'$TTL 3600',
	'@ SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'@ NS ns1',
	'ns1 A 192.0.2.53',
	'',
].join('\n');

const REQUESTS: readonly {
	readonly name: string;
	readonly send: (client: LspTestClient, uri: string) => Promise<unknown>;
	readonly staleCode: number;
}[] = [
	{ name: 'hover', send: (client, uri) => client.hover(uri, { line: 4, character: 1 }), staleCode: LSPErrorCodes.ContentModified },
	{ name: 'code lens', send: (client, uri) => client.codeLenses(uri), staleCode: LSPErrorCodes.ContentModified },
	{ name: 'diagnostics pull', send: (client, uri) => client.pull(uri), staleCode: LSPErrorCodes.ServerCancelled },
	{
		name: 'semantic tokens',
		send: (client, uri) => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }),
		staleCode: LSPErrorCodes.ContentModified,
	},
	{
		name: 'semantic tokens range',
		send: (client, uri) =>
			client.connection.sendRequest(SemanticTokensRangeRequest.type, {
				textDocument: { uri },
				range: { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } },
			}),
		staleCode: LSPErrorCodes.ContentModified,
	},
	{
		name: 'semantic tokens delta',
		send: (client, uri) =>
			client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: 'unknown' }),
		staleCode: LSPErrorCodes.ContentModified,
	},
	{
		name: 'zone summary',
		send: (client, uri) => client.connection.sendRequest(ZONE_SUMMARY_METHOD, { uri }),
		staleCode: LSPErrorCodes.ContentModified,
	},
	{
		name: 'mail test',
		send: (client, uri) => client.connection.sendRequest(TEST_MAIL_EXCHANGERS_METHOD, { uri, testId: 'stale' }),
		staleCode: LSPErrorCodes.ContentModified,
	},
];

const outcome = (request: Promise<unknown>): Promise<{ result?: unknown; code?: number }> =>
	request.then(
		(result) => ({ result }),
		(error: unknown) => ({ code: error instanceof ResponseError ? error.code : -1 }),
	);

describe('a request about a document that changes before the answer', () => {
	for (const request of REQUESTS) {
		test(`${request.name}: stale → ${request.staleCode === LSPErrorCodes.ServerCancelled ? 'ServerCancelled' : 'ContentModified'}, current → an answer`, async () => {
			const { client, dispose } = startInProcess();
			try {
				await client.initialize({ pull: true });
				const uri = `file:///zones/${request.name.replace(/ /g, '-')}.example.com.zone`;
				await client.open(uri, ZONE);
				// Sent back to back: the request arrives before the edit, and no analysis of version 1 exists yet.
				const stale = outcome(request.send(client, uri));
				void client.change(uri, 2, { range: { start: { line: 4, character: 6 }, end: { line: 4, character: 16 } }, text: '192.0.2.54' });
				assert.deepEqual(await stale, { code: request.staleCode });
				const current = await outcome(request.send(client, uri));
				assert.equal(current.code, undefined, `${request.name} after the edit: error ${current.code}`);
				assert.notEqual(current.result, undefined);
			} finally {
				dispose();
			}
		});
	}
});
