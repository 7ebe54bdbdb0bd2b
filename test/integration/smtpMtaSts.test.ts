/**
 * `smtp-test` fetches the MTA-STS policy live, from a real HTTPS server on 127.0.0.1 whose
 * certificate chain `openssl` makes per run (a CA and a leaf for mta-sts.example.com), and judges
 * each exchanger against the policy's mx: patterns. The SMTP side is a real SMTP server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
	type MailServer,
	opensslCertificateChain,
	runSmtpCli,
	selfSignedCertificate,
	startMailServer,
	tempZone,
	TWO_MX_ZONE,
} from '../helpers/smtpServers';
import { requires } from '../helpers/requires';

const FAST = ['--connect-timeout', '2', '--reply-timeout', '2', '--helo', 'tester.example.org', '--format', 'json'];
const ZONE = TWO_MX_ZONE + '_mta-sts  TXT "v=STSv1; id=20261202T1"\n';
const POLICY_ALL = 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.example.com\nmax_age: 604800\n';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** An HTTPS server on 127.0.0.1 that answers with whatever `handler` the test sets; counts requests per path. */
async function startPolicyServer(tls: { key: string; cert: string }): Promise<{
	port: number;
	requests: string[];
	handle: (handler: Handler) => void;
	close: () => Promise<void>;
}> {
	let handler: Handler = (_request, response) => response.writeHead(500).end();
	const requests: string[] = [];
	const server = https.createServer(tls, (request, response) => {
		requests.push(`${request.headers.host} ${request.url}`);
		handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		requests,
		handle: (next) => (handler = next),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

const policy =
	(text: string, type = 'text/plain; charset=utf-8'): Handler =>
	(_request, response) =>
		response.writeHead(200, { 'content-type': type }).end(text);

interface DomainJson {
	ok: boolean;
	outcome: string;
	summary: string;
	problems: string[];
	mtaSts: {
		url: string;
		status: number | null;
		error: string | null;
		mode: string | null;
		maxAge: number | null;
		mx: string[];
		txtId: string | null;
		sameAsLocalFile: boolean | null;
		warnings: string[];
		problems: string[];
	} | null;
	exchangers: { exchange: string; verdict: string; mtaSts: { listed: boolean | null; mode: string | null } }[];
}

describe('smtp-test: MTA-STS policy fetched live over HTTPS', requires('openssl'), () => {
	let smtp: MailServer;
	let good: Awaited<ReturnType<typeof startPolicyServer>>;
	let untrusted: Awaited<ReturnType<typeof startPolicyServer>>;
	let wrongName: Awaited<ReturnType<typeof startPolicyServer>>;
	let zone: string;
	let caFile: string;
	before(async () => {
		smtp = await startMailServer({ acceptDomains: ['example.com'] });
		const chain = opensslCertificateChain('mta-sts.example.com', 30);
		const other = opensslCertificateChain('www.example.com', 30);
		good = await startPolicyServer({ key: chain.key, cert: chain.cert });
		untrusted = await startPolicyServer(await selfSignedCertificate('mta-sts.example.com'));
		wrongName = await startPolicyServer({ key: other.key, cert: other.cert });
		zone = tempZone(ZONE);
		// Both CAs are trusted: the wrong-name server fails on its name alone.
		caFile = path.join(path.dirname(zone), 'ca.pem');
		fs.writeFileSync(caFile, chain.caCert + other.caCert);
	});
	after(async () => {
		await smtp.close();
		await good.close();
		await untrusted.close();
		await wrongName.close();
	});

	const argsFor = (zoneFile: string, policyPort: number, extra: string[] = []): string[] => [
		'--zone',
		zoneFile,
		...FAST,
		'--host',
		`mx1.example.com=127.0.0.1:${smtp.port}`,
		'--host',
		`mx2.example.com=127.0.0.1:${smtp.port}`,
		'--host',
		`mta-sts.example.com=127.0.0.1:${policyPort}`,
		'--mta-sts-ca',
		caFile,
		...extra,
	];
	const run = (policyPort: number, extra: string[] = []) => runSmtpCli(argsFor(zone, policyPort, extra));
	const domainOf = (stdout: string): DomainJson => (JSON.parse(stdout) as { domains: DomainJson[] }).domains[0];

	test('a policy that lists every exchanger: ok, each listed, the TXT id reported, exit 0', async () => {
		good.handle(policy(POLICY_ALL));
		const before = good.requests.length;
		const result = await run(good.port);
		assert.equal(result.status, 0, result.stdout + result.stderr);
		const domain = domainOf(result.stdout);
		assert.deepEqual(domain.mtaSts, {
			url: 'https://mta-sts.example.com/.well-known/mta-sts.txt',
			address: `127.0.0.1:${good.port}`,
			addressSource: 'override',
			status: 200,
			error: null,
			txtId: '20261202T1',
			mode: 'enforce',
			maxAge: 604800,
			mx: ['mx1.example.com', '*.example.com'],
			sameAsLocalFile: null,
			problems: [],
			warnings: [],
		});
		assert.deepEqual(
			domain.exchangers.map((x) => x.mtaSts),
			[
				{ listed: true, mode: 'enforce' },
				{ listed: true, mode: 'enforce' },
			],
		);
		// Asked once, for the policy host by name (SNI and Host), at the well-known path.
		assert.deepEqual(good.requests.slice(before), ['mta-sts.example.com /.well-known/mta-sts.txt']);
	});

	test('the text report shows the policy, the id senders cache it under, and each listing', async () => {
		good.handle(policy(POLICY_ALL));
		const result = await run(good.port, ['--format', 'text']);
		assert.equal(result.status, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /^MTA-STS \(fetched as senders do: valid certificate, no redirects, text\/plain\):$/m);
		assert.match(
			result.stdout,
			/^ {2}policy {4}https:\/\/mta-sts\.example\.com\/\.well-known\/mta-sts\.txt \(127\.0\.0\.1:\d+, override\)$/m,
		);
		assert.match(result.stdout, /^ {2}_mta-sts {2}id 20261202T1: senders cache the policy fetched now under this id/m);
		assert.match(result.stdout, /^ {2}max_age {3}604800 s \(7\.0 days\)$/m);
		assert.match(result.stdout, /MTA-STS +listed by the policy's mx: patterns \(mode enforce\)/);
	});

	test('an enforce policy without the backup is a problem on the backup, exit 1', async () => {
		good.handle(policy('version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n'));
		const result = await run(good.port);
		assert.equal(result.status, 1, result.stdout + result.stderr);
		const domain = domainOf(result.stdout);
		assert.deepEqual(domain.exchangers[1].mtaSts, { listed: false, mode: 'enforce' });
		assert.deepEqual(domain.exchangers[0].mtaSts, { listed: true, mode: 'enforce' });
		// The SMTP verdicts are unchanged: both accept; the policy is what breaks the backup.
		assert.deepEqual(
			domain.exchangers.map((x) => x.verdict),
			['accepts', 'accepts'],
		);
		assert.equal(domain.ok, false);
		// The summary does not count a backup that MTA-STS senders will not use.
		assert.equal(domain.outcome, 'backupBroken');
		assert.match(
			domain.summary,
			/^No working backup for senders that apply MTA-STS: mx2\.example\.com accepts mail too, but the enforce MTA-STS policy does not list it/,
		);
		assert.equal(domain.mtaSts?.problems.length, 1);
		assert.match(
			domain.problems.at(-1) ?? '',
			/^mx2\.example\.com is a backup the enforce MTA-STS policy does not list: .* exactly when the primary is down; add 'mx: mx2\.example\.com'/,
		);
	});

	test('a testing policy without the backup is a warning only, exit 0', async () => {
		good.handle(policy('version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 3600\n'));
		const result = await run(good.port);
		assert.equal(result.status, 0, result.stdout + result.stderr);
		const domain = domainOf(result.stdout);
		assert.deepEqual(domain.exchangers[1].mtaSts, { listed: false, mode: 'testing' });
		assert.deepEqual(domain.mtaSts?.problems, []);
		assert.equal(domain.mtaSts?.warnings.length, 2);
		assert.match(domain.mtaSts?.warnings[0] ?? '', /^max_age 3600 is below one day/);
		assert.match(domain.mtaSts?.warnings[1] ?? '', /^mx2\.example\.com is not listed by the testing MTA-STS policy/);
	});

	test('max_age above one year is a warning; a wrong version is a problem', async () => {
		good.handle(policy('version: STSv2\nmode: enforce\nmx: *.example.com\nmax_age: 99999999\n'));
		const result = await run(good.port);
		assert.equal(result.status, 1, result.stdout + result.stderr);
		const mtaSts = domainOf(result.stdout).mtaSts;
		assert.equal(mtaSts?.maxAge, 99999999);
		assert.match(mtaSts?.warnings[0] ?? '', /^max_age 99999999 is above the 31557600 seconds/);
		assert.deepEqual(mtaSts?.problems, [
			"the MTA-STS policy https://mta-sts.example.com/.well-known/mta-sts.txt, line 1: 'version: STSv2' must be 'version: STSv1'.",
		]);
	});

	/** Each way a sender refuses the policy: no policy, a problem, exit 1, listings unknown. */
	const refused = async (port: number, error: RegExp, status: number | null): Promise<void> => {
		const result = await run(port);
		assert.equal(result.status, 1, result.stdout + result.stderr);
		const domain = domainOf(result.stdout);
		assert.equal(domain.mtaSts?.status, status);
		assert.match(domain.mtaSts?.error ?? '', error);
		assert.equal(domain.mtaSts?.mode, null);
		assert.deepEqual(
			domain.exchangers.map((x) => x.mtaSts.listed),
			[null, null],
		);
		assert.match(domain.problems.at(-1) ?? '', /could not be fetched .* but the _mta-sts record tells senders there is one/);
	};

	test('a redirect is not followed', async () => {
		good.handle((request, response) => {
			if (request.url === '/moved') return policy(POLICY_ALL)(request, response);
			response.writeHead(301, { location: 'https://mta-sts.example.com/moved' }).end();
		});
		const before = good.requests.length;
		await refused(good.port, /^HTTP 301, a redirect to https:\/\/mta-sts\.example\.com\/moved: not followed/, 301);
		assert.deepEqual(good.requests.slice(before), ['mta-sts.example.com /.well-known/mta-sts.txt']);
	});

	test('a policy larger than 64 KiB is refused, with or without Content-Length', async () => {
		const big = POLICY_ALL + '#'.repeat(70 * 1024) + '\n';
		good.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'text/plain' });
			// Chunked, no Content-Length: the limit holds while reading.
			response.write(big.slice(0, 40_000));
			setTimeout(() => response.end(big.slice(40_000)), 20);
		});
		await refused(good.port, /^the policy is larger than 64 KiB, senders do not read it$/, 200);
		good.handle((_request, response) =>
			response.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(big) }).end(big),
		);
		await refused(good.port, /^the policy is larger than 64 KiB \(Content-Length \d+\)/, 200);
	});

	test('a certificate from no trusted CA, or for another name, is refused', async () => {
		await refused(untrusted.port, /^the certificate is not valid \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/, null);
		wrongName.handle(policy(POLICY_ALL));
		await refused(wrongName.port, /^the certificate is not valid for the policy host/, null);
		assert.equal(wrongName.requests.length, 0, 'no request is sent over a connection with the wrong certificate');
	});

	test('a Content-Type other than text/plain is refused', async () => {
		good.handle(policy(POLICY_ALL, 'text/html'));
		await refused(good.port, /^Content-Type 'text\/html': senders accept only text\/plain/, 200);
	});

	test('404: the _mta-sts record promises a policy that is not there, a problem', async () => {
		good.handle((_request, response) => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
		await refused(good.port, /^HTTP 404 Not Found$/, 404);
	});

	test('the served policy is compared with .well-known/mta-sts.txt beside the zone', async () => {
		const besideZone = tempZone(ZONE);
		fs.mkdirSync(path.join(path.dirname(besideZone), '.well-known'));
		const local = path.join(path.dirname(besideZone), '.well-known', 'mta-sts.txt');
		good.handle(policy(POLICY_ALL));
		const withZone = (file: string) => runSmtpCli(argsFor(file, good.port));
		// The same policy, other order and case of the patterns: the same for senders.
		fs.writeFileSync(local, 'version: STSv1\nmode: enforce\nmx: *.EXAMPLE.com\nmx: mx1.example.com\nmax_age: 604800\n');
		const same = domainOf((await withZone(besideZone)).stdout);
		assert.equal(same.mtaSts?.sameAsLocalFile, true);
		assert.deepEqual(same.mtaSts?.warnings, []);
		// The file lists a new exchanger the server does not serve yet.
		fs.writeFileSync(local, POLICY_ALL + 'mx: mx3.example.net\n');
		const differs = await withZone(besideZone);
		assert.equal(differs.status, 0, differs.stdout);
		assert.equal(domainOf(differs.stdout).mtaSts?.sameAsLocalFile, false);
		assert.match(
			domainOf(differs.stdout).mtaSts?.warnings[0] ?? '',
			/^The served policy differs from \.well-known\/mta-sts\.txt beside the zone/,
		);
	});

	test('an override for the policy host of a domain without _mta-sts is a usage error', async () => {
		const plain = tempZone(TWO_MX_ZONE);
		const result = await runSmtpCli([
			'--zone',
			plain,
			...FAST,
			'--host',
			`mx1.example.com=127.0.0.1:${smtp.port}`,
			'--host',
			`mta-sts.example.com=127.0.0.1:${good.port}`,
		]);
		assert.equal(result.status, 2, result.stdout + result.stderr);
		assert.match(result.stderr, /--host mta-sts\.example\.com\.: no such mail exchanger in the zone/);
		// With the record, the policy host is accepted and named in the message for a real typo.
		const typo = await run(good.port, ['--host', 'mta-sts.example.org=127.0.0.1:1']);
		assert.equal(typo.status, 2);
		assert.match(typo.stderr, /; MTA-STS policy host mta-sts\.example\.com\.\)/);
	});
});
