/**
 * Adversarial inputs (issue 5): each gives clear diagnostics or a clear refusal naming the limit,
 * in bounded memory and time. Inputs are made in memory; the 70 MB file is a sparse file that the
 * CLI refuses from its size alone.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzeZone, MAX_MESSAGE_LENGTH, MAX_PROBLEMS_PER_FILE, ZoneAnalysis } from '../../core/src/analysis';
import { CheckArguments, parseArguments } from '../../cli/src/args';
import { checkText } from '../../cli/src/main';
import { MAX_INCLUDE_READS } from '../../server/src/workspace/includeReader';
import { MAX_INCLUDE_DEPTH } from '../../core/src/model/lower';
import { TRUST_CHANGED_NOTIFICATION } from '../../server/src/server';
import { startInProcess } from '../helpers/lspHarness';
import { MB, usedBytes } from '../helpers/memory';
import { REPO_ROOT } from '../helpers/paths';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';
const URI = 'file:///zones/example.com.zone';

/** Analyses `text` and checks the bounds every adversarial input must keep: time, memory, message length. */
function analyseBounded(text: string, limits: { seconds: number; generatedRecords?: number }): ZoneAnalysis {
	const baseline = usedBytes();
	const start = Date.now();
	const analysis = analyzeZone(URI, text);
	const seconds = (Date.now() - start) / 1000;
	const retained = usedBytes() - baseline;
	assert.ok(seconds < limits.seconds, `${text.length} characters took ${seconds.toFixed(1)} s (limit ${limits.seconds} s)`);
	// What the analysis keeps is a small multiple of the text (tokens, entries, records), never more;
	// a $GENERATE record costs about as much as a written one.
	const bound = 8 * text.length + 400 * (limits.generatedRecords ?? 0) + 32 * MB;
	assert.ok(retained < bound, `the analysis of ${text.length} characters keeps ${(retained / MB).toFixed(0)} MB`);
	assert.ok(analysis.problems.length <= MAX_PROBLEMS_PER_FILE + 1, `${analysis.problems.length} problems`);
	for (const problem of analysis.problems) {
		assert.ok(problem.message.length <= MAX_MESSAGE_LENGTH + 60, `${problem.code}: a message of ${problem.message.length} characters`);
		assert.ok(problem.start >= 0 && problem.end <= text.length && problem.start < problem.end, `${problem.code}: span ${problem.start}-${problem.end}`);
	}
	return analysis;
}

const codes = (analysis: ZoneAnalysis): string[] => [...new Set(analysis.problems.map((p) => p.code))];

