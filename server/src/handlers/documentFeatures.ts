/**
 * Hover, code lenses, code actions (quick fixes and "Increment SOA serial"), formatting, the serial
 * increment on save (`willSaveWaitUntil`), and the
 * `zoneSentinel.incrementSerial` command: each a {@link documentRequest} against the shared
 * analysis, answered by the language service.
 */
import { type CodeAction, type CodeLens, Diagnostic, type FormattingOptions, Position, Range, type TextEdit } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CalendarDate, MAX_ZONE_CHARACTERS } from '../../../core/src/index';
import {
	ADD_BACKUP_MX_COMMAND,
	type AddBackupMxArguments,
	INCREMENT_SERIAL_COMMAND,
	type IncrementSerialArguments,
} from '../../../protocol/src/index';
import { contentModified, documentRequest, invalidParams } from '../documentRequest';
import type { ServerState } from '../serverState';
import { readZoneFile } from '../workspace/fileReading';

export function registerDocumentFeatures(state: ServerState): void {
	const { connection, service } = state;

	connection.onHover((params, token) => {
		if (!Position.is(params?.position)) return invalidParams('position must be { line, character } with whole numbers ≥ 0.');
		const uri = params.textDocument?.uri;
		return documentRequest(state, uri, token, {
			errorMessage: `Error while computing the hover for ${String(uri)}`,
			compute: (document, zone, settings) => service.getHover(document, zone, params.position, settings) ?? null,
			empty: null,
			position: params.position,
		});
	});

	connection.onCodeLens((params, token) => {
		const uri = params?.textDocument?.uri;
		return documentRequest<CodeLens[]>(state, uri, token, {
			errorMessage: `Error while computing code lenses for ${String(uri)}`,
			compute: (document, zone, settings) => service.getCodeLenses(document, zone, settings, state.clientFeatures),
			empty: [],
		});
	});

	connection.onCodeAction((params, token) => {
		if (!Array.isArray(params?.context?.diagnostics) || !params.context.diagnostics.every((diagnostic) => Diagnostic.is(diagnostic))) {
			return invalidParams('context.diagnostics must be a list of diagnostics.');
		}
		const uri = params.textDocument?.uri;
		return documentRequest<CodeAction[]>(state, uri, token, {
			errorMessage: `Error while computing code actions for ${String(uri)}`,
			compute: (document, zone) => [
				...service.getCodeActions(document, zone, params.context, state.clientFeatures),
				...(Range.is(params.range) ? service.getIncrementSerialActions(document, zone, params.range, params.context, today()) : []),
			],
			empty: [],
			// Away from the lines just edited, from the last analysis, when the fixes edit none of them either.
			position: Range.is(params.range) ? params.range : undefined,
			changes: (actions) => actions.flatMap((action) => editsInDocument(String(uri), action).map((edit) => edit.range)),
		});
	});

	connection.onDocumentFormatting((params, token) => {
		if (!isFormattingOptions(params?.options)) return invalidParams(FORMATTING_OPTIONS_MESSAGE);
		const uri = params.textDocument?.uri;
		return documentRequest<TextEdit[]>(state, uri, token, {
			errorMessage: `Error while formatting ${String(uri)}`,
			compute: (document, zone, settings) => service.getFormattingEdits(document, zone, params.options, settings),
			empty: [],
		});
	});

	connection.onDocumentRangeFormatting((params, token) => {
		if (!isFormattingOptions(params?.options)) return invalidParams(FORMATTING_OPTIONS_MESSAGE);
		if (!Range.is(params.range)) return invalidParams('range must be { start, end } positions.');
		const uri = params.textDocument?.uri;
		return documentRequest<TextEdit[]>(state, uri, token, {
			errorMessage: `Error while formatting a range of ${String(uri)}`,
			compute: (document, zone, settings) => service.getFormattingEdits(document, zone, params.options, settings, params.range),
			empty: [],
		});
	});

	// Through the document manager: it owns the connection's willSaveWaitUntil handler (TextDocuments.listen).
	state.documents.onWillSaveWaitUntil((event, token) => {
		const uri = event.document.uri;
		return documentRequest<TextEdit[]>(state, uri, token, {
			errorMessage: `Error while incrementing the serial of ${String(uri)} on save`,
			compute: (document, zone, settings) => {
				if (!settings.serial.incrementOnSave) return [];
				// The version on disk is the one being replaced; without one (a new file, not a file: URI) there is nothing to compare.
				const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
				const saved = file === undefined ? undefined : readZoneFile(file, MAX_ZONE_CHARACTERS);
				if (saved === undefined || !('text' in saved)) return [];
				const savedZone = service.parse(TextDocument.create(uri, document.languageId, 0, saved.text), settings);
				return service.getSerialOnSaveEdits(document, zone, savedZone, today());
			},
			// A save must never be held up or refused: any failure saves without the increment.
			empty: [],
			failed: [],
		});
	});

	connection.onExecuteCommand((params, token) => {
		if (params?.command !== INCREMENT_SERIAL_COMMAND) return invalidParams(`Unknown command ${String(params?.command)}.`);
		const args = params.arguments?.[0] as Partial<IncrementSerialArguments> | undefined;
		if (typeof args?.uri !== 'string' || (args.version !== undefined && typeof args.version !== 'number')) {
			return invalidParams(`${INCREMENT_SERIAL_COMMAND} takes one argument { uri, version? }.`);
		}
		return documentRequest(state, args.uri, token, {
			errorMessage: `Error while incrementing the SOA serial of ${args.uri}`,
			compute: async (document, zone) => {
				if (args.version !== undefined && args.version !== document.version) return contentModified();
				const found = service.getIncrementSerialEdit(document, zone, today());
				if (!found) return invalidParams(`${args.uri} has no SOA record whose serial could be read.`);
				const result = await connection.workspace.applyEdit({ label: found.title, edit: found.edit });
				return { applied: result.applied, title: found.title };
			},
			empty: null,
		});
	});
}

/** The edits a code action makes in the document itself: its workspace edit's, or those its command applies (the backup MX). */
function editsInDocument(uri: string, action: CodeAction): readonly TextEdit[] {
	const commandEdits =
		action.command?.command === ADD_BACKUP_MX_COMMAND ? (action.command.arguments?.[0] as AddBackupMxArguments).edits : [];
	return [...(action.edit?.changes?.[uri] ?? []), ...commandEdits];
}

const FORMATTING_OPTIONS_MESSAGE = 'options must be FormattingOptions: { tabSize: integer ≥ 1, insertSpaces: boolean }.';

function isFormattingOptions(options: Partial<FormattingOptions> | undefined): options is FormattingOptions {
	return typeof options?.insertSpaces === 'boolean' && Number.isInteger(options.tabSize) && (options.tabSize ?? 0) >= 1;
}

/** The server's local date: date serials are written in the zone keeper's calendar, as dns-mode does. */
export function today(): CalendarDate {
	const now = new Date();
	return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}
