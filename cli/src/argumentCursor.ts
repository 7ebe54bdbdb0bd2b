/** Argument parsing without dependencies, shared by every command. */
import { printable } from './printable';

export class UsageError extends Error {}

/**
 * Walks the words of a command line: `flag` is the word (or the part before `=` of `--flag=value`),
 * and `value()` takes the inline value or the next word.
 */
export class ArgumentCursor {
	#index = -1;
	#inline: string | undefined;
	flag = '';
	arg = '';

	constructor(private readonly argv: readonly string[]) {}

	next(): boolean {
		if (++this.#index >= this.argv.length) return false;
		this.arg = this.argv[this.#index];
		const equals = this.arg.startsWith('--') ? this.arg.indexOf('=') : -1;
		this.flag = equals === -1 ? this.arg : this.arg.slice(0, equals);
		this.#inline = equals === -1 ? undefined : this.arg.slice(equals + 1);
		return true;
	}

	/**
	 * The flag's value. A next word that looks like another flag (`--origin --format json`) is refused,
	 * not swallowed; `--flag=--value` still passes such a value on purpose.
	 */
	value(): string {
		if (this.#inline !== undefined) return this.#inline;
		const given = this.argv[++this.#index];
		if (given === undefined) throw new UsageError(`${this.flag} needs a value.`);
		if (given.startsWith('--'))
			throw new UsageError(
				`${this.flag} needs a value, not the option '${printable(given)}' (write ${this.flag}=VALUE for a value that starts with --).`,
			);
		return given;
	}
}
