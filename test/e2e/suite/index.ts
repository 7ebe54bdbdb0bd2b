/**
 * Entry point that VS Code's extension host loads as `extensionTestsPath` (under code-server or
 * @vscode/test-electron alike): runs the mocha suite and resolves, or rejects when a test failed.
 */
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000, reporter: 'spec' });
	mocha.addFile(path.join(__dirname, 'extension.test.js'));
	return new Promise((resolve, reject) => {
		mocha.run((failures) => {
			const runner = mocha as unknown as { suite: Mocha.Suite };
			const total = countTests(runner.suite);
			// The offline runner reads this line; it is also the closing line CI looks for.
			console.log(`e2e: ${total - failures} passed, ${failures} failed`);
			if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
			else resolve();
		});
	});
}

function countTests(suite: Mocha.Suite): number {
	return suite.tests.length + suite.suites.reduce((sum, child) => sum + countTests(child), 0);
}
