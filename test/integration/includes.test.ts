/**
 * `$INCLUDE`d files in the language server, against a real temp workspace folder: what an included
 * file holds counts in the editor as in the CLI (mail in `mail.inc` gives `mxSingle` on the
 * `$INCLUDE` line), for a pull client (VS Code) and a push-only client (Neovim).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CodeAction, type Diagnostic, FileChangeType, type Registration } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../cli/src/check';
import { type CheckArguments, parseCheckArguments } from '../../cli/src/checkArguments';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { namedCheckzoneFile } from '../helpers/namedCheckzone';
import { requires } from '../helpers/requires';

const ZONE = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n$INCLUDE mail.inc\n';
const ONE_MX = '@ MX 10 mx1\nmx1 A 192.0.2.25\n';
const TWO_MX = '@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 192.0.2.25\nmx2 A 198.51.100.25\n';
/** Zero-based line of `$INCLUDE mail.inc` in {@link ZONE}. */
const INCLUDE_LINE = 5;

function codes(diagnostics: readonly Diagnostic[]): string[] {
	return diagnostics.map((d) => String(d.code));
}

describe('language server: what included files hold counts as in the CLI', () => {
	let folder: string;
	let zonePath: string;
	let zoneUri: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-includes-')));
		zonePath = path.join(folder, 'example.com.zone');
		zoneUri = pathToFileURL(zonePath).href;
		fs.writeFileSync(zonePath, ZONE);
		fs.writeFileSync(path.join(folder, 'mail.inc'), ONE_MX);
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	async function withClient(
		pull: boolean,
		body: (client: LspTestClient) => Promise<void>,
		watchedFiles: 'no' | 'glob' | 'relative' = 'no',
	): Promise<void> {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull, watchedFiles, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }] });
			// The workspace index is built in the background: wait for it, so each test starts from one state.
			await client.waitForProgressEnd();
			await body(client);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	}

	const watchersOf = (registration: Registration): { globPattern: unknown }[] =>
		(registration.registerOptions as { watchers: { globPattern: unknown }[] }).watchers;

	function assertMxSingleOnInclude(diagnostics: readonly Diagnostic[]): void {
		const found = diagnostics.filter((d) => d.code === 'mxSingle');
		assert.equal(found.length, 1, JSON.stringify(diagnostics));
		assert.equal(found[0].range.start.line, INCLUDE_LINE);
		assert.match(String(found[0].message), /^mail\.inc:1: example\.com\. has only one mail exchanger \(mx1\.example\.com\.\)/);
		assert.deepEqual(found[0].relatedInformation?.[0].location, {
			uri: pathToFileURL(path.join(folder, 'mail.inc')).href,
			range: { start: { line: 0, character: 0 }, end: found[0].relatedInformation?.[0].location.range.end },
		});
	}

	test('the CLI reports mxSingle in mail.inc', () => {
		const reports = checkText(zonePath, ZONE, parseCheckArguments([zonePath]) as CheckArguments);
		const all = reports.flatMap((report) => report.diagnostics.map((d) => d.code));
		assert.deepEqual(all, ['mxSingle']);
	});

	test('a pull client (VS Code) gets mxSingle on the $INCLUDE line, the same codes as the CLI', async () => {
		await withClient(true, async (client) => {
			await client.open(zoneUri, ZONE);
			const diagnostics = await client.pull(zoneUri);
			assertMxSingleOnInclude(diagnostics);
			const cli = checkText(zonePath, ZONE, parseCheckArguments([zonePath]) as CheckArguments);
			assert.deepEqual(
				codes(diagnostics),
				cli.flatMap((report) => report.diagnostics.map((d) => d.code)),
			);
		});
	});

	test(
		'the finding on the $INCLUDE line offers its quick fix, which edits the included file (and BIND loads the result)',
		requires('named-checkzone'),
		async () => {
			await withClient(true, async (client) => {
				await client.open(zoneUri, ZONE);
				const diagnostics = (await client.pull(zoneUri)).filter((d) => d.code === 'mxSingle');
				const actions = (await client.codeActions(zoneUri, diagnostics[0].range, diagnostics)) ?? [];
				assert.deepEqual(
					actions.map((action) => action.title),
					['Add backup MX record (preference 20) with placeholder backup-mx.invalid.'],
				);
				const changes = (actions[0] as CodeAction).edit?.changes ?? {};
				const mailUri = pathToFileURL(path.join(folder, 'mail.inc')).href;
				assert.deepEqual(Object.keys(changes), [mailUri]);
				const fixed = TextDocument.applyEdits(TextDocument.create(mailUri, 'dns-zone', 1, ONE_MX), changes[mailUri]);
				assert.equal(fixed, '@ MX 10 mx1\n@ MX 20 backup-mx.invalid.\nmx1 A 192.0.2.25\n');
				// The zone with the fixed fragment still loads in named-checkzone.
				const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-includes-fixed-'));
				try {
					fs.writeFileSync(path.join(copy, 'example.com.zone'), ZONE);
					fs.writeFileSync(path.join(copy, 'mail.inc'), fixed);
					const verdict = namedCheckzoneFile('example.com.', 'example.com.zone', copy);
					assert.equal(verdict.status, 0, verdict.output);
				} finally {
					fs.rmSync(copy, { recursive: true, force: true });
				}
			});
		},
	);

	test('a push-only client (Neovim) gets mxSingle on the $INCLUDE line', async () => {
		await withClient(false, async (client) => {
			await client.open(zoneUri, ZONE);
			const published = await client.waitForPublished(zoneUri, (p) => p.version === 1);
			assertMxSingleOnInclude(published.diagnostics);
		});
	});

	/** A zone in its own subfolder of the workspace, including `include` there: [zone uri, zone text, included path]. */
	function zoneWithMail(name: string, mail: string | undefined, include = 'mail.inc'): [string, string, string] {
		const dir = path.join(folder, name);
		fs.mkdirSync(dir);
		const text = ZONE.replace('mail.inc', include);
		fs.writeFileSync(path.join(dir, 'example.com.zone'), text);
		if (mail !== undefined) fs.writeFileSync(path.join(dir, include), mail);
		return [pathToFileURL(path.join(dir, 'example.com.zone')).href, text, path.join(dir, include)];
	}

	test('the server watches the included file (relative patterns); a pull client is told to pull again after it changes', async () => {
		const [uri, text, mail] = zoneWithMail('watch-pull', ONE_MX);
		await withClient(
			true,
			async (client) => {
				await client.open(uri, text);
				assert.deepEqual(codes(await client.pull(uri)), ['mxSingle']);
				// The first registration may hold only where configuration files could be (before the analysis ran).
				const expected = JSON.stringify({ baseUri: pathToFileURL(path.dirname(mail)).href, pattern: 'mail.inc' });
				await client.waitForRegistration(
					(r) => r.method === 'workspace/didChangeWatchedFiles' && watchersOf(r).some((w) => JSON.stringify(w.globPattern) === expected),
				);
				fs.writeFileSync(mail, TWO_MX);
				const refreshed = client.waitForRefresh();
				await client.changeWatchedFiles({ uri: pathToFileURL(mail).href, type: FileChangeType.Changed });
				await refreshed;
				assert.deepEqual(codes(await client.pull(uri)), []);
				// A change to a file no open zone includes asks for nothing.
				const before = client.refreshRequests;
				await client.changeWatchedFiles({ uri: pathToFileURL(path.join(folder, 'unrelated.inc')).href, type: FileChangeType.Changed });
				assert.deepEqual(codes(await client.pull(uri)), []);
				assert.equal(client.refreshRequests, before);
			},
			'relative',
		);
	});

	test('a push-only client (glob watchers) gets new diagnostics when the included file changes, or appears', async () => {
		// Not mail.inc: a missing file is looked for in the workspace folder too, which has one.
		const [uri, text, mail] = zoneWithMail('watch-push', undefined, 'late.inc');
		await withClient(
			false,
			async (client) => {
				await client.open(uri, text);
				const first = await client.waitForPublished(uri, (p) => p.version === 1);
				assert.deepEqual(codes(first.diagnostics), ['includeNotFound']);
				// The missing file is watched too, at the path it was looked for.
				await client.waitForRegistration(
					(r) =>
						r.method === 'workspace/didChangeWatchedFiles' && watchersOf(r).some((w) => w.globPattern === mail.split(path.sep).join('/')),
				);
				fs.writeFileSync(mail, ONE_MX);
				await client.changeWatchedFiles({ uri: pathToFileURL(mail).href, type: FileChangeType.Created });
				await client.waitForPublished(uri, (p) => codes(p.diagnostics).join() === 'mxSingle');
				fs.writeFileSync(mail, TWO_MX);
				await client.changeWatchedFiles({ uri: pathToFileURL(mail).href, type: FileChangeType.Changed });
				await client.waitForPublished(uri, (p) => p.diagnostics.length === 0);
				fs.rmSync(mail);
				await client.changeWatchedFiles({ uri: pathToFileURL(mail).href, type: FileChangeType.Deleted });
				const last = client.published.length;
				await client.waitForPublished(uri, (p) => client.published.indexOf(p) >= last && codes(p.diagnostics).join() === 'includeNotFound');
			},
			'glob',
		);
	});

	test('a fragment opened on its own is read as the zone of the workspace that includes it reads it, before that zone is opened (pull)', async () => {
		const [zone, text, mail] = zoneWithMail('fragment-pull', ONE_MX);
		const fragment = pathToFileURL(mail).href;
		await withClient(true, async (client) => {
			await client.open(fragment, ONE_MX);
			const alone = await client.pull(fragment);
			assert.deepEqual(codes(alone), ['includedFragment', 'mxSingle'], JSON.stringify(alone));
			assert.equal(
				alone[0].message,
				'Checked as included by example.com.zone (line 6), as that zone reads it: origin example.com., $TTL 3600.',
			);
			// The fragment's own mail finding names the zone's apex, as the zone itself does.
			assert.match(String(alone[1].message), /^example\.com\. has only one mail exchanger \(mx1\.example\.com\.\)/);
			// With the zone open, its current text gives the state: the same here.
			await client.open(zone, text);
			assert.deepEqual(codes(await client.pull(zone)), ['mxSingle']);
			assert.deepEqual(codes(await client.pull(fragment)), ['includedFragment', 'mxSingle']);
		});
	});

	test('a fragment no zone includes says so once, as the CLI does, without false errors', async () => {
		const dir = path.join(folder, 'orphan');
		fs.mkdirSync(dir);
		const mail = path.join(dir, 'mail.inc');
		fs.writeFileSync(mail, ONE_MX);
		await withClient(true, async (client) => {
			await client.open(pathToFileURL(mail).href, ONE_MX);
			// The fuzz tests hold the CLI's and the server's diagnostics of one file equal: one finding says it
			// has no SOA and may be a fragment nothing includes, without the noTtl that would follow.
			const alone = await client.pull(pathToFileURL(mail).href);
			assert.deepEqual(codes(alone), ['soaMissing']);
			assert.match(String(alone[0].message), /no SOA record, so named will not load it as a zone\. If it is an \$INCLUDE fragment/);
			assert.deepEqual(alone[0].range.start, { line: 0, character: 0 });
		});
	});

	test("a push-only client (Neovim) gets the fragment in its including zone's state from the workspace index", async () => {
		const [zone, text, mail] = zoneWithMail('fragment-push', ONE_MX);
		const fragment = pathToFileURL(mail).href;
		await withClient(false, async (client) => {
			await client.open(fragment, ONE_MX);
			const first = await client.waitForPublished(fragment, (p) => codes(p.diagnostics).join() === 'includedFragment,mxSingle');
			assert.match(String(first.diagnostics[0].message), /^Checked as included by example\.com\.zone \(line 6\)/);
			await client.open(zone, text);
			await client.waitForPublished(zone, (p) => codes(p.diagnostics).join() === 'mxSingle');
		});
	});
});
