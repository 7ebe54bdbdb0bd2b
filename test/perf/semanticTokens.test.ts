/**
 * Linear time of semantic tokens (issue 12): the full tokens of the bench's zone at n and 2n
 * records, and of a zone whose records span three lines in parentheses, each the best of three; twice
 * the records may take at most 2.6× the time (test/helpers/linearity.ts). No absolute time is asserted;
 * `node out/test/bench/semanticTokens.js` prints those.
 */
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone } from '../../core/src/analysis';
import { getSemanticTokens } from '../../server/src/service/semanticTokens';
import { generateZone } from '../bench/generateZone';
import { assertDoublesLinearly } from '../helpers/linearity';

/** The full tokens of `text`, analysed once beforehand: only the tokens are timed. */
function tokensOf(text: string): () => void {
	const document = TextDocument.create('file:///zones/example.com.zone', 'dns-zone', 1, text);
	const analysis = analyzeZone(document.uri, text);
	return () => void getSemanticTokens(document, analysis);
}

const multiLine = (n: number): string =>
	'$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n' +
	Array.from(
		{ length: n },
		(_, i) => `h${i}\tMX ( 10\n\t\tmx${i}.example.net. ) ; é\nh${i}.example.com. 60 SRV ( 0 5\n 25 mx${i} )\n`,
	).join('');

describe('semantic tokens take linear time', () => {
	test('the bench zone', () => {
		assertDoublesLinearly('semantic tokens', tokensOf(generateZone({ records: 100_000 })), tokensOf(generateZone({ records: 200_000 })));
	});

	test('records over several lines in parentheses', () => {
		assertDoublesLinearly('semantic tokens, multi-line records', tokensOf(multiLine(25_000)), tokensOf(multiLine(50_000)));
	});
});
