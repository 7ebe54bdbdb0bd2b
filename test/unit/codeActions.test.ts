/**
 * Code actions as clients see them: which diagnostics they match (code and line, not column), that
 * fixes come from the current analysis, the `only` filter, and the two shapes of the backup-MX fix
 * without configured hosts (a command that asks for the host, or a plain edit with a placeholder).
 * The soundness of every fix (BIND's named-checkzone loads the result) is in
 * test/integration/quickFixes.test.ts, which also loads this VS Code edit with BIND.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeZone } from '../../core/src/analysis';
import type { AddBackupMxArguments } from '../../server/src/service/clientCommands';
import { getCodeActions } from '../../server/src/service/codeActions';
import { toDiagnostics } from '../../server/src/service/validation';
import {
	actionsFor,
	analyse,
	applyAndCheckBytes,
	assertNoNewError,
	count,
	editsOf,
	HEAD,
	lf,
	optionsFor,
	URI,
	VSCODE,
} from '../helpers/quickFix';

describe('code actions', () => {
	const text = lf(...HEAD, '@\tIN\tMX\t10 mx1', 'mx1\tIN\tA\t192.0.2.25');

	test('VS Code asks for the host: a command with the edit and the placeholder, applied like the client does', () => {
		const { document, analysis, diagnostic, actions } = actionsFor(text, 'mxSingle', optionsFor(), VSCODE);
		assert.equal(actions.length, 1);
		const [action] = actions;
		assert.equal(action.title, 'Add backup MX record (preference 20)…');
		assert.equal(action.edit, undefined);
		assert.deepEqual(action.diagnostics, [diagnostic]);
		assert.equal(action.command?.command, 'zoneSentinel.addBackupMx');
		const args = action.command.arguments?.[0] as AddBackupMxArguments;
		assert.equal(args.uri, URI);
		assert.equal(args.version, 1);
		assert.equal(args.placeholder, 'backup-mx.invalid.');
		// What client/src/extension.ts does with the host the user typed.
		const edits = args.edits.map((edit) => ({
			...edit,
			newText: edit.newText.split(args.placeholder).join('mx.backup-provider.example.org.'),
		}));
		const fixedText = applyAndCheckBytes(document, edits);
		assert.equal(fixedText, lf(...HEAD, '@\tIN\tMX\t10 mx1', '@\tIN\tMX\t20 mx.backup-provider.example.org.', 'mx1\tIN\tA\t192.0.2.25'));
		const fixed = assertNoNewError(analysis, fixedText, optionsFor());
		assert.equal(count(fixed, 'mxSingle'), 0);
	});

	test('configured hosts need no question, even in VS Code', () => {
		const { actions } = actionsFor(text, 'mxSingle', optionsFor(['backup-mx.example.net.']), VSCODE);
		assert.deepEqual(
			actions.map((a) => [a.title, a.command, a.edit !== undefined]),
			[['Add backup MX record: 20 backup-mx.example.net.', undefined, true]],
		);
	});

	test('diagnostics are matched by code and line, not by column (Neovim sends byte columns)', () => {
		const { document, analysis, diagnostic } = actionsFor(text, 'mxSingle', optionsFor());
		const shifted: Diagnostic = {
			...diagnostic,
			range: { start: { line: diagnostic.range.start.line, character: 7 }, end: { line: diagnostic.range.start.line, character: 9 } },
		};
		assert.equal(getCodeActions(document, analysis, { diagnostics: [shifted] }).length, 1);
		const otherLine: Diagnostic = { ...diagnostic, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
		assert.deepEqual(getCodeActions(document, analysis, { diagnostics: [otherLine] }), []);
		assert.deepEqual(getCodeActions(document, analysis, { diagnostics: [{ ...diagnostic, code: 'mxSameNetwork' }] }), []);
		assert.deepEqual(getCodeActions(document, analysis, { diagnostics: [{ ...diagnostic, source: 'another-linter' }] }), []);
	});

	test('fixes come from the current analysis, never from stale offsets in the diagnostic', () => {
		const { diagnostic } = actionsFor(text, 'mxSingle', optionsFor());
		// Two lines inserted above since the diagnostic was computed: the stale one no longer matches a line.
		const edited = lf(...HEAD, '; a comment', '; another', '@\tIN\tMX\t10 mx1', 'mx1\tIN\tA\t192.0.2.25');
		const current = analyse(edited, optionsFor());
		assert.deepEqual(
			getCodeActions(current.document, current.analysis, { diagnostics: [{ ...diagnostic, data: { start: 0, end: 3 } }] }),
			[],
		);
		const fresh = current.diagnostics.find((d) => d.code === 'mxSingle')!;
		const [action] = getCodeActions(current.document, current.analysis, { diagnostics: [fresh] });
		assert.equal(editsOf(action)[0].range.start.line, fresh.range.start.line + 1);
	});

	test('only quick fixes are returned, and only when asked for', () => {
		const { document, analysis, diagnostic } = actionsFor(text, 'mxSingle', optionsFor());
		assert.equal(getCodeActions(document, analysis, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }).length, 1);
		assert.deepEqual(getCodeActions(document, analysis, { diagnostics: [diagnostic], only: [CodeActionKind.Refactor] }), []);
		assert.deepEqual(getCodeActions(document, analysis, { diagnostics: [] }), []);
	});
});

describe('mtaStsPolicyMissingMx: the edit of the policy file', () => {
	const POLICY_URI = 'file:///zones/.well-known/mta-sts.txt';
	const zoneText = lf(...HEAD, '_mta-sts\tTXT\t"v=STSv1; id=v9"', '@\tMX\t10 mx1', '@\tMX\t20 backup.example.net.', 'mx1\tA\t192.0.2.25');

	/** The zone and policy after the one fix, and the finding count before and after. */
	function fixWith(policy: string): { zone: string; policy: string; title: string; before: number; after: number } {
		const analyseWith = (zoneSource: string, policySource: string) => {
			const document = TextDocument.create(URI, 'dns-zone', 1, zoneSource);
			const analysis = analyzeZone(URI, zoneSource, { mtaStsPolicy: { fileId: POLICY_URI, text: policySource } });
			return { document, analysis, diagnostics: toDiagnostics(document, analysis).filter((d) => d.code === 'mtaStsPolicyMissingMx') };
		};
		const { document, analysis, diagnostics } = analyseWith(zoneText, policy);
		const [action] = getCodeActions(document, analysis, { diagnostics });
		const changes = action.edit?.changes ?? {};
		const fixedZone = applyAndCheckBytes(document, changes[URI]);
		const fixedPolicy = applyAndCheckBytes(TextDocument.create(POLICY_URI, 'plaintext', 1, policy), changes[POLICY_URI]);
		return {
			zone: fixedZone,
			policy: fixedPolicy,
			title: action.title,
			before: diagnostics.length,
			after: analyseWith(fixedZone, fixedPolicy).diagnostics.length,
		};
	}

	test('CRLF policy: the new mx: line after the last one, in CRLF; the id counts up', () => {
		const fixed = fixWith('version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 86400\r\n');
		assert.equal(fixed.title, "Add 'mx: backup.example.net' to mta-sts.txt and change the _mta-sts id to v10");
		assert.equal(fixed.policy, 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: backup.example.net\r\nmax_age: 86400\r\n');
		assert.equal(fixed.zone, zoneText.replace('id=v9', 'id=v10'));
		assert.deepEqual([fixed.before, fixed.after], [1, 0]);
	});

	test('a policy whose last line is the mx: line, without a final line end', () => {
		const fixed = fixWith('version: STSv1\nmode: testing\nmax_age: 86400\nmx: mx1.example.com');
		assert.equal(fixed.policy, 'version: STSv1\nmode: testing\nmax_age: 86400\nmx: mx1.example.com\nmx: backup.example.net');
		assert.deepEqual([fixed.before, fixed.after], [1, 0]);
	});
});
