/**
 * Mail-authentication records (SPF, DMARC, DKIM, TLSA, MTA-STS) in an `$INCLUDE`d file, against a real temp
 * folder: the CLI reports each finding in the included file at the exact characters of the term
 * at fault (a multi-string SPF record too); the language server shows them in that file when it is
 * opened (read as the zone that includes it reads it) and on the `$INCLUDE` line of the zone; the
 * quick fix "Merge into one SPF record" edits the included file only, and BIND loads the result.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type LspTestClient, startInProcess } from '../helpers/lspHarness';
import { namedCheckzoneFile } from '../helpers/namedCheckzone';
import { REPO_ROOT } from '../helpers/paths';
import { requires } from '../helpers/requires';

const ZONE = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@ SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'@ NS ns1',
	'ns1 A 192.0.2.53',
	'@ MX 10 mx1',
	'@ MX 20 mx2',
	'mx1 A 192.0.2.25',
	'mx2 A 198.51.100.25',
	'$INCLUDE auth.inc',
	'',
].join('\n');
/** Zero-based line of the `$INCLUDE`. */
const INCLUDE_LINE = 9;
const KEY_512 =
	'MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==';
const AUTH = [
	'; mail authentication records, included by example.com.zone',
	'@              TXT "v=spf1 mx -all"',
	'@              TXT "v=spf1 ip4:192.0.2.0/24 -all"',
	'relay          TXT "v=spf1 ip4:192.0.2.0/24 " "inlcude:_spf.example.net -all"',
	'_dmarc         TXT "v=DMARC1; p=bogus"',
	`sel._domainkey TXT "v=DKIM1; k=rsa; p=${KEY_512}"`,
	'_25._tcp.mx1   TLSA 3 1 1 00',
	'_mta-sts       TXT "v=STSv1; id=bad-id!"',
	'',
].join('\n');
const AUTH_LINES = AUTH.split('\n');

/** [code, line, start, end] of a finding on the characters `word` of zero-based line `line` of {@link AUTH}. */
function on(code: string, line: number, word: string): [string, number, number, number] {
	const start = AUTH_LINES[line].indexOf(word);
	assert.ok(start >= 0, `${word} on line ${line}`);
	return [code, line, start, start + word.length];
}

/** What the included file's findings are expected to be, each on its exact characters. */
const EXPECTED = [
	on('spfMultipleRecords', 2, AUTH_LINES[2]),
	on('spfSyntax', 3, 'inlcude:_spf.example.net'),
	on('dmarcSyntax', 4, 'bogus'),
	on('dkimWeakKey', 5, KEY_512),
	on('tlsaRdata', 6, AUTH_LINES[6]),
	on('daneUnsignedZone', 6, AUTH_LINES[6]),
	on('mtaStsRecordSyntax', 7, 'bad-id!'),
];

const MERGED = AUTH.replace(
	'@              TXT "v=spf1 mx -all"\n@              TXT "v=spf1 ip4:192.0.2.0/24 -all"',
	'@              TXT "v=spf1 mx ip4:192.0.2.0/24 -all"',
);

describe('mail-authentication records in an $INCLUDEd file', () => {
	let folder: string;
	let zonePath: string;
	let authPath: string;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-auth-include-')));
		zonePath = path.join(folder, 'example.com.zone');
		authPath = path.join(folder, 'auth.inc');
		fs.writeFileSync(zonePath, ZONE);
		fs.writeFileSync(authPath, AUTH);
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	async function withClient(body: (client: LspTestClient) => Promise<void>): Promise<void> {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }] });
			await client.waitForProgressEnd();
			await body(client);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	}

	const ranges = (diagnostics: readonly Diagnostic[]): [string, number, number, number][] =>
		diagnostics
			.filter((d) => d.code !== 'includedFragment')
			.map((d) => {
				assert.equal(d.range.start.line, d.range.end.line, JSON.stringify(d));
				return [String(d.code), d.range.start.line, d.range.start.character, d.range.end.character];
			});

	test('the CLI reports each finding in auth.inc on its exact characters', () => {
		const result = spawnSync(
			process.execPath,
			[path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', '--format', 'json', 'example.com.zone'],
			{
				cwd: folder,
				encoding: 'utf8',
				timeout: 30_000,
			},
		);
		const reports = JSON.parse(result.stdout) as { file: string; diagnostics: Diagnostic[] }[];
		assert.deepEqual(
			reports.map((report) => report.file),
			['example.com.zone', 'auth.inc'],
		);
		assert.deepEqual(ranges(reports[1].diagnostics), EXPECTED);
		// The one finding that needs the zone's exchangers is on the exchanger without TLSA, in the zone.
		assert.deepEqual(
			reports[0].diagnostics.map((d) => d.code),
			['daneInconsistentMx'],
		);
	});

	test('the editor: on the $INCLUDE line of the zone, and at the exact characters in auth.inc opened', async () => {
		await withClient(async (client) => {
			const zoneUri = pathToFileURL(zonePath).href;
			const authUri = pathToFileURL(authPath).href;
			await client.open(zoneUri, ZONE);
			const inZone = await client.pull(zoneUri);
			const onInclude = inZone.filter((d) => d.range.start.line === INCLUDE_LINE);
			assert.deepEqual(onInclude.map((d) => String(d.code)).sort(), EXPECTED.map(([code]) => code).sort());
			assert.ok(
				onInclude.every((d) => String(d.message).startsWith('auth.inc:')),
				JSON.stringify(onInclude.map((d) => d.message)),
			);
			await client.open(authUri, AUTH);
			const inFile = await client.pull(authUri);
			assert.deepEqual(ranges(inFile), EXPECTED);
		});
	});

	test(
		'"Merge into one SPF record" edits auth.inc only, from the zone and from the file, and BIND loads the result',
		requires('named-checkzone'),
		async () => {
			await withClient(async (client) => {
				const zoneUri = pathToFileURL(zonePath).href;
				const authUri = pathToFileURL(authPath).href;
				const merged = async (uri: string, diagnostics: Diagnostic[]): Promise<string> => {
					const finding = diagnostics.filter((d) => d.code === 'spfMultipleRecords');
					assert.equal(finding.length, 1, JSON.stringify(diagnostics));
					const actions = (await client.codeActions(uri, finding[0].range, finding)) ?? [];
					const merge = actions.find((action) => action.title.startsWith('Merge into one SPF record')) as CodeAction | undefined;
					assert.ok(merge, JSON.stringify(actions.map((action) => action.title)));
					const changes = merge.edit?.changes ?? {};
					assert.deepEqual(Object.keys(changes), [authUri]);
					return TextDocument.applyEdits(TextDocument.create(authUri, 'dns-zone', 1, AUTH), changes[authUri]);
				};
				await client.open(zoneUri, ZONE);
				const fromZone = await merged(zoneUri, await client.pull(zoneUri));
				assert.equal(fromZone, MERGED);
				await client.open(authUri, AUTH);
				assert.equal(await merged(authUri, await client.pull(authUri)), MERGED);

				const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-auth-include-fixed-'));
				try {
					fs.writeFileSync(path.join(copy, 'example.com.zone'), ZONE);
					fs.writeFileSync(path.join(copy, 'auth.inc'), fromZone);
					const verdict = namedCheckzoneFile('example.com.', 'example.com.zone', copy);
					assert.equal(verdict.status, 0, verdict.output);
				} finally {
					fs.rmSync(copy, { recursive: true, force: true });
				}
			});
		},
	);
});
