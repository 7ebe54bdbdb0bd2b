/**
 * Node entry point of the language server (bundled to dist/server.js). The transport comes from
 * the command line: `--stdio` for most editors, `--node-ipc` when VS Code starts it as a module.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { formatError } from './runSafe';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// stdout may be the transport: anything printed must go through the connection instead.
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);

process.on('unhandledRejection', (reason: unknown) => {
	connection.console.error(formatError('Unhandled promise rejection', reason));
});

startServer(connection);
