/**
 * The `zoneSentinel/zoneSummary` request: the one-line summary the VS Code status bar shows for
 * the active zone file, its origin and how many records it has. Problems are counted by the client
 * from its own diagnostics. Imports nothing.
 */

/** Params {@link ZoneSummaryParams}; result {@link ZoneSummary}, or `null` for a document that is not open. */
export const ZONE_SUMMARY_METHOD = 'zoneSentinel/zoneSummary';

export interface ZoneSummaryParams {
	readonly uri: string;
}

/** Where the origin came from: the setting, the SOA owner, `$ORIGIN`, the file name, or `unknown`. */
export type ZoneSummaryOriginSource = 'option' | 'soa' | '$ORIGIN' | 'fileName' | 'unknown';

export interface ZoneSummary {
	/** The zone apex, e.g. `example.com.`, or `null` when it could not be determined. */
	readonly origin: string | null;
	readonly originSource: ZoneSummaryOriginSource;
	/** Records of the zone, those of `$INCLUDE`d files and `$GENERATE` expansions included. */
	readonly records: number;
}
