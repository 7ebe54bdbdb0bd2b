/**
 * Linear time on the shapes that used to be quadratic (found by the robustness fuzzing, issue 5):
 * each shape at two sizes in one run, compared as a ratio (test/helpers/linearity.ts). Absolute
 * times are for `npm run bench`.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone, type ZoneAnalysis } from '../../core/src/analysis';
import { getCodeActions } from '../../server/src/service/codeActions';
import { toDiagnostics } from '../../server/src/service/validation';
import { assertLinear } from '../helpers/linearity';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n';
const URI = 'file:///zones/example.com.zone';

const analyse = (text: string): ZoneAnalysis => analyzeZone(URI, text);
const analyseText = (text: string): void => void analyse(text);

describe('linear time on the shapes that were quadratic', () => {
	const lines = (n: number, line: (i: number) => string): string => HEAD + Array.from({ length: n }, (_, i) => line(i)).join('');

	test('many null MX records beside many other MX records (nullMxNotAlone listed every pair)', () => {
		assertLinear('nullMxNotAlone', (n) => lines(n, (i) => `@ MX 0 .\n@ MX 10 mx${i}.example.net.\n`), 1000, analyseText);
		const analysis = analyse(lines(50, (i) => `@ MX 0 .\n@ MX 10 mx${i}.example.net.\n`));
		assert.ok(analysis.problems.every((p) => (p.related?.length ?? 0) <= 10));
	});

	test('many exchangers sharing one address (mxSharedAddress built the fixes per finding)', () => {
		assertLinear('mxSharedAddress', (n) => lines(n, (i) => `@ MX 10 mx${i}\nmx${i} A 192.0.2.25\n`), 1000, analyseText);
	});

	test('many apex MX to distinct in-zone hosts (the ancestor walk of each exchanger listed every apex record)', () => {
		// A DNAME and a delegation elsewhere, so that the DNAME and delegation checks cannot be skipped.
		const head = 'alias DNAME example.net.\nchild NS ns1.example.net.\n';
		assertLinear(
			'mxTargetNoAddress',
			(n) => lines(n, (i) => `@ MX 10 mx${i}\nmx${i} A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n`) + head,
			12500,
			analyseText,
		);
	});

	test('many apex MX, half of the hosts with TLSA (daneInconsistentMx searched lists per host and named every TLSA host per finding)', () => {
		const tlsa = `TLSA 3 1 1 ${'ab'.repeat(32)}`;
		assertLinear(
			'daneInconsistentMx',
			(n) => lines(n, (i) => `@ MX 10 mx${i}\nmx${i} A 192.0.2.${i % 250}\n` + (i % 2 === 0 ? `_25._tcp.mx${i} ${tlsa}\n` : '')),
			3000,
			analyseText,
		);
	});

	test('many apex MX and "v=spf1 mx -all" (spfMissesMailExchanger compared each address with every exchanger)', () => {
		assertLinear(
			'spfMissesMailExchanger',
			(n) =>
				lines(
					n,
					(i) =>
						(i === 0 ? '@ TXT "v=spf1 mx -all"\n' : '') + `@ MX 10 mx${i}\nmx${i} A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n`,
				),
			1000,
			analyseText,
		);
	});

	test('many owners with MX to the apex, which has as many addresses (each mail domain walked them all)', () => {
		assertLinear(
			'one host for every owner',
			(n) => lines(n, (i) => `@ A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\nh${i} MX 10 @\n`),
			1000,
			analyseText,
		);
	});

	test('many suppression comments and findings (each finding scanned every comment)', () => {
		assertLinear(
			'suppressions',
			(n) => lines(n, (i) => `; zone-sentinel-disable-next-line cnameAndOtherData\nh${i} MX 10 mx${i}.example.net.\n`),
			1500,
			analyseText,
		);
	});

	test('quick fixes in a file with CR line ends only (each fix searched the whole file for LF)', () => {
		assertLinear('CR-only fixes', (n) => lines(n, (i) => `h${i} MX 10 mx1.example.net.\n`).replace(/\n/g, '\r'), 2000, analyseText);
	});

	test('a code action request carrying every diagnostic of the document', () => {
		const work = (text: string): void => {
			const document = TextDocument.create(URI, 'dns-zone', 1, text);
			const analysis = analyse(text);
			getCodeActions(document, analysis, { diagnostics: toDiagnostics(document, analysis) });
		};
		assertLinear('code actions', (n) => lines(n, (i) => `h${i} MX 10 mx1.example.net.\n`), 1500, work);
	});

	test('repeated relative $ORIGIN lines (the origin grew with every line)', () => {
		assertLinear('$ORIGIN growth', (n) => lines(n, () => '$ORIGIN sub\n@ A 192.0.2.1\n'), 1000, analyseText);
	});

	test('many records with blank owners, parentheses and stray closing parentheses', () => {
		assertLinear('parentheses', (n) => HEAD + ')'.repeat(n) + '\n' + '('.repeat(n) + '\n', 20000, analyseText);
		assertLinear('blank owners', (n) => lines(n, (i) => `  ( A ; c\n 192.0.2.${i % 250} )\n`), 2000, analyseText);
	});
});
