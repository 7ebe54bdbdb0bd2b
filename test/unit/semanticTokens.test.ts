/**
 * Semantic tokens: decoded back to (text, type, modifiers) so the assertions read like the zone.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone } from '../../core/src/analysis';
import { getSemanticTokens, SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/semanticTokens';
import { getZoneSummary } from '../../server/src/service/zoneSummary';
import { zone } from '../helpers/cursor';

/** Each token as `text type[.modifier…]`, in document order. */
function semanticTokens(text: string): string[] {
	const document = TextDocument.create('file:///zones/example.com.zone', 'dns-zone', 1, text);
	const { data } = getSemanticTokens(document, analyzeZone(document.uri, text));
	const out: string[] = [];
	let line = 0;
	let character = 0;
	for (let i = 0; i < data.length; i += 5) {
		line += data[i];
		character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
		const start = document.offsetAt({ line, character });
		const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
		out.push([text.slice(start, start + data[i + 2]), [SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], ...modifiers].join('.')].join(' '));
	}
	return out;
}

describe('semantic tokens', () => {
	test('owner, TTL, type and RDATA names, relative or absolute, across a multi-line record', () => {
		const text = zone(
			'$ORIGIN example.com.',
			'@ 3600 IN SOA ns1 hostmaster.example.com. (',
			'    1 2h 30m 2w 1h )',
			'www.example.com. 300 MX 10 mail.example.com',
			'  MX ( 20',
			'       mx2.example.net. )',
		);
		assert.deepEqual(semanticTokens(text), [
			'3600 number',
			'SOA type',
			'ns1 variable.relative',
			'hostmaster.example.com. variable.absolute',
			'www.example.com. variable.declaration.absolute',
			'300 number',
			'MX type',
			'mail.example.com variable.relative',
			'MX type',
			'mx2.example.net. variable.absolute',
		]);
	});

	test('no names in blobs, generic RDATA or $GENERATE templates', () => {
		const text = zone('$ORIGIN example.com.', '$TTL 1h', 'host TYPE65534 \\# 4 0A000001', '$GENERATE 1-2 h$ A 192.0.2.$', 'sig TXT "a.b."');
		assert.deepEqual(semanticTokens(text), [
			'host variable.declaration.relative',
			'TYPE65534 type',
			'sig variable.declaration.relative',
			'TXT type',
		]);
	});

	test('the status bar summary: origin and record count', () => {
		const analysis = analyzeZone(
			'file:///zones/db.example.org',
			zone('$TTL 1h', '@ SOA ns1 hostmaster 1 2 3 4 5', '  NS ns1', 'ns1 A 192.0.2.1'),
			{ fileName: 'db.example.org' },
		);
		assert.deepEqual(getZoneSummary(analysis), { origin: 'example.org.', originSource: 'fileName', records: 3 });
	});
});
