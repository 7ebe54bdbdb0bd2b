/**
 * Every quick fix every rule offers, end to end through the service layer: the rule's diagnostic
 * goes into `getCodeActions` as a client would send it, the returned LSP edits are applied to the
 * text, and then
 * - the text is exactly the expected one, and the bytes outside the edit are untouched;
 * - the analysis no longer reports the diagnostic, and reports no error the original did not have;
 * - BIND's real `named-checkzone -q <origin> <file>` loads the result (exit 0).
 *
 * The zones are complete (SOA, NS with an address) so that BIND has nothing else to object to, and
 * they cover CRLF files, tabs, parenthesized multi-line MX records, comments on the line and a file
 * without a final line end. The last suite repeats the checks for every fix found in the rule fixtures.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-types';
import { analyzeZone } from '../../core/src/analysis';
import type { AddBackupMxArguments } from '../../server/src/service/clientCommands';
import { getCodeActions } from '../../server/src/service/codeActions';
import { cleanUpNamedCheckzone, namedCheckzone } from '../helpers/namedCheckzone';
import { FIXTURES } from '../helpers/paths';
import { requires } from '../helpers/requires';
import {
	actionsFor,
	analyse,
	applyAndCheckBytes,
	assertSound,
	count,
	crlf,
	editsOf,
	errorsOf,
	HEAD,
	lf,
	optionsFor,
	URI,
	VSCODE,
} from '../helpers/quickFix';

interface FixCase {
	readonly name: string;
	/** The diagnostic code whose fixes are tested; the text must have exactly one such diagnostic. */
	readonly code: string;
	readonly text: string;
	readonly origin?: string;
	readonly backupHosts?: readonly string[];
	/** Titles of the offered fixes, in order. */
	readonly titles: readonly string[];
	/** The first action is preferred (isPreferred) when true. */
	readonly preferred: boolean;
	/** The text after applying the first fix. */
	readonly fixed: string;
	/**
	 * The fix inserts the placeholder `backup-mx.invalid.`, which is no backup: the finding stays, and
	 * mxPlaceholderTarget reports the placeholder, until the user replaces it with a real host.
	 */
	readonly insertsPlaceholder?: boolean;
}

/** `ip4:<prefix>.10/32 ip4:<prefix>.11/32 …`, terms `from` to `to` (exclusive), for long SPF records. */
const hosts = (prefix: string, from: number, to: number): string =>
	Array.from({ length: to - from }, (_, i) => `ip4:${prefix}.${10 + from + i}/32`).join(' ');

