/**
 * Node entry point of the language server (bundled to dist/server.js). The transport comes from
 * the command line: `--stdio` for most editors, `--node-ipc` when VS Code starts it as a module,
 * `--socket=PORT` or `--pipe=NAME`; with none of them it is stdio.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { formatError } from './runSafe';
import { startServer } from './server';

const LSP_USAGE = `Usage: zone-sentinel-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--clientProcessId=PID]

The Zone Sentinel language server for DNS zone files (BIND master-file format), for any editor with
LSP support. It speaks the Language Server Protocol over stdin/stdout unless another transport is given.

Options:
  --stdio               Talk LSP over stdin and stdout (the default)
  --node-ipc            Talk over the Node IPC channel (when started with child_process.fork)
  --socket=PORT         Connect to a socket on PORT
  --pipe=NAME           Connect to the named pipe or Unix socket NAME
  --clientProcessId=PID Exit when the editor's process PID ends
  -h, --help            Show this help`;

/** True when the command line names a transport `createConnection` finds by itself. */
function hasTransportArgument(argv: readonly string[]): boolean {
	return argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(arg));
}

function main(argv: readonly string[]): void {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(LSP_USAGE + '\n');
		return;
	}
	// Without a transport argument, createConnection throws; stdio is what a bare start means.
	const connection = hasTransportArgument(argv)
		? createConnection(ProposedFeatures.all)
		: createConnection(ProposedFeatures.all, process.stdin, process.stdout);

	// stdout may be the transport: anything printed must go through the connection instead.
	console.log = connection.console.log.bind(connection.console);
	console.error = connection.console.error.bind(connection.console);

	process.on('unhandledRejection', (reason: unknown) => {
		connection.console.error(formatError('Unhandled promise rejection', reason));
	});

	startServer(connection);
}

main(process.argv.slice(2));
