/** The one edit shape every fix, format and rename the core makes is built from: offsets, never positions. */
import type { SourceSpan } from '../model/zoneModel';

/** Replace `[start, end)` of one file with `newText`. */
export interface OffsetEdit extends SourceSpan {
	readonly newText: string;
}
