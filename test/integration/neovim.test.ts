/**
 * The README's Neovim snippet, as written there, in a real Neovim (headless; Debian 12 has 0.7.2):
 * it starts `zone-sentinel-lsp --stdio` (the package's bin, on PATH as after `npm install -g .`) for a
 * zone file with one MX, and the pushed diagnostics reach Neovim's diagnostic list with their codes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EDITOR_RECIPE_ZONE, installedLspBin, readmeBlock } from '../helpers/readme';
import { requires } from '../helpers/requires';

/** Appended to the snippet: write the diagnostics once the server's arrive, then quit; give up after 20 s. */
const REPORT = `
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    local found = vim.diagnostic.get(0)
    if #found == 0 then return end
    local out = io.open(os.getenv('ZS_OUT'), 'w')
    for _, d in ipairs(found) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
      out:write(string.format('%d %s %s\\n', d.lnum + 1, code, d.source or ''))
    end
    out:close()
    vim.cmd('qa!')
  end,
})
vim.defer_fn(function() vim.cmd('cq') end, 20000)
`;

test("the README's Neovim snippet starts the server and shows its diagnostics", requires('nvim'), () => {
	const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-nvim-')));
	try {
		const bin = installedLspBin(folder);
		const init = path.join(folder, 'init.lua');
		fs.writeFileSync(init, readmeBlock('**Neovim**', 'lua') + REPORT);
		const zone = path.join(folder, 'example.com.zone');
		fs.writeFileSync(zone, EDITOR_RECIPE_ZONE);
		const out = path.join(folder, 'diagnostics.txt');
		const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, zone], {
			cwd: folder,
			encoding: 'utf8',
			timeout: 40_000,
			env: {
				...process.env,
				PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
				ZS_OUT: out,
				XDG_STATE_HOME: folder,
				XDG_DATA_HOME: folder,
			},
		});
		assert.equal(
			run.status,
			0,
			`nvim exited ${String(run.status)} (${String(run.signal)}); no diagnostics arrived.\n${run.stdout}${run.stderr}`,
		);
		assert.deepEqual(fs.readFileSync(out, 'utf8').trim().split('\n'), ['5 mxSingle zone-sentinel']);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
});
