/**
 * "Increment SOA serial" as a code action (on the SOA record, and among the source actions of the
 * file) and as the edit of the `zoneSentinel.incrementSerial` command. The core decides the next
 * serial (date form `YYYYMMDDnn` or +1, RFC 1982) and the edit covers the serial's digits only.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type CodeAction,
	type CodeActionContext,
	CodeActionKind,
	type Range,
	type TextEdit,
	type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { type CalendarDate, incrementSerial, recordSpan, serialChange, type ZoneAnalysis } from '../../../core/src/index';
import { toRange } from './convert';

/** The code action kind of the source action, e.g. for `"editor.codeActionsOnSave"`. */
export const INCREMENT_SERIAL_KIND = `${CodeActionKind.Source}.incrementSerial`;

/** The rule whose diagnostic this action fixes. */
const SERIAL_NOT_INCREMENTED = 'serialNotIncremented';

/** The edit that increments the serial of the document's SOA, and a title naming both serials. */
export function getIncrementSerialEdit(
	document: TextDocument,
	analysis: ZoneAnalysis,
	today: CalendarDate,
): { title: string; edit: WorkspaceEdit; soaRange: Range } | undefined {
	const increment = incrementSerial(analysis.model, today);
	if (!increment) return undefined;
	const { edit, from, to, record } = increment;
	const span = recordSpan(record);
	return {
		title: `Increment SOA serial (${from} → ${to})`,
		edit: { changes: { [document.uri]: [{ range: toRange(document, edit.start, edit.end), newText: edit.newText }] } },
		soaRange: toRange(document, span.start, span.end),
	};
}

/**
 * The action, when `only` admits it: as the quick fix of a `serialNotIncremented` diagnostic in the
 * request, as a rewrite where the request's range touches the SOA record, and as the source action
 * {@link INCREMENT_SERIAL_KIND} when the client asks for source actions.
 */
export function getIncrementSerialActions(
	document: TextDocument,
	analysis: ZoneAnalysis,
	range: Range,
	context: Pick<CodeActionContext, 'only' | 'diagnostics'>,
	today: CalendarDate,
): CodeAction[] {
	const found = getIncrementSerialEdit(document, analysis, today);
	if (!found) return [];
	const { only } = context;
	const admits = (kind: string): boolean =>
		only === undefined || only.some((wanted) => wanted === '' || kind === wanted || kind.startsWith(wanted + '.'));
	if (only !== undefined && admits(INCREMENT_SERIAL_KIND)) return [{ title: found.title, kind: INCREMENT_SERIAL_KIND, edit: found.edit }];
	const fixed = context.diagnostics.filter((diagnostic) => diagnostic.code === SERIAL_NOT_INCREMENTED);
	if (fixed.length > 0 && admits(CodeActionKind.QuickFix)) {
		return [{ title: found.title, kind: CodeActionKind.QuickFix, diagnostics: fixed, isPreferred: true, edit: found.edit }];
	}
	if (admits(CodeActionKind.RefactorRewrite) && touches(range, found.soaRange)) {
		return [{ title: found.title, kind: CodeActionKind.RefactorRewrite, edit: found.edit }];
	}
	return [];
}

function touches(a: Range, b: Range): boolean {
	const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
	return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The serial increment to make on save (`zoneSentinel.serial.incrementOnSave`), given the analysis
 * of the version on disk: only when the records differ from it and the serial is not already
 * greater, so saving twice, saving a layout change, or saving after a hand-made increment adds none.
 */
export function getSerialOnSaveEdits(document: TextDocument, analysis: ZoneAnalysis, saved: ZoneAnalysis, today: CalendarDate): TextEdit[] {
	if (!serialChange(analysis.model, saved.model)?.needsIncrement) return [];
	return getIncrementSerialEdit(document, analysis, today)?.edit.changes?.[document.uri] ?? [];
}
