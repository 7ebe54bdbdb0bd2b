/**
 * Turns the problems of an analysis into LSP diagnostics for the open document.
 *
 * Only problems located in the document itself (file 0) are reported: a problem inside a file
 * reached through `$INCLUDE` is already summarised by an `includedFileHasErrors` problem on the
 * `$INCLUDE` line, and that file gets its own diagnostics when it is opened.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { ALL_RULES, type ZoneAnalysis, type ZoneProblem } from '../../../core/src/index';
import { SERVER_NAME } from '../../../protocol/src/index';
import { type PositionSource, positionSourceForText, toDiagnosticSeverity, toRange } from './convert';

/** `Diagnostic.source` of everything this server reports: the server's name, which the client filters on too. */
export const DIAGNOSTIC_SOURCE = SERVER_NAME;

/** Base of the README anchors that document each rule, e.g. `…#cnameandotherdata`. */
export const DOCS_URL = 'https://github.com/zone-sentinel/zone-sentinel#';

const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.id));

/** Diagnostics for the problems of `analysis` that lie in `document`, in file order. */
export function toDiagnostics(document: TextDocument, analysis: ZoneAnalysis): Diagnostic[] {
	const { model } = analysis;
	// Position sources per file, built lazily: related spans may point into included files.
	const sources = new Map<number, PositionSource>([[0, document]]);
	const sourceOf = (file: number): PositionSource => {
		let source = sources.get(file);
		if (!source) {
			source = positionSourceForText(model.files[file].syntax.tokens.text);
			sources.set(file, source);
		}
		return source;
	};
	const uriOf = (file: number): string => (file === 0 ? document.uri : model.files[file].id);

	const diagnostics: Diagnostic[] = [];
	for (const problem of analysis.problems) {
		if (problem.file !== 0) continue;
		diagnostics.push(toDiagnostic(document, problem, sourceOf, uriOf));
	}
	return diagnostics;
}

function toDiagnostic(
	document: TextDocument,
	problem: ZoneProblem,
	sourceOf: (file: number) => PositionSource,
	uriOf: (file: number) => string,
): Diagnostic {
	const diagnostic: Diagnostic = {
		range: toRange(document, problem.start, problem.end),
		severity: toDiagnosticSeverity(problem.severity),
		code: problem.code,
		source: DIAGNOSTIC_SOURCE,
		message: problem.message,
	};
	if (RULE_IDS.has(problem.code)) {
		diagnostic.codeDescription = { href: DOCS_URL + problem.code.toLowerCase() };
	}
	if (problem.related && problem.related.length > 0) {
		diagnostic.relatedInformation = problem.related.map((related): DiagnosticRelatedInformation => ({
			location: { uri: uriOf(related.file), range: toRange(sourceOf(related.file), related.start, related.end) },
			message: related.message,
		}));
	}
	return diagnostic;
}
