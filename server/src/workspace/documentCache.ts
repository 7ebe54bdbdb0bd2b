/**
 * Keeps one analysis per open document: recomputed only when the version or the settings that
 * shaped it change, and dropped when the document closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface Entry<T> {
	readonly version: number;
	readonly key: string;
	readonly value: T;
}

export class DocumentCache<T> {
	readonly #entries = new Map<string, Entry<T>>();

	/**
	 * The value for this version of the document, computed at most once per (uri, version, key).
	 * `key` identifies the inputs besides the text, e.g. the serialized settings.
	 */
	get(document: TextDocument, key: string, compute: () => T): T {
		const entry = this.#entries.get(document.uri);
		if (entry && entry.version === document.version && entry.key === key) return entry.value;
		const value = compute();
		this.#entries.set(document.uri, { version: document.version, key, value });
		return value;
	}

	/** True when the value for this version and key is already computed. */
	has(document: TextDocument, key: string): boolean {
		const entry = this.#entries.get(document.uri);
		return entry !== undefined && entry.version === document.version && entry.key === key;
	}

	/** The value last computed for the document at `uri`, whatever its version and key. */
	latest(uri: string): Entry<T> | undefined {
		return this.#entries.get(uri);
	}

	/** The value kept for each document, whatever its version and key. */
	*entries(): IterableIterator<[uri: string, value: T]> {
		for (const [uri, entry] of this.#entries) yield [uri, entry.value];
	}

	delete(uri: string): void {
		this.#entries.delete(uri);
	}

	clear(): void {
		this.#entries.clear();
	}
}
