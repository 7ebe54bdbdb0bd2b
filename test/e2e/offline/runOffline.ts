/**
 * `npm run test:e2e`: the end-to-end suite (test/e2e/suite, mocha in the extension host) in a real
 * VS Code that needs no download from the Internet, then the UI check of the packaged .vsix and the
 * mail commands' flow against the real mail stack (mailFlowCheck.ts).
 *
 *   node out/test/e2e/offline/runOffline.js [--vscode 4.100.3,4.139.1] [--no-ui]
 *
 * `--vscode` lists code-server versions (default: the oldest supported one, 4.100.3; env
 * ZONE_SENTINEL_E2E_VERSIONS does the same). The UI check (uiCheck.ts) runs on the first version.
 * Exits non-zero when a test fails.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { format } from 'node:util';
import {
	copyWorkspace,
	enableSmokeTestDriver,
	installCodeServer,
	launchChromium,
	REPO_ROOT,
	remoteUri,
	removeWorkspace,
	startCodeServer,
	workbenchUrl,
} from './codeServer';
import { runMailFlowCheck } from './mailFlowCheck';
import { runUiCheck } from './uiCheck';

/** The whole suite must finish within this; the mocha tests have their own, shorter time-outs. */
const SUITE_TIMEOUT_MS = 180_000;

/** Workbench log lines that say nothing about the tests (shown with ZONE_SENTINEL_E2E_VERBOSE=1). */
const WORKBENCH_CHATTER =
	/^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore:)/;

interface SuiteResult {
	readonly exitCode: number;
	readonly passed: number;
	readonly failed: number;
}

/** Runs the mocha suite in code-server `version`; resolves with the exit code the workbench reported. */
export async function runSuite(version: string): Promise<SuiteResult> {
	const install = installCodeServer(version);
	const workspace = copyWorkspace();
	const started = Date.now();
	console.log(
		`== e2e suite in VS Code ${install.vscodeVersion} (code-server ${version}, Node ${nodeVersion(install.node)}), workspace ${workspace}`,
	);
	const server = await startCodeServer(install, {
		log: (line) => process.env.ZONE_SENTINEL_E2E_VERBOSE && console.log(`[code-server] ${line}`),
	});
	const browser = await launchChromium();
	let passed = 0;
	let failed = 0;
	try {
		const page = await browser.newPage();
		const exit = new Promise<number>((resolve) => {
			// The workbench reports the extension host's test output and exit code through these.
			void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
				// The arguments of a console call in the extension host, e.g. mocha's `'  ✔ %s', title`.
				const text = format(...args);
				if (!process.env.ZONE_SENTINEL_E2E_VERBOSE && WORKBENCH_CHATTER.test(text)) return;
				const counts = /^e2e: (\d+) passed, (\d+) failed$/m.exec(text);
				if (counts) {
					passed = Number(counts[1]);
					failed = Number(counts[2]);
				}
				(type === 'error' ? console.error : console.log)(text);
			});
			void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
		});
		await enableSmokeTestDriver(page);
		page.on('pageerror', (error) => process.env.ZONE_SENTINEL_E2E_VERBOSE && console.error(`[page] ${error.message}`));
		const url = workbenchUrl(server, workspace, [
			['extensionDevelopmentPath', remoteUri(server, REPO_ROOT)],
			['extensionTestsPath', remoteUri(server, path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index'))],
		]);
		await page.goto(url);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<number>((resolve) => {
			timer = setTimeout(() => {
				console.error(`e2e: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
				resolve(1);
			}, SUITE_TIMEOUT_MS);
		});
		const exitCode = await Promise.race([exit, timeout]);
		clearTimeout(timer);
		console.log(`== e2e suite in VS Code ${install.vscodeVersion}: exit code ${exitCode}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return { exitCode, passed, failed };
	} finally {
		await browser.close();
		await server.stop();
		removeWorkspace(workspace);
	}
}

function nodeVersion(node: string): string {
	return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const flag = argv.indexOf('--vscode');
	const list = flag !== -1 ? argv[flag + 1] : (process.env.ZONE_SENTINEL_E2E_VERSIONS ?? '4.100.3');
	const versions = list
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	let ok = true;
	let passed = 0;
	let failed = 0;
	for (const version of versions) {
		const result = await runSuite(version);
		passed += result.passed;
		failed += result.failed;
		if (result.exitCode !== 0) ok = false;
	}
	if (!argv.includes('--no-ui')) {
		const ui = await runUiCheck(versions[0]);
		passed += ui.passed;
		failed += ui.failed;
		if (ui.failed > 0) ok = false;
		const mail = await runMailFlowCheck(versions[0]);
		passed += mail.passed;
		failed += mail.failed;
		if (mail.failed > 0) ok = false;
	}
	if (!ok && failed === 0) failed = 1;
	// The closing line CI reads.
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exitCode = ok ? 0 : 1;
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
