/**
 * Golden files: compares `actual` with the stored expectation, or rewrites it when UPDATE_GOLDEN=1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

export function assertGolden(expectedFile: string, actual: string): void {
	if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(expectedFile)) {
		fs.writeFileSync(expectedFile, actual);
		if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${expectedFile} did not exist; it was written. Review it and run again.`);
		return;
	}
	assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'), `${expectedFile} differs (UPDATE_GOLDEN=1 rewrites it)`);
}