const CASES: readonly FixCase[] = [
	{
		name: 'mxSingle: placeholder for a plain LSP client, tabs, comment on the line',
		code: 'mxSingle',
		text: lf(...HEAD, '@\tIN\tMX\t10 mx1\t; the only one', 'mx1\tIN\tA\t192.0.2.25'),
		titles: ['Add backup MX record (preference 20) with placeholder backup-mx.invalid.'],
		preferred: true,
		fixed: lf(...HEAD, '@\tIN\tMX\t10 mx1\t; the only one', '@\tIN\tMX\t20 backup-mx.invalid.', 'mx1\tIN\tA\t192.0.2.25'),
		insertsPlaceholder: true,
	},
	{
		name: 'mxSingle: one fix per configured backup host, the first preferred',
		code: 'mxSingle',
		text: lf(...HEAD, '@\tIN\tMX\t10 mx1', 'mx1\tIN\tA\t192.0.2.25'),
		backupHosts: ['backup-mx.example.net.', 'mx.backup-provider.example.org.'],
		titles: ['Add backup MX record: 20 backup-mx.example.net.', 'Add backup MX record: 20 mx.backup-provider.example.org.'],
		preferred: true,
		fixed: lf(...HEAD, '@\tIN\tMX\t10 mx1', '@\tIN\tMX\t20 backup-mx.example.net.', 'mx1\tIN\tA\t192.0.2.25'),
	},
	{
		name: 'mxSingle: CRLF file, TTL and class on the record',
		code: 'mxSingle',
		text: crlf(...HEAD, 'mail 300 IN MX 10 mx1', 'mx1 A 192.0.2.25'),
		backupHosts: ['backup-mx.example.net.'],
		titles: ['Add backup MX record: 20 backup-mx.example.net.'],
		preferred: true,
		fixed: crlf(...HEAD, 'mail 300 IN MX 10 mx1', 'mail 300 IN MX 20 backup-mx.example.net.', 'mx1 A 192.0.2.25'),
	},
	{
		name: 'mxSingle: parenthesized multi-line MX with comments inside',
		code: 'mxSingle',
		text: lf(...HEAD, '@\tIN\tMX\t( 10\t; preference', '\t\tmx1 )\t; exchange', 'mx1\tIN\tA\t192.0.2.25'),
		backupHosts: ['backup-mx.example.net'],
		titles: ['Add backup MX record: 20 backup-mx.example.net.'],
		preferred: true,
		fixed: lf(
			...HEAD,
			'@\tIN\tMX\t( 10\t; preference',
			'\t\tmx1 )\t; exchange',
			'@\tIN\tMX\t20 backup-mx.example.net.',
			'mx1\tIN\tA\t192.0.2.25',
		),
	},
	{
		name: 'mxSingle: the MX is the last line and the file has no final line end',
		code: 'mxSingle',
		text: [...HEAD, 'mx1 A 192.0.2.25', '@ MX 10 mx1'].join('\n'),
		backupHosts: ['backup-mx.example.net.'],
		titles: ['Add backup MX record: 20 backup-mx.example.net.'],
		preferred: true,
		fixed: [...HEAD, 'mx1 A 192.0.2.25', '@ MX 10 mx1', '@ MX 20 backup-mx.example.net.'].join('\n'),
	},
	{
		name: 'mxSingle: blank owner, a record of the same owner follows',
		code: 'mxSingle',
		text: lf(...HEAD, 'www\tIN\tA\t192.0.2.80', '\tIN\tMX\t10 mx1', '\tIN\tTXT\t"v=spf1 mx -all"', 'mx1\tIN\tA\t192.0.2.25'),
		backupHosts: ['backup-mx.example.net.'],
		titles: ['Add backup MX record: 20 backup-mx.example.net.'],
		preferred: true,
		fixed: lf(
			...HEAD,
			'www\tIN\tA\t192.0.2.80',
			'\tIN\tMX\t10 mx1',
			'\tIN\tMX\t20 backup-mx.example.net.',
			'\tIN\tTXT\t"v=spf1 mx -all"',
			'mx1\tIN\tA\t192.0.2.25',
		),
	},
	{
		name: 'mxSharedAddress: add a backup host outside the zone',
		code: 'mxSharedAddress',
		text: lf(...HEAD, '@\tIN\tMX\t10 mx1', '@\tIN\tMX\t20 mx2', 'mx1\tIN\tA\t192.0.2.25', 'mx2\tIN\tA\t192.0.2.25'),
		backupHosts: ['backup-mx.example.net.'],
		titles: ['Add backup MX record: 30 backup-mx.example.net.'],
		preferred: true,
		fixed: lf(
			...HEAD,
			'@\tIN\tMX\t10 mx1',
			'@\tIN\tMX\t20 mx2',
			'@\tIN\tMX\t30 backup-mx.example.net.',
			'mx1\tIN\tA\t192.0.2.25',
			'mx2\tIN\tA\t192.0.2.25',
		),
	},
	{
		name: 'mxSameNetwork: add a backup host outside the zone (CRLF)',
		code: 'mxSameNetwork',
		text: crlf(...HEAD, '@ MX 10 mx1 ; primary', '@ MX 20 mx2', 'mx1 A 192.0.2.25', 'mx2 A 192.0.2.26'),
		backupHosts: ['backup-mx.example.net.'],
		titles: ['Add backup MX record: 30 backup-mx.example.net.'],
		preferred: true,
		fixed: crlf(...HEAD, '@ MX 10 mx1 ; primary', '@ MX 20 mx2', '@ MX 30 backup-mx.example.net.', 'mx1 A 192.0.2.25', 'mx2 A 192.0.2.26'),
	},
	{
		name: 'mxSameNetwork: add a backup host of this zone that is on another network',
		code: 'mxSameNetwork',
		text: lf(...HEAD, '@ MX 10 mx1', '@ MX 20 mx2', 'mx1 A 192.0.2.25', 'mx2 A 192.0.2.26', 'offsite A 198.51.100.25'),
		backupHosts: ['offsite.example.com.'],
		titles: ['Add backup MX record: 30 offsite.example.com.'],
		preferred: true,
		fixed: lf(
			...HEAD,
			'@ MX 10 mx1',
			'@ MX 20 mx2',
			'@ MX 30 offsite.example.com.',
			'mx1 A 192.0.2.25',
			'mx2 A 192.0.2.26',
			'offsite A 198.51.100.25',
		),
	},
	{
		name: 'mxDuplicateTarget: remove the later record, comment included (CRLF)',
		code: 'mxDuplicateTarget',
		text: crlf(...HEAD, '@ MX 10 mx1', '@ MX 20 MX1.example.com. ; same host', '@ MX 30 mx2.example.net.', 'mx1 A 192.0.2.25'),
		titles: ['Remove duplicate MX record'],
		preferred: true,
		fixed: crlf(...HEAD, '@ MX 10 mx1', '@ MX 30 mx2.example.net.', 'mx1 A 192.0.2.25'),
	},
	{
		name: 'mxDuplicateTarget: remove a parenthesized multi-line duplicate',
		code: 'mxDuplicateTarget',
		text: lf(
			...HEAD,
			'@\tMX\t10 mx1',
			'@\tMX\t( 20\t; looks like a backup',
			'\t\tmx1 )',
			'@\tMX\t30 mx2.example.net.',
			'mx1\tA\t192.0.2.25',
		),
		titles: ['Remove duplicate MX record'],
		preferred: true,
		fixed: lf(...HEAD, '@\tMX\t10 mx1', '@\tMX\t30 mx2.example.net.', 'mx1\tA\t192.0.2.25'),
	},
	{
		name: 'mxDuplicateTarget: the duplicate is the last line, without a final line end',
		code: 'mxDuplicateTarget',
		text: [...HEAD, 'mx1 A 192.0.2.25', '@ MX 10 mx1', '@ MX 20 mx2.example.net.', '@ MX 10 mx1'].join('\n'),
		titles: ['Remove duplicate MX record'],
		preferred: true,
		fixed: [...HEAD, 'mx1 A 192.0.2.25', '@ MX 10 mx1', '@ MX 20 mx2.example.net.', ''].join('\n'),
	},
	{
		name: 'singletonTypeRepeated: a second DNAME at one owner (CRLF, comment on its line)',
		code: 'singletonTypeRepeated',
		text: crlf(...HEAD, 'old DNAME new.example.org.', 'old DNAME other.example.org. ; typo', 'web A 192.0.2.80'),
		titles: ['Remove this DNAME record (keep the first)'],
		preferred: false,
		fixed: crlf(...HEAD, 'old DNAME new.example.org.', 'web A 192.0.2.80'),
	},
	{
		name: 'relativeNameInRdata: MX exchange (tabs, comment)',
		code: 'relativeNameInRdata',
		text: lf(...HEAD, '@\tMX\t10 mail.example.com\t; oops', '@\tMX\t20 mx2.example.net.', 'mail\tA\t192.0.2.25'),
		titles: ['Add trailing dot'],
		preferred: true,
		fixed: lf(...HEAD, '@\tMX\t10 mail.example.com.\t; oops', '@\tMX\t20 mx2.example.net.', 'mail\tA\t192.0.2.25'),
	},
	{
		name: 'relativeNameInRdata: exchange on the second line of a parenthesized MX (CRLF)',
		code: 'relativeNameInRdata',
		text: crlf(...HEAD, '@ MX ( 10', '       mail.example.com ) ; oops', '@ MX 20 mx2.example.net.', 'mail A 192.0.2.25'),
		titles: ['Add trailing dot'],
		preferred: true,
		fixed: crlf(...HEAD, '@ MX ( 10', '       mail.example.com. ) ; oops', '@ MX 20 mx2.example.net.', 'mail A 192.0.2.25'),
	},
	{
		name: 'relativeNameInRdata: NS target',
		code: 'relativeNameInRdata',
		text: lf(...HEAD, '\tIN\tNS\tns2.example.net'),
		titles: ['Add trailing dot'],
		preferred: false,
		fixed: lf(...HEAD, '\tIN\tNS\tns2.example.net.'),
	},
	{
		name: 'relativeNameInRdata: SRV target, no final line end',
		code: 'relativeNameInRdata',
		text: [...HEAD, '_sip._tcp SRV 0 5 5060 sip.provider.de'].join('\n'),
		titles: ['Add trailing dot'],
		preferred: false,
		fixed: [...HEAD, '_sip._tcp SRV 0 5 5060 sip.provider.de.'].join('\n'),
	},
	{
		name: 'relativeNameInRdata: PTR in a reverse zone',
		code: 'relativeNameInRdata',
		origin: '2.0.192.in-addr.arpa.',
		text: lf(
			'$ORIGIN 2.0.192.in-addr.arpa.',
			'$TTL 1d',
			'@ SOA ns1.example.com. hostmaster.example.com. 1 2h 30m 2w 1h',
			'  NS ns1.example.com.',
			'10 PTR host.example.com',
		),
		titles: ['Add trailing dot'],
		preferred: false,
		fixed: lf(
			'$ORIGIN 2.0.192.in-addr.arpa.',
			'$TTL 1d',
			'@ SOA ns1.example.com. hostmaster.example.com. 1 2h 30m 2w 1h',
			'  NS ns1.example.com.',
			'10 PTR host.example.com.',
		),
	},
	{
		name: 'nullMxPreference: set the preference to 0 (tabs, comment)',
		code: 'nullMxPreference',
		text: lf(...HEAD, 'nomail\tIN\tMX\t10 .\t; no mail here'),
		titles: ['Set preference to 0'],
		preferred: true,
		fixed: lf(...HEAD, 'nomail\tIN\tMX\t0 .\t; no mail here'),
	},
	{
		name: 'mxTargetIsAlias: point the MX at the canonical name (CRLF, comment)',
		code: 'mxTargetIsAlias',
		text: crlf(...HEAD, '@ MX 10 mail ; via the alias', '@ MX 20 mx2.example.net.', 'mail CNAME mx1', 'mx1 A 192.0.2.25'),
		titles: ['Point the MX at mx1.example.com.'],
		preferred: true,
		fixed: crlf(...HEAD, '@ MX 10 mx1.example.com. ; via the alias', '@ MX 20 mx2.example.net.', 'mail CNAME mx1', 'mx1 A 192.0.2.25'),
	},
	{
		name: 'nullMxNotAlone: remove the null MX',
		code: 'nullMxNotAlone',
		text: lf(...HEAD, '@\tMX\t0 .\t; no mail?', '@\tMX\t10 mx1.example.net.', '@\tMX\t20 mx2.example.net.'),
		titles: ['Remove the null MX record'],
		preferred: false,
		fixed: lf(...HEAD, '@\tMX\t10 mx1.example.net.', '@\tMX\t20 mx2.example.net.'),
	},
	{
		name: 'spfMultipleRecords: the second record folded into the first before -all, a repeated term once',
		code: 'spfMultipleRecords',
		text: lf(
			...HEAD,
			'@\tIN\tTXT\t"v=spf1 mx -all"',
			'@\tIN\tTXT\t"v=spf1 include:_spf.example.net ip4:192.0.2.0/24 mx -all"\t; the provider',
			'@\tIN\tTXT\t"google-site-verification=abc"',
		),
		titles: ['Merge into one SPF record'],
		preferred: false,
		fixed: lf(
			...HEAD,
			'@\tIN\tTXT\t"v=spf1 mx include:_spf.example.net ip4:192.0.2.0/24 -all"',
			'@\tIN\tTXT\t"google-site-verification=abc"',
		),
	},
	{
		name: 'spfMultipleRecords: CRLF, the first record in parentheses over two lines and two strings',
		code: 'spfMultipleRecords',
		text: crlf(
			...HEAD,
			'mx1 A 192.0.2.25',
			'@ 300 IN TXT ( "v=spf1 mx "',
			'\t\t"ip4:192.0.2.0/24 ~all" )',
			'@ 300 IN TXT "v=spf1 a:mail.example.net ~all"',
		),
		titles: ['Merge into one SPF record'],
		preferred: false,
		fixed: crlf(...HEAD, 'mx1 A 192.0.2.25', '@ 300 IN TXT ( "v=spf1 mx ip4:192.0.2.0/24 a:mail.example.net ~all" )'),
	},
	{
		name: 'spfMultipleRecords: a merged record over 255 characters is split into strings between terms',
		code: 'spfMultipleRecords',
		text: lf(...HEAD, `@ TXT "v=spf1 ${hosts('198.51.100', 0, 9)} -all"`, `@ TXT "v=spf1 ${hosts('203.0.113', 0, 9)} -all"`),
		titles: ['Merge into one SPF record'],
		preferred: false,
		fixed: lf(...HEAD, `@ TXT "v=spf1 ${hosts('198.51.100', 0, 9)} ${hosts('203.0.113', 0, 2)} " "${hosts('203.0.113', 2, 9)} -all"`),
	},
];

