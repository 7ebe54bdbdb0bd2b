/**
 * Semantic tokens over a real LSP connection: `full`, `range` and `full/delta`. A range answers
 * exactly the tokens of `full` that overlap it; a delta applied to the previous data gives the new
 * `full` data; an unknown result id gets a full answer. The zone has tabs, CRLF line ends, a record
 * over three lines in parentheses and non-ASCII words (one outside the BMP: two UTF-16 units).
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	type SemanticTokens,
	type SemanticTokensDelta,
	SemanticTokensDeltaRequest,
	SemanticTokensRangeRequest,
	SemanticTokensRequest,
	type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/semanticTokens';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';

const ZONE = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@\tIN\tSOA\tns1 hostmaster.example.com. (',
	'\t1 2h ; é😀 a comment',
	'\t30m 2w 1h )',
	'\tNS\tns1.example.net.',
	'bücher\tIN\tA\t192.0.2.1',
	'😀x\t300\tMX\t10 mx.bücher',
	'  \tMX ( 20',
	'\t\tmx2.example.org. )',
	'www 60 CNAME bücher.example.com.',
	'',
].join('\r\n');

interface DecodedToken {
	readonly line: number;
	readonly character: number;
	readonly length: number;
	readonly type: number;
	readonly modifiers: number;
}

/** LSP's relative encoding back to absolute positions. */
function decode(data: readonly number[]): DecodedToken[] {
	const tokens: DecodedToken[] = [];
	let line = 0;
	let character = 0;
	for (let i = 0; i < data.length; i += 5) {
		line += data[i];
		character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
		tokens.push({ line, character, length: data[i + 2], type: data[i + 3], modifiers: data[i + 4] });
	}
	return tokens;
}

/** Each token as `text type[.modifier…]`, the text read from the document at the token's position. */
function described(document: TextDocument, data: readonly number[]): string[] {
	return decode(data).map(({ line, character, length, type, modifiers }) => {
		const start = document.offsetAt({ line, character });
		const names = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0);
		return `${document.getText().slice(start, start + length)} ${[SEMANTIC_TOKENS_LEGEND.tokenTypes[type], ...names].join('.')}`;
	});
}

/** The tokens of `full` whose text overlaps `range`. */
function overlapping(document: TextDocument, full: readonly number[], range: Range): DecodedToken[] {
	const from = document.offsetAt(range.start);
	const to = document.offsetAt(range.end);
	return decode(full).filter((token) => {
		const start = document.offsetAt(token);
		return start + token.length > from && start < to;
	});
}

/** `data` after the delta's edits (LSP applies them to the previous array, each at its own index). */
function applied(data: readonly number[], delta: SemanticTokensDelta): number[] {
	const result = [...data];
	for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
	return result;
}

