/**
 * The index's "names this zone points at outside itself" (what cross-zone references and rename
 * read): every RDATA name word outside the apex, with its spelling and exact range; in-zone names
 * left out (the zone answers for those itself); bounded per zone, with the overflow marked.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_WORKSPACE_REFERENCES_PER_ZONE, WorkspaceIndex, workspaceFactsOf } from '../../core/src/index';

const COM = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@\tSOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'\tNS ns1',
	'\tNS ns.example.net.',
	'ns1 A 192.0.2.53',
	'@ MX 10 mx1',
	'; the backup, in parentheses:',
	'@ MX 20 ( mx2.example.net. )',
	'mx1 A 192.0.2.25',
	'$ORIGIN example.net.',
	'alias CNAME mx2',
	'',
].join('\n');

test('words naming names outside the zone, by key, with their spelling and range', () => {
	const facts = workspaceFactsOf('file:///z/example.com.zone', COM).zone!;
	assert.deepEqual([...facts.outsideReferences.keys()].sort(), ['mx2.example.net.', 'ns.example.net.']);
	const mx2 = facts.outsideReferences.get('mx2.example.net.')!;
	assert.deepEqual(
		mx2.map(({ name, written, at }) => [name, written, at.start.line, at.start.character, at.end.character]),
		[
			['mx2.example.net.', 'mx2.example.net.', 8, 10, 26],
			// Out-of-zone data under a second $ORIGIN (BIND ignores the record, but the word is there to rename).
			['mx2.example.net.', 'mx2', 11, 12, 15],
		],
	);
	assert.equal(facts.outsideReferencesCapped, false);

	const net = workspaceFactsOf('file:///z/example.net.zone', '$ORIGIN example.net.\n@ SOA ns1 h 1 2 3 4 5\nmx2 A 192.0.2.1\n').zone!;
	const index = new WorkspaceIndex([facts, net]);
	assert.deepEqual(
		index.referencesTo('mx2.example.net.', 'example.net.').found.map(({ zone }) => zone.fileId),
		['file:///z/example.com.zone'],
	);
	assert.deepEqual(index.referencesTo('mx2.example.net.', 'example.com.').found, []);
});

test('a zone naming more outside names than the index keeps is marked, and reported as possibly naming any', () => {
	const lines = ['$ORIGIN example.com.', '@ SOA ns1 h 1 2 3 4 5', 'ns1 A 192.0.2.1'];
	for (let i = 0; i <= MAX_WORKSPACE_REFERENCES_PER_ZONE; i++) lines.push(`h${i} CNAME t${i}.example.org.`);
	const facts = workspaceFactsOf('file:///z/big.zone', lines.join('\n') + '\n').zone!;
	assert.equal(facts.outsideReferences.size, MAX_WORKSPACE_REFERENCES_PER_ZONE);
	assert.equal(facts.outsideReferencesCapped, true);
	const { found, capped } = new WorkspaceIndex([facts]).referencesTo('elsewhere.example.net.');
	assert.deepEqual([found.length, capped.map((zone) => zone.fileId)], [0, ['file:///z/big.zone']]);
});