/** Every rule that offers fixes must have at least one case above. */
const RULES_WITH_FIXES = [
	'mxSingle',
	'mxSharedAddress',
	'mxSameNetwork',
	'mxDuplicateTarget',
	'relativeNameInRdata',
	'nullMxPreference',
	'mxTargetIsAlias',
	'nullMxNotAlone',
	'singletonTypeRepeated',
	'spfMultipleRecords',
];

const BIND = requires('named-checkzone');

after(cleanUpNamedCheckzone);

describe('quick fixes, applied and checked with named-checkzone', BIND, () => {
	test('every rule that offers fixes is covered', () => {
		assert.deepEqual([...new Set(CASES.map((c) => c.code))].sort(), [...RULES_WITH_FIXES].sort());
	});

	for (const fixCase of CASES) {
		const options = optionsFor(fixCase.backupHosts);
		const origin = fixCase.origin ?? 'example.com.';

		test(fixCase.name, () => {
			const { document, analysis, diagnostic, actions } = actionsFor(fixCase.text, fixCase.code, options);
			assert.deepEqual(
				actions.map((a) => a.title),
				fixCase.titles,
			);
			actions.forEach((action, index) => {
				assert.equal(action.kind, CodeActionKind.QuickFix);
				assert.deepEqual(action.diagnostics, [diagnostic]);
				assert.equal(action.isPreferred === true, index === 0 && fixCase.preferred, `isPreferred of ${action.title}`);
				const fixedText = applyAndCheckBytes(document, editsOf(action));
				if (index === 0) assert.equal(fixedText, fixCase.fixed);
				const fixed = assertSound(analysis, fixedText, origin, options);
				if (fixCase.insertsPlaceholder) {
					assert.equal(count(fixed, fixCase.code), count(analysis, fixCase.code), `${fixCase.code} after the placeholder`);
					assert.equal(count(fixed, 'mxPlaceholderTarget'), count(analysis, 'mxPlaceholderTarget') + 1, 'the placeholder reported');
					return;
				}
				assert.equal(
					count(fixed, fixCase.code),
					count(analysis, fixCase.code) - 1,
					`${fixCase.code} is still reported after "${action.title}"`,
				);
			});
		});
	}
});

