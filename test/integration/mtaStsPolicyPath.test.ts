/**
 * A configured MTA-STS policy path, against a real temp folder: `mtaSts.policyFile` of
 * `.zone-sentinel.json` (relative to its folder), the CLI's `--mta-sts-policy FILE` (relative to the
 * working directory) and the editor setting `zoneSentinel.mtaSts.policyFile` (relative to the zone
 * file's folder). A configured file that cannot be read is `mtaStsPolicyUnreadable` on the
 * `_mta-sts` record, in the CLI and the editor; in the editor the configured path is watched, so
 * creating the file there is seen. The policy-file edit of the "add exchanger" fix is in the CLI's
 * JSON and SARIF, with its file; `--fix` does not apply it and says so.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, FileChangeType, type Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startInProcess } from '../helpers/lspHarness';
import { BOTH_POLICY, MTA_STS_LINE, MTA_STS_ZONE, ONLY_PRIMARY_POLICY } from '../helpers/mtaStsZone';
import { REPO_ROOT } from '../helpers/paths';

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));

describe('a configured MTA-STS policy path', () => {
	let folder: string;
	let zonePath: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-mta-sts-path-')));
		zonePath = path.join(folder, 'zones', 'example.com.zone');
		fs.mkdirSync(path.join(folder, 'zones'));
		fs.mkdirSync(path.join(folder, 'site'));
		fs.writeFileSync(zonePath, MTA_STS_ZONE);
		// Beside the zone, where the default would look: never read once a path is configured.
		fs.mkdirSync(path.join(folder, 'zones', '.well-known'));
		fs.writeFileSync(path.join(folder, 'zones', '.well-known', 'mta-sts.txt'), BOTH_POLICY);
		fs.writeFileSync(path.join(folder, 'site', 'mta-sts.txt'), ONLY_PRIMARY_POLICY);
		fs.writeFileSync(path.join(folder, 'both.txt'), BOTH_POLICY);
		fs.writeFileSync(path.join(folder, '.zone-sentinel.json'), '{ "mtaSts": { "policyFile": "site/mta-sts.txt" } }\n');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	const check = (...args: string[]): { status: number | null; stdout: string } => {
		const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', ...args], {
			cwd: folder,
			encoding: 'utf8',
			timeout: 30_000,
		});
		return { status: result.status, stdout: result.stdout };
	};

	test("the CLI reads the configuration file's path (against its folder), and --mta-sts-policy (against the working directory) over it", () => {
		const configured = check('zones/example.com.zone');
		assert.match(
			configured.stdout,
			/^zones\/example\.com\.zone:8:18: warning mtaStsPolicyMissingMx: backup\.example\.net\. matches no mx: line/m,
		);
		const flag = check('--mta-sts-policy', 'both.txt', 'zones/example.com.zone');
		assert.equal(flag.status, 0, flag.stdout);
		assert.doesNotMatch(flag.stdout, /mtaSts/);
	});

	test('the CLI: a configured file that does not exist is an error on the _mta-sts record, not silence', () => {
		const missing = check('--format', 'json', '--mta-sts-policy', 'nowhere/mta-sts.txt', 'zones/example.com.zone');
		assert.equal(missing.status, 1, missing.stdout);
		const [report] = JSON.parse(missing.stdout) as {
			diagnostics: { code: string; message: string; range: { start: { line: number } } }[];
		}[];
		assert.deepEqual(
			report.diagnostics.map((d) => [d.code, d.range.start.line]),
			[['mtaStsPolicyUnreadable', MTA_STS_LINE]],
		);
		assert.equal(
			report.diagnostics[0].message,
			`The MTA-STS policy file set by --mta-sts-policy cannot be read: ${path.join(folder, 'nowhere', 'mta-sts.txt')} does not exist. The MTA-STS checks of this zone are not made; fix the path, or remove the setting to read ${path.join('.well-known', 'mta-sts.txt')} beside the zone.`,
		);
		fs.writeFileSync(path.join(folder, '.zone-sentinel.json'), '{ "mtaSts": { "policyFile": "site/gone.txt" } }\n');
		try {
			const text = check('zones/example.com.zone').stdout;
			assert.match(
				text,
				/^zones\/example\.com\.zone:6:1: error mtaStsPolicyUnreadable: The MTA-STS policy file set by mtaSts\.policyFile of \.zone-sentinel\.json cannot be read: .*site\/gone\.txt does not exist/m,
			);
		} finally {
			fs.writeFileSync(path.join(folder, '.zone-sentinel.json'), '{ "mtaSts": { "policyFile": "site/mta-sts.txt" } }\n');
		}
	});

	test('JSON and SARIF list the policy-file edit of the "add exchanger" fix with its file; --fix leaves it, and says so', () => {
		const policyFile = path.join('site', 'mta-sts.txt');
		const json = JSON.parse(check('--format', 'json', 'zones/example.com.zone').stdout) as {
			diagnostics: { code: string; fixes?: { title: string; edits: { file: string; range: Range; newText: string }[] }[] }[];
		}[];
		const fix = json[0].diagnostics.find((d) => d.code === 'mtaStsPolicyMissingMx')?.fixes?.[0];
		assert.ok(fix, JSON.stringify(json));
		assert.deepEqual(fix.edits.map((edit) => edit.file).sort(), [policyFile, path.join('zones', 'example.com.zone')].sort());
		const policyEdits = fix.edits.filter((edit) => edit.file === policyFile);
		assert.equal(
			TextDocument.applyEdits(TextDocument.create('file:///policy', 'plaintext', 1, ONLY_PRIMARY_POLICY), policyEdits),
			BOTH_POLICY,
		);

		const sarif = JSON.parse(check('--format', 'sarif', 'zones/example.com.zone').stdout) as {
			runs: { results: { ruleId: string; fixes?: { artifactChanges: { artifactLocation: { uri: string } }[] }[] }[] }[];
		};
		const result = sarif.runs[0].results.find((r) => r.ruleId === 'mtaStsPolicyMissingMx');
		assert.deepEqual(result?.fixes?.[0].artifactChanges.map((change) => change.artifactLocation.uri).sort(), [
			'site/mta-sts.txt',
			'zones/example.com.zone',
		]);

		const fixRun = spawnSync(
			process.execPath,
			[path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', '--fix', 'zones/example.com.zone'],
			{
				cwd: folder,
				encoding: 'utf8',
				timeout: 30_000,
			},
		);
		assert.match(
			fixRun.stderr,
			/zones\/example\.com\.zone: not applied: mtaStsPolicyMissingMx: Add 'mx: backup\.example\.net' to mta-sts\.txt and change the _mta-sts id to 20261202\. --fix never edits the MTA-STS policy file/,
		);
		assert.equal(fs.readFileSync(zonePath, 'utf8'), MTA_STS_ZONE);
		assert.equal(fs.readFileSync(path.join(folder, policyFile), 'utf8'), ONLY_PRIMARY_POLICY);
	});

	test("the editor: the configuration file's path, then the setting (against the zone's folder): missing, then created and seen", async () => {
		const { client, dispose } = startInProcess();
		const settingPath = path.join(folder, 'zones', 'policy', 'mta-sts.txt');
		try {
			await client.initialize({
				pull: true,
				watchedFiles: 'relative',
				workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'repo' }],
				initializationOptions: { workspaceTrusted: true },
			});
			const uri = pathToFileURL(zonePath).href;
			await client.open(uri, MTA_STS_ZONE);
			const fromConfig = await client.pull(uri);
			assert.deepEqual(codes(fromConfig), ['mtaStsPolicyMissingMx']);
			assert.equal(fromConfig[0].relatedInformation?.[0].location.uri, pathToFileURL(path.join(folder, 'site', 'mta-sts.txt')).href);

			await client.changeSettings({ mtaSts: { policyFile: 'policy/mta-sts.txt' } });
			const missing = await client.pull(uri);
			assert.deepEqual(
				missing.map((d) => [d.code, d.range.start.line]),
				[['mtaStsPolicyUnreadable', MTA_STS_LINE]],
			);
			assert.match(
				String(missing[0].message),
				/set by the setting zoneSentinel\.mtaSts\.policyFile cannot be read: .*zones\/policy\/mta-sts\.txt does not exist/,
			);

			fs.mkdirSync(path.dirname(settingPath));
			fs.writeFileSync(settingPath, BOTH_POLICY);
			const refreshed = client.waitForRefresh();
			await client.changeWatchedFiles({ uri: pathToFileURL(settingPath).href, type: FileChangeType.Created });
			await refreshed;
			assert.deepEqual(codes(await client.pull(uri)), []);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
