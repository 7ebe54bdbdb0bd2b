#!/usr/bin/env node
// The language server for editors other than VS Code: `zone-sentinel-lsp` talks LSP over stdio (built by `npm run bundle`).
'use strict';
require('../dist/server.js');
