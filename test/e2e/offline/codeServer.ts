/**
 * A real VS Code without a download from the Internet: code-server (the VS Code server and web
 * workbench, from the npm registry) on 127.0.0.1, with Debian's Chromium, driven by
 * playwright-core, as its window. Extensions run in code-server's Node extension host exactly as
 * under @vscode/test-electron; the browser only renders the workbench.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The oldest VS Code the extension supports (engines.vscode) and the newest one tested. */
export const CODE_SERVER_VERSIONS = ['4.100.3', '4.139.1'] as const;

export interface CodeServerInstall {
	readonly version: string;
	readonly folder: string;
	/** The Node.js that runs it (code-server pins a major version). */
	readonly node: string;
	/** VS Code's own version, e.g. `1.100.3`. */
	readonly vscodeVersion: string;
}

/** Installs code-server `version` unless it is already there (test/e2e/offline/installCodeServer.sh). */
export function installCodeServer(version: string): CodeServerInstall {
	const script = path.join(REPO_ROOT, 'test', 'e2e', 'offline', 'installCodeServer.sh');
	const output = execFileSync('bash', [script, version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const folder = output.trim().split('\n').pop()!;
	const node = fs.readFileSync(path.join(folder, '.node'), 'utf8').trim();
	const product = JSON.parse(
		fs.readFileSync(path.join(folder, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8'),
	) as { version: string };
	return { version, folder, node, vscodeVersion: product.version };
}

export interface RunningCodeServer {
	readonly url: string;
	/** `host:port`, the authority of `vscode-remote://` URIs. */
	readonly authority: string;
	readonly userDataDir: string;
	readonly extensionsDir: string;
	stop(): Promise<void>;
}

export interface CodeServerOptions {
	/** Extra user settings, merged over the test defaults (auto-save off, no welcome page). */
	readonly settings?: Record<string, unknown>;
	/** Fresh per run unless given (the UI check installs the .vsix into it first). */
	readonly extensionsDir?: string;
	/** Receives code-server's own log lines. */
	readonly log?: (line: string) => void;
}

/** Runs code-server `args` once and waits for it to exit (e.g. `--install-extension x.vsix`). */
export function runCodeServerCli(install: CodeServerInstall, args: readonly string[]): string {
	return execFileSync(install.node, [entryOf(install), ...args], { encoding: 'utf8', env: codeServerEnv() });
}

function entryOf(install: CodeServerInstall): string {
	return path.join(install.folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function codeServerEnv(): NodeJS.ProcessEnv {
	// No extension gallery: nothing to look up on the Internet, and no update check.
	return { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', VSCODE_PROXY_URI: '' };
}

/** Starts code-server on a free port of 127.0.0.1 and resolves once it listens. */
export async function startCodeServer(install: CodeServerInstall, options: CodeServerOptions = {}): Promise<RunningCodeServer> {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-e2e-'));
	const userDataDir = path.join(home, 'user-data');
	const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
	fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	fs.mkdirSync(extensionsDir, { recursive: true });
	const settings = {
		// The web workbench auto-saves by default and would write test edits to disk.
		'files.autoSave': 'off',
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'workbench.enableExperiments': false,
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'extensions.ignoreRecommendations': true,
		'security.workspace.trust.enabled': false,
		'chat.disableAIFeatures': true,
		'workbench.secondarySideBar.defaultVisibility': 'hidden',
		...options.settings,
	};
	fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, '\t'));

	const args = [
		entryOf(install),
		'--bind-addr',
		'127.0.0.1:0',
		'--auth',
		'none',
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		'--user-data-dir',
		userDataDir,
		'--extensions-dir',
		extensionsDir,
	];
	const child = spawn(install.node, args, { env: codeServerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
	const log = options.log ?? (() => undefined);
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
		const onData = (chunk: Buffer): void => {
			const text = chunk.toString();
			output += text;
			for (const line of text.split('\n').filter(Boolean)) log(line);
			const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
		});
	});
	return {
		url,
		authority: new URL(url).host,
		userDataDir,
		extensionsDir,
		stop: () => stopProcess(child).then(() => removeTemporary(home)),
	};
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** Debian's Chromium, headless, kept off every network but 127.0.0.1. */
export function launchChromium(): Promise<Browser> {
	const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} not found: apt-get install chromium (or set CHROMIUM_PATH)`);
	return chromium.launch({
		executablePath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync',
			// Without this Chromium still looks up Google hosts.
			'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
		],
	});
}

/** The workbench URL that opens `folder`, with optional extension-development payload. */
export function workbenchUrl(server: RunningCodeServer, folder: string, payload?: readonly (readonly [string, string])[]): string {
	const url = new URL(server.url);
	url.searchParams.set('folder', folder);
	if (payload) url.searchParams.set('payload', JSON.stringify(payload));
	return url.toString();
}

/**
 * Makes the workbench honour the extension-test URL payload. VS Code ≥ 1.10x reads it only when
 * its web configuration has `developmentOptions.enableSmokeTestDriver` (set by VS Code's own
 * `--enable-smoke-test-driver`, an option code-server's command line rejects). The workbench reads
 * that configuration from a `<meta>` element with `document.getElementById`; a script that runs
 * before the page's own amends the element as it is read. Older versions read the payload anyway.
 * (Rewriting the HTML with `page.route` instead loses code-server's WebSocket connection.)
 */
export async function enableSmokeTestDriver(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const getElementById = Document.prototype.getElementById;
		Document.prototype.getElementById = function (this: Document, id: string): HTMLElement | null {
			const element = getElementById.call(this, id);
			if (id === 'vscode-workbench-web-configuration' && element && !element.dataset.zoneSentinelAmended) {
				const settings = JSON.parse(element.getAttribute('data-settings') ?? '{}') as { developmentOptions?: Record<string, unknown> };
				settings.developmentOptions = { ...settings.developmentOptions, enableSmokeTestDriver: true };
				element.setAttribute('data-settings', JSON.stringify(settings));
				element.dataset.zoneSentinelAmended = 'true';
			}
			return element;
		};
	});
}

/** A `vscode-remote://` URI for a path on the code-server machine. */
export function remoteUri(server: RunningCodeServer, file: string): string {
	return `vscode-remote://${server.authority}${file}`;
}

/** A copy of test/e2e/workspace in a temporary folder: tests edit files, never the fixtures. */
export function copyWorkspace(): string {
	// A fixed folder name inside a fresh temporary folder: it is the window title of the screenshots.
	const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-workspace-')), 'example-zones');
	fs.cpSync(path.join(REPO_ROOT, 'test', 'e2e', 'workspace'), target, { recursive: true });
	return target;
}

/** Removes a folder made by {@link copyWorkspace}. */
export function removeWorkspace(workspace: string): void {
	removeTemporary(path.dirname(workspace));
}

/**
 * Removes a temporary folder. code-server's helper processes can still be writing to it for a moment
 * after the server exits, so retry, and only warn when it stays: a leftover temp folder is no test failure.
 */
export function removeTemporary(folder: string): void {
	try {
		fs.rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
	} catch (error) {
		console.warn(`warning: could not remove ${folder}: ${(error as Error).message}`);
	}
}

/**
 * Named checks on a workbench page, as the UI and mail-flow checks run them: each prints `ok` or
 * `not ok`, and a failure saves a screenshot of the page in `failures` and prints what `explain` adds.
 */
export class PageChecks {
	passed = 0;
	failed = 0;

	constructor(
		private readonly page: Page,
		private readonly failures: string,
		private readonly explain?: (page: Page) => Promise<string>,
	) {}

	readonly check = async (name: string, body: () => Promise<void>): Promise<void> => {
		try {
			await body();
			this.passed++;
			console.log(`ok - ${name}`);
		} catch (error) {
			this.failed++;
			const shot = path.join(this.failures, `${this.passed + this.failed}.png`);
			await this.page.screenshot({ path: shot }).catch(() => undefined);
			// Playwright appends its call log to the message: the first line says what failed, a "waiting for" line names the locator.
			const lines = (error instanceof Error ? error.message : String(error)).split('\n');
			const waited = lines.find((line) => /waiting for/.test(line))?.trim();
			console.log(`not ok - ${name}: ${lines[0]}${waited ? ` ${waited}` : ''} (screenshot ${shot})`);
			if (this.explain) console.log(`  ${await this.explain(this.page).catch(() => '')}`);
		}
	};
}

export type { Browser, Page };
