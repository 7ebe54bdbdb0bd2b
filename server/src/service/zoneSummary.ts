/**
 * The one-line summary the VS Code status bar shows for the active zone file: its origin and how
 * many records it has. The request's name and types are the protocol's (protocol/src/zoneSummary.ts).
 */
import type { OriginSource, ZoneAnalysis } from '../../../core/src/index';
import type { ZoneSummary, ZoneSummaryOriginSource } from '../../../protocol/src/index';

export type { ZoneSummary };

/** Fails to compile when the core gains an origin source the protocol does not list. */
const originSourceOf = (source: OriginSource): ZoneSummaryOriginSource => source;

export function getZoneSummary(analysis: ZoneAnalysis): ZoneSummary {
	const { model } = analysis;
	return { origin: model.origin ?? null, originSource: originSourceOf(model.originSource), records: model.records.length };
}
