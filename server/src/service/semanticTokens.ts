/**
 * Semantic tokens: what the model knows about each word that the TextMate grammar can only guess.
 * The grammar reads one line at a time, so it loses track in records split over lines, in RDATA
 * after a parenthesis and in types it colours generically; the model knows, for every record of
 * the open file, which word is the owner, the TTL, the type and which RDATA words are names.
 *
 * Token types are the standard `variable`, `type` and `number`; names carry `declaration` on the
 * owner, and `absolute` or `relative` (`mail.example.com.` vs `mail`). package.json maps each
 * combination to the grammar's own scopes (`semanticTokenScopes`), so themes colour both alike.
 * `@` is left to the grammar, which gives it a scope of its own.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { isAbsoluteName, rdataNames, type ZoneAnalysis } from '../../../core/src/index';

const TOKEN_TYPES = ['variable', 'type', 'number'] as const;
const TOKEN_MODIFIERS = ['declaration', 'absolute', 'relative'] as const;

/** The legend the server announces; token data indexes into it. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = Object.freeze({
	tokenTypes: [...TOKEN_TYPES],
	tokenModifiers: [...TOKEN_MODIFIERS],
});

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

interface Token {
	readonly start: number;
	readonly end: number;
	readonly type: TokenType;
	readonly modifiers: readonly TokenModifier[];
}

/** Semantic tokens of every record in the open document (file 0), in document order. */
export function getSemanticTokens(document: TextDocument, analysis: ZoneAnalysis): SemanticTokens {
	const { model } = analysis;
	const file = model.files[0];
	if (!file) return { data: [] };
	const tokens = file.syntax.tokens;
	const collected: Token[] = [];
	const word = (fields: Uint32Array, index: number, type: TokenType, modifiers: readonly TokenModifier[]): void => {
		if (index < 0 || index >= fields.length) return;
		const token = fields[index];
		collected.push({ start: tokens.start(token), end: tokens.end(token), type, modifiers });
	};
	const name = (fields: Uint32Array, index: number, declaration: boolean): void => {
		if (index < 0 || index >= fields.length) return;
		const text = tokens.tokenText(fields[index]);
		if (text === '@' || text.startsWith('"')) return;
		const kind: TokenModifier = isAbsoluteName(text) ? 'absolute' : 'relative';
		word(fields, index, 'variable', declaration ? ['declaration', kind] : [kind]);
	};

	for (const record of model.records) {
		// $GENERATE records point at their directive's words, which are templates, not names.
		if (record.file !== 0 || record.generated) continue;
		const fields = record.entry.fields;
		name(fields, record.ownerField, true);
		word(fields, record.ttlField, 'number', []);
		word(fields, record.typeField, 'type', []);
		for (const { field } of rdataNames(record)) name(fields, field, false);
	}
	return { data: encode(document, collected) };
}

/** LSP's relative encoding: per token, line delta, start delta, length, type index, modifier bits. */
function encode(document: TextDocument, tokens: Token[]): number[] {
	tokens.sort((a, b) => a.start - b.start);
	const data: number[] = [];
	let previousLine = 0;
	let previousCharacter = 0;
	for (const token of tokens) {
		const { line, character } = document.positionAt(token.start);
		let modifiers = 0;
		for (const modifier of token.modifiers) modifiers |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
		data.push(
			line - previousLine,
			line === previousLine ? character - previousCharacter : character,
			token.end - token.start,
			TOKEN_TYPES.indexOf(token.type),
			modifiers,
		);
		previousLine = line;
		previousCharacter = character;
	}
	return data;
}
