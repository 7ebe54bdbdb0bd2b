/**
 * The one place where core values become LSP values: offsets become `Range`s and severity names
 * become `DiagnosticSeverity` numbers. Everything else in the server works in offsets.
 */
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import { LineIndex, type Severity } from '../../../core/src/index';

/** Anything that maps an offset to a position: an LSP `TextDocument` (from vscode-languageserver-textdocument) or a core `LineIndex`. */
export interface PositionSource {
	positionAt(offset: number): { line: number; character: number };
}

/** The range of `[start, end)` in a document or in the text of an included file. */
export function toRange(source: PositionSource, start: number, end: number): Range {
	// The positions as made, not through `Range.create` (which checks and copies them): edits and symbols come by the ten thousand.
	return { start: source.positionAt(start), end: source.positionAt(end) };
}

/**
 * {@link toRange} of a span that holds no line end, such as a run of blanks: its end is on its start's
 * line, so one position lookup serves both (a Format Document of a large zone makes tens of thousands).
 */
export function toLineRange(source: PositionSource, start: number, end: number): Range {
	const from = source.positionAt(start);
	return { start: from, end: { line: from.line, character: from.character + (end - start) } };
}

/** Offsets → positions for text that is not an open document (e.g. a file reached via `$INCLUDE`). */
export function positionSourceForText(text: string): PositionSource {
	return new LineIndex(text);
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function toDiagnosticSeverity(severity: Severity): DiagnosticSeverity {
	return SEVERITIES[severity];
}
