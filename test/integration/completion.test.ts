/**
 * Completion as golden text, asked of the bundled server in a child process over stdio (dist/server.js).
 * Each `test/fixtures/completion/<name>.zone` marks the cursor with `|` (test/helpers/cursor.ts);
 * `<name>.md` lists every item: label, kind, detail and the edit (1-based line:column range in UTF-16
 * units, and the inserted text when it is not the label). The record snippets offered at a type
 * position are then expanded with their defaults and must give zones that `named-checkzone -i local`
 * loads and the server finds no error in. `UPDATE_GOLDEN=1` rewrites the goldens.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type CompletionItem,
	CompletionItemKind,
	type CompletionList,
	CompletionRequest,
	DiagnosticSeverity,
	InsertTextFormat,
	type Range,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { withCursor } from '../helpers/cursor';
import { assertGolden } from '../helpers/golden';
import { type LspTestClient, type SpawnedServer, spawnBundledServer, stopServer } from '../helpers/lspHarness';
import { namedCheckzone } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { requires } from '../helpers/requires';

const DIR = path.join(FIXTURES, 'completion');
const FIXTURE_NAMES = fs
	.readdirSync(DIR)
	.filter((file) => file.endsWith('.zone'))
	.sort();

describe('completion over stdio (golden)', () => {
	let server: SpawnedServer;
	let client: LspTestClient;

	before(async () => {
		server = spawnBundledServer();
		client = server.client;
		const result = await client.initialize({ pull: true });
		assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, [' ', '\t', '$']);
	});

	after(async () => {
		await stopServer(server);
	});

	for (const fixture of FIXTURE_NAMES) {
		test(fixture.replace(/\.zone$/, ''), async () => {
			const { document, list } = await complete(client, fixture);
			assertGolden(path.join(DIR, fixture.replace(/\.zone$/, '.md')), render(fixture, document, list));
		});
	}

	test('record snippets expand to records BIND loads and the server finds no error in', requires('named-checkzone'), async () => {
		const { document, list } = await complete(client, 'type-after-class.zone');
		const snippets = list.items.filter((item) => item.insertTextFormat === InsertTextFormat.Snippet);
		assert.deepEqual(
			snippets.map((item) => item.filterText),
			['SOA', 'MX', 'SRV', 'CAA', 'TXT', 'TXT'],
		);
		for (const item of snippets) {
			const edit = item.textEdit as TextEdit;
			let text = TextDocument.applyEdits(document, [{ range: edit.range, newText: expandDefaults(edit.newText) }]);
			// An SOA belongs at the apex, alone: the snippet's stands in for the zone's own.
			if (item.filterText === 'SOA')
				text = text.replace(/^@\tIN\tSOA[^)]*\)\n/m, '@\tIN\tTXT\t"apex"\n').replace(/^ftp\tIN\tSOA/m, '@\tIN\tSOA');
			const checked = namedCheckzone('example.com.', text);
			assert.equal(checked.status, 0, `${item.label}:\n${text}\n${checked.output}`);
			const uri = `file:///snippets/${item.filterText ?? ''}-${snippets.indexOf(item)}.zone`;
			await client.open(uri, text);
			const errors = (await client.pull(uri)).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
			await client.close(uri);
			assert.deepEqual(errors, [], `${item.label}:\n${text}`);
		}
	});
});

async function complete(client: LspTestClient, fixture: string): Promise<{ document: TextDocument; list: CompletionList }> {
	const marked = fs.readFileSync(path.join(DIR, fixture), 'utf8');
	const uri = pathToFileURL(path.join(DIR, fixture)).href;
	const { document, position } = withCursor(marked, uri);
	await client.open(uri, document.getText());
	try {
		const answer = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
		assert.ok(answer && !Array.isArray(answer), 'the server answers a CompletionList');
		return { document, list: answer };
	} finally {
		await client.close(uri);
	}
}

/** A snippet body with each tab stop replaced by its default: `${1:mx1}` → `mx1`, `${1|a,b|}` → `a`. */
function expandDefaults(body: string): string {
	return body
		.replace(/\$\{\d+:([^}]*)\}/g, '$1')
		.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
		.replace(/\\([$}\\])/g, '$1');
}

function render(fixture: string, document: TextDocument, list: CompletionList): string {
	const out = [`# ${fixture}`, '', `${list.items.length} items${list.isIncomplete ? ', incomplete' : ''}`, ''];
	// The SOA snippet's serial is the server's date: the golden has it as YYYYMMDD.
	const now = new Date();
	const todays = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
	for (const item of list.items) out.push(`- ${describeItem(document, item).replaceAll(`\${3:${todays}01}`, '${3:YYYYMMDD01}')}`);
	if (list.items.length === 0) out.push('(none)');
	return out.join('\n') + '\n';
}

function describeItem(document: TextDocument, item: CompletionItem): string {
	const kind = Object.entries(CompletionItemKind).find(([, value]) => value === item.kind)?.[0] ?? String(item.kind);
	const edit = item.textEdit as TextEdit | undefined;
	const target = edit
		? ` @ ${where(edit.range)}${edit.newText === item.label ? '' : ` ⇒ \`${edit.newText.replace(/\n/g, '⏎').replace(/\t/g, '→')}\``}`
		: '';
	const replaced = edit && edit.range.start.character !== edit.range.end.character ? ` (replaces \`${document.getText(edit.range)}\`)` : '';
	return `\`${item.label}\` ${kind}${item.detail ? ` — ${item.detail}` : ''}${item.preselect ? ' (preselected)' : ''}${target}${replaced}`;
}

function where(range: Range): string {
	const at = (position: { line: number; character: number }): string => `${position.line + 1}:${position.character + 1}`;
	return `${at(range.start)}-${at(range.end)}`;
}
