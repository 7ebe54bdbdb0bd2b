/**
 * The extension in a real VS Code: language detection, diagnostics, hover, the "Add backup MX
 * record" quick fix, settings, and the language features (Outline, go to definition, rename,
 * formatting, completion) as VS Code's own commands ask for them, on the zone files of
 * test/e2e/workspace (a temporary copy).
 * Nothing sleeps: tests wait on `onDidChangeDiagnostics` (or retry a request) with a time-out.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'zone-sentinel.zone-sentinel';
const WAIT_MS = 15_000;

function workspaceFile(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the tests need the workspace folder test/e2e/workspace (a copy) to be open');
	return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
	const document = await vscode.workspace.openTextDocument(workspaceFile(name));
	await vscode.window.showTextDocument(document);
	return document;
}

/** The code of a diagnostic, whether plain or with a documentation link (`{ value, target }`). */
function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
	const code = diagnostic.code;
	return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Resolves with the document's diagnostics once `accept` holds for them; rejects after `WAIT_MS`. */
function waitForDiagnostics(
	uri: vscode.Uri,
	accept: (diagnostics: vscode.Diagnostic[]) => boolean,
	what: string,
): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = (): boolean => {
			const diagnostics = vscode.languages.getDiagnostics(uri);
			if (!accept(diagnostics)) return false;
			subscription.dispose();
			clearTimeout(timer);
			resolve(diagnostics);
			return true;
		};
		const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
			if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
		});
		const timer = setTimeout(() => {
			subscription.dispose();
			const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${codeOf(d)}`);
			reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; diagnostics: ${JSON.stringify(seen)}`));
		}, WAIT_MS);
		check();
	});
}

