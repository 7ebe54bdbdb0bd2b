/**
 * The language service: plain, synchronous functions from (document, parsed zone, settings) to LSP
 * values. It holds no state and does no IO; the server owns the connection, caches and file access.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
	CodeAction,
	CodeActionContext,
	CodeLens,
	CompletionList,
	Diagnostic,
	DocumentHighlight,
	DocumentLink,
	DocumentSymbol,
	FoldingRange,
	FormattingOptions,
	Hover,
	InlayHint,
	Location,
	Position,
	Range,
	SelectionRange,
	SemanticTokens,
	TextEdit,
	SymbolInformation,
	WorkspaceEdit,
} from 'vscode-languageserver-types';
import {
	ALL_RULES,
	analyzeZoneInSteps,
	BYTE_ORDER_MARK_MESSAGE,
	type IncludeContext,
	type IncludeResolver,
	type CalendarDate,
	type PolicyFile,
	PROBLEMS,
	type RuleLevel,
	type WorkspaceIndex,
	type ZoneAnalysis,
} from '../../../core/src/index';
import type { InlayHintSettings, ZoneSettings } from '../settings';
import type { ClientFeatures } from './clientCommands';
import { fileNameOf } from './fileNames';
import { getCodeActions } from './codeActions';
import { getCodeLenses } from './codeLens';
import { type CompletionOptions, getCompletions } from './completion';
import { getInlayHints } from './inlayHints';
import { getWorkspaceSymbols, type SymbolSource } from './workspaceSymbols';
import { getDocumentSymbols } from './documentSymbols';
import { getFoldingRanges } from './folding';
import { getFormattingEdits } from './formatting';
import { getHover } from './hover';
import { getDefinition, getDocumentHighlights, getDocumentLinks, getReferences } from './navigation';
import { getRenameEdits, type OtherZoneReferences, prepareRename, type RenameRefused } from './rename';
import { getSelectionRanges } from './selectionRanges';
import { getIncrementSerialActions, getIncrementSerialEdit, getSerialOnSaveEdits } from './serial';
import { encodeTokens, getSemanticTokensInRange } from './semanticTokens';
import { toDiagnostics } from './validation';
import { getZoneSummary, type ZoneSummary } from './zoneSummary';

/** One analysis of one document version; the server caches it and every feature shares it. */
export type ParsedZone = ZoneAnalysis;

export interface ParseOptions {
	/** Reads files named by `$INCLUDE`; without it, includes are reported as not followed. */
	readonly resolveInclude?: IncludeResolver;
	/** The document is a fragment that this open zone includes: analyse it in the state of that include. */
	readonly includedBy?: IncludedBy;
	/** The other zones of the workspace, which answer for names outside the document's zone. */
	readonly workspace?: WorkspaceIndex;
	/** The MTA-STS policy file (`.well-known/mta-sts.txt` beside the document, or where settings say). */
	readonly mtaStsPolicy?: PolicyFile;
	/** Why the policy file settings named could not be read (`mtaStsPolicyUnreadable`). */
	readonly mtaStsPolicyProblem?: string;
	/** The document as of the last commit, for `serialNotIncremented`. */
	readonly previousVersion?: { readonly revision: string; readonly text: string };
	/** The file on disk starts with a byte-order mark that the editor decoded away (VS Code does). */
	readonly byteOrderMarkOnDisk?: boolean;
}

/** An open zone that includes the document being analysed, and the state the document starts in there. */
export interface IncludedBy {
	/** The including document's uri. */
	readonly uri: string;
	/** Zero-based line of its `$INCLUDE`. */
	readonly line: number;
	readonly context: IncludeContext;
}

