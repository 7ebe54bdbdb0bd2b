/**
 * The extension in a real VS Code: language detection, diagnostics, hover, the "Add backup MX
 * record" quick fix and settings, on the zone files of test/e2e/workspace (a temporary copy).
 * Nothing sleeps: tests wait on `onDidChangeDiagnostics` (or retry a request) with a time-out.
 */
import * as assert from 'node:assert/strict';
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

suite('Zone Sentinel in VS Code', () => {
	teardown(async () => {
		// Undo edits and settings, so each test starts from the fixture.
		await setSetting('rules.mxSingle', undefined);
		await setSetting('backupHosts', undefined);
		for (const document of vscode.workspace.textDocuments) {
			if (document.isDirty) {
				await vscode.window.showTextDocument(document);
				await vscode.commands.executeCommand('workbench.action.files.revert');
			}
		}
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
