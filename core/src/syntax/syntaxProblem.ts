/**
 * A problem found while reading the text, in offsets of one file. Syntax problems are always
 * errors unless marked otherwise; they cannot be switched off like rules.
 */
export interface SyntaxProblem {
	/** Stable camelCase code, e.g. `unbalancedParenthesis`; shares one namespace with rule ids. */
	readonly code: string;
	readonly message: string;
	readonly start: number;
	readonly end: number;
	readonly severity?: 'error' | 'warning' | 'information';
}