export interface ZoneLanguageService {
	/** Parses and analyses a document with the given settings (rule levels, default origin, MX options). */
	parse(document: TextDocument, settings: ZoneSettings, options?: ParseOptions): ParsedZone;
	/**
	 * {@link parse} as steps of a few milliseconds each (core's analyzeZoneInSteps), returning the same
	 * analysis; the text is read at the first step.
	 */
	parseInSteps(document: TextDocument, settings: ZoneSettings, options?: ParseOptions): Generator<void, ParsedZone, void>;
	/** The diagnostics of the document itself, e.g. `cnameAndOtherData` on `www A 192.0.2.1` beside a CNAME. */
	validate(document: TextDocument, zone: ParsedZone): Diagnostic[];
	/** What the word at `position` means, e.g. where `MX 20 mx2` stands in its owner's delivery order. */
	getHover(document: TextDocument, zone: ParsedZone, position: Position, settings: ZoneSettings): Hover | undefined;
	/** A mail-redundancy summary above the first MX of each owner, e.g. `1 mail exchanger — no backup`. */
	getCodeLenses(document: TextDocument, zone: ParsedZone, settings: ZoneSettings, features: ClientFeatures): CodeLens[];
	/** Quick fixes for the request's diagnostics, taken from `zone` (which must be the current version). */
	getCodeActions(document: TextDocument, zone: ParsedZone, context: CodeActionContext, features: ClientFeatures): CodeAction[];
	/** Owner, TTL, type and RDATA names of every record, e.g. `mail` in `@ MX 10 mail` as a relative name, LSP-encoded. */
	encodeSemanticTokens(document: TextDocument, zone: ParsedZone): Uint32Array;
	/** The same tokens, only those overlapping `range` (reading only the records around it). */
	getSemanticTokensInRange(document: TextDocument, zone: ParsedZone, range: Range): SemanticTokens;
	/** Origin and record count for the status bar, e.g. `example.com.` with 12 records. */
	getZoneSummary(zone: ParsedZone): ZoneSummary;
	/** The Outline: the zone, each owner with its RRsets (SOA, NS, MX first), `$INCLUDE` and `$GENERATE`. */
	getDocumentSymbols(document: TextDocument, zone: ParsedZone): DocumentSymbol[];
	/** Multi-line records, comment blocks and runs of one owner's records; at most `limit` ranges. */
	getFoldingRanges(document: TextDocument, zone: ParsedZone, limit?: number): FoldingRange[];
	/** Label → word → record → owner run → document, per position. */
	getSelectionRanges(document: TextDocument, zone: ParsedZone, positions: readonly Position[]): SelectionRange[];
	/** The records of the owner a name names, e.g. the `A` of `mx1` from `@ MX 10 mx1`; an `$INCLUDE` path's file. */
	getDefinition(document: TextDocument, zone: ParsedZone, position: Position): Location[];
	/** Every RDATA word naming the name under the cursor (and its owner words with `includeDeclaration`). */
	getReferences(document: TextDocument, zone: ParsedZone, position: Position, includeDeclaration: boolean): Location[];
	/** The name's owner words (write) and references (read) in this document. */
	getDocumentHighlights(document: TextDocument, zone: ParsedZone, position: Position): DocumentHighlight[];
	/** Followed `$INCLUDE` paths as links to the files read. */
	getDocumentLinks(document: TextDocument, zone: ParsedZone): DocumentLink[];
	/** The owner word or reference to rename and its text, or why it cannot be renamed. */
	prepareRename(document: TextDocument, zone: ParsedZone, position: Position): { range: Range; placeholder: string } | RenameRefused;
	/**
	 * "Increment SOA serial" where `range` touches the SOA record, as the quick fix of a
	 * `serialNotIncremented` diagnostic, or as a source action when `only` asks for one.
	 */
	getIncrementSerialActions(
		document: TextDocument,
		zone: ParsedZone,
		range: Range,
		context: Pick<CodeActionContext, 'only' | 'diagnostics'>,
		today: CalendarDate,
	): CodeAction[];
	/** The edit that increments the serial of the document's SOA (date form or +1), with a title. */
	getIncrementSerialEdit(document: TextDocument, zone: ParsedZone, today: CalendarDate): { title: string; edit: WorkspaceEdit } | undefined;
	/** The serial increment to save with, when the records differ from `saved` (the file on disk) and the serial does not. */
	getSerialOnSaveEdits(document: TextDocument, zone: ParsedZone, saved: ParsedZone, today: CalendarDate): TextEdit[];
	/** Column alignment of the records (`zoneSentinel.format.align`), only inside `range` when given; blanks change, nothing else. */
	getFormattingEdits(
		document: TextDocument,
		zone: ParsedZone,
		options: FormattingOptions,
		settings: ZoneSettings,
		range?: Range,
	): TextEdit[];
	/** What may be written at `position`: directives, owners, classes, types and snippets, TTL units, names, the next MX preference. */
	getCompletions(document: TextDocument, zone: ParsedZone, position: Position, options: CompletionOptions): CompletionList;
	/** The hints the settings turn on for the entries in `range`: absolute names, TTLs in units, MX ranks. */
	getInlayHints(document: TextDocument, zone: ParsedZone, range: Range, settings: InlayHintSettings): InlayHint[];
	/** Owners of the open documents and indexed zones that match `query` (case-insensitive subsequence), best first, capped. */
	getWorkspaceSymbols(query: string, sources: Iterable<SymbolSource>): SymbolInformation[];
	/** Renames the owner under the cursor and every reference to it, or says why not. */
	getRenameEdits(
		document: TextDocument,
		zone: ParsedZone,
		position: Position,
		newName: string,
		openTextOf: (uri: string) => string | undefined,
		otherZoneReferences?: OtherZoneReferences,
	): WorkspaceEdit | RenameRefused;
}

