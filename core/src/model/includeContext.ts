/**
 * The state a file reached through `$INCLUDE` starts in: the origin it starts with (RFC 1035 §5.1),
 * the `$TTL` in force and the previous record's TTL and class. A fragment opened on its own can be
 * analysed with the context of the zone that includes it (`AnalysisOptions.includedAt`).
 */
export interface IncludeContext {
	readonly origin?: string;
	readonly defaultTtl?: number;
	readonly lastTtl?: number;
	readonly zoneClass?: string;
}