describe('spfMultipleRecords: no merge where the user must choose', () => {
	// Each pair loads in BIND and is reported; merging would change what one of the records says.
	const unmergeable: Record<string, readonly [string, string]> = {
		'different endings': ['v=spf1 mx -all', 'v=spf1 include:_spf.example.net ~all'],
		'one without all': ['v=spf1 mx -all', 'v=spf1 include:_spf.example.net'],
		'a mechanism that does not pass': ['v=spf1 mx -all', 'v=spf1 -ip4:192.0.2.66 include:_spf.example.net -all'],
		'a modifier': ['v=spf1 mx -all', 'v=spf1 redirect=_spf.example.net'],
		'all before the end': ['v=spf1 mx -all', 'v=spf1 -all include:_spf.example.net'],
		'more than 10 lookups together': [
			'v=spf1 a:a1.example.net a:a2.example.net a:a3.example.net a:a4.example.net a:a5.example.net a:a6.example.net -all',
			'v=spf1 mx:m1.example.net mx:m2.example.net mx:m3.example.net mx:m4.example.net mx:m5.example.net -all',
		],
	};
	for (const [name, [first, second]] of Object.entries(unmergeable)) {
		test(name, () => {
			const { actions } = actionsFor(lf(...HEAD, `@ TXT "${first}"`, `@ TXT "${second}"`), 'spfMultipleRecords', optionsFor());
			assert.deepEqual(
				actions.map((a) => a.title),
				[],
			);
		});
	}

	test('three records: each later one is merged into the first, one at a time', () => {
		const text = lf(...HEAD, '@ TXT "v=spf1 mx -all"', '@ TXT "v=spf1 a -all"', '@ TXT "v=spf1 include:_spf.example.net -all"');
		const { document, diagnostics, analysis } = analyse(text, optionsFor());
		const found = diagnostics.filter((d) => d.code === 'spfMultipleRecords');
		assert.equal(found.length, 2);
		const fixed = getCodeActions(document, analysis, { diagnostics: [found[1]] }).map((action) =>
			applyAndCheckBytes(document, editsOf(action)),
		);
		assert.deepEqual(fixed, [lf(...HEAD, '@ TXT "v=spf1 mx include:_spf.example.net -all"', '@ TXT "v=spf1 a -all"')]);
	});
});

