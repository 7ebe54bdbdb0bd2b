#!/usr/bin/env node
// The command-line entry: runs the bundled CLI (built by `npm run bundle`, which `npm ci` runs via `prepare`).
'use strict';
// `main` returns the exit status, or a promise of it for commands that use the network (smtp-test).
Promise.resolve(require('../dist/cli.js').main(process.argv.slice(2))).then((code) => {
	process.exitCode = code;
});
