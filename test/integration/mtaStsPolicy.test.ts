/**
 * The MTA-STS policy file beside a zone (`.well-known/mta-sts.txt`), read by the CLI and by the
 * language server from a real temp folder: a backup the policy does not list is reported on its MX
 * line in both, and in the editor a change of the policy on disk is seen (the file is watched) by
 * the diagnostics, the MX and `_mta-sts` hovers and the code lens alike.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, FileChangeType } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { startInProcess } from '../helpers/lspHarness';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { BOTH_POLICY, MTA_STS_ZONE, ONLY_PRIMARY_POLICY } from '../helpers/mtaStsZone';
import { REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

after(cleanUpNamedCheckzone);

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));

type Client = ReturnType<typeof startInProcess>['client'];

/** The Markdown of the hover at a zero-based line and character. */
async function hoverText(client: Client, uri: string, line: number, character: number): Promise<string> {
	const hover = await client.hover(uri, { line, character });
	return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

/** The title of the first code lens (the apex's mail summary). */
async function lensTitle(client: Client, uri: string): Promise<string> {
	return (await client.codeLenses(uri))?.[0]?.command?.title ?? '';
}

describe('the MTA-STS policy beside the zone', () => {
	let folder: string;
	let zonePath: string;
	let policyPath: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-mta-sts-')));
		zonePath = path.join(folder, 'example.com.zone');
		policyPath = path.join(folder, '.well-known', 'mta-sts.txt');
		fs.mkdirSync(path.dirname(policyPath));
		fs.writeFileSync(zonePath, MTA_STS_ZONE);
		fs.writeFileSync(policyPath, ONLY_PRIMARY_POLICY);
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));
	/** The zone as the quick fix of the language server test left it. */
	let zoneAfterFix: string | undefined;

	test('the CLI reports the unlisted backup on its MX line, and nothing once the policy lists it', () => {
		const run = (): string =>
			spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', 'example.com.zone'], {
				cwd: folder,
				encoding: 'utf8',
			}).stdout;
		assert.match(
			run(),
			/^example\.com\.zone:8:18: warning mtaStsPolicyMissingMx: backup\.example\.net\. matches no mx: line of the MTA-STS policy \(mta-sts\.txt: mail\.example\.com\)/m,
		);
		assert.match(run(), /^ {2}\.well-known\/mta-sts\.txt:3:1: note: the policy$/m);
		fs.writeFileSync(policyPath, BOTH_POLICY);
		try {
			assert.doesNotMatch(run(), /mtaStsPolicy/);
		} finally {
			fs.writeFileSync(policyPath, ONLY_PRIMARY_POLICY);
		}
	});

	test('the language server reports it too, and sees the policy change on disk', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({
				pull: true,
				watchedFiles: 'relative',
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }],
			});
			const uri = pathToFileURL(zonePath).href;
			await client.open(uri, MTA_STS_ZONE);
			const diagnostics = await client.pull(uri);
			assert.deepEqual(codes(diagnostics), ['mtaStsPolicyMissingMx']);
			assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, pathToFileURL(policyPath).href);
			// The hovers and the lens read the same policy: the backup's MX line, the _mta-sts record.
			assert.match(await hoverText(client, uri, 7, 20), /MTA-STS \(mta-sts\.txt, mode `enforce`\): \*\*not listed\*\*/);
			assert.match(await hoverText(client, uri, 5, 26), /mode `enforce`.*\n\n`mx:` patterns: `mail\.example\.com` \(line 3\)/s);
			assert.match(await lensTitle(client, uri), /· MTA-STS enforce: 1 of 2 listed$/);
			// The quick fix edits two documents: the policy (a new mx: line) and the zone (a new id, so senders fetch it again).
			const actions = await client.codeActions(uri, diagnostics[0].range, diagnostics);
			assert.deepEqual(
				actions?.map((action) => action.title),
				["Add 'mx: backup.example.net' to mta-sts.txt and change the _mta-sts id to 20261202"],
			);
			const changes = (actions?.[0] as CodeAction).edit?.changes ?? {};
			assert.deepEqual(Object.keys(changes).sort(), [pathToFileURL(policyPath).href, uri].sort());
			const apply = (text: string, target: string): string =>
				TextDocument.applyEdits(TextDocument.create(target, 'plaintext', 1, text), changes[target]);
			const fixedPolicy = apply(ONLY_PRIMARY_POLICY, pathToFileURL(policyPath).href);
			const fixedZone = apply(MTA_STS_ZONE, uri);
			assert.equal(fixedPolicy, BOTH_POLICY);
			assert.equal(fixedZone, MTA_STS_ZONE.replace('id=20261201', 'id=20261202'));
			zoneAfterFix = fixedZone;
			fs.writeFileSync(policyPath, fixedPolicy);
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: pathToFileURL(policyPath).href, type: FileChangeType.Changed });
			await refreshed;
			assert.deepEqual(codes(await client.pull(uri)), []);
			assert.match(await hoverText(client, uri, 7, 20), /listed by `mx: backup\.example\.net` \(line 4\)/);
			assert.match(await lensTitle(client, uri), /· MTA-STS enforce: all listed$/);
			await client.shutdown({ exit: false });
		} finally {
			fs.writeFileSync(policyPath, ONLY_PRIMARY_POLICY);
			dispose();
		}
	});

	test('BIND loads the zone the quick fix changed', requires('named-checkzone'), () => {
		assert.ok(zoneAfterFix, 'the language server test ran the fix');
		assert.equal(namedCheckzone('example.com.', zoneAfterFix).status, 0);
	});
});
