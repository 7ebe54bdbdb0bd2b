/**
 * Format Document and Format Selection asked of the bundled server in a child process over stdio
 * (dist/server.js, as editors start it), on test/fixtures/format/messy.zone sent with CRLF line
 * ends: tabs and spaces mixed, a multi-line SOA and TXT in parentheses, non-ASCII comments, owner
 * and TXT (LSP columns are UTF-16). Each answer is applied as a client would; every byte outside
 * the edits must stay, every edit must turn blanks into blanks, the file must stay CRLF, formatting
 * the result must answer no edit, and BIND's dump (`named-checkzone -i local -D -o -`) of the result
 * must equal the original's. The formatted texts are the golden `messy.md` (UPDATE_GOLDEN=1 rewrites it).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	DocumentFormattingRequest,
	DocumentRangeFormattingRequest,
	type FormattingOptions,
	type Range,
	ResponseError,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { assertGolden } from '../helpers/golden';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { applyAndCheckBytes } from '../helpers/quickFix';
import { requires } from '../helpers/requires';

const DIR = path.join(FIXTURES, 'format');
const FIXTURE = path.join(DIR, 'messy.zone');
const URI = pathToFileURL(FIXTURE).href;
const TEXT = fs.readFileSync(FIXTURE, 'utf8').replace(/\n/g, '\r\n');

interface Case {
	readonly title: string;
	readonly settings: unknown;
	readonly options: FormattingOptions;
	/** Format Selection over these zero-based lines (end exclusive); the whole document when absent. */
	readonly lines?: readonly [number, number];
}

const CASES: readonly Case[] = [
	{ title: 'owner groups, tabs (tabSize 8)', settings: {}, options: { insertSpaces: false, tabSize: 8 } },
	{ title: 'whole file, spaces', settings: { format: { align: 'file' } }, options: { insertSpaces: true, tabSize: 4 } },
	{ title: 'whole file, tabs (tabSize 4)', settings: { format: { align: 'file' } }, options: { insertSpaces: false, tabSize: 4 } },
	{ title: 'selection of lines 12-15, spaces', settings: {}, options: { insertSpaces: true, tabSize: 4 }, lines: [11, 15] },
];

describe('formatting over stdio', () => {
	let server: SpawnedServer;
	let client: LspTestClient;
	let scratch: string;
	const results = new Map<string, string>();

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		await client.initialize({ pull: true });
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-format-'));
	});

	after(async () => {
		await stopServer(server);
		fs.rmSync(scratch, { recursive: true, force: true });
	});

	/** The server's edits for `text` opened as version `version`, under the case's settings. */
	async function format(text: string, version: number, formatCase: Case): Promise<{ document: TextDocument; edits: TextEdit[] }> {
		await client.changeSettings(formatCase.settings);
		await client.open(URI, text, version);
		try {
			const document = TextDocument.create(URI, 'dns-zone', version, text);
			const textDocument = { uri: URI };
			const edits = formatCase.lines
				? await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
						textDocument,
						options: formatCase.options,
						range: { start: { line: formatCase.lines[0], character: 0 }, end: { line: formatCase.lines[1], character: 0 } },
					})
				: await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: formatCase.options });
			assert.ok(Array.isArray(edits));
			return { document, edits };
		} finally {
			await client.close(URI);
		}
	}

	for (const formatCase of CASES) {
		test(formatCase.title, async () => {
			const { document, edits } = await format(TEXT, 1, formatCase);
			assert.ok(edits.length > 0);
			for (const edit of edits) {
				assert.match(document.getText(edit.range), /^[ \t]*$/, `${JSON.stringify(edit.range)} replaces more than blanks`);
				assert.match(edit.newText, /^[ \t]*$/);
				if (formatCase.lines) assert.ok(inLines(edit.range, formatCase.lines), `${JSON.stringify(edit.range)} is outside the selection`);
			}
			const formatted = applyAndCheckBytes(document, edits);
			const again = await format(formatted, 2, formatCase);
			assert.deepEqual(again.edits, [], 'formatting the formatted text changed it again');
			results.set(formatCase.title, formatted);
		});
	}

	test('the golden texts', () => {
		assert.equal(results.size, CASES.length, 'every case ran');
		const rendered = CASES.map(({ title }) => `## ${title}\n\n\`\`\`\n${results.get(title)!.replace(/\r\n/g, '\n')}\`\`\`\n`).join('\n');
		assertGolden(path.join(DIR, 'messy.md'), rendered);
	});

	test('BIND reads the same records from every formatted text', requires('named-checkzone'), () => {
		const dump = (text: string, name: string): string => {
			const file = path.join(scratch, name);
			fs.writeFileSync(file, text);
			const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, '-D', '-o', '-', 'example.com', file], { encoding: 'utf8' });
			assert.equal(run.status, 0, `${name}: ${run.stdout}${run.stderr}`);
			return run.stdout;
		};
		const original = dump(TEXT, 'original.zone');
		assert.match(original, /2026120100/);
		CASES.forEach(({ title }, index) => assert.equal(dump(results.get(title)!, `formatted-${index}.zone`), original, title));
	});

	test('options that are not FormattingOptions get InvalidParams', async () => {
		await assert.rejects(
			client.connection.sendRequest(DocumentFormattingRequest.type, {
				textDocument: { uri: URI },
				options: { insertSpaces: 'yes', tabSize: 0 } as unknown as FormattingOptions,
			}),
			(error: unknown) => error instanceof ResponseError && /FormattingOptions/.test(error.message),
		);
	});
});

function inLines(range: Range, [first, end]: readonly [number, number]): boolean {
	return range.start.line >= first && (range.end.line < end || (range.end.line === end && range.end.character === 0));
}
