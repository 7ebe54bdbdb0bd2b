/**
 * `zoneSentinel/zoneSummary` (protocol/src/zoneSummary.ts): the VS Code status bar's origin and
 * record count; `null` for a document that is not open, or when the summary failed.
 */
import { RequestType } from 'vscode-languageserver';
import { ZONE_SUMMARY_METHOD, type ZoneSummary, type ZoneSummaryParams } from '../../../protocol/src/index';
import { documentRequest } from '../documentRequest';
import type { ServerState } from '../serverState';

export const ZoneSummaryRequest = new RequestType<ZoneSummaryParams, ZoneSummary | null, void>(ZONE_SUMMARY_METHOD);

export function registerZoneSummary(state: ServerState): void {
	state.connection.onRequest(ZoneSummaryRequest, (params, token) => {
		const uri = params?.uri;
		return documentRequest<ZoneSummary | null>(state, uri, token, {
			errorMessage: `Error while summarising ${String(uri)}`,
			compute: (_document, zone) => state.service.getZoneSummary(zone),
			empty: null,
			failed: null,
		});
	});
}