describe('the VS Code backup-MX command, with the host the user typed', BIND, () => {
	test('its edit, with the placeholder replaced as client/src/extension.ts does, loads in BIND', () => {
		const text = lf(...HEAD, '@\tIN\tMX\t10 mx1', 'mx1\tIN\tA\t192.0.2.25');
		const { document, analysis, actions } = actionsFor(text, 'mxSingle', optionsFor(), VSCODE);
		const args = actions[0].command?.arguments?.[0] as AddBackupMxArguments;
		const edits = args.edits.map((edit) => ({
			...edit,
			newText: edit.newText.split(args.placeholder).join('mx.backup-provider.example.org.'),
		}));
		const fixed = assertSound(analysis, applyAndCheckBytes(document, edits), 'example.com.', optionsFor());
		assert.equal(count(fixed, 'mxSingle'), 0);
	});
});

describe('quick fixes after records with parentheses', BIND, () => {
	// The new line is written on one line; a parenthesis opened before the type word must not be copied.
	for (const record of ['@ IN ( MX\n     10 mx1 )', '@ ( IN MX 10\n     mx1 )']) {
		test(`mxSingle: the backup line is sound after ${JSON.stringify(record)}`, () => {
			const options = optionsFor(['backup-mx.example.net.']);
			const { document, analysis, actions } = actionsFor(lf(...HEAD, 'mx1 A 192.0.2.25', record), 'mxSingle', options);
			const fixed = assertSound(analysis, applyAndCheckBytes(document, editsOf(actions[0])), 'example.com.', options);
			assert.equal(count(fixed, 'mxSingle'), 0);
		});
	}
});

