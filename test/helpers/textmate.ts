/**
 * Tokenizes text with the extension's TextMate grammar exactly as VS Code does: vscode-textmate
 * with the Oniguruma regex engine compiled to WebAssembly (vscode-oniguruma).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { type IGrammar, INITIAL, parseRawGrammar, Registry, type StateStack } from 'vscode-textmate';
import { REPO_ROOT } from './paths';

export const GRAMMAR_FILE = path.join(REPO_ROOT, 'syntaxes', 'dns-zone.tmLanguage.json');
export const SCOPE_NAME = 'source.dns-zone';

/** One token of one line: its text and its scopes, outermost first. */
export interface ScopedToken {
	readonly text: string;
	readonly scopes: readonly string[];
}

let loaded: Promise<IGrammar> | undefined;

/** The grammar, loaded once per test process. */
export function loadZoneGrammar(): Promise<IGrammar> {
	loaded ??= (async () => {
		const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
		await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
		const registry = new Registry({
			onigLib: Promise.resolve({
				createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
				createOnigString: (text: string) => new oniguruma.OnigString(text),
			}),
			loadGrammar: (scopeName: string) =>
				Promise.resolve(scopeName === SCOPE_NAME ? parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null),
		});
		const grammar = await registry.loadGrammar(SCOPE_NAME);
		if (!grammar) throw new Error(`${GRAMMAR_FILE} did not load`);
		return grammar;
	})();
	return loaded;
}

/** The tokens of every line of `text`, carrying the rule stack from line to line as an editor does. */
export function tokenizeLines(grammar: IGrammar, text: string): ScopedToken[][] {
	let state: StateStack = INITIAL;
	return text.split(/\r?\n/).map((line) => {
		const result = grammar.tokenizeLine(line, state);
		state = result.ruleStack;
		return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
	});
}

/**
 * A readable snapshot: each line, then one row per token with its own scopes (the grammar's
 * `meta.*` and `source.dns-zone` left out, and the `.dns-zone` suffix dropped). Blanks without a
 * scope of their own are omitted.
 */
export function scopeSnapshot(grammar: IGrammar, text: string): string {
	const out: string[] = [];
	tokenizeLines(grammar, text).forEach((tokens, index) => {
		const line = tokens.map((token) => token.text).join('');
		if (line === '' && index > 0) return;
		out.push(`${String(index + 1).padStart(3)} | ${line}`);
		for (const token of tokens) {
			const scopes = ownScopes(token.scopes);
			if (scopes.length === 0 && token.text.trim() === '') continue;
			out.push(`    | ${JSON.stringify(token.text).padEnd(28)} ${scopes.join(' ') || '-'}`);
		}
	});
	return out.join('\n') + '\n';
}

function ownScopes(scopes: readonly string[]): string[] {
	return scopes.filter((scope) => scope !== SCOPE_NAME && !scope.startsWith('meta.')).map((scope) => scope.replace(/\.dns-zone$/, ''));
}
