/**
 * Turns the problems of an analysis into LSP diagnostics for the open document.
 *
 * Problems located in the document itself (file 0) are reported where they are. A problem inside a
 * file reached through `$INCLUDE` is reported on the `$INCLUDE` line of the document that leads to
 * it (with its real place as related information), so the editor shows what the CLI shows, e.g.
 * `mxSingle` for a zone whose MX records sit in `mail.inc`. The exception is the included file's own
 * errors outside the rules (syntax, bad addresses): those are already counted by the
 * `includedFileHasErrors` problem on that line, and the file shows them when it is opened.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { ALL_RULES, type ZoneAnalysis, type ZoneProblem } from '../../../core/src/index';
import { SERVER_NAME } from '../../../protocol/src/index';
import { fileNameOf } from './fileNames';
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
		const shown = shownAt(analysis, problem);
		if (shown === undefined) continue;
		diagnostics.push(
			problem.file === 0
				? toDiagnostic(document, problem, sourceOf, uriOf)
				: toIncludedDiagnostic(document, problem, shown, sourceOf, uriOf),
		);
	}
	return diagnostics;
}

/**
 * Where in the document (file 0) the editor shows `problem`: its own span, the span of the
 * `$INCLUDE` that leads to the included file it lies in, or `undefined` when it is not shown (an
 * error of an included file outside the rules, already counted by `includedFileHasErrors`).
 */
export function shownAt(analysis: ZoneAnalysis, problem: ZoneProblem): { start: number; end: number } | undefined {
	if (problem.file === 0) return problem;
	if (problem.severity === 'error' && !RULE_IDS.has(problem.code)) return undefined;
	return includeLineOf(analysis.model, problem.file);
}

/** The `$INCLUDE` directive in the main file (file 0) through which `file` was reached. */
function includeLineOf(model: ZoneAnalysis['model'], file: number): { start: number; end: number } | undefined {
	let span = model.files[file]?.includedFrom;
	for (let steps = 0; span !== undefined && span.file !== 0 && steps < model.files.length; steps++)
		span = model.files[span.file]?.includedFrom;
	return span?.file === 0 ? span : undefined;
}

/** A problem of an included file, shown on the main file's `$INCLUDE` line, e.g. `mail.inc:1: example.com. has only one mail exchanger…`. */
function toIncludedDiagnostic(
	document: TextDocument,
	problem: ZoneProblem,
	include: { start: number; end: number },
	sourceOf: (file: number) => PositionSource,
	uriOf: (file: number) => string,
): Diagnostic {
	const diagnostic = toDiagnostic(document, problem, sourceOf, uriOf);
	const here = toRange(sourceOf(problem.file), problem.start, problem.end);
	const uri = uriOf(problem.file);
	diagnostic.range = toRange(document, include.start, include.end);
	diagnostic.message = `${fileNameOf(uri)}:${here.start.line + 1}: ${problem.message}`;
	diagnostic.relatedInformation = [
		{ location: { uri, range: here }, message: `Found here, in the included file ${fileNameOf(uri)}.` },
		...(diagnostic.relatedInformation ?? []),
	];
	return diagnostic;
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
			location:
				'elsewhere' in related
					? { uri: related.elsewhere.fileId, range: { start: related.elsewhere.start, end: related.elsewhere.end } }
					: { uri: uriOf(related.file), range: toRange(sourceOf(related.file), related.start, related.end) },
			message: related.message,
		}));
	}
	return diagnostic;
}
