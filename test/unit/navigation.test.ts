/**
 * The navigation services' edges that the stdio goldens (test/integration/navigation.test.ts) do not
 * reach: the Outline and folding caps on large zones, rename refusals, and the spelling a renamed
 * word keeps. Service functions on core analyses, no process.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeZone } from '../../core/src/analysis';
import { spelling } from '../../core/src/edits/renameOwner';
import { MAX_FOLDING_RANGES, MAX_OUTLINE_SYMBOLS } from '../../core/src/limits';
import { rdataNames } from '../../core/src/model/nameReferences';
import { getDocumentSymbols } from '../../server/src/service/documentSymbols';
import { getFoldingRanges } from '../../server/src/service/folding';
import { getRenameEdits } from '../../server/src/service/rename';
import { withCursor, zone } from '../helpers/cursor';

const HEAD = ['$ORIGIN example.com.', '$TTL 1h', '@ SOA ns1 hostmaster 1 2h 30m 2w 1h', '  NS ns1', 'ns1 A 192.0.2.53'];

/** The refusal (or `edits`) of renaming the name at the `|` to `newName`. */
function renameAt(marked: string, newName: string, openTextOf: (uri: string) => string | undefined = () => undefined): string {
	const { document, position } = withCursor(marked);
	const result = getRenameEdits(document, analyzeZone(document.uri, document.getText()), position, newName, openTextOf);
	return 'refused' in result ? result.refused : 'edits';
}

describe('Outline and folding on large zones', () => {
	const owners = Math.max(MAX_OUTLINE_SYMBOLS, MAX_FOLDING_RANGES) + 1000;
	const hosts = Array.from({ length: owners }, (_, i) => `h${i} A 192.0.2.${i % 250}\n  AAAA 2001:db8::${(i % 65535).toString(16)}`);
	const text = zone(...HEAD, ...hosts);
	const { document } = withCursor('|' + text);
	const analysis = analyzeZone(document.uri, document.getText());

	test(`lists the first ${MAX_OUTLINE_SYMBOLS} names, then one entry counting the rest`, () => {
		const children = getDocumentSymbols(document, analysis)[0].children ?? [];
		assert.equal(children.length, MAX_OUTLINE_SYMBOLS + 1);
		// The apex and ns1 come first, so 2 + owners names in all.
		const last = children[children.length - 1];
		assert.equal(last.name, `… ${(owners + 2 - MAX_OUTLINE_SYMBOLS).toLocaleString('en-US')} more`);
		assert.equal(last.range.end.line, document.lineCount - 1);
		assert.equal(children[MAX_OUTLINE_SYMBOLS - 1].name, `h${MAX_OUTLINE_SYMBOLS - 3}`);
	});

	test("folding stops at the client's limit, else at the cap", () => {
		assert.equal(getFoldingRanges(document, analysis, 10).length, 10);
		assert.equal(getFoldingRanges(document, analysis).length, MAX_FOLDING_RANGES);
	});
});

describe('rename refusals', () => {
	test('the apex, a $GENERATE owner, a name with no records', () => {
		assert.match(renameAt(zone(...HEAD, '@ MX 10 |@'), 'top'), /is the zone apex/);
		assert.match(renameAt(zone(...HEAD, '$GENERATE 1-2 h$ A 192.0.2.$', 'w CNAME |h1'), 'x'), /made by \$GENERATE/);
		assert.match(renameAt(zone(...HEAD, 'w CNAME |nowhere'), 'x'), /No record in this zone owns nowhere\.example\.com\./);
	});

	test('a $GENERATE that points at the owner', () => {
		assert.match(
			renameAt(zone(...HEAD, '$GENERATE 1-2 a$ CNAME mx1', '|mx1 A 192.0.2.1'), 'mx9'),
			/\$GENERATE directive makes records that point at this owner/,
		);
	});

	test('a zone with errors', () => {
		assert.match(renameAt(zone(...HEAD, '|mx1 A 192.0.2.1', 'bad A 300.0.0.1'), 'mx9'), /Fix the errors in this zone first/);
	});

	test('an included file with unsaved changes; the same file saved is renamed', () => {
		// The core reads includes through an injected resolver: here, a fixed text under a file URI.
		const included = 'mx1 A 192.0.2.25\n';
		const { document, position } = withCursor(zone(...HEAD, '@ MX 10 m|x1', '$INCLUDE mail.inc'));
		const analysis = analyzeZone(document.uri, document.getText(), {
			resolveInclude: () => ({ id: 'file:///zones/mail.inc', text: included }),
		});
		const unsaved = getRenameEdits(document, analysis, position, 'post', () => 'mx1 A 192.0.2.99\n');
		assert.ok('refused' in unsaved && /file:\/\/\/zones\/mail\.inc has changes that are not saved/.test(unsaved.refused));
		const saved = getRenameEdits(document, analysis, position, 'post', (uri) => (uri === 'file:///zones/mail.inc' ? included : undefined));
		assert.ok(!('refused' in saved));
		assert.deepEqual(Object.keys(saved.changes ?? {}).sort(), [document.uri, 'file:///zones/mail.inc']);
	});
});

