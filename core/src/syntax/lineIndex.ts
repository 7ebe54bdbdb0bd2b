/**
 * Converts offsets to zero-based line/character positions (UTF-16 code units, as LSP counts them).
 * Line ends are `\n`, `\r\n` and a lone `\r`, the same three the scanner knows.
 */

export interface LinePosition {
	readonly line: number;
	readonly character: number;
}

export class LineIndex {
	#lineStarts: Uint32Array | undefined;

	constructor(private readonly text: string) {}

	/** Built on first use: many callers never ask for a position (a file without problems). */
	private get lineStarts(): Uint32Array {
		return (this.#lineStarts ??= lineStartsOf(this.text));
	}

	positionAt(offset: number): LinePosition {
		const lineStarts = this.lineStarts;
		const clamped = Math.max(0, Math.min(offset, this.text.length));
		const line = lineOfOffset(lineStarts, clamped);
		return { line, character: clamped - lineStarts[line] };
	}

	offsetAt(position: LinePosition): number {
		if (position.line >= this.lineStarts.length) return this.text.length;
		const start = this.lineStarts[Math.max(0, position.line)];
		const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
		return Math.min(start + Math.max(0, position.character), next);
	}

	get lineCount(): number {
		return this.lineStarts.length;
	}
}

/**
 * Offsets where lines start, in a typed array (a million-line file would otherwise hold a million
 * boxed numbers). Line ends are found with `indexOf`, much faster than a loop over every character.
 */
function lineStartsOf(text: string): Uint32Array {
	let starts = new Uint32Array(Math.max(16, text.length >>> 6));
	let count = 1;
	let lf = text.indexOf('\n');
	let cr = text.indexOf('\r');
	while (lf !== -1 || cr !== -1) {
		// The nearer line end; `\r\n` is one.
		const next = cr === -1 || (lf !== -1 && lf < cr) ? lf + 1 : text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
		if (count === starts.length) {
			const grown = new Uint32Array(starts.length * 2);
			grown.set(starts);
			starts = grown;
		}
		starts[count++] = next;
		if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
		if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
	}
	return starts.length - count > 4096 ? starts.slice(0, count) : starts.subarray(0, count);
}

/** The line of `offset` given the ascending offsets where lines start (the first is 0): a binary search. */
export function lineOfOffset(lineStarts: ArrayLike<number>, offset: number): number {
	let low = 0;
	let high = lineStarts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >>> 1;
		if (lineStarts[mid] <= offset) low = mid;
		else high = mid - 1;
	}
	return low;
}
