import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mailboxInputError, passwordInputError } from '../../client/src/drillInput';

describe('Run Failover Drill input boxes', () => {
	test('mailbox URLs: IMAP and POP3 with a user, never a password (the URL is kept in the workspace state)', () => {
		for (const ok of ['imap://drill@127.0.0.1:143/INBOX', 'imaps://u@mail.example.com', 'pop3://u@[::1]:110', ' pop3s://u@host '])
			assert.equal(mailboxInputError(ok), undefined, ok);
		assert.match(mailboxInputError('imap://drill:secret@127.0.0.1/INBOX') ?? '', /Leave the password out/);
		assert.match(mailboxInputError('http://u@host/') ?? '', /imap:, imaps:, pop3: or pop3s:/);
		assert.match(mailboxInputError('imap://127.0.0.1/INBOX') ?? '', /Name the mailbox user/);
		assert.match(mailboxInputError('not a url') ?? '', /Enter a mailbox URL/);
	});
	test('passwords: 1 to 255 printable ASCII characters', () => {
		assert.equal(passwordInputError('drill-secret 1'), undefined);
		for (const bad of ['', 'x'.repeat(256), 'pässword', 'a\tb']) assert.ok(passwordInputError(bad), JSON.stringify(bad));
	});
});
