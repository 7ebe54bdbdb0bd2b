/**
 * Rule messages and quick-fix text, snapshotted (like markdownlint's `{errors, fixed}`): every
 * `test/fixtures/rules/<ruleId>[-variant].zone`, analysed with only that rule on (at its default
 * level) and one backup host configured, must give exactly the committed
 * `test/fixtures/rules/<ruleId>[-variant].snap.md`: each diagnostic (1-based line:column range,
 * code, severity, message, related locations) and, for each quick fix a plain LSP client gets, its
 * title and a diff excerpt of the fixed text around the edit. A change of wording or of an edit
 * shows in review as a change of that file; `UPDATE_GOLDEN=1 npm run test:unit` rewrites them.
 * Which lines must be found is rules.test.ts's; that BIND loads every fixed text is
 * test/integration/quickFixes.test.ts's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import { analyzeZone } from '../../core/src/analysis';
import { ALL_RULES } from '../../core/src/rules/index';
import { DEFAULT_RULE_OPTIONS, type RuleLevel, type RuleOptions } from '../../core/src/rules/rule';
import { PLAIN_LSP_CLIENT } from '../../server/src/service/clientCommands';
import { getCodeActions } from '../../server/src/service/codeActions';
import { toDiagnostics } from '../../server/src/service/validation';
import { assertGolden } from '../helpers/golden';
import { fixtureOptions } from '../helpers/fixtureWorkspace';
import { FIXTURES } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');
const BACKUP_HOSTS = ['backup-mx.example.net.'];
/** Unchanged lines shown before and after a change. */
const CONTEXT = 1;

const SEVERITY: Record<number, string> = {
	[DiagnosticSeverity.Error]: 'error',
	[DiagnosticSeverity.Warning]: 'warning',
	[DiagnosticSeverity.Information]: 'information',
	[DiagnosticSeverity.Hint]: 'hint',
};

const range = (r: Range): string => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

/** Line ends made visible only where they are not LF, so a CRLF edit shows. */
const show = (line: string): string => line.replace(/\r$/, '⏎CR');

/** A unified-diff-like excerpt: the changed lines with CONTEXT lines around, `@@ -a,n +b,m @@` headed. */
export function diffExcerpt(before: string, after: string): string {
	const a = before.split('\n');
	const b = after.split('\n');
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const from = Math.max(0, head - CONTEXT);
	const contextAfter = Math.min(CONTEXT, tail);
	const removed = a.slice(head, a.length - tail);
	const added = b.slice(head, b.length - tail);
	const lines = [
		`@@ -${from + 1},${head - from + removed.length + contextAfter} +${from + 1},${head - from + added.length + contextAfter} @@`,
		...a.slice(from, head).map((line) => ` ${show(line)}`),
		...removed.map((line) => `-${show(line)}`),
		...added.map((line) => `+${show(line)}`),
		...a.slice(a.length - tail, a.length - tail + contextAfter).map((line) => ` ${show(line)}`),
	];
	return lines.join('\n');
}

function describeDiagnostic(d: Diagnostic, uri: string): string {
	const lines = [`- ${range(d.range)} \`${String(d.code)}\` ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]}: ${d.message}`];
	for (const related of d.relatedInformation ?? []) {
		const where = related.location.uri === uri ? '' : `${related.location.uri.replace('file:///zones/', '')} `;
		lines.push(`  - related ${where}${range(related.location.range)}: ${related.message}`);
	}
	return lines.join('\n');
}

/** The snapshot of one fixture, as Markdown. */
export function ruleSnapshot(file: string, text: string): string {
	const ruleId = file.replace(/(-[\w-]+)?\.zone$/, '');
	const rule = ALL_RULES.find((r) => r.id === ruleId);
	// Every other rule off; this one left unset, as the editor and the CLI leave a default level, so a
	// rule's own lower severity for a weaker case (mxSingle → information) shows as users see it. An
	// opt-in rule (off by default) is turned on at warning.
	const optIn = rule?.defaultLevel === 'off';
	const levels: Record<string, RuleLevel> = Object.fromEntries(
		ALL_RULES.map((r) => [r.id, r.id !== ruleId ? 'off' : optIn ? 'warning' : undefined]).filter(([, level]) => level !== undefined),
	);
	const options: RuleOptions = { ...DEFAULT_RULE_OPTIONS, backupHosts: BACKUP_HOSTS };
	const uri = `file:///zones/${file}`;
	const document = TextDocument.create(uri, 'dns-zone', 1, text);
	const analysis = analyzeZone(uri, text, { ruleLevels: levels, ruleOptions: options, ...fixtureOptions(path.join(RULE_FIXTURES, file)) });
	const diagnostics = toDiagnostics(document, analysis);
	const out = [
		`# ${file}`,
		'',
		`Rule \`${ruleId}\` alone, at ${optIn ? 'warning (off by default: opt-in)' : `its default level (${rule?.defaultLevel ?? 'unknown rule'})`}; backup hosts: ${BACKUP_HOSTS.map((host) => `\`${host}\``).join(', ')}.`,
		'Written by test/unit/ruleSnapshots.test.ts (`UPDATE_GOLDEN=1 npm run test:unit` rewrites it).',
		'',
		`## Diagnostics (${diagnostics.length})`,
		'',
		...(diagnostics.length === 0 ? ['None.'] : diagnostics.map((d) => describeDiagnostic(d, uri))),
		'',
		'## Quick fixes',
	];
	let fixes = 0;
	for (const diagnostic of diagnostics) {
		for (const action of getCodeActions(document, analysis, { diagnostics: [diagnostic] }, PLAIN_LSP_CLIENT)) {
			fixes++;
			out.push(
				'',
				`### ${range(diagnostic.range)} \`${String(diagnostic.code)}\`: ${action.title}${action.isPreferred ? ' (preferred)' : ''}`,
				'',
			);
			const edits = action.edit?.changes?.[uri];
			if (edits) {
				const other = Object.keys(action.edit?.changes ?? {}).filter((key) => key !== uri);
				if (other.length > 0) out.push(`Also edits: ${other.join(', ')}`, '');
				out.push('```diff', diffExcerpt(text, TextDocument.applyEdits(document, edits)), '```');
			}
			if (action.command) out.push(`Command: \`${action.command.command}\``);
		}
	}
	if (fixes === 0) out.push('', 'None.');
	return out.join('\n') + '\n';
}

describe('rule snapshots: messages and fixed text', () => {
	for (const file of fs
		.readdirSync(RULE_FIXTURES)
		.filter((f) => f.endsWith('.zone'))
		.sort()) {
		test(file, () => {
			const text = fs.readFileSync(path.join(RULE_FIXTURES, file), 'utf8');
			assertGolden(path.join(RULE_FIXTURES, file.replace(/\.zone$/, '.snap.md')), ruleSnapshot(file, text));
		});
	}
});
