import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redact, redactingChannel, whileSecret } from '../../client/src/redaction';

describe('the LSP trace never shows a drill password', () => {
	test('while a request carries the password, every channel write has it replaced, also JSON-escaped', async () => {
		const written: string[] = [];
		const channel = {
			name: 'Zone Sentinel',
			appendLine: (text: string) => written.push(text),
			trace: (text: string) => written.push(text),
		};
		const traced = redactingChannel(channel);
		assert.equal(traced.name, 'Zone Sentinel');
		const secret = 'pa"ss\\word 1';
		await whileSecret(secret, async () => {
			traced.trace(`Sending request 'zoneSentinel/runFailoverDrill - (7)'. Params: ${JSON.stringify({ password: secret })}`);
			traced.appendLine(`raw ${secret}`);
		});
		assert.deepEqual(written, [
			`Sending request 'zoneSentinel/runFailoverDrill - (7)'. Params: {"password":"<password>"}`,
			'raw <password>',
		]);
		// Once the request is done the secret is no longer registered.
		assert.equal(redact(`x ${secret}`), `x ${secret}`);
	});
});
