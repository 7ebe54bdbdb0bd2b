/**
 * The SPF records a zone gives the workspace index (zoneFacts.ts): decoded as the zone's own are,
 * and each term located, through the compact runs the facts keep instead of the text, exactly where
 * the zone's own analysis places it (multi-string, escapes, records over several lines, tabs); and
 * bounded per zone.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { workspaceFactsOf } from '../../core/src/analysis';
import { MAX_WORKSPACE_SPF_RECORDS_PER_ZONE } from '../../core/src/limits';
import { mailAuthRecords } from '../../core/src/model/mail/auth/authRecords';
import { parseSpfTerms } from '../../core/src/model/mail/auth/spf';
import { buildZoneModel } from '../../core/src/model/lower';
import { workspaceTextLocation } from '../../core/src/model/workspace/workspaceIndex';
import { textSpan } from '../../core/src/model/txtText';
import { LineIndex } from '../../core/src/syntax/lineIndex';

const ZONE = [
	'$ORIGIN example.net.',
	'$TTL 1h',
	'@ SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'  NS ns1',
	'ns1 A 198.51.100.53',
	'_spf TXT "v=spf1 a:1.example.org " "mx:2.example.org -all"',
	'_esc\tTXT\t"v=spf1 \\097:x.example.org \\"q ip4:192.0.2.0/24" "\\126all"',
	'_lines TXT ( "v=spf1 include:_spf.example.net "',
	'\t\t"a:é.example.org"   ; a comment',
	'\t\t" -all" )',
	'other TXT "not spf"',
	'',
].join('\n');

test("each term of a sibling zone's SPF record is located where the zone's own analysis puts it", () => {
	const { zone } = workspaceFactsOf('file:///zones/example.net.zone', ZONE, { fileName: 'example.net.zone' });
	assert.ok(zone);
	assert.deepEqual([...zone.spf.keys()].sort(), ['_esc.example.net.', '_lines.example.net.', '_spf.example.net.']);
	assert.equal(zone.spfTruncated, false);
	const model = buildZoneModel('file:///zones/example.net.zone', ZONE, { fileName: 'example.net.zone' });
	const lines = new LineIndex(ZONE);
	let checked = 0;
	for (const [key, [txt]] of zone.spf) {
		const [own] = mailAuthRecords(model).spf.get(key) ?? [];
		assert.equal(txt.text, own.txt.text, key);
		const terms = parseSpfTerms(txt.text);
		assert.deepEqual(terms, own.terms);
		for (const term of terms) {
			const span = textSpan(own.txt, term.from, term.to);
			assert.deepEqual(
				workspaceTextLocation(txt, term.from, term.to),
				{ fileId: 'file:///zones/example.net.zone', start: lines.positionAt(span.start), end: lines.positionAt(span.end) },
				`${key} ${txt.text.slice(term.from, term.to)}`,
			);
			checked++;
		}
		// Every single character too, escapes included.
		for (let i = 0; i < txt.text.length; i++) {
			const span = textSpan(own.txt, i, i + 1);
			assert.deepEqual(workspaceTextLocation(txt, i, i + 1).start, lines.positionAt(span.start), `${key} ${i}`);
			assert.deepEqual(workspaceTextLocation(txt, i, i + 1).end, lines.positionAt(span.end), `${key} ${i}`);
		}
	}
	// _esc has 3: its strings join with no blank, so ip4:…/24 and ~all are one (invalid) term, as receivers read it.
	assert.equal(checked, 9);
});

test('a zone gives at most MAX_WORKSPACE_SPF_RECORDS_PER_ZONE SPF records, and says it left some out', () => {
	const records = Array.from({ length: MAX_WORKSPACE_SPF_RECORDS_PER_ZONE + 5 }, (_, i) => `h${i} TXT "v=spf1 -all"`);
	const text = ['$ORIGIN example.net.', '$TTL 1h', '@ SOA ns1 hostmaster 1 7200 3600 1209600 3600', '  NS ns1', ...records, ''].join('\n');
	const { zone } = workspaceFactsOf('file:///zones/example.net.zone', text, {});
	assert.equal(zone?.spf.size, MAX_WORKSPACE_SPF_RECORDS_PER_ZONE);
	assert.equal(zone?.spfTruncated, true);
});
