/**
 * `npm run test:e2e:electron`: the same suite under @vscode/test-electron, for developers whose
 * machine can download a desktop VS Code (CI cannot, and uses offline/runOffline.ts instead).
 * VSCODE_VERSION picks the version (default: the oldest the extension supports).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
	const repo = path.resolve(__dirname, '..', '..', '..');
	// Tests edit and save settings: give them a copy of the workspace, never the fixtures.
	const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-workspace-'));
	fs.cpSync(path.join(repo, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
	try {
		await runTests({
			version: process.env.VSCODE_VERSION ?? '1.100.3',
			extensionDevelopmentPath: repo,
			extensionTestsPath: path.join(__dirname, 'suite', 'index'),
			launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
		});
	} finally {
		fs.rmSync(workspace, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
