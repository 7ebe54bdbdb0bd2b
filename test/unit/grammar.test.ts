/**
 * The TextMate grammar, tokenized by vscode-textmate + vscode-oniguruma as in VS Code: snapshots of
 * the scopes of each sample in test/fixtures/grammar (UPDATE_GOLDEN=1 rewrites them), plus checks
 * that every registered record type is recognised and that the grammar never trips the tokenizer.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { ALL_RR_TYPES } from '../../core/src/model/rrTypes/index';
import { assertGolden } from '../helpers/golden';
import { FIXTURES } from '../helpers/paths';
import { loadZoneGrammar, scopeSnapshot, tokenizeLines } from '../helpers/textmate';

const GRAMMAR_FIXTURES = path.join(FIXTURES, 'grammar');

/** Scopes of the token whose text is `word` on the only line of `text`. */
function scopesOf(grammar: IGrammar, text: string, word: string): string[] {
	const token = tokenizeLines(grammar, text)[0].find((candidate) => candidate.text === word);
	assert.ok(token, `no token ${JSON.stringify(word)} in ${JSON.stringify(text)}`);
	return [...token.scopes];
}

describe('TextMate grammar', () => {
	let grammar: IGrammar;
	// vscode-textmate reports a rule that loops without advancing with console.error; fail on it.
	const errors: unknown[][] = [];
	const originalError = console.error;
	before(async () => {
		grammar = await loadZoneGrammar();
		console.error = (...args: unknown[]) => void errors.push(args);
	});
	after(() => {
		console.error = originalError;
		assert.deepEqual(errors, []);
	});

	for (const file of fs.readdirSync(GRAMMAR_FIXTURES).filter((name) => name.endsWith('.zone'))) {
		test(`scopes of ${file}`, () => {
			const text = fs.readFileSync(path.join(GRAMMAR_FIXTURES, file), 'utf8');
			assertGolden(path.join(GRAMMAR_FIXTURES, file.replace(/\.zone$/, '.scopes.txt')), scopeSnapshot(grammar, text));
		});
	}

	test('every registered record type, in either case, is a type in type position', () => {
		for (const { mnemonic } of ALL_RR_TYPES) {
			for (const written of [mnemonic, mnemonic.toLowerCase()]) {
				assert.ok(scopesOf(grammar, `host 300 IN ${written} x`, written).includes('storage.type.rr.dns-zone'), written);
			}
		}
		assert.ok(scopesOf(grammar, 'host TYPE65534 \\# 0', 'TYPE65534').includes('storage.type.rr.dns-zone'));
	});

	test('a type word in RDATA is a name, not a type (MX a, CNAME ns)', () => {
		assert.ok(scopesOf(grammar, '@ MX 10 a', 'a').includes('variable.other.name.relative.dns-zone'));
		assert.ok(scopesOf(grammar, 'www CNAME ns', 'ns').includes('variable.other.name.relative.dns-zone'));
	});

	test('a multi-line record ends at its closing parenthesis, and the next line is a new record', () => {
		const lines = tokenizeLines(grammar, '@ SOA ns1 host (\n 1 2 3 4 5 )\nwww A 192.0.2.1');
		const owner = lines[2].find((token) => token.text === 'www');
		assert.ok(owner?.scopes.includes('entity.name.tag.owner.relative.dns-zone'));
	});

	test('an unterminated quoted string stops at the line end', () => {
		const lines = tokenizeLines(grammar, '@ TXT "open\nwww A 192.0.2.1');
		assert.ok(lines[1][0].scopes.includes('entity.name.tag.owner.relative.dns-zone'));
	});
});
