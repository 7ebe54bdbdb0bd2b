/**
 * A small JSON-with-comments parser that keeps offsets, so a configuration problem can name the
 * line and column of the key at fault. It accepts what VS Code's `jsonc` mode accepts: `//` and
 * `/* *\/` comments and trailing commas; everything else is strict JSON (RFC 8259). It stops at the
 * first syntax error and never throws.
 */

interface Spanned {
	readonly start: number;
	readonly end: number;
}

export interface JsonProperty {
	readonly key: string;
	/** The key with its quotes. */
	readonly keySpan: Spanned;
	readonly value: JsonNode;
}

export type JsonNode = Spanned &
	(
		| { readonly kind: 'object'; readonly properties: readonly JsonProperty[] }
		| { readonly kind: 'array'; readonly items: readonly JsonNode[] }
		| { readonly kind: 'string'; readonly value: string }
		| { readonly kind: 'number'; readonly value: number }
		| { readonly kind: 'boolean'; readonly value: boolean }
		| { readonly kind: 'null'; readonly value: null }
	);

export interface JsonSyntaxError extends Spanned {
	readonly message: string;
}

export type JsoncResult = { readonly root: JsonNode } | { readonly error: JsonSyntaxError };

/** Thrown inside the parser only; {@link parseJsonc} turns it into a result. */
class SyntaxFailure extends Error {
	constructor(readonly failure: JsonSyntaxError) {
		super(failure.message);
	}
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** Deeper nesting is refused, so a hostile file cannot exhaust the stack. */
const MAX_DEPTH = 64;
const LITERALS: readonly (readonly [string, boolean | null])[] = [
	['true', true],
	['false', false],
	['null', null],
];

/** The one value of `text`, or the first syntax error with its span. A leading byte-order mark is skipped. */
export function parseJsonc(text: string): JsoncResult {
	let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let depth = 0;
	const fail = (message: string, start = at, end = Math.min(start + 1, text.length)): never => {
		throw new SyntaxFailure({ start, end, message });
	};
	const describe = (): string => (at >= text.length ? 'the end of the file' : `'${text[at]}'`);

	const skipTrivia = (): void => {
		while (at < text.length) {
			const c = text[at];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r') at++;
			else if (text.startsWith('//', at)) {
				while (at < text.length && text[at] !== '\n') at++;
			} else if (text.startsWith('/*', at)) {
				const close = text.indexOf('*/', at + 2);
				if (close < 0) fail('Unterminated comment: */ is missing.', at, at + 2);
				at = close + 2;
			} else return;
		}
	};

	const parseString = (): string => {
		const start = at++;
		let value = '';
		while (at < text.length) {
			const c = text[at];
			if (c === '"') {
				at++;
				return value;
			}
			if (c === '\\') {
				const escape = text[at + 1];
				if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
					value += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
					at += 6;
				} else if (escape !== undefined && escape in ESCAPES) {
					value += ESCAPES[escape];
					at += 2;
				} else fail('Invalid escape in a string.', at, at + 2);
			} else if (c < ' ') {
				fail(c === '\n' || c === '\r' ? 'Unterminated string.' : 'Control character in a string (write it as an escape).', start, at);
			} else {
				value += c;
				at++;
			}
		}
		return fail('Unterminated string.', start, at);
	};

	const parseValue = (): JsonNode => {
		skipTrivia();
		const start = at;
		const c = text[at];
		if (c === '{') return parseObject();
		if (c === '[') return parseArray();
		if (c === '"') {
			const value = parseString();
			return { kind: 'string', value, start, end: at };
		}
		NUMBER.lastIndex = at;
		const number = NUMBER.exec(text);
		if (number) {
			at += number[0].length;
			return { kind: 'number', value: Number(number[0]), start, end: at };
		}
		for (const [word, value] of LITERALS) {
			if (text.startsWith(word, at)) {
				at += word.length;
				return value === null ? { kind: 'null', value, start, end: at } : { kind: 'boolean', value, start, end: at };
			}
		}
		return fail(`Expected a value, found ${describe()}.`);
	};

	/** The items of an object or array up to `close`, one `item()` each, commas between (a trailing one allowed). */
	const parseList = (close: string, item: () => void): void => {
		if (++depth > MAX_DEPTH) fail(`Nested more than ${MAX_DEPTH} levels deep.`);
		at++;
		skipTrivia();
		while (text[at] !== close) {
			item();
			skipTrivia();
			if (text[at] === ',') {
				at++;
				skipTrivia();
			} else if (text[at] !== close) fail(`Expected ',' or '${close}', found ${describe()}.`);
		}
		at++;
		depth--;
	};

	const parseObject = (): JsonNode => {
		const start = at;
		const properties: JsonProperty[] = [];
		parseList('}', () => {
			if (text[at] !== '"') fail(`Expected a key in double quotes, found ${describe()}.`);
			const keyStart = at;
			const key = parseString();
			const keySpan = { start: keyStart, end: at };
			skipTrivia();
			if (text[at] !== ':') fail(`Expected ':' after the key "${key}", found ${describe()}.`);
			at++;
			const value = parseValue();
			if (properties.some((property) => property.key === key)) fail(`The key "${key}" is given twice.`, keySpan.start, keySpan.end);
			properties.push({ key, keySpan, value });
		});
		return { kind: 'object', properties, start, end: at };
	};

	const parseArray = (): JsonNode => {
		const start = at;
		const items: JsonNode[] = [];
		parseList(']', () => items.push(parseValue()));
		return { kind: 'array', items, start, end: at };
	};

	try {
		const root = parseValue();
		skipTrivia();
		if (at < text.length) fail(`Expected the end of the file after the value, found ${describe()}.`);
		return { root };
	} catch (error) {
		if (error instanceof SyntaxFailure) return { error: error.failure };
		throw error;
	}
}

/** The plain value of a node (objects and arrays converted deeply). */
export function jsonValue(node: JsonNode): unknown {
	if (node.kind === 'object') return Object.fromEntries(node.properties.map((property) => [property.key, jsonValue(property.value)]));
	if (node.kind === 'array') return node.items.map(jsonValue);
	return node.value;
}
