/**
 * Converts offsets to zero-based line/character positions (UTF-16 code units, as LSP counts them).
 * Line ends are `\n`, `\r\n` and a lone `\r`, the same three the scanner knows.
 */

export interface LinePosition {
	readonly line: number;
	readonly character: number;
}

export class LineIndex {
	private readonly lineStarts: number[];

	constructor(private readonly text: string) {
		const starts = [0];
		for (let i = 0; i < text.length; i++) {
			const code = text.charCodeAt(i);
			if (code === 0x0a) starts.push(i + 1);
			else if (code === 0x0d) {
				if (text.charCodeAt(i + 1) === 0x0a) i++;
				starts.push(i + 1);
			}
		}
		this.lineStarts = starts;
	}

	positionAt(offset: number): LinePosition {
		const clamped = Math.max(0, Math.min(offset, this.text.length));
		let low = 0;
		let high = this.lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >>> 1;
			if (this.lineStarts[mid] <= clamped) low = mid;
			else high = mid - 1;
		}
		return { line: low, character: clamped - this.lineStarts[low] };
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