describe('adversarial inputs: the core', () => {
	test('a 10 MB single line: one word, many strings, bad strings, stray parentheses', () => {
		const word = analyseBounded('a'.repeat(10 * MB), { seconds: 10 });
		assert.deepEqual(codes(word), ['originUnknown', 'labelTooLong', 'missingType']);
		// 60,000 strings fit 65535 octets of RDATA; a line of a million cannot, and is refused as a whole.
		const fits = analyseBounded(HEAD + 'www TXT ' + '"" '.repeat(60000) + '\n', { seconds: 10 });
		assert.deepEqual(codes(fits), []);
		const strings = analyseBounded(HEAD + 'www TXT ' + '"abcd" '.repeat(Math.floor((10 * MB) / 7)) + '\n', { seconds: 10 });
		assert.deepEqual(codes(strings), ['rdataTooLong']);
		const bad = analyseBounded(HEAD + 'www TXT ' + '"\\256" '.repeat(Math.floor((10 * MB) / 7)) + '\n', { seconds: 10 });
		assert.deepEqual(codes(bad), ['rdataTooLong']);
		const parentheses = analyseBounded(HEAD + 'www A 192.0.2.1 ' + ')'.repeat(10 * MB) + '\n', { seconds: 10 });
		assert.deepEqual(codes(parentheses), ['unbalancedParenthesis']);
	});

	test('10 MB of broken lines: the first 10,000 problems, then their count', () => {
		const analysis = analyseBounded(HEAD + ')\n'.repeat(5 * MB), { seconds: 20 });
		assert.equal(analysis.problems.length, MAX_PROBLEMS_PER_FILE + 1);
		const last = analysis.problems.at(-1)!;
		assert.equal(last.code, 'tooManyProblems');
		assert.equal(last.severity, 'error');
		assert.match(last.message, /^Zone Sentinel reports the first 10000 problems of a file; \d+ more were found/);
	});

	test('100,000 open parentheses: one unbalanced parenthesis, at the first', () => {
		const text = HEAD + 'www TXT ' + '('.repeat(100_000) + ' "x"\nmail A 192.0.2.1\n';
		const analysis = analyseBounded(text, { seconds: 5 });
		const unbalanced = analysis.problems.filter((p) => p.code === 'unbalancedParenthesis');
		assert.equal(unbalanced.length, 1);
		assert.equal(unbalanced[0].start, text.indexOf('('));
	});

	test('a quoted string that never ends: reported at its quote, and the next lines are read as usual', () => {
		const text = HEAD + 'www TXT "' + 'x'.repeat(MB) + '\nmail A 192.0.2.1\n';
		const analysis = analyseBounded(text, { seconds: 5 });
		assert.deepEqual(codes(analysis), ['unterminatedString']);
		assert.equal(analysis.problems[0].start, text.indexOf('"'));
		assert.deepEqual(analysis.model.records.map((r) => r.owner).slice(3), ['mail.example.com.']);
	});

	test('a file of only backslashes', () => {
		for (const count of [MB, MB + 1]) {
			const analysis = analyseBounded('\\'.repeat(count), { seconds: 10 });
			assert.ok(codes(analysis).includes('missingType'), codes(analysis).join(' '));
		}
	});

	test('NUL bytes and invalid UTF-8 (read as the CLI and the editor read them: U+FFFD)', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-bytes-'));
		try {
			const file = path.join(folder, 'example.com.zone');
			const bytes = Buffer.concat([Buffer.from(HEAD), Buffer.from([0x00, 0x77, 0xff, 0xfe, 0x20, 0x41, 0x20, 0xc0, 0x80, 0x0a]), Buffer.from('mail\u0000 A 192.0.2.1\n'), Buffer.from([0xe2, 0x82])]);
			fs.writeFileSync(file, bytes);
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(text.includes('\ufffd') && text.includes('\u0000'));
			const [report] = checkText(file, text, parseArguments(['check', file]) as CheckArguments);
			assert.ok(report.diagnostics.length > 0);
			const lines = text.split(/\r\n|\r|\n/);
			for (const d of report.diagnostics) {
				assert.ok(d.range.end.line < lines.length && d.range.end.character <= lines[d.range.end.line].length, `${d.code} at ${JSON.stringify(d.range)}`);
			}
			analyseBounded(text, { seconds: 2 });
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('a 1-million-record $GENERATE is refused, naming the limit; so is a zone past 262,144 generated records', () => {
		const one = analyseBounded(HEAD + '$GENERATE 1-1000000 host-$ A 192.0.2.1\n', { seconds: 1 });
		assert.match(one.problems.find((p) => p.code === 'generateTooLarge')?.message ?? '', /makes 1000000 records; Zone Sentinel expands at most 65536 per directive/);
		const directives = Array.from({ length: 5 }, (_, i) => `$GENERATE 1-65536 h${i}-$ A 192.0.2.1\n`).join('');
		const five = analyseBounded(HEAD + directives, { seconds: 15, generatedRecords: 4 * 65536 });
		const refused = five.problems.filter((p) => p.code === 'generateTooLarge');
		assert.equal(refused.length, 1);
		assert.match(refused[0].message, /at most 262144 in all \(0 left\)/);
		assert.equal(five.model.records.length, 3 + 4 * 65536);
	});

	test('a name of 300 labels, as owner and in RDATA', () => {
		const name = 'a.'.repeat(300);
		const analysis = analyseBounded(HEAD + `${name} A 192.0.2.1\nwww CNAME ${name}\n`, { seconds: 1 });
		assert.equal(analysis.problems.filter((p) => p.code === 'nameTooLong').length, 2);
		assert.equal(analysis.model.records.length, 3);
	});
});

describe('adversarial inputs: $INCLUDE', () => {
	let folder: string;
	let main: string;
	/** The $INCLUDE lines of the main file, by what they name. */
	const LINES = ['main.zone', 'sub/child.inc', '/etc/passwd', 'sub', 'missing.inc', 'chain/c0.inc', 'fan/f0.inc'];
	/** What each line gives, in the CLI and in the server. */
	const EXPECTED = [
		['includeCycle', /already being read/],
		['includedFileHasErrors', /has 1 error/],
		['includeNotFound', /outside the folder/],
		['includeNotFound', /is a directory/],
		['includeNotFound', /file not found/],
		['includedFileHasErrors', /has \d+ errors?/],
		['includedFileHasErrors', /has \d+ errors?/],
	] as const;

	before(() => {
		folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-include-')));
		fs.mkdirSync(path.join(folder, 'sub'));
		fs.mkdirSync(path.join(folder, 'chain'));
		fs.mkdirSync(path.join(folder, 'fan'));
		main = path.join(folder, 'main.zone');
		fs.writeFileSync(main, HEAD + LINES.map((line) => `$INCLUDE ${line}\n`).join(''));
		fs.writeFileSync(path.join(folder, 'sub', 'child.inc'), 'child A 192.0.2.7\n$INCLUDE ../main.zone\n');
		// A chain 50 deep; the limit is 16.
		for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(folder, 'chain', `c${i}.inc`), `c${i} A 192.0.2.1\n$INCLUDE c${i + 1}.inc\n`);
		// Not a cycle, but 10^5 reads: each file includes the next one ten times.
		for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(folder, 'fan', `f${i}.inc`), `f${i} A 192.0.2.1\n` + `$INCLUDE f${i + 1}.inc\n`.repeat(10));
		fs.writeFileSync(path.join(folder, 'fan', 'f5.inc'), 'f5 A 192.0.2.1\n');
	});

	after(() => fs.rmSync(folder, { recursive: true, force: true }));

	/** The diagnostics on the main file's $INCLUDE lines, as [code, message], one per line. */
	function onIncludeLines(diagnostics: readonly { code: string; message: string; line: number }[]): [string, string][] {
		const first = HEAD.split('\n').length - 1;
		return LINES.map((_, i) => {
			const found = diagnostics.filter((d) => d.line === first + i && d.code !== 'soaRecordMissing');
			assert.equal(found.length, 1, `line ${first + i + 1} ($INCLUDE ${LINES[i]}): ${JSON.stringify(found)}`);
			return [found[0].code, found[0].message];
		});
	}

	function assertExpected(found: [string, string][]): void {
		found.forEach(([code, message], i) => {
			assert.equal(code, EXPECTED[i][0], `$INCLUDE ${LINES[i]}: ${message}`);
			assert.match(message, EXPECTED[i][1], `$INCLUDE ${LINES[i]}`);
		});
	}

	test('the CLI: itself, a parent, /etc/passwd, a directory, a missing file, a chain 50 deep, a fan of 10^5 reads', () => {
		const start = Date.now();
		const reports = checkText(main, fs.readFileSync(main, 'utf8'), parseArguments(['check', main]) as CheckArguments);
		assert.ok(Date.now() - start < 5000);
		const own = reports[0].diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.range.start.line }));
		assertExpected(onIncludeLines(own));
		const all = reports.flatMap((report) => report.diagnostics.map((d) => `${d.code}: ${d.message}`)).join('\n');
		assert.match(all, new RegExp(`includeTooDeep: .*nested more than ${MAX_INCLUDE_DEPTH} levels`));
		assert.match(all, new RegExp(`already included ${MAX_INCLUDE_READS} files`));
	});

	test('the CLI process: --include-outside reads /etc/passwd, --no-include follows nothing', () => {
		const run = (...args: string[]): { status: number | null; json: { file: string; diagnostics: { code: string; message: string }[] }[] } => {
			const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', '--format', 'json', ...args, main], { cwd: folder, encoding: 'utf8' });
			return { status: result.status, json: JSON.parse(result.stdout) };
		};
		const outside = run('--include-outside');
		assert.equal(outside.status, 1);
		assert.ok(!outside.json[0].diagnostics.some((d) => /outside the folder/.test(d.message)));
		const none = run('--no-include');
		assert.deepEqual([...new Set(none.json[0].diagnostics.map((d) => d.code))].filter((c) => c !== 'soaRecordMissing'), ['includeNotFollowed']);
	});

	test('the server: the same diagnostics in a trusted workspace; nothing read in an untrusted one until trust is granted', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'zones' }], initializationOptions: { workspaceTrusted: false } });
			const uri = pathToFileURL(main).href;
			await client.open(uri, fs.readFileSync(main, 'utf8'));
			const untrusted = await client.pull(uri);
			assert.deepEqual(onIncludeLines(untrusted.map((d) => ({ code: String(d.code), message: String(d.message), line: d.range.start.line }))).map(([code]) => code), LINES.map(() => 'includeNotFollowed'));
			const refreshed = client.waitForRefresh();
			await client.connection.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true });
			await refreshed;
			const trusted = await client.pull(uri);
			assertExpected(onIncludeLines(trusted.map((d) => ({ code: String(d.code), message: String(d.message), line: d.range.start.line }))));
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});