describe('rename in repeated records', () => {
	test('a repeated SOA (folded out of the model as the same record) is renamed in both copies', () => {
		const text = zone(
			'$ORIGIN example.com.',
			'$TTL 1h',
			'@ SOA ns1 hostmaster 1 2h 30m 2w 1h',
			'  NS |ns1',
			'ns1 A 192.0.2.53',
			'@ SOA ns1 hostmaster 1 2h 30m 2w 1h',
		);
		const { document, position } = withCursor(text);
		const edit = getRenameEdits(document, analyzeZone(document.uri, document.getText()), position, 'dns', () => undefined);
		assert.ok(!('refused' in edit));
		const renamed = TextDocument.applyEdits(document, edit.changes?.[document.uri] ?? []);
		assert.equal(renamed, text.replace('|', '').replace(/ns1/g, 'dns'));
	});
});

describe('the spelling a renamed word keeps', () => {
	test('relative words stay relative to the origin they were written under', () => {
		assert.equal(spelling('mx1', 'mx1.example.com.', 'post.example.com.'), 'post');
		assert.equal(spelling('mx1.lab', 'mx1.lab.example.com.', 'post.example.com.'), 'post');
		assert.equal(spelling('host', 'host.lab.example.com.', 'post.lab.example.com.'), 'post');
		// Under `$ORIGIN lab.example.com.`, a name outside lab is spelled absolute.
		assert.equal(spelling('host', 'host.lab.example.com.', 'post.example.com.'), 'post.example.com.');
		assert.equal(spelling('@', 'mail.example.com.', 'post.example.com.'), 'post.example.com.');
		assert.equal(spelling('@', 'mail.example.com.', 'MAIL.example.com.'), '@');
	});

	test('absolute words stay absolute; an escaped dot is not a label boundary', () => {
		assert.equal(spelling('mx1.example.com.', 'mx1.example.com.', 'post.example.com.'), 'post.example.com.');
		assert.equal(spelling('a', 'a.example.com.', 'x\\.example.com.'), 'x\\.example.com.');
	});
});

describe('which RDATA words are names', () => {
	test('from the field layout: MX exchange, SOA MNAME and RNAME, SRV target, IPSECKEY gateway type 3 only', () => {
		const text = zone(
			...HEAD,
			'a MX 10 mx1',
			'b SRV 0 5 5060 sip',
			'c IPSECKEY 10 3 2 gw.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
			'd IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
			'e TXT "mx1.example.com."',
		);
		const { model } = analyzeZone('file:///zones/example.com.zone', text);
		const names = model.records.map((record) =>
			rdataNames(record)
				.map(({ field, name }) => `${field}:${name}`)
				.join(' '),
		);
		assert.deepEqual(names, [
			'2:ns1.example.com. 3:hostmaster.example.com.',
			'1:ns1.example.com.',
			'',
			'3:mx1.example.com.',
			'5:sip.example.com.',
			'5:gw.example.com.',
			'',
			'',
		]);
	});
});
