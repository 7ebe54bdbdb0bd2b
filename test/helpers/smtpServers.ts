/**
 * SMTP servers for tests, all on 127.0.0.1 with ephemeral ports (never the Internet):
 * - `startMailServer`: a real, well-behaved server (the `smtp-server` package) that accepts or
 *   refuses domains and keeps every message it receives;
 * - `startScriptedServer`: a raw `net` server that misbehaves on purpose (421 greetings, silence,
 *   dropped connections, endless lines), answering each command line from a script;
 * - `closedPort`: a port where nothing listens.
 * Every server counts its connections, so tests can assert that nothing was contacted.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { REPO_ROOT } from './paths';

export interface ReceivedMessage {
	readonly from: string;
	readonly to: readonly string[];
	/** The message as received after dot-unstuffing, CRLF line ends. */
	readonly raw: string;
}

export interface MailServer {
	readonly port: number;
	readonly messages: ReceivedMessage[];
	/** Connections accepted so far. */
	readonly connections: number;
	close(): Promise<void>;
}

export interface MailServerOptions {
	/** Domains whose recipients are accepted; others get `550 5.7.1 Relaying denied`. */
	readonly acceptDomains: readonly string[];
	/** PEM key and certificate: STARTTLS is offered only with them. */
	readonly tls?: { readonly key: string; readonly cert: string };
	readonly name?: string;
}

