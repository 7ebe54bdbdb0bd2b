/**
 * Hovers as golden Markdown: each `test/fixtures/hover/<name>.zone` marks the cursor with `|`
 * (test/helpers/cursor.ts), and `test/fixtures/hover/<name>.md` is the hover at it: its range as
 * an HTML comment (1-based line:column), then the Markdown exactly as the client renders it, or
 * `<!-- no hover -->`. Rule options for a case go in a first line `; hover options: {…}` (JSON);
 * an MTA-STS policy file beside the zone in a line `; hover mta-sts.txt: "…"` (a JSON string); the
 * other zones of its workspace in a folder `<name>.workspace/` (test/helpers/fixtureWorkspace.ts).
 * A change of wording shows in review as a change of the .md; `UPDATE_GOLDEN=1 npm run test:unit`
 * rewrites them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { analyzeZone } from '../../core/src/analysis';
import type { WorkspaceIndex } from '../../core/src/model/workspace/workspaceIndex';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../../core/src/rules/rule';
import { getHover } from '../../server/src/service/hover';
import { withCursor, zone } from '../helpers/cursor';
import { fixtureWorkspace } from '../helpers/fixtureWorkspace';
import { assertGolden } from '../helpers/golden';
import { FIXTURES } from '../helpers/paths';

const HOVER_FIXTURES = path.join(FIXTURES, 'hover');
const OPTIONS_LINE = /^; hover options: (\{.*\})\r?\n/;
const POLICY_LINE = /^; hover mta-sts\.txt: (".*")\r?$/m;
const POLICY_FILE_ID = 'file:///zones/.well-known/mta-sts.txt';

/** The hover's range and markdown at the `|`, or `undefined` when there is none. */
function hover(marked: string, workspace?: WorkspaceIndex): { range?: Range; markdown: string } | undefined {
	const json = OPTIONS_LINE.exec(marked)?.[1];
	const options: RuleOptions = { ...DEFAULT_RULE_OPTIONS, ...(json ? (JSON.parse(json) as Partial<RuleOptions>) : {}) };
	const policy = POLICY_LINE.exec(marked)?.[1];
	const mtaStsPolicy = policy === undefined ? undefined : { fileId: POLICY_FILE_ID, text: JSON.parse(policy) as string };
	const { document, position } = withCursor(marked);
	const analysis = analyzeZone(document.uri, document.getText(), { ruleOptions: options, mtaStsPolicy, workspace });
	const result = getHover(document, analysis, position, options);
	if (!result) return undefined;
	const contents = result.contents as { kind: string; value: string };
	assert.equal(contents.kind, 'markdown');
	return { range: result.range, markdown: contents.value };
}

const where = (r: Range): string => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

/** The golden text of one case. */
function render(marked: string, workspace?: WorkspaceIndex): string {
	const found = hover(marked, workspace);
	if (!found) return '<!-- no hover -->\n';
	return `<!-- hover at ${found.range ? where(found.range) : 'the cursor (no range)'} -->\n\n${found.markdown}\n`;
}

describe('hover (golden Markdown)', () => {
	for (const file of fs
		.readdirSync(HOVER_FIXTURES)
		.filter((f) => f.endsWith('.zone'))
		.sort()) {
		test(file.replace(/\.zone$/, ''), () => {
			const marked = fs.readFileSync(path.join(HOVER_FIXTURES, file), 'utf8');
			const workspace = fixtureWorkspace(path.join(HOVER_FIXTURES, file));
			assertGolden(path.join(HOVER_FIXTURES, file.replace(/\.zone$/, '.md')), render(marked, workspace));
		});
	}
});

describe('hover in a large zone', () => {
	test('finds the record at the end of a large zone', () => {
		const head = ['$ORIGIN example.com.', '$TTL 1h', '@ SOA ns1 hostmaster 2026112901 2h 30m 2w 1h', '  NS ns1', 'ns1 A 192.0.2.53'];
		const hosts = Array.from({ length: 20000 }, (_, i) => `h${i} A 192.0.2.${i % 250}`);
		assert.match(hover(zone(...head, ...hosts, 'h|last 60 A 192.0.2.1'))?.markdown ?? '', /`hlast` → `hlast\.example\.com\.`/);
	});
});
