/**
 * Inline silencing, keyed on rule ids, never on message text:
 * `; zone-sentinel-disable-next-line mxSingle, rrsetTtlMismatch` silences those rules on the next
 * record; without ids it silences every rule there. Syntax problems cannot be silenced.
 */
import { EntryKind } from '../syntax/parser';
import { TokenKind } from '../syntax/scanner';
import type { SourceSpan, ZoneModel } from '../model/zoneModel';

const DIRECTIVE = /zone-sentinel-disable-next-line\b\s*([\w\s,]*)/;

interface Suppression extends SourceSpan {
	/** Rule ids, or `undefined` for all rules. */
	readonly ids: ReadonlySet<string> | undefined;
}

export function findSuppressions(model: ZoneModel): Suppression[] {
	const found: Suppression[] = [];
	model.files.forEach((file, fileIndex) => {
		const { tokens, entries } = file.syntax;
		// Cheap pre-check: most files have no directive at all.
		if (!tokens.text.includes('zone-sentinel-disable')) return;
		let entryIndex = 0;
		for (let i = 0; i < tokens.count; i++) {
			if (tokens.kind(i) !== TokenKind.Comment) continue;
			const match = DIRECTIVE.exec(tokens.tokenText(i));
			if (!match) continue;
			const commentEnd = tokens.end(i);
			// The next entry that starts on a later line than the comment.
			while (entryIndex < entries.length && entries.get(entryIndex).lineStart < commentEnd) entryIndex++;
			const entry = entryIndex < entries.length ? entries.get(entryIndex) : undefined;
			if (!entry || (entry.kind === EntryKind.Directive && !tokens.tokenText(entry.fields[0]).toUpperCase().startsWith('$GENERATE')))
				continue;
			const ids = match[1].split(/[\s,]+/).filter(Boolean);
			found.push({ file: fileIndex, start: entry.lineStart, end: entry.end, ids: ids.length ? new Set(ids) : undefined });
		}
	});
	return found;
}

/**
 * True when a suppression covers the start of `span` for this rule. `suppressions` is in file order
 * (as {@link findSuppressions} returns it) and each covers one entry, so a binary search finds the
 * candidates: a scan per finding made a zone with many directives and findings quadratic.
 */
export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, span: SourceSpan): boolean {
	// The first suppression that starts after the span, in (file, start) order.
	let low = 0;
	let high = suppressions.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		const s = suppressions[mid];
		if (s.file < span.file || (s.file === span.file && s.start <= span.start)) low = mid + 1;
		else high = mid;
	}
	// Walk back over the suppressions of the entry holding the span (several comments may name it).
	for (let i = low - 1; i >= 0; i--) {
		const s = suppressions[i];
		if (s.file !== span.file || span.start > s.end) return false;
		if (s.ids === undefined || s.ids.has(ruleId)) return true;
	}
	return false;
}
