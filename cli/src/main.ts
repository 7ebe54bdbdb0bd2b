/**
 * The `zone-sentinel` command: a table of commands, each parsing its own arguments. A new command
 * is one entry in {@link COMMANDS} and a line in the usage text.
 */
import { isMainThread } from 'node:worker_threads';
import { checkMain } from './check';
import { USAGE } from './checkArguments';
import { readManifest } from './manifest';
import { smtpTestMain } from './smtpTest';

type Command = (argv: readonly string[]) => number | Promise<number>;

/** Each command gets the words after its name and returns the exit status (a promise when it uses the network). */
const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
	['check', checkMain],
	['smtp-test', smtpTestMain],
]);

export function main(argv: readonly string[]): number | Promise<number> {
	const command = COMMANDS.get(argv[0]);
	if (command) return command(argv.slice(1));
	if (argv.includes('-h') || argv.includes('--help')) {
		process.stdout.write(USAGE + '\n');
		return 0;
	}
	if (argv[0] === '-v' || argv[0] === '--version') {
		process.stdout.write(readManifest().version + '\n');
		return 0;
	}
	const problem = argv.length === 0 ? 'No command given.' : `Unknown command '${argv[0]}'.`;
	process.stderr.write(`zone-sentinel: ${problem}\n\n${USAGE}\n`);
	return 2;
}

// Not in a worker thread: `check --jobs` starts the bundle (this file included) as its workers.
if (require.main === module && isMainThread) {
	void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
