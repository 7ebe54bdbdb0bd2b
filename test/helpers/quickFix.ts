/**
 * Shared steps of the quick-fix tests: analyse inline zone text, ask the service for the code
 * actions of one diagnostic as a client would, apply the returned LSP edits, and check the result
 * (bytes outside the edits untouched, no new error, BIND's named-checkzone still loads it).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { analyzeZone, type ZoneAnalysis } from '../../core/src/analysis';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../../core/src/rules/rule';
import { type ClientFeatures, PLAIN_LSP_CLIENT } from '../../server/src/service/clientCommands';
import { getCodeActions } from '../../server/src/service/codeActions';
import { toDiagnostics } from '../../server/src/service/validation';
import { namedCheckzone } from './namedCheckzone';

export const URI = 'file:///zones/example.com.zone';

/** A client like the bundled VS Code one: it can ask for a host and test SMTP. */
export const VSCODE: ClientFeatures = { askForHost: true, testSmtp: true };

export const lf = (...lines: string[]): string => lines.join('\n') + '\n';
export const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

/** SOA, NS and the name server's address: what BIND needs to load the zone. */
export const HEAD = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@\tIN\tSOA\tns1 hostmaster 2026112901 2h 30m 2w 1h',
	'\tIN\tNS\tns1',
	'ns1\tIN\tA\t192.0.2.53',
];

export function optionsFor(backupHosts: readonly string[] = []): RuleOptions {
	return { ...DEFAULT_RULE_OPTIONS, backupHosts };
}

export function analyse(text: string, options: RuleOptions): { document: TextDocument; analysis: ZoneAnalysis; diagnostics: Diagnostic[] } {
	const document = TextDocument.create(URI, 'dns-zone', 1, text);
	const analysis = analyzeZone(URI, text, { ruleOptions: options });
	return { document, analysis, diagnostics: toDiagnostics(document, analysis) };
}

/** The single diagnostic with `code`, and the actions a client gets for it. */
export function actionsFor(text: string, code: string, options: RuleOptions, features: ClientFeatures = PLAIN_LSP_CLIENT) {
	const { document, analysis, diagnostics } = analyse(text, options);
	const matching = diagnostics.filter((d) => d.code === code);
	assert.equal(matching.length, 1, `expected one ${code} diagnostic, got: ${diagnostics.map((d) => d.code).join(', ')}`);
	const actions = getCodeActions(document, analysis, { diagnostics: matching }, features);
	return { document, analysis, diagnostic: matching[0], actions };
}

/** The text edits of an action, which must all be in the open document. */
export function editsOf(action: CodeAction): TextEdit[] {
	const changes = action.edit?.changes;
	assert.ok(changes, `${action.title} has no edit`);
	assert.deepEqual(Object.keys(changes), [URI], 'a fix edits only the open document');
	return changes[URI];
}

/** Applies LSP edits and checks that every byte outside them is unchanged, and CRLF files stay CRLF. */
export function applyAndCheckBytes(document: TextDocument, edits: readonly TextEdit[]): string {
	const result = TextDocument.applyEdits(document, [...edits]);
	const original = document.getText();
	const spans = edits
		.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), length: e.newText.length }))
		.sort((a, b) => a.start - b.start);
	let shift = 0;
	let from = 0;
	for (const span of spans) {
		assert.equal(result.slice(from + shift, span.start + shift), original.slice(from, span.start), 'bytes before an edit changed');
		shift += span.length - (span.end - span.start);
		from = span.end;
	}
	assert.equal(result.slice(from + shift), original.slice(from), 'bytes after the last edit changed');
	if (original.includes('\r\n')) assert.doesNotMatch(result, /(?<!\r)\n/, 'a CRLF file got a bare LF');
	return result;
}

export function errorsOf(analysis: ZoneAnalysis): string[] {
	return analysis.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
}

/** The in-process check every fixed text must pass: no error the original did not have. */
export function assertNoNewError(before: ZoneAnalysis, fixedText: string, options: RuleOptions): ZoneAnalysis {
	const fixed = analyzeZone(URI, fixedText, { ruleOptions: options });
	const known = new Set(errorsOf(before));
	assert.deepEqual(
		errorsOf(fixed).filter((e) => !known.has(e)),
		[],
		'the fix introduced an error',
	);
	return fixed;
}

/**
 * The checks every fixed text must pass: no error the original did not have, and BIND loads it
 * (runs named-checkzone: integration tests only, with `requires('named-checkzone')`).
 */
export function assertSound(before: ZoneAnalysis, fixedText: string, origin: string, options: RuleOptions): ZoneAnalysis {
	const fixed = assertNoNewError(before, fixedText, options);
	const bind = namedCheckzone(origin, fixedText);
	assert.equal(bind.status, 0, `named-checkzone rejects the fixed zone:\n${bind.output}\n${fixedText}`);
	return fixed;
}

/** How many problems with `code` the analysis has. */
export const count = (analysis: ZoneAnalysis, code: string): number => analysis.problems.filter((p) => p.code === code).length;
