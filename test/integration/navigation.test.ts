/**
 * Outline, folding, selection ranges, definition, references, highlights, document links and rename
 * as golden text, asked of the bundled server in a child process over stdio (dist/server.js, as
 * editors start it). Each `test/fixtures/navigation/<name>.zone` marks the cursor with `|`
 * (test/helpers/cursor.ts) and is opened under its own path, so its `$INCLUDE`s resolve against the
 * fixture folder; `<name>.md` is every answer at that cursor (positions 1-based line:column, in
 * UTF-16 code units as LSP counts them, with the text they cover). A first line
 * `; rename: ["new", …]` (JSON) lists names to rename the name under the cursor to: each answer
 * (the edits, or the refusal) goes into the golden, and every rename that is done must leave a zone
 * that `named-checkzone -i local` still loads. `UPDATE_GOLDEN=1` rewrites the goldens.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	DefinitionRequest,
	type DocumentSymbol,
	DocumentHighlightKind,
	DocumentHighlightRequest,
	DocumentLinkRequest,
	DocumentSymbolRequest,
	FoldingRangeRequest,
	type Location,
	PrepareRenameRequest,
	type Range,
	ReferencesRequest,
	RenameRequest,
	ResponseError,
	type SelectionRange,
	SelectionRangeRequest,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { withCursor } from '../helpers/cursor';
import { assertGolden } from '../helpers/golden';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { NAMED_CHECKZONE_FLAGS } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { requires } from '../helpers/requires';

const DIR = path.join(FIXTURES, 'navigation');
const RENAME_LINE = /^; rename: (\[.*\])\r?\n/;
const FIXTURE_NAMES = fs
	.readdirSync(DIR)
	.filter((file) => file.endsWith('.zone'))
	.sort();

/** What a fixture's renames produced, for the named-checkzone test: file URI → new text. */
const renamed: { fixture: string; newName: string; texts: Map<string, string> }[] = [];

describe('navigation over stdio (golden)', () => {
	let server: SpawnedServer;
	let client: LspTestClient;

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(DIR).href, name: 'navigation' }] });
	});

	after(async () => {
		await stopServer(server);
	});

	for (const fixture of FIXTURE_NAMES) {
		test(fixture.replace(/\.zone$/, ''), async () => {
			const marked = fs.readFileSync(path.join(DIR, fixture), 'utf8');
			const uri = pathToFileURL(path.join(DIR, fixture)).href;
			const { document, position } = withCursor(marked, uri);
			await client.open(uri, document.getText());
			try {
				assertGolden(path.join(DIR, fixture.replace(/\.zone$/, '.md')), await render(client, fixture, document, position));
			} finally {
				await client.close(uri);
			}
		});
	}
});

describe('rename from an included file (stdio)', () => {
	test('is refused while the zone that includes it is open: only the zone sees every reference', async () => {
		const server = spawnBundledServer();
		const { client } = server;
		try {
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(DIR).href, name: 'navigation' }] });
			const zoneUri = pathToFileURL(path.join(DIR, 'include-target.zone')).href;
			const fragmentUri = pathToFileURL(path.join(DIR, 'hosts.inc')).href;
			const fragment = fs.readFileSync(path.join(DIR, 'hosts.inc'), 'utf8');
			const mail = { line: 1, character: 1 };
			await client.open(zoneUri, withCursor(fs.readFileSync(path.join(DIR, 'include-target.zone'), 'utf8')).document.getText());
			await client.pull(zoneUri);
			await client.open(fragmentUri, fragment);
			// Read in the zone's context, `mail` is an owner with references (the zone's MX and CNAME).
			const definition = await client.connection.sendRequest(DefinitionRequest.type, {
				textDocument: { uri: fragmentUri },
				position: mail,
			});
			assert.ok(Array.isArray(definition) && definition.length === 2, JSON.stringify(definition));
			await assert.rejects(
				client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: fragmentUri }, position: mail, newName: 'mx' }),
				(error: unknown) =>
					error instanceof ResponseError &&
					error.message === `This file is included by ${zoneUri} (line 8): rename there, where every record that names it is seen.`,
			);
			await client.shutdown({ exit: true });
		} finally {
			client.dispose();
			server.child.kill();
		}
	});
});

