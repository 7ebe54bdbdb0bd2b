/**
 * The workspace symbol search on its own: match tiers, the cap, and the index's owner facts (bounded
 * per zone, first position of each owner).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeZone, LineIndex, MAX_WORKSPACE_OWNERS_PER_ZONE, zoneFactsOf } from '../../core/src/index';
import { getWorkspaceSymbols, type SymbolSource } from '../../server/src/service/workspaceSymbols';
import { zone } from '../helpers/cursor';

const TEXT = zone(
	'$ORIGIN example.com.',
	'$TTL 1h',
	'xmail A 192.0.2.1',
	'mail A 192.0.2.2',
	'm-a-i-l A 192.0.2.3',
	'\tAAAA 2001:db8::3',
	'mailbox A 192.0.2.4',
);

function openSource(text: string): SymbolSource {
	return {
		kind: 'open',
		uri: 'file:///z/example.com.zone',
		document: new LineIndex(text),
		analysis: analyzeZone('file:///z/example.com.zone', text),
	};
}

test('prefix matches first, then substrings, then subsequences; shorter names first within each', () => {
	const names = getWorkspaceSymbols('MAIL', [openSource(TEXT)]).map((symbol) => symbol.name);
	assert.deepEqual(names, ['mail.example.com.', 'mailbox.example.com.', 'xmail.example.com.', 'm-a-i-l.example.com.']);
});

test('at most `limit` results, the best tier kept', () => {
	const names = getWorkspaceSymbols('mail', [openSource(TEXT)], 2).map((symbol) => symbol.name);
	assert.deepEqual(names, ['mail.example.com.', 'mailbox.example.com.']);
});

test('the index keeps each owner once, at its first record, and at most the per-zone bound', () => {
	const facts = zoneFactsOf(analyzeZone('file:///z/example.com.zone', TEXT).model);
	assert.deepEqual(
		facts?.owners.map((owner) => [owner.name, owner.at.start.line]),
		[
			['xmail.example.com.', 2],
			['mail.example.com.', 3],
			['m-a-i-l.example.com.', 4],
			['mailbox.example.com.', 6],
		],
	);
	const many = zone(
		'$ORIGIN example.com.',
		'$TTL 1h',
		...Array.from({ length: MAX_WORKSPACE_OWNERS_PER_ZONE + 5 }, (_, i) => `h${i} A 192.0.2.1`),
	);
	assert.equal(zoneFactsOf(analyzeZone('file:///z/big.zone', many).model)?.owners.length, MAX_WORKSPACE_OWNERS_PER_ZONE);
});