/** Repeats `attempt` until it returns a value (a request whose answer depends on settings the server is still receiving). */
async function eventually<T>(attempt: () => Thenable<T | undefined>, what: string): Promise<T> {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		const value = await attempt();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function hoverText(hovers: vscode.Hover[]): string {
	return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('zoneSentinel').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Reverts every document a test edited, so the next test starts from the fixture. */
async function revertEditedDocuments(): Promise<void> {
	for (const document of vscode.workspace.textDocuments) {
		if (document.isDirty) {
			await vscode.window.showTextDocument(document);
			await vscode.commands.executeCommand('workbench.action.files.revert');
		}
	}
}

suite('Zone Sentinel in VS Code', () => {
	teardown(async () => {
		// Undo edits and settings, so each test starts from the fixture.
		await setSetting('rules.mxSingle', undefined);
		await setSetting('backupHosts', undefined);
		await revertEditedDocuments();
	});

	test('zone files are detected by extension, file name and first line, and activate the extension', async () => {
		assert.equal((await open('example.com.zone')).languageId, 'dns-zone', 'by extension .zone');
		assert.equal((await open('db.example.org')).languageId, 'dns-zone', 'by file name db.*');
		assert.equal((await open('example.net')).languageId, 'dns-zone', 'by the first line $ORIGIN');
		assert.notEqual((await open('notes.txt')).languageId, 'dns-zone', 'a text file stays text');
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, `${EXTENSION_ID} is installed`);
		await extension.activate();
		assert.ok(extension.isActive);
	});

	test('diagnostics appear with their codes, source and documentation link', async () => {
		const document = await open('example.com.zone');
		const diagnostics = await waitForDiagnostics(
			document.uri,
			(all) => all.some((d) => codeOf(d) === 'mxSingle') && all.some((d) => codeOf(d) === 'relativeNameInRdata'),
			'mxSingle and relativeNameInRdata',
		);
		const single = diagnostics.find((d) => codeOf(d) === 'mxSingle')!;
		assert.equal(single.source, 'zone-sentinel');
		assert.equal(single.severity, vscode.DiagnosticSeverity.Warning);
		assert.equal(single.range.start.line, 6);
		assert.match(single.message, /only one mail exchanger/);
		assert.ok(typeof single.code === 'object' && single.code.target.toString().endsWith('#mxsingle'));
		const relative = diagnostics.find((d) => codeOf(d) === 'relativeNameInRdata')!;
		assert.equal(document.getText(relative.range), 'web.example.com');
	});

	test('hover on an MX preference explains its priority', async () => {
		const document = await open('example.com.zone');
		const line = document.lineAt(6).text;
		const position = new vscode.Position(6, line.indexOf('10') + 1);
		const hovers = await eventually(async () => {
			const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
			return found.length > 0 ? found : undefined;
		}, 'a hover');
		const text = hoverText(hovers);
		assert.match(text, /Preference 10: tried \*\*1st of 1\*\*/);
		assert.match(text, /Lower numbers are tried first/);
	});

	test('the "Add backup MX record" quick fix adds the backup and clears the warning', async () => {
		await setSetting('backupHosts', ['backup-mx.example.net']);
		const document = await open('example.com.zone');
		const [single] = (await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'mxSingle'), 'mxSingle')).filter(
			(d) => codeOf(d) === 'mxSingle',
		);
		// The server reads backupHosts when the settings change reaches it; ask until the fix names the host.
		const title = 'Add backup MX record: 20 backup-mx.example.net.';
		const action = await eventually(async () => {
			const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
				'vscode.executeCodeActionProvider',
				document.uri,
				single.range,
				vscode.CodeActionKind.QuickFix.value,
			);
			return actions.find((candidate) => candidate.title === title);
		}, `the quick fix "${title}"`);
		assert.equal(action.kind?.value, 'quickfix');
		assert.ok(action.edit, 'the fix is an edit');
		assert.ok(await vscode.workspace.applyEdit(action.edit));
		assert.match(document.getText(), /^@\tIN\tMX\t10 mx1\n@\tIN\tMX\t20 backup-mx\.example\.net\.\n/m);
		await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'mxSingle'), 'mxSingle to go away');
	});

	test('rule levels from the settings take effect at once', async () => {
		const document = await open('example.com.zone');
		await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'mxSingle'), 'mxSingle');
		await setSetting('rules.mxSingle', 'error');
		await waitForDiagnostics(
			document.uri,
			(all) => all.some((d) => codeOf(d) === 'mxSingle' && d.severity === vscode.DiagnosticSeverity.Error),
			'mxSingle as an error',
		);
		await setSetting('rules.mxSingle', 'off');
		await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'mxSingle'), 'mxSingle to be switched off');
	});

	test('semantic tokens from the server mark owners, types, TTLs and names', async () => {
		const document = await open('example.com.zone');
		const legend = await eventually(
			() =>
				vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri),
			'the semantic tokens legend',
		);
		assert.deepEqual(legend.tokenTypes, ['variable', 'type', 'number']);
		const tokens = await eventually(
			() => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri),
			'semantic tokens',
		);
		// Line 7 is `@ IN MX 10 mx1`: the first token on it is the type MX (`@` is left to the grammar).
		const data = Array.from(tokens.data);
		let line = 0;
		let character = 0;
		const found: string[] = [];
		for (let i = 0; i < data.length; i += 5) {
			line += data[i];
			character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
			if (line === 6)
				found.push(
					`${document.getText(new vscode.Range(line, character, line, character + data[i + 2]))}:${legend.tokenTypes[data[i + 3]]}`,
				);
		}
		assert.deepEqual(found, ['MX:type', 'mx1:variable']);
	});

	test('with serial.incrementOnSave on, saving a changed record increments the SOA serial', async () => {
		const document = await open('serial.example.zone');
		await setSetting('serial.incrementOnSave', true);
		try {
			// The server registers willSaveWaitUntil once it has read the setting: edit and save until a save carries the increment.
			const deadline = Date.now() + WAIT_MS;
			for (let attempt = 1; /2000010100/.test(document.getText()); attempt++) {
				if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms: no save incremented the serial`);
				const edit = new vscode.WorkspaceEdit();
				edit.insert(document.uri, new vscode.Position(document.lineCount, 0), `host${attempt}\tIN\tA\t192.0.2.${attempt}\n`);
				assert.ok(await vscode.workspace.applyEdit(edit));
				assert.ok(await document.save());
			}
			// A date serial from 2000 becomes today's date with 00 (in the server's calendar).
			assert.match(document.getText(), /^@\tIN\tSOA\tns1 hostmaster 20\d{6}00 2h 30m 2w 1h$/m);
			assert.equal(document.isDirty, false);
		} finally {
			await setSetting('serial.incrementOnSave', undefined);
		}
	});

	test('"Increment SOA Serial" from the palette increments the serial of the zone in the editor', async () => {
		const document = await open('example.com.zone');
		await vscode.commands.executeCommand('zoneSentinel.incrementSerialOfEditor');
		// 2026112901 is a date serial: today's date with 00 if the 29th of November 2026 has passed, else 2026112902.
		const serial = /^@\tIN\tSOA\tns1 hostmaster (\d+) /m.exec(document.getText())?.[1];
		assert.ok(serial !== undefined && Number(serial) > 2026112901, `serial ${String(serial)}`);
		assert.ok(document.isDirty, 'an edit, not a save');
	});

	test('the palette commands are registered under Zone Sentinel', async () => {
		const commands = await vscode.commands.getCommands(true);
		for (const command of ['zoneSentinel.showOutput', 'zoneSentinel.restartServer', 'zoneSentinel.incrementSerialOfEditor'])
			assert.ok(commands.includes(command), command);
		await vscode.commands.executeCommand('zoneSentinel.showOutput');
	});
});

/** The records as BIND reads them (`named-checkzone -D`, one canonical line each, sorted); fails when BIND refuses the zone. */
function bindRecords(origin: string, text: string): string[] {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-e2e-bind-')), 'zone');
	try {
		fs.writeFileSync(file, text);
		// `-i local`: never look up out-of-zone names in the DNS.
		const run = spawnSync('named-checkzone', ['-i', 'local', '-D', '-o', '-', origin, file], { encoding: 'utf8' });
		if (run.error) throw run.error;
		assert.equal(run.status, 0, `named-checkzone refused the zone:\n${run.stdout}${run.stderr}`);
		return run.stdout
			.split('\n')
			.filter((line) => /^\S+\s+\d+\s+[A-Z]+\s+\S+/.test(line))
			.map((line) => line.trim().split(/\s+/).join(' '))
			.sort();
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/** True when BIND's named-checkzone runs here; under CI (`CI` set) its absence fails instead (as test/helpers/requires.ts does). */
function namedCheckzoneAvailable(): boolean {
	if (spawnSync('named-checkzone', ['-v']).status === 0) return true;
	const ci = process.env.CI;
	if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false')
		throw new Error('required under CI: named-checkzone is not installed (Debian: apt-get install bind9-utils)');
	return false;
}

/** Format Document's edits (VS Code answers `undefined` for none). */
async function formatEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
	// Tabs, the layout most zone files use (and the formatter's tab stops).
	const options: vscode.FormattingOptions = { insertSpaces: false, tabSize: 8 };
	return (
		(await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', document.uri, options)) ??
		[]
	);
}

async function applyTextEdits(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): Promise<void> {
	const edit = new vscode.WorkspaceEdit();
	edit.set(document.uri, [...edits]);
	assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('Zone Sentinel language features in VS Code', () => {
	teardown(revertEditedDocuments);

	test('the Outline lists the zone, then each owner with its RRsets, SOA, NS and MX first', async () => {
		const document = await open('messy.example.zone');
		const symbols = await eventually(async () => {
			const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
				'vscode.executeDocumentSymbolProvider',
				document.uri,
			);
			return found && found.length > 0 ? found : undefined;
		}, 'document symbols');
		const tree = (list: readonly vscode.DocumentSymbol[]): unknown[] =>
			list.map((symbol) => (symbol.children.length > 0 ? { [symbol.name]: tree(symbol.children) } : symbol.name));
		assert.deepEqual(tree(symbols), [
			{
				'messy.example.': [
					// The apex's TXT is written before its MX; the Outline puts MX first.
					{ '@': ['SOA', { NS: ['ns1', 'ns2.example.net.'] }, { MX: ['10 mx1', '20 mail.example.net.'] }, 'TXT'] },
					{ ns1: ['A'] },
					{ mx1: ['A', 'AAAA'] },
					{ www: ['CNAME'] },
				],
			},
		]);
		// The owner's entry selects its word and spans its records; `mx1` is on lines 15 and 16.
		const mx1 = symbols[0].children.find((symbol) => symbol.name === 'mx1')!;
		assert.deepEqual([mx1.selectionRange.start.line, mx1.selectionRange.start.character, mx1.selectionRange.end.character], [14, 0, 3]);
		assert.deepEqual([mx1.range.start.line, mx1.range.end.line], [14, 15]);
	});

	test('go to definition on an MX target lands on its A record', async () => {
		const document = await open('example.net');
		// Line 5 is `\tIN\tMX\t10 mx1`; mx1's A record is line 8.
		const position = new vscode.Position(4, document.lineAt(4).text.indexOf('mx1') + 1);
		const locations = await eventually(async () => {
			const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
				'vscode.executeDefinitionProvider',
				document.uri,
				position,
			);
			return found.length > 0 ? found : undefined;
		}, 'a definition');
		assert.equal(locations.length, 1);
		const [location] = locations;
		const uri = 'uri' in location ? location.uri : location.targetUri;
		const range = 'range' in location ? location.range : (location.targetSelectionRange ?? location.targetRange);
		assert.equal(uri.toString(), document.uri.toString());
		assert.deepEqual([range.start.line, range.start.character, range.end.line, range.end.character], [7, 0, 7, 3]);
		assert.equal(document.lineAt(7).text, 'mx1\tIN\tA\t198.51.100.25');
	});

	test('rename of a host from its MX target changes the MX and the A record, and the other zone that names it', async () => {
		const document = await open('example.net');
		const before = document.getText();
		// Another zone of the workspace, serial.example.zone, names the host (`MX 20 mx2.example.net.`): its index finds it.
		const sibling = await vscode.workspace.openTextDocument(workspaceFile('serial.example.zone'));
		const siblingBefore = sibling.getText();
		assert.match(siblingBefore, /\tMX\t20 mx2\.example\.net\.\n/);
		const position = new vscode.Position(5, document.lineAt(5).text.indexOf('mx2') + 1);
		const edit = await eventually(
			() =>
				vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>(
					'vscode.executeDocumentRenameProvider',
					document.uri,
					position,
					'backup',
				),
			'a rename edit',
		);
		assert.deepEqual(
			edit
				.entries()
				.map(([uri]) => path.basename(uri.fsPath))
				.sort(),
			['example.net', 'serial.example.zone'],
		);
		assert.ok(await vscode.workspace.applyEdit(edit));
		assert.equal(
			document.getText(),
			before.replace('\tIN\tMX\t20 mx2\n', '\tIN\tMX\t20 backup\n').replace('\nmx2\tIN\tA\t', '\nbackup\tIN\tA\t'),
		);
		assert.equal(sibling.getText(), siblingBefore.replace('\tMX\t20 mx2.example.net.\n', '\tMX\t20 backup.example.net.\n'));
	});

	test('Format Document on a messy zone keeps the records BIND reads, and formatting twice changes nothing', async function () {
		if (!namedCheckzoneAvailable()) this.skip();
		const document = await open('messy.example.zone');
		const before = document.getText();
		// Until the server has the document, there are no edits.
		const edits = await eventually(async () => {
			const found = await formatEdits(document);
			return found.length > 0 ? found : undefined;
		}, 'formatting edits for the messy zone');
		await applyTextEdits(document, edits);
		const formatted = document.getText();
		assert.notEqual(formatted, before);
		// Only blanks change: the words, in order, are the same.
		const words = (text: string): string[] => text.split(/[ \t]+|(?=\n)/).filter((word) => word !== '');
		assert.deepEqual(words(formatted), words(before));
		assert.deepEqual(bindRecords('messy.example', formatted), bindRecords('messy.example', before));
		// The columns of each owner group are tab stops; the lines inside parentheses keep their layout.
		assert.match(formatted, /^@\tIN\tSOA\tns1 hostmaster \(\n {8}2026112901 ; serial\n/m);
		assert.match(formatted, /^\tIN\tNS\tns1\n\tIN\tNS\tns2\.example\.net\.\n/m);
		assert.match(formatted, /^mx1\t300\tIN\tA\t192\.0\.2\.25 {3}; primary exchanger\n/m);
		const again = await formatEdits(document);
		if (again.length > 0) await applyTextEdits(document, again);
		assert.equal(document.getText(), formatted, 'formatting the formatted zone changes nothing');
	});

	test('completion after `MX ` offers the next free preference', async () => {
		const document = await open('example.net');
		// A third MX for the apex (10 and 20 are taken), after the second.
		const edit = new vscode.WorkspaceEdit();
		edit.insert(document.uri, new vscode.Position(6, 0), '\tIN\tMX \n');
		assert.ok(await vscode.workspace.applyEdit(edit));
		const position = new vscode.Position(6, '\tIN\tMX '.length);
		const item = await eventually(async () => {
			const list = await vscode.commands.executeCommand<vscode.CompletionList>(
				'vscode.executeCompletionItemProvider',
				document.uri,
				position,
				' ',
			);
			return list.items.find((candidate) => candidate.preselect);
		}, 'a preselected completion item');
		assert.equal(typeof item.label === 'string' ? item.label : item.label.label, '30');
		assert.equal(item.detail, 'next free MX preference (taken: 10, 20)');
	});
});