/** A working SMTP server that accepts mail for `acceptDomains`. */
export async function startMailServer(options: MailServerOptions): Promise<MailServer> {
	const messages: ReceivedMessage[] = [];
	const accept = new Set(options.acceptDomains.map((d) => d.toLowerCase()));
	const state = { connections: 0 };
	const serverOptions: SMTPServerOptions = {
		name: options.name ?? 'mx.test',
		logger: false,
		// No DNS ever: the server would otherwise look up the client's address.
		disableReverseLookup: true,
		authOptional: true,
		disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
		hideSTARTTLS: !options.tls,
		...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
		size: 10 * 1024 * 1024,
		// Tests end quickly: do not wait long for lingering connections when closing.
		closeTimeout: 200,
		onConnect(_session, callback) {
			state.connections++;
			callback();
		},
		onRcptTo(address, _session, callback) {
			const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
			if (accept.has(domain)) return callback();
			const error = Object.assign(new Error('5.7.1 Relaying denied'), { responseCode: 550 });
			return callback(error);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				messages.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('latin1'),
				});
				callback(null, 'Queued as TEST1');
			});
		},
	};
	const server = new SMTPServer(serverOptions);
	const port = await listen(
		(ready) => server.listen(0, '127.0.0.1', ready),
		() => (server.server.address() as net.AddressInfo).port,
	);
	return {
		port,
		messages,
		get connections() {
			return state.connections;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export interface ScriptedServer {
	readonly port: number;
	/** Command lines received, over all connections, without CRLF. */
	readonly received: string[];
	readonly connections: number;
	close(): Promise<void>;
}

export interface Script {
	/** Sent on connect; `null` sends nothing (a server that never answers). Default `220 fake ESMTP`. */
	readonly greeting?: string | null;
	/**
	 * The reply to one command line: text to send (include CRLFs, may be multi-line), `'close'` to
	 * drop the connection, or `undefined` to stay silent. Default: `250 OK` (`221` to QUIT, then close).
	 */
	readonly respond?: (line: string, socket: net.Socket) => string | undefined;
	/** Called on connect instead of sending the greeting, for raw abuse (e.g. a megabyte without newline). */
	readonly onConnect?: (socket: net.Socket) => void;
}

/** A raw server that follows `script`. */
export async function startScriptedServer(script: Script = {}): Promise<ScriptedServer> {
	const received: string[] = [];
	const sockets = new Set<net.Socket>();
	const state = { connections: 0 };
	const server = net.createServer((socket) => {
		state.connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		if (script.onConnect) return script.onConnect(socket);
		const greeting = script.greeting === undefined ? '220 fake ESMTP\r\n' : script.greeting;
		if (greeting !== null) socket.write(greeting);
		let buffered = '';
		socket.on('data', (chunk: Buffer) => {
			buffered += chunk.toString('latin1');
			for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
				const line = buffered.slice(0, newline).replace(/\r$/, '');
				buffered = buffered.slice(newline + 1);
				received.push(line);
				const answer = script.respond ? script.respond(line, socket) : defaultReply(line);
				if (answer === 'close') {
					socket.destroy();
					return;
				}
				if (answer !== undefined) socket.write(answer);
				if (/^QUIT/i.test(line) && !script.respond) socket.end();
			}
		});
	});
	const port = await listen(
		(ready) => server.listen(0, '127.0.0.1', ready),
		() => (server.address() as net.AddressInfo).port,
	);
	return {
		port,
		received,
		get connections() {
			return state.connections;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** `250 OK` to everything, `221 Bye` to QUIT. */
export function defaultReply(line: string): string {
	return /^QUIT/i.test(line) ? '221 Bye\r\n' : '250 OK\r\n';
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	const port = await listen(
		(ready) => server.listen(0, '127.0.0.1', ready),
		() => (server.address() as net.AddressInfo).port,
	);
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function listen(start: (ready: () => void) => void, port: () => number): Promise<number> {
	return new Promise((resolve) => start(() => resolve(port())));
}

/** A self-signed certificate for `commonName`, valid now unless dates are given (EC keys: fast). */
export async function selfSignedCertificate(
	commonName: string,
	dates: { notBefore?: Date; notAfter?: Date } = {},
): Promise<{ key: string; cert: string }> {
	const pems = await generate([{ name: 'commonName', value: commonName }], {
		keyType: 'ec',
		algorithm: 'sha256',
		notBeforeDate: dates.notBefore,
		notAfterDate: dates.notAfter,
		extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: commonName }] }],
	});
	return { key: pems.private, cert: pems.cert };
}

/** A server certificate issued by a test CA, both made by `openssl`, with TLSA data computed by `openssl` too. */
export interface CertificateChain {
	/** PEM: the server's key, and its certificate followed by the CA's (the chain a server presents). */
	readonly key: string;
	readonly cert: string;
	/** PEM: the CA's certificate alone, for a client to trust. */
	readonly caCert: string;
	/** TLSA association data (hex) as `openssl` computes it, for the server's and the CA's certificate. */
	readonly leaf: TlsaData;
	readonly ca: TlsaData;
}

export interface TlsaData {
	/** Selector 1, matching type 1: SHA-256 of the SubjectPublicKeyInfo. */
	readonly spkiSha256: string;
	/** Selector 0, matching type 2: SHA-512 of the whole certificate. */
	readonly certSha512: string;
	/** Selector 0, matching type 1: SHA-256 of the whole certificate. */
	readonly certSha256: string;
}

/** A CA and a server certificate for `commonName` valid for `days`, made with the `openssl` command (EC P-256). */
export function opensslCertificateChain(commonName: string, days: number): CertificateChain {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-dane-'));
	const file = (name: string): string => path.join(dir, name);
	const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Zone Sentinel Test CA');
	openssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${commonName}`);
	fs.writeFileSync(file('ext.cnf'), `subjectAltName=DNS:${commonName}\n`);
	openssl(
		'x509',
		'-req',
		'-in',
		'leaf.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'leaf.pem',
		'-days',
		String(days),
		'-extfile',
		'ext.cnf',
	);
	const digest = (algorithm: string, der: string): string =>
		/= ?([0-9a-f]+)\s*$/.exec(openssl('dgst', `-${algorithm}`, der).toString())![1];
	const tlsaData = (pem: string): TlsaData => {
		openssl('x509', '-in', pem, '-outform', 'DER', '-out', `${pem}.der`);
		openssl('x509', '-in', pem, '-noout', '-pubkey', '-out', `${pem}.pub`);
		openssl('pkey', '-pubin', '-in', `${pem}.pub`, '-outform', 'DER', '-out', `${pem}.spki`);
		return {
			spkiSha256: digest('sha256', `${pem}.spki`),
			certSha512: digest('sha512', `${pem}.der`),
			certSha256: digest('sha256', `${pem}.der`),
		};
	};
	const read = (name: string): string => fs.readFileSync(file(name), 'utf8');
	return {
		key: read('leaf.key'),
		cert: read('leaf.pem') + read('ca.pem'),
		caCert: read('ca.pem'),
		leaf: tlsaData('leaf.pem'),
		ca: tlsaData('ca.pem'),
	};
}

/** Writes a zone file into a fresh temporary folder and returns its path. */
export function tempZone(text: string, name = 'example.com.zone'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-smtp-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

/**
 * A zone with a primary and a backup MX. Every address is loopback, so even a test that forgot
 * an override could only ever reach this machine.
 */
export const TWO_MX_ZONE = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@    SOA  ns1 hostmaster 1 2h 30m 2w 1h',
	'     NS   ns1',
	'     MX   10 mx1',
	'     MX   20 mx2',
	'ns1  A    127.0.0.1',
	'mx1  A    127.0.0.1',
	'mx2  A    127.0.0.1',
	'',
].join('\n');

export interface CliRun {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/**
 * Runs `zone-sentinel smtp-test` (the real bin → dist/cli.js) asynchronously, so servers in this
 * process can answer it; `whenStderr` is called on each stderr chunk, e.g. to send SIGINT.
 */
export function runSmtpCli(
	args: readonly string[],
	whenStderr?: (stderr: string, kill: (signal: NodeJS.Signals) => void) => void,
	env: NodeJS.ProcessEnv = process.env,
): Promise<CliRun> {
	const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), 'smtp-test', ...args], { cwd: REPO_ROOT, env });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		whenStderr?.(stderr, (signal) => child.kill(signal));
	});
	return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
