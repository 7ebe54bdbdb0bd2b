/**
 * Asks for a password on the terminal: the prompt on stderr (stdout may be a report piped
 * elsewhere), the terminal in raw mode so nothing typed is echoed, Backspace and Ctrl-U edit,
 * Enter ends, Ctrl-C or Ctrl-D on an empty line aborts. The password lives only in the returned
 * string: never echoed, logged or written anywhere.
 */

/** The terminal streams the prompt needs (process.stdin and process.stderr on a TTY). */
export interface PromptTerminal {
	readonly input: NodeJS.ReadStream;
	readonly output: NodeJS.WritableStream;
}

/** Resolves with the typed text, or `undefined` when the user aborted. */
export function promptPassword(prompt: string, terminal: PromptTerminal): Promise<string | undefined> {
	const { input, output } = terminal;
	return new Promise((resolve) => {
		let typed: string[] = [];
		const wasRaw = input.isRaw;
		let finished = false;
		const finish = (value: string | undefined): void => {
			if (finished) return;
			finished = true;
			input.removeListener('data', onData);
			input.removeListener('end', onClosed);
			input.removeListener('error', onClosed);
			// The terminal may be gone (hung up): restoring its mode can fail then, and must not hide the answer.
			try {
				input.setRawMode(wasRaw);
			} catch {
				// nothing to restore
			}
			input.pause();
			// The Enter the terminal did not echo, so what follows starts on its own line.
			output.write('\n');
			resolve(value);
		};
		const onData = (chunk: string): void => {
			// A chunk may hold several keys (a paste); code points, so Backspace removes a whole character.
			for (const key of chunk) {
				if (key === '\r' || key === '\n') return finish(typed.join(''));
				if (key === '\x03') return finish(undefined);
				if (key === '\x04') {
					if (typed.length === 0) return finish(undefined);
					return finish(typed.join(''));
				}
				// An escape sequence (arrow keys, function keys) arrives whole: drop the rest of the chunk.
				if (key === '\x1b') break;
				if (key === '\x7f' || key === '\b') typed.pop();
				else if (key === '\x15') typed = [];
				// Other control characters are not part of a password.
				else if (key >= ' ' && !(key >= '\x80' && key < '\xa0')) typed.push(key);
			}
		};
		// Echo off before the prompt shows: keys typed as soon as it appears must not echo.
		input.setRawMode(true);
		output.write(prompt);
		input.setEncoding('utf8');
		// A terminal that closes (hangs up) without Ctrl-D ends the prompt as an abort, never a hang.
		const onClosed = (): void => finish(undefined);
		input.on('data', onData);
		input.once('end', onClosed);
		input.once('error', onClosed);
		input.resume();
	});
}
