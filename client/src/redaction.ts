/**
 * Keeps passwords out of the LSP trace (`zoneSentinel.trace.server`): the trace prints every
 * request's params, and the failover drill sends the mailbox password in one. While a request
 * carries a secret it is registered here, and the trace channel writes `<password>` instead of it.
 * Kept free of `vscode` imports so it can be unit-tested.
 */

const secrets = new Set<string>();

/** Registers `secret` while `run` is under way. */
export async function whileSecret<T>(secret: string, run: () => Promise<T>): Promise<T> {
	secrets.add(secret);
	try {
		return await run();
	} finally {
		secrets.delete(secret);
	}
}

/** The text with every registered secret replaced, as written and as escaped inside a JSON string. */
export function redact(text: string): string {
	let result = text;
	for (const secret of secrets) {
		for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) result = result.split(form).join('<password>');
	}
	return result;
}

/** The channel methods that write text (OutputChannel and LogOutputChannel). */
const WRITERS = new Set<PropertyKey>(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

/** A view of `channel` whose writes are redacted; everything else is the channel's own. */
export function redactingChannel<C extends object>(channel: C): C {
	return new Proxy(channel, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			if (!WRITERS.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
			return (message: unknown, ...rest: unknown[]) =>
				(value as (...args: unknown[]) => unknown).call(target, typeof message === 'string' ? redact(message) : message, ...rest);
		},
	});
}