describe('quick fixes in the rule fixtures', BIND, () => {
	// Every fix of every problem the fixtures produce, with all rules at their defaults and one backup
	// host outside the zone: the same byte, error and BIND checks, and the problem must go away.
	const options = optionsFor(['backup-mx.example.net.']);
	const directory = path.join(FIXTURES, 'rules');
	for (const file of fs.readdirSync(directory).filter((name) => name.endsWith('.zone'))) {
		test(file, () => {
			const text = fs.readFileSync(path.join(directory, file), 'utf8');
			const { document, analysis, diagnostics } = analyse(text, options);
			const origin = analysis.model.origin ?? 'example.com.';
			// BIND's verdict on the original: a fix must not make a loadable zone unloadable.
			const loadable = namedCheckzone(origin, text).status === 0;
			for (const diagnostic of diagnostics) {
				for (const action of getCodeActions(document, analysis, { diagnostics: [diagnostic] })) {
					const fixedText = applyAndCheckBytes(document, editsOf(action));
					const fixed = analyzeZone(URI, fixedText, { ruleOptions: options });
					const known = new Set(errorsOf(analysis));
					assert.deepEqual(
						errorsOf(fixed).filter((e) => !known.has(e)),
						[],
						`${action.title} introduced an error`,
					);
					if (loadable)
						assert.equal(namedCheckzone(origin, fixedText).status, 0, `named-checkzone rejects ${file} after "${action.title}"`);
					const code = String(diagnostic.code);
					assert.equal(count(fixed, code), count(analysis, code) - 1, `${code} still reported in ${file} after "${action.title}"`);
				}
			}
		});
	}
});
