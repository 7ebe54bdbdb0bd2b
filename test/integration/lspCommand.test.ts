/** The `zone-sentinel-lsp` command (bin → dist/server.js) as other editors start it. */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'zone-sentinel-lsp.js');

function frame(message: object): string {
	const body = JSON.stringify({ jsonrpc: '2.0', ...message });
	return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Starts the server with `args`, initializes it over stdin/stdout, shuts it down; the initialize result and the exit code. */
async function initializeAndExit(
	args: string[],
): Promise<{ result: { capabilities?: object } | undefined; code: number | null; stderr: string }> {
	const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: 'pipe' });
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const response = (id: number): Promise<{ result?: { capabilities?: object } }> =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no response ${id}; stderr: ${stderr}`)), 20_000);
			const look = (): void => {
				for (const match of stdout.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
					const start = (match.index ?? 0) + match[0].length;
					const body = Buffer.from(stdout.slice(start)).subarray(0, Number(match[1])).toString();
					try {
						const message = JSON.parse(body) as { id?: number; result?: { capabilities?: object } };
						if (message.id === id) {
							clearTimeout(timer);
							child.stdout.off('data', onData);
							resolve(message);
							return;
						}
					} catch {
						// not all of it yet
					}
				}
			};
			const onData = (chunk: Buffer): void => {
				stdout += chunk.toString();
				look();
			};
			child.stdout.on('data', onData);
			look();
		});
	child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
	const initialized = await response(1);
	child.stdin.write(frame({ method: 'initialized', params: {} }));
	child.stdin.write(frame({ id: 2, method: 'shutdown' }));
	await response(2);
	child.stdin.write(frame({ method: 'exit' }));
	return { result: initialized.result, code: await exited, stderr };
}

describe('zone-sentinel-lsp', () => {
	test('without a transport argument it talks LSP over stdio (no stack trace)', async () => {
		const { result, code, stderr } = await initializeAndExit([]);
		assert.ok(result?.capabilities, 'initialize answered with capabilities');
		assert.equal(code, 0);
		assert.doesNotMatch(stderr, /Error|at /);
	});

	test('--stdio still works', async () => {
		const { result, code } = await initializeAndExit(['--stdio']);
		assert.ok(result?.capabilities);
		assert.equal(code, 0);
	});

	test('--help prints the usage and exits 0', () => {
		const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 20_000 });
		assert.equal(result.status, 0, result.stderr);
		assert.match(result.stdout, /^Usage: zone-sentinel-lsp \[--stdio/);
		assert.match(result.stdout, /--node-ipc/);
		assert.equal(result.stderr, '');
	});
});
