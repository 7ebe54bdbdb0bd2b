/**
 * The layering of README → Architecture, enforced: the zone language core imports nothing from
 * LSP, VS Code or Node; only the server glue knows the LSP connection; the client knows no server code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

function sourceFiles(folder: string): string[] {
	const full = path.join(REPO_ROOT, folder);
	if (!fs.existsSync(full)) return [];
	return fs.readdirSync(full, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(folder, f));
}

function importsOf(file: string): string[] {
	const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
	return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]);
}

const CORE = ['server/src/syntax', 'server/src/model', 'server/src/rules'];

test('the core (syntax, model, rules) imports no LSP, VS Code or Node modules', () => {
	const offenders: string[] = [];
	for (const folder of [...CORE, 'server/src/analysis.ts']) {
		const files = folder.endsWith('.ts') ? [folder] : sourceFiles(folder);
		for (const file of files) {
			for (const spec of importsOf(file)) {
				if (!spec.startsWith('.')) offenders.push(`${file} imports '${spec}'`);
			}
		}
	}
	assert.deepEqual(offenders, []);
});

test('lower layers never import higher ones', () => {
	const order = ['syntax', 'model', 'rules', 'service'];
	const offenders: string[] = [];
	for (const [rank, layer] of order.entries()) {
		for (const file of sourceFiles(`server/src/${layer}`)) {
			for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
				const target = path.relative(path.join(REPO_ROOT, 'server/src'), path.resolve(path.dirname(path.join(REPO_ROOT, file)), spec));
				const targetRank = order.indexOf(target.split(path.sep)[0]);
				if (targetRank > rank) offenders.push(`${file} imports ${spec}`);
				if (target.startsWith('cli') || target === 'server' || target === 'main') offenders.push(`${file} imports ${spec}`);
			}
		}
	}
	assert.deepEqual(offenders, []);
});

test('only the service layer converts to LSP types, and it does not import the connection', () => {
	const offenders: string[] = [];
	for (const file of sourceFiles('server/src/service')) {
		for (const spec of importsOf(file)) {
			if (spec === 'vscode' || spec.startsWith('vscode-languageserver/') || spec === 'vscode-languageserver' || spec.startsWith('node:')) offenders.push(`${file} imports '${spec}'`);
		}
	}
	assert.deepEqual(offenders, []);
});

test('the client imports nothing from the server', () => {
	const offenders = sourceFiles('client/src').flatMap((file) => importsOf(file).filter((s) => s.includes('server/')).map((s) => `${file} imports ${s}`));
	assert.deepEqual(offenders, []);
});

test('the SMTP client (server/src/smtp) is outside the core: nothing in the core or the service layer imports it, and it knows no LSP', () => {
	const smtp = path.join(REPO_ROOT, 'server/src/smtp');
	const offenders: string[] = [];
	for (const folder of [...CORE, 'server/src/service', 'server/src/analysis.ts']) {
		const files = folder.endsWith('.ts') ? [folder] : sourceFiles(folder);
		for (const file of files) {
			for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
				const target = path.resolve(path.dirname(path.join(REPO_ROOT, file)), spec);
				if (target.startsWith(smtp + path.sep) || target.endsWith('mailTestRequest')) offenders.push(`${file} imports ${spec}`);
			}
		}
	}
	for (const file of sourceFiles('server/src/smtp')) {
		for (const spec of importsOf(file)) if (spec.startsWith('vscode')) offenders.push(`${file} imports '${spec}'`);
	}
	assert.deepEqual(offenders, []);
});

test('the shared protocol (types and names used by both client and server) imports nothing', () => {
	const offenders = sourceFiles('protocol/src').flatMap((file) => importsOf(file).map((spec) => `${file} imports '${spec}'`));
	assert.ok(sourceFiles('protocol/src').length > 0, 'protocol/src has files');
	assert.deepEqual(offenders, []);
});
