/**
 * Keeps one analysis per open document, for one version and the settings that shaped it (`key`),
 * until a newer one replaces it or the document closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface Entry<T> {
	readonly version: number;
	readonly key: string;
	readonly value: T;
}

export class DocumentCache<T> {
	readonly #entries = new Map<string, Entry<T>>();

	/** The entry for this version of the document and key, when it is computed. */
	current(document: TextDocument, key: string): T | undefined {
		const entry = this.#entries.get(document.uri);
		return entry !== undefined && entry.version === document.version && entry.key === key ? entry.value : undefined;
	}

	/** Keeps `value` as the one for this version of the document and key. */
	set(document: TextDocument, key: string, value: T): void {
		this.#entries.set(document.uri, { version: document.version, key, value });
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