describe('renamed zones still load in BIND', requires('named-checkzone'), () => {
	let scratch: string;
	before(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-rename-'))));
	after(() => fs.rmSync(scratch, { recursive: true, force: true }));

	test('every fixture, before and after each rename the server made', () => {
		assert.ok(renamed.length >= 4, `expected the golden test to have made renames, got ${renamed.length}`);
		for (const { fixture, newName, texts } of renamed) {
			const before = checkzone(scratch, fixture, new Map());
			assert.equal(before.status, 0, `${fixture} as written: ${before.output}`);
			const after = checkzone(scratch, fixture, texts);
			assert.equal(after.status, 0, `${fixture} renamed to ${newName}: ${after.output}`);
		}
	});
});

/** named-checkzone on a copy of the fixture folder with `texts` (URI → text) replacing its files; cwd is the copy, as `$INCLUDE` paths are relative. */
function checkzone(scratch: string, fixture: string, texts: ReadonlyMap<string, string>): { status: number | null; output: string } {
	const folder = fs.mkdtempSync(path.join(scratch, 'zone-'));
	for (const file of fs.readdirSync(DIR)) {
		const source = path.join(DIR, file);
		const text = texts.get(pathToFileURL(source).href) ?? fs.readFileSync(source, 'utf8').replace('|', '');
		fs.writeFileSync(path.join(folder, file), text);
	}
	const run = spawnSync('named-checkzone', [...NAMED_CHECKZONE_FLAGS, 'example.com.', fixture], { cwd: folder, encoding: 'utf8' });
	if (run.error) throw run.error;
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function render(
	client: LspTestClient,
	fixture: string,
	document: TextDocument,
	position: { line: number; character: number },
): Promise<string> {
	const uri = document.uri;
	const textDocument = { uri };
	const send = client.connection.sendRequest.bind(client.connection);
	const out: string[] = [`# ${fixture}`, '', `Cursor at ${where({ start: position, end: position }).split('-')[0]}.`, ''];

	out.push('## Definition', '', ...locations(document, await send(DefinitionRequest.type, { textDocument, position })), '');
	out.push(
		'## References (with declaration)',
		'',
		...locations(document, await send(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })),
		'',
	);
	const highlights = (await send(DocumentHighlightRequest.type, { textDocument, position })) ?? [];
	out.push(
		'## Highlights',
		'',
		...list(highlights.map((h) => `${span(document, h.range)} ${h.kind === DocumentHighlightKind.Write ? 'write' : 'read'}`)),
		'',
	);
	const selection = (await send(SelectionRangeRequest.type, { textDocument, positions: [position] })) ?? [];
	out.push('## Selection ranges', '', ...list(selectionChain(selection[0]).map((range) => span(document, range))), '');
	out.push(
		'## Outline',
		'',
		...symbolTree(document, (await send(DocumentSymbolRequest.type, { textDocument })) as DocumentSymbol[] | null),
		'',
	);
	const folds = (await send(FoldingRangeRequest.type, { textDocument })) ?? [];
	out.push(
		'## Folding ranges',
		'',
		...list(folds.map((f) => `lines ${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` (${f.kind})` : ''}`)),
		'',
	);
	const links = (await send(DocumentLinkRequest.type, { textDocument })) ?? [];
	out.push('## Document links', '', ...list(links.map((link) => `${span(document, link.range)} → ${relative(link.target ?? '')}`)), '');

	out.push('## Rename', '');
	try {
		const prepared = await send(PrepareRenameRequest.type, { textDocument, position });
		out.push(
			`prepareRename: ${prepared && 'range' in prepared ? `${span(document, prepared.range)}, placeholder \`${prepared.placeholder}\`` : JSON.stringify(prepared)}`,
			'',
		);
	} catch (error) {
		out.push(`prepareRename refused (${refusalOf(error)})`, '');
	}
	const names = JSON.parse(RENAME_LINE.exec(document.getText())?.[1] ?? '[]') as string[];
	for (const newName of names) {
		try {
			const edit = await send(RenameRequest.type, { textDocument, position, newName });
			const changes = Object.entries(edit?.changes ?? {});
			out.push(`### to \`${newName}\``, '');
			const texts = new Map<string, string>();
			for (const [target, edits] of changes) {
				const before = target === uri ? document.getText() : fs.readFileSync(fileURLToPath(target), 'utf8');
				const source = TextDocument.create(target, 'dns-zone', 1, before);
				out.push(...list(sortEdits(edits).map((e) => `${relative(target)} ${span(source, e.range)} → \`${e.newText}\``)));
				const after = TextDocument.applyEdits(source, edits);
				texts.set(target, after);
				out.push('', '```', after.replace(/\r\n/g, '⏎\n').trimEnd(), '```', '');
			}
			renamed.push({ fixture, newName, texts });
		} catch (error) {
			out.push(`### to \`${newName}\`: refused (${refusalOf(error)})`, '');
		}
	}
	return out.join('\n').trimEnd() + '\n';
}