describe('adversarial inputs: a 70 MB file', () => {
	test('the CLI refuses it from its size, naming the limit, without reading it', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-huge-'));
		try {
			const file = path.join(folder, 'huge.zone');
			fs.writeFileSync(file, '');
			fs.truncateSync(file, 70 * 1000 * 1000);
			const start = Date.now();
			const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'check', file], { encoding: 'utf8' });
			assert.equal(result.status, 2, result.stderr);
			assert.match(result.stderr, /huge\.zone: 66\.8 MiB is over the limit of 64 MiB per zone file; not checked\./);
			assert.ok(Date.now() - start < 5000);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('the server answers a 70 MB document with one diagnostic naming the limit, and lets go of it on close', async () => {
		const { client, dispose } = startInProcess();
		try {
			await client.initialize({ pull: true });
			const baseline = usedBytes();
			const uri = 'file:///zones/huge.zone';
			await client.open(uri, HEAD + 'x'.repeat(70 * 1000 * 1000));
			const diagnostics = await client.pull(uri);
			assert.deepEqual(diagnostics.map((d) => d.code), ['zoneTooLarge']);
			assert.match(String(diagnostics[0].message), /checks zones of up to 64 MiB/);
			await client.close(uri);
			await client.pull(uri); // a round trip, so the close has been handled
			const retained = usedBytes() - baseline;
			assert.ok(retained < 16 * MB, `${(retained / MB).toFixed(0)} MB still held after close`);
			await client.shutdown({ exit: false });
		} finally {
			dispose();
		}
	});
});
