/**
 * Quick fixes for the diagnostics in a code action request. Each diagnostic is matched, by code and
 * line, to a problem of the analysis of the CURRENT document version, and the fix comes from that
 * problem: offsets carried by a diagnostic could be stale, and some clients echo columns in bytes
 * rather than UTF-16 units (Neovim), so the column is only a tie-breaker.
 *
 * A fix with a placeholder (the backup host of "Add backup MX record" when no `backupHosts` are
 * configured) becomes a client command for clients that can ask the user for the host, and a
 * plain edit with the visible placeholder `backup-mx.invalid.` for the rest.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type CodeAction,
	type CodeActionContext,
	CodeActionKind,
	type Diagnostic,
	type TextEdit,
	type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { RuleFix, RuleProblem, ZoneAnalysis } from '../../../core/src/index';
import { ADD_BACKUP_MX_COMMAND, type AddBackupMxArguments, type ClientFeatures, PLAIN_LSP_CLIENT } from './clientCommands';
import { type PositionSource, positionSourceForText, toRange } from './convert';
import { DIAGNOSTIC_SOURCE, shownAt } from './validation';

/** The quick fixes for `context.diagnostics`, in the order of the diagnostics. */
export function getCodeActions(
	document: TextDocument,
	analysis: ZoneAnalysis,
	context: CodeActionContext,
	features: ClientFeatures = PLAIN_LSP_CLIENT,
): CodeAction[] {
	if (context.only && !context.only.some(includesQuickFix)) return [];
	// A problem of an included file is shown, and fixed from, the `$INCLUDE` line that leads to it.
	const fixable: { problem: RuleProblem; start: number }[] = [];
	for (const problem of analysis.problems) {
		if (problem.fixes === undefined || problem.fixes.length === 0) continue;
		const shown = shownAt(analysis, problem);
		if (shown) fixable.push({ problem, start: shown.start });
	}
	if (fixable.length === 0) return [];
	const used = new Set<RuleProblem>();
	const actions: CodeAction[] = [];
	const byCodeAndLine = indexProblems(document, fixable);
	for (const diagnostic of context.diagnostics) {
		const problem = matchProblem(byCodeAndLine, diagnostic, used);
		if (!problem) continue;
		used.add(problem);
		for (const fix of problem.fixes!) {
			const action = toCodeAction(document, analysis, diagnostic, fix, features);
			if (action) actions.push(action);
		}
	}
	return actions;
}

/** `only: ['quickfix']`, `['']` or a broader kind that quick fixes belong to. */
function includesQuickFix(kind: string): boolean {
	return kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind + '.');
}

/**
 * The fixable problems by code and the line they are shown on, with their start columns. Built once per request,
 * so a request carrying every diagnostic of a large zone stays linear.
 */
function indexProblems(
	document: TextDocument,
	problems: readonly { problem: RuleProblem; start: number }[],
): Map<string, { problem: RuleProblem; character: number }[]> {
	const index = new Map<string, { problem: RuleProblem; character: number }[]>();
	for (const { problem, start } of problems) {
		const { line, character } = document.positionAt(start);
		const key = `${problem.code}\n${line}`;
		const list = index.get(key);
		if (list) list.push({ problem, character });
		else index.set(key, [{ problem, character }]);
	}
	return index;
}

/** The problem a diagnostic stands for: same code, same start line; the same column wins a tie. */
function matchProblem(
	index: ReadonlyMap<string, readonly { problem: RuleProblem; character: number }[]>,
	diagnostic: Diagnostic,
	used: ReadonlySet<RuleProblem>,
): RuleProblem | undefined {
	if (typeof diagnostic.code !== 'string') return undefined;
	if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
	const { line, character } = diagnostic.range.start;
	let best: RuleProblem | undefined;
	for (const candidate of index.get(`${diagnostic.code}\n${line}`) ?? []) {
		if (used.has(candidate.problem)) continue;
		if (candidate.character === character) return candidate.problem;
		best ??= candidate.problem;
	}
	return best;
}

function toCodeAction(
	document: TextDocument,
	analysis: ZoneAnalysis,
	diagnostic: Diagnostic,
	fix: RuleFix,
	features: ClientFeatures,
): CodeAction | undefined {
	const changes = workspaceChanges(document, analysis, fix);
	const base: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
	if (fix.preferred) base.isPreferred = true;
	const onlyThisDocument = Object.keys(changes).length === 1 && changes[document.uri] !== undefined;
	if (fix.placeholder !== undefined && features.askForHost && onlyThisDocument) {
		const args: AddBackupMxArguments = {
			uri: document.uri,
			version: document.version,
			edits: changes[document.uri],
			placeholder: fix.placeholder,
		};
		// The ellipsis is the VS Code convention for "asks for more input before it acts".
		const title = `${fix.title}…`;
		return { ...base, title, command: { title, command: ADD_BACKUP_MX_COMMAND, arguments: [args] } };
	}
	const title = fix.placeholder === undefined ? fix.title : `${fix.title} with placeholder ${fix.placeholder}`;
	const edit: WorkspaceEdit = { changes };
	return { ...base, title, edit };
}

/**
 * The fix's offset edits as LSP text edits by URI. Edits in the open document use its positions;
 * an edit in a file reached through `$INCLUDE` (e.g. a backup MX after the owner's last MX, which
 * lives there) or in the MTA-STS policy uses the text that was analysed, under the file's URI.
 */
function workspaceChanges(document: TextDocument, analysis: ZoneAnalysis, fix: RuleFix): Record<string, TextEdit[]> {
	const changes: Record<string, TextEdit[]> = {};
	const sources = new Map<number, { uri: string; source: PositionSource }>([[0, { uri: document.uri, source: document }]]);
	for (const edit of fix.edits) {
		let target = sources.get(edit.file);
		if (!target) {
			const file = analysis.model.files[edit.file];
			target = { uri: file.id, source: positionSourceForText(file.syntax.tokens.text) };
			sources.set(edit.file, target);
		}
		(changes[target.uri] ??= []).push({ range: toRange(target.source, edit.start, edit.end), newText: edit.newText });
	}
	// An edit of the MTA-STS policy uses the policy text the analysis read.
	const policy = analysis.model.mtaStsPolicy;
	for (const edit of fix.policyEdits ?? []) {
		if (!policy || policy.fileId !== edit.fileId) continue;
		const source = positionSourceForText(policy.text);
		(changes[edit.fileId] ??= []).push({ range: toRange(source, edit.start, edit.end), newText: edit.newText });
	}
	return changes;
}
