/**
 * The one-line summary the VS Code status bar shows for the active zone file: its origin and how
 * many records it has. Problems are counted by the client from its own diagnostics.
 */
import type { OriginSource, ZoneAnalysis } from '../../../core/src/index';

/** Custom request `zoneSentinel/zoneSummary` with params `{ uri }`; the client names it too. */
export const ZONE_SUMMARY_REQUEST = 'zoneSentinel/zoneSummary';

export interface ZoneSummary {
	/** The zone apex, e.g. `example.com.`, or `null` when it could not be determined. */
	readonly origin: string | null;
	/** Where the origin came from: `$ORIGIN`, the SOA owner, the file name, the setting, or `unknown`. */
	readonly originSource: OriginSource;
	/** Records of the zone, those of `$INCLUDE`d files and `$GENERATE` expansions included. */
	readonly records: number;
}

export function getZoneSummary(analysis: ZoneAnalysis): ZoneSummary {
	const { model } = analysis;
	return { origin: model.origin ?? null, originSource: model.originSource, records: model.records.length };
}