function refusalOf(error: unknown): string {
	if (!(error instanceof ResponseError)) throw error;
	return `${error.code}: ${error.message}`;
}

function sortEdits(edits: TextEdit[]): TextEdit[] {
	return [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function list(items: readonly string[]): string[] {
	return items.length === 0 ? ['(none)'] : items.map((item) => `- ${item}`);
}

function locations(document: TextDocument, found: Location | Location[] | unknown[] | null): string[] {
	const all = (Array.isArray(found) ? found : found ? [found] : []) as Location[];
	return list(
		all.map((location) => {
			const source =
				location.uri === document.uri
					? document
					: TextDocument.create(location.uri, 'dns-zone', 1, fs.readFileSync(fileURLToPath(location.uri), 'utf8'));
			return `${relative(location.uri)} ${span(source, location.range)}`;
		}),
	);
}

function selectionChain(selection: SelectionRange | undefined): Range[] {
	const chain: Range[] = [];
	for (let at = selection; at; at = at.parent) chain.push(at.range);
	return chain;
}

function symbolTree(document: TextDocument, symbols: DocumentSymbol[] | null, depth = 0): string[] {
	const lines: string[] = [];
	for (const symbol of symbols ?? []) {
		const detail = symbol.detail ? ` (${symbol.detail})` : '';
		lines.push(
			`${'  '.repeat(depth)}- ${KIND_NAMES[symbol.kind] ?? symbol.kind} \`${symbol.name}\`${detail} ${where(symbol.range)}, selects ${span(document, symbol.selectionRange)}`,
		);
		lines.push(...symbolTree(document, symbol.children ?? null, depth + 1));
	}
	return lines.length === 0 && depth === 0 ? ['(none)'] : lines;
}

const KIND_NAMES: Record<number, string> = { 1: 'File', 2: 'Module', 3: 'Namespace', 7: 'Property', 8: 'Field', 12: 'Function' };

/** `line:col-line:col` (1-based) and the text covered, line ends shown as ⏎ and long text cut. */
function span(document: TextDocument, range: Range): string {
	const text = document
		.getText(range)
		.replace(/\r\n|\r|\n/g, '⏎')
		.replace(/\t/g, '→');
	const shown = text.length > 48 ? `${text.slice(0, 47)}…` : text;
	return `${where(range)} \`${shown}\``;
}

function where(range: Range): string {
	return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

function relative(uri: string): string {
	return uri.startsWith('file:') ? path.relative(DIR, fileURLToPath(uri)) : uri;
}
