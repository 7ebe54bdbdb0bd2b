/**
 * Problems of a `.zone-sentinel.json` are shown on that file: diagnostics published for its URI
 * (the file is not a zone, so no pull would ask for them), each naming the key at fault, and one
 * line in the log. While a file has problems it is not used: its zones get the client's settings
 * and the defaults, and the diagnostics say why.
 */
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { SERVER_NAME } from '../../../protocol/src/index';
import { positionSourceForText, toRange } from '../service/convert';
import type { ServerState } from '../serverState';
import type { FoundConfig } from '../workspace/configFiles';

export function registerConfigFiles(state: ServerState): void {
	/** What was last published per configuration file, so an unchanged file is not published again. */
	const published = new Map<string, string>();
	state.onConfigRead = (found: FoundConfig): void => {
		const diagnostics = configDiagnostics(found);
		const key = JSON.stringify(diagnostics);
		if ((published.get(found.file) ?? '[]') === key) return;
		published.set(found.file, key);
		if (diagnostics.length > 0)
			state.log(`${found.file}: ${diagnostics.length} problem(s); this configuration file is not used until they are fixed.`);
		publish(found.file, diagnostics);
	};
	// A changed file is judged again when a document's settings are next read; until then (and for
	// good, if it was deleted) its old problems are cleared.
	state.onConfigChanged = (): void => {
		for (const [file, key] of published) if (key !== '[]') publish(file, []);
		published.clear();
	};
	const publish = (file: string, diagnostics: Diagnostic[]): void => {
		state.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics }).catch(() => undefined);
	};
}

/** One error per problem, at the key or value it names (LSP positions: UTF-16 columns). */
export function configDiagnostics(found: FoundConfig): Diagnostic[] {
	const source = positionSourceForText(found.text);
	return found.parsed.problems.map((problem) => ({
		range: toRange(source, problem.start, problem.end),
		severity: DiagnosticSeverity.Error,
		source: SERVER_NAME,
		code: 'invalidConfig',
		message: `${problem.key}: ${problem.message}`,
	}));
}