export function createLanguageService(): ZoneLanguageService {
	return Object.freeze({
		parse(document: TextDocument, settings: ZoneSettings, options: ParseOptions = {}): ParsedZone {
			const steps = parseInSteps(document, settings, options);
			let step = steps.next();
			while (!step.done) step = steps.next();
			return step.value;
		},
		parseInSteps,
		validate(document: TextDocument, zone: ParsedZone): Diagnostic[] {
			return toDiagnostics(document, zone);
		},
		getHover(document: TextDocument, zone: ParsedZone, position: Position, settings: ZoneSettings): Hover | undefined {
			return getHover(document, zone, position, settings.options);
		},
		getCodeLenses(document: TextDocument, zone: ParsedZone, settings: ZoneSettings, features: ClientFeatures): CodeLens[] {
			return getCodeLenses(document, zone, settings.options, features);
		},
		getCodeActions(document: TextDocument, zone: ParsedZone, context: CodeActionContext, features: ClientFeatures): CodeAction[] {
			return getCodeActions(document, zone, context, features);
		},
		encodeSemanticTokens(document: TextDocument, zone: ParsedZone): Uint32Array {
			return encodeTokens(document, zone);
		},
		getSemanticTokensInRange,
		getZoneSummary(zone: ParsedZone): ZoneSummary {
			return getZoneSummary(zone);
		},
		getDocumentSymbols,
		getFoldingRanges,
		getSelectionRanges,
		getDefinition,
		getReferences,
		getDocumentHighlights,
		getDocumentLinks,
		prepareRename,
		getRenameEdits,
		getIncrementSerialActions,
		getIncrementSerialEdit,
		getSerialOnSaveEdits,
		getFormattingEdits(
			document: TextDocument,
			zone: ParsedZone,
			options: FormattingOptions,
			settings: ZoneSettings,
			range?: Range,
		): TextEdit[] {
			return getFormattingEdits(document, zone, options, settings.format.align, range);
		},
		getCompletions,
		getInlayHints,
		getWorkspaceSymbols: (query: string, sources: Iterable<SymbolSource>) => getWorkspaceSymbols(query, sources),
	});
}

/** What {@link ZoneLanguageService.parse} returns, as steps (see {@link ZoneLanguageService.parseInSteps}). */
function* parseInSteps(document: TextDocument, settings: ZoneSettings, options: ParseOptions = {}): Generator<void, ParsedZone, void> {
	const { includedBy } = options;
	const text = document.getText();
	const analysis = yield* analyzeZoneInSteps(document.uri, text, {
		origin: settings.defaultOrigin ?? undefined,
		fileName: fileNameOf(document.uri),
		resolveInclude: options.resolveInclude,
		// A fragment (includedAt) is not a zone: the core skips the zone-level rules for it.
		ruleLevels: configuredLevels(settings),
		ruleOptions: settings.options,
		includedAt: includedBy?.context,
		workspace: options.workspace,
		mtaStsPolicy: options.mtaStsPolicy,
		mtaStsPolicyProblem: options.mtaStsPolicyProblem,
		previousVersion: options.previousVersion,
		maxZoneCharacters: settings.maxZoneCharacters,
	});
	const shown = options.byteOrderMarkOnDisk && !text.startsWith('\ufeff') ? withHiddenByteOrderMark(analysis) : analysis;
	if (includedBy) return withNote(shown, includedNote(includedBy));
	return shown;
}

/** One information problem at the start of the document, before the others. */
/**
 * The CLI's `byteOrderMark` error, for a mark the editor hides: its text has no U+FEFF to point at
 * or remove, so the message says how to save the file without it.
 */
function withHiddenByteOrderMark(analysis: ZoneAnalysis): ZoneAnalysis {
	const message = BYTE_ORDER_MARK_MESSAGE.replace(
		/\.$/,
		', which the editor does not show (VS Code: Change File Encoding, Save with Encoding, UTF-8).',
	);
	return {
		model: analysis.model,
		problems: [
			{ code: 'byteOrderMark', severity: PROBLEMS.byteOrderMark.severity, message, file: 0, start: 0, end: 0 },
			...analysis.problems,
		],
	};
}

function withNote(analysis: ZoneAnalysis, message: string): ZoneAnalysis {
	return {
		model: analysis.model,
		problems: [{ code: 'includedFragment', severity: 'information', message, file: 0, start: 0, end: 0 }, ...analysis.problems],
	};
}

function includedNote({ uri, line, context }: IncludedBy): string {
	const ttl =
		context.defaultTtl !== undefined
			? `$TTL ${context.defaultTtl}`
			: context.lastTtl !== undefined
				? `TTL ${context.lastTtl} of the record before`
				: 'no TTL';
	return `Checked as included by ${fileNameOf(uri)} (line ${line + 1}), as that zone reads it: origin ${context.origin ?? 'unknown'}, ${ttl}.`;
}

/**
 * Only the levels that differ from a rule's default. A rule may lower its own severity for a weaker
 * case, and the analysis honours that only while the rule runs at its default level.
 */
function configuredLevels(settings: ZoneSettings): Record<string, RuleLevel> {
	const levels: Record<string, RuleLevel> = {};
	for (const rule of ALL_RULES) {
		const level = settings.rules[rule.id];
		if (level !== undefined && level !== rule.defaultLevel) levels[rule.id] = level;
	}
	return levels;
}
