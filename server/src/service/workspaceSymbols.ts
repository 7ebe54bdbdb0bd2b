/**
 * Workspace symbols: the owners of the workspace's zones whose name holds the query as a
 * case-insensitive subsequence (`wmx` finds `www.mx.example.com.`), best matches first: names that
 * start with the query, then those that contain it, then the rest; shorter names first within each.
 * Open documents answer for themselves (their current text); the workspace index answers for the
 * other zone files, as saved.
 */
import { type SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import { MAX_WORKSPACE_SYMBOLS, ownerIndex, type WorkspaceOwner, type ZoneAnalysis, type ZoneFacts } from '../../../core/src/index';
import { toRange } from './convert';
import type { PositionSource } from './convert';

/** One place to search: an open document's analysis, or an indexed zone's facts. */
export type SymbolSource =
	| { readonly kind: 'open'; readonly uri: string; readonly document: PositionSource; readonly analysis: ZoneAnalysis }
	| { readonly kind: 'indexed'; readonly facts: ZoneFacts };

/** The matching owners, at most `limit`. */
export function getWorkspaceSymbols(query: string, sources: Iterable<SymbolSource>, limit = MAX_WORKSPACE_SYMBOLS): SymbolInformation[] {
	const wanted = query.toLowerCase();
	// Three tiers of match quality; the search stops early once the best tier alone is full.
	const tiers: SymbolInformation[][] = [[], [], []];
	const consider = (lowerCaseName: string, make: () => SymbolInformation): boolean => {
		const tier = matchTier(lowerCaseName, wanted);
		if (tier !== undefined && tiers[tier].length < limit) tiers[tier].push(make());
		return tiers[0].length >= limit;
	};
	search: for (const source of sources) {
		if (source.kind === 'open') {
			const { model } = source.analysis;
			for (const first of ownerIndex(model).firstRecords()) {
				// An owner first written in an included file is that file's symbol: the index lists it there.
				if (first.file !== 0) continue;
				const symbol = (): SymbolInformation => {
					const entry = first.entry;
					return {
						name: first.owner,
						kind: SymbolKind.Namespace,
						location: { uri: source.uri, range: toRange(source.document, entry.start, entry.end) },
						containerName: model.origin,
					};
				};
				// The key is the owner in lower case (escapes decoded): no case folding per name.
				if (consider(first.ownerKey, symbol)) break search;
			}
		} else {
			const { facts } = source;
			for (const owner of facts.owners) {
				if (consider(owner.name.toLowerCase(), () => indexedSymbol(owner, facts.apex))) break search;
			}
		}
	}
	for (const tier of tiers) tier.sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return tiers.flat().slice(0, limit);
}

function indexedSymbol(owner: WorkspaceOwner, apex: string): SymbolInformation {
	return {
		name: owner.name,
		kind: SymbolKind.Namespace,
		location: { uri: owner.at.fileId, range: { start: owner.at.start, end: owner.at.end } },
		containerName: apex,
	};
}

/** 0: `name` starts with `query`; 1: contains it; 2: holds it as a subsequence; `undefined`: no match. Both lower-case. */
function matchTier(name: string, query: string): 0 | 1 | 2 | undefined {
	if (name.startsWith(query)) return 0;
	if (name.includes(query)) return 1;
	let at = 0;
	for (let i = 0; i < name.length && at < query.length; i++) if (name.charCodeAt(i) === query.charCodeAt(at)) at++;
	return at === query.length ? 2 : undefined;
}
