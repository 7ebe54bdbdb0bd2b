/**
 * The SMTP test against a real MTA: Debian's Exim (package exim4-daemon-light, installed by
 * .ci/run). No daemon is started: each connection to a loopback port spawns `exim4 -bh 127.0.0.1`,
 * Exim's own "SMTP session as if from this host" mode, which runs the full SMTP engine and ACLs of
 * the system configuration but delivers nothing, writes no spool and opens no port. The bridge
 * drops the `**** ...` notices Exim adds on stdout for a human reader; everything else is Exim's.
 *
 * Two configurations, chosen with Exim macros of Debian's configuration:
 * - `MAIN_LOCAL_DOMAINS=@:localhost:example.com`: example.com is Exim's own, so it accepts it;
 * - `MAIN_RELAY_NETS=` (empty): localhost may not relay, so example.com gets `550 relay not permitted`.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { analyzeZone } from '../../core/src/analysis';
import { runMailTests } from '../../smtp/src/mxTest';
import { DEFAULT_SMTP_OPTIONS, type HostOverride } from '../../smtp/src/options';
import { planMailTests } from '../../smtp/src/plan';
import { eximCommand, requires } from '../helpers/requires';
import { closedPort, TWO_MX_ZONE } from '../helpers/smtpServers';

// Skipped locally without Exim; under CI its absence fails the file.
const EXIM_REQUIRED = requires('exim4');
const EXIM = eximCommand() ?? 'exim4';

interface EximBridge {
	readonly port: number;
	close(): Promise<void>;
}

/** A loopback port where every connection talks to a fresh `exim4 -bh` with these macros. */
async function startExim(macros: readonly string[]): Promise<EximBridge> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		const exim = spawn(EXIM, [...macros.map((m) => `-D${m}`), '-bh', '127.0.0.1'], { stdio: ['pipe', 'pipe', 'ignore'] });
		let pending = '';
		exim.stdout.on('data', (chunk: Buffer) => {
			pending += chunk.toString('latin1');
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (!line.startsWith('**** ') && line.replace(/\r$/, '') !== '') socket.write(line + '\n');
		});
		exim.on('close', () => socket.end());
		exim.stdin.on('error', () => undefined);
		socket.on('data', (chunk) => exim.stdin.write(chunk));
		socket.on('error', () => undefined);
		socket.on('close', () => {
			sockets.delete(socket);
			exim.kill();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

describe('SMTP test against Exim', EXIM_REQUIRED, () => {
	let accepting: EximBridge;
	let denying: EximBridge;
	before(async () => {
		accepting = await startExim(['MAIN_LOCAL_DOMAINS=@:localhost:example.com']);
		denying = await startExim(['MAIN_RELAY_NETS=']);
	});
	after(async () => {
		await accepting?.close();
		await denying?.close();
	});

	async function run(mx1: number, mx2: number, send = false) {
		const plans = planMailTests(analyzeZone('file:///t/example.com.zone', TWO_MX_ZONE).model);
		assert.ok(Array.isArray(plans));
		const hostOverrides = new Map<string, HostOverride>([
			['mx1.example.com.', { address: '127.0.0.1', port: mx1 }],
			['mx2.example.com.', { address: '127.0.0.1', port: mx2 }],
		]);
		const options = {
			...DEFAULT_SMTP_OPTIONS,
			hostOverrides,
			send,
			heloName: 'tester.example.org',
			connectTimeoutMs: 2000,
			replyTimeoutMs: 5000,
		};
		return runMailTests(plans, options, { lookup: () => Promise.reject(new Error('no DNS in tests')) });
	}

	test('primary down, Exim as backup accepts example.com and takes the test message', async () => {
		const result = await run(await closedPort(), accepting.port, true);
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.verdict, 'accepts', backup.reason);
		assert.match(backup.session?.greeting?.text ?? '', /ESMTP Exim 4\.\d+/);
		assert.ok(backup.session?.extensions.includes('PIPELINING'));
		assert.equal(backup.session?.data?.code, 250);
		assert.equal(result.domains[0].outcome, 'backupWorks');
	});

	test('Exim that may not relay for example.com is reported as a broken backup', async () => {
		const result = await run(accepting.port, denying.port);
		const backup = result.domains[0].exchangers[1];
		assert.equal(backup.verdict, 'rejects');
		assert.equal(backup.relayDenied, true);
		assert.equal(backup.session?.rcptTo?.text, 'relay not permitted');
		assert.equal(result.domains[0].outcome, 'backupBroken');
	});
});