describe('semantic tokens over LSP: full, range and full/delta', () => {
	let client: LspTestClient;
	let dispose: () => void;
	const uri = 'file:///zones/tokens.example.com.zone';
	const textDocument = { uri };
	let document = TextDocument.create(uri, 'dns-zone', 1, ZONE);

	const full = (): Promise<SemanticTokens> =>
		client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }) as Promise<SemanticTokens>;
	const range = async (asked: Range): Promise<number[]> =>
		((await client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument, range: asked })) as SemanticTokens).data;
	const delta = (previousResultId: string): Promise<SemanticTokens | SemanticTokensDelta> =>
		client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument, previousResultId }) as Promise<
			SemanticTokens | SemanticTokensDelta
		>;

	before(async () => {
		({ client, dispose } = startInProcess());
		await client.initialize({ pull: true });
		await client.open(uri, ZONE);
	});

	after(async () => {
		await client.shutdown({ exit: false });
		dispose();
	});

	test('full: every word at its UTF-16 position, across CRLF, tabs and parentheses', async () => {
		const { data, resultId } = await full();
		assert.ok(resultId, 'a full result has an id for the next delta');
		assert.deepEqual(described(document, data), [
			'SOA type',
			'ns1 variable.relative',
			'hostmaster.example.com. variable.absolute',
			'NS type',
			'ns1.example.net. variable.absolute',
			'bücher variable.declaration.relative',
			'A type',
			'😀x variable.declaration.relative',
			'300 number',
			'MX type',
			'mx.bücher variable.relative',
			'MX type',
			'mx2.example.org. variable.absolute',
			'www variable.declaration.relative',
			'60 number',
			'CNAME type',
			'bücher.example.com. variable.absolute',
		]);
		// The astral character counts two UTF-16 units: `300` starts at column 4 of `😀x\t300`.
		assert.deepEqual(
			decode(data).find((token) => token.line === 7 && token.type === 2),
			{ line: 7, character: 4, length: 3, type: 2, modifiers: 0 },
		);
	});

	test('range: exactly the tokens of full that overlap it, for every span of lines and mid-line edges', async () => {
		const { data } = await full();
		const lines = ZONE.split('\r\n');
		const asked: Range[] = [];
		for (let first = 0; first < lines.length; first++) {
			for (let last = first; last <= lines.length; last++)
				asked.push({ start: { line: first, character: 0 }, end: { line: last, character: 0 } });
		}
		// Edges inside words, at tabs, after the astral character, and past the end of a line.
		asked.push(
			{ start: { line: 7, character: 1 }, end: { line: 7, character: 5 } },
			{ start: { line: 6, character: 7 }, end: { line: 9, character: 3 } },
			{ start: { line: 3, character: 2 }, end: { line: 4, character: 99 } },
			{ start: { line: 2, character: 12 }, end: { line: 2, character: 12 } },
			{ start: { line: 0, character: 0 }, end: { line: 999, character: 0 } },
		);
		for (const span of asked) {
			assert.deepEqual(decode(await range(span)), overlapping(document, data, span), `range ${JSON.stringify(span)}`);
		}
	});

	test('full/delta: the edits applied to the previous data give the new full data, after each kind of edit', async () => {
		let previous = await full();
		const edits: { readonly range: Range; readonly text: string }[] = [
			// A new record in the middle.
			{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'new\tA\t192.0.2.7\r\n' },
			// An absolute name made relative, inside the multi-line MX.
			{ range: { start: { line: 10, character: 18 }, end: { line: 10, character: 18 } }, text: 'x' },
			// A line joined to the next one (the CRLF removed), and the first record's type changed.
			{ range: { start: { line: 6, character: 21 }, end: { line: 7, character: 0 } }, text: ' ' },
			{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 8 } }, text: 'TXT' },
			// Everything after the SOA deleted.
			{ range: { start: { line: 5, character: 0 }, end: { line: 99, character: 0 } }, text: '' },
		];
		for (const [index, edit] of edits.entries()) {
			const version = index + 2;
			await client.change(uri, version, edit);
			document = TextDocument.update(document, [edit], version);
			const answer = await delta(previous.resultId ?? '');
			assert.ok('edits' in answer, `edit ${index}: a delta against the last result, not a full answer`);
			assert.notEqual(answer.resultId, previous.resultId);
			const now = await full();
			assert.deepEqual(applied(previous.data, answer), now.data, `edit ${index}`);
			const changed = answer.edits.reduce((sum, { deleteCount, data }) => sum + deleteCount + (data?.length ?? 0), 0);
			// A new record's two tokens are ten numbers; the tokens around it stay as they were.
			if (index === 0) assert.equal(changed, 10, 'a new record: only its tokens are sent');
			previous = now;
		}
		// Without a change, the delta is empty.
		const unchanged = await delta(previous.resultId ?? '');
		assert.ok('edits' in unchanged);
		assert.deepEqual(unchanged.edits, []);
	});

	test('full/delta against an unknown result id answers the full tokens', async () => {
		const answer = await delta('no such result');
		assert.ok('data' in answer, 'a full answer');
		assert.deepEqual(answer.data, (await full()).data);
		assert.ok(answer.resultId);
	});
});
