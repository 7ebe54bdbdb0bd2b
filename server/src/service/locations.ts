/**
 * Locations anywhere in a zone: the open document (file 0) or a file reached through `$INCLUDE`,
 * whose id is its `file:` URI (workspace/includeReader.ts). Offsets of other files are converted
 * with a line index of that file's text, built once per request and file.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range } from 'vscode-languageserver-types';
import type { ZoneModel } from '../../../core/src/index';
import { type PositionSource, positionSourceForText, toRange } from './convert';

export class ZoneLocations {
	readonly #sources = new Map<number, PositionSource>();

	constructor(
		private readonly document: TextDocument,
		private readonly model: ZoneModel,
	) {
		this.#sources.set(0, document);
	}

	uriOf(file: number): string {
		return file === 0 ? this.document.uri : this.model.files[file].id;
	}

	range(file: number, start: number, end: number): Range {
		let source = this.#sources.get(file);
		if (!source) {
			source = positionSourceForText(this.model.files[file].syntax.tokens.text);
			this.#sources.set(file, source);
		}
		return toRange(source, start, end);
	}

	location(file: number, start: number, end: number): Location {
		return { uri: this.uriOf(file), range: this.range(file, start, end) };
	}
}
