#!/usr/bin/env node
// The command-line entry: runs the bundled CLI (built by `npm run bundle`, which `npm ci` runs via `prepare`).
'use strict';
process.exitCode = require('../dist/cli.js').main(process.argv.slice(2));
