/**
 * The architecture rules of .dependency-cruiser.cjs, proven to bite: the real tree has no
 * violation, and in a scratch tree of the same shape every rule fires on an import planted to
 * break it (and only there: each planted file is expected to break exactly the rules named).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
const PROJECTS = ['core', 'smtp', 'server', 'cli', 'client', 'protocol', 'test'];

interface Violation {
	readonly from: string;
	readonly to: string;
	readonly rule: { readonly name: string };
}

function cruise(cwd: string, folders: readonly string[]): Violation[] {
	let output: string;
	try {
		output = execFileSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...folders], {
			cwd,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		// depcruise exits non-zero when it finds errors; the JSON report is still on stdout.
		output = (error as { stdout?: string }).stdout ?? '';
		if (!output) throw error;
	}
	return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

test('the real tree follows every architecture rule', () => {
	const violations = cruise(
		REPO_ROOT,
		PROJECTS.filter((folder) => fs.existsSync(path.join(REPO_ROOT, folder))),
	);
	assert.deepEqual(
		violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`),
		[],
	);
});

/** A planted file, the import it makes, and the rules that must fire on it. */
const PLANTED: readonly { readonly file: string; readonly source: string; readonly rules: readonly string[] }[] = [
	{
		file: 'core/src/model/nodeImport.ts',
		source: "import * as fs from 'node:fs';\nexport const x = fs;",
		rules: ['core-no-node-or-packages'],
	},
	{
		file: 'core/src/model/lspImport.ts',
		source: "import type { Range } from 'vscode-languageserver-types';\nexport type R = Range;",
		rules: ['core-no-node-or-packages'],
	},
	{
		file: 'core/src/rules/upward.ts',
		source: "import { served } from '../../../server/src/index';\nexport const x = served;",
		rules: ['core-imports'],
	},
	{
		file: 'core/src/syntax/upward.ts',
		source: "import { modelled } from '../model/modelled';\nexport const x = modelled;",
		rules: ['core-syntax-layer'],
	},
	{
		file: 'core/src/model/upward.ts',
		source: "import { mailed } from './mail/mailed';\nexport const x = mailed;",
		rules: ['core-model-layer'],
	},
	{
		file: 'core/src/model/mail/upward.ts',
		source: "import { ruled } from '../../rules/ruled';\nexport const x = ruled;",
		rules: ['core-mail-layer'],
	},
	{
		file: 'core/src/edits/upward.ts',
		source: "import { ruled } from '../rules/ruled';\nexport const x = ruled;",
		rules: ['core-edits-layer'],
	},
	{
		file: 'core/src/rules/upwardAnalysis.ts',
		source: "import { analysed } from '../analysis';\nexport const x = analysed;",
		rules: ['core-rules-layer'],
	},
	{ file: 'server/src/typo.ts', source: "import { x } from './no-such-module';\nexport const y = x;", rules: ['not-to-unresolvable'] },
	{ file: 'core/src/model/cycleA.ts', source: "import type { B } from './cycleB';\nexport interface A { b?: B }", rules: ['no-circular'] },
	// A cycle is reported once, from the module where the cruise first enters it.
	{ file: 'core/src/model/cycleB.ts', source: "import type { A } from './cycleA';\nexport interface B { a?: A }", rules: [] },
	{
		file: 'protocol/src/imports.ts',
		source: "import { x } from '../../core/src/index';\nexport const y = x;",
		rules: ['protocol-imports-nothing'],
	},
	{
		file: 'smtp/src/upward.ts',
		source: "import { served } from '../../server/src/index';\nexport const x = served;",
		rules: ['smtp-imports'],
	},
	{ file: 'server/src/sideways.ts', source: "import { run } from '../../cli/src/main';\nexport const x = run;", rules: ['server-imports'] },
	{
		file: 'cli/src/sideways.ts',
		source: "import { activate } from '../../client/src/extension';\nexport const x = activate;",
		rules: ['cli-imports'],
	},
	{ file: 'client/src/serverCode.ts', source: "import { x } from '../../core/src/index';\nexport const y = x;", rules: ['client-imports'] },
	{
		file: 'server/src/vscodeApi.ts',
		source: "import * as vscode from 'vscode';\nexport const x = vscode;",
		rules: ['no-vscode-outside-client'],
	},
	{
		file: 'smtp/src/connection.ts',
		source: "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;",
		rules: ['lsp-connection-only-in-glue'],
	},
	{
		file: 'server/src/service/connection.ts',
		source: "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;",
		rules: ['lsp-connection-only-in-glue'],
	},
	{ file: 'server/src/service/disk.ts', source: "import * as fs from 'node:fs';\nexport const x = fs;", rules: ['service-is-pure'] },
	{
		file: 'server/src/service/glue.ts',
		source: "import { served } from '../index';\nexport const x = served;",
		rules: ['service-below-glue'],
	},
	{
		file: 'server/src/internals.ts',
		source: "import { modelled } from '../../core/src/model/modelled';\nexport const x = modelled;",
		rules: ['public-api-only'],
	},
];

/** Files the planted imports point at, harmless in themselves. */
const TARGETS: Readonly<Record<string, string>> = {
	'core/src/index.ts': 'export const x = 1;',
	'core/src/analysis.ts': 'export const analysed = 1;',
	'core/src/model/modelled.ts': 'export const modelled = 1;',
	'core/src/model/mail/mailed.ts': 'export const mailed = 1;',
	'core/src/rules/ruled.ts': 'export const ruled = 1;',
	'server/src/index.ts': 'export const served = 1;',
	'cli/src/main.ts': 'export const run = 1;',
	'client/src/extension.ts': 'export const activate = 1;',
};

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-architecture-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('every architecture rule fires on an import planted to break it', () => {
	for (const [file, source] of [...Object.entries(TARGETS), ...PLANTED.map((p) => [p.file, p.source] as const)]) {
		fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
		fs.writeFileSync(path.join(scratch, file), source + '\n');
	}
	// npm packages resolve as in the real tree.
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
	const violations = cruise(scratch, ['core', 'smtp', 'server', 'cli', 'client', 'protocol']);
	const firedOn = (file: string): string[] => [...new Set(violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();
	for (const planted of PLANTED) assert.deepEqual(firedOn(planted.file), [...planted.rules].sort(), planted.file);
	for (const target of Object.keys(TARGETS)) assert.deepEqual(firedOn(target), [], target);
	// Every rule in the configuration is exercised by at least one planted import.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const config = require(CONFIG) as { forbidden: { name: string }[] };
	const exercised = new Set(PLANTED.flatMap((p) => p.rules));
	assert.deepEqual(
		config.forbidden.map((rule) => rule.name).filter((name) => !exercised.has(name)),
		[],
	);
});
