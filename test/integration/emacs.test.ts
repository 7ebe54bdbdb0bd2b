/**
 * The README's Emacs snippet, as written there, as the `init.el` of a real Emacs with eglot (Debian 12:
 * Emacs 28.2 and elpa-eglot 1.9). `emacs -nw` runs on a terminal made by script(1), as a user starts
 * it: eglot-ensure connects from the command loop, which `emacs --batch` does not run. It starts
 * `zone-sentinel-lsp --stdio` (on PATH as after `npm install -g .`) for a zone with one MX; the
 * diagnostic reaches Flymake with its code and the level the snippet's settings give it, `imenu`
 * (documentSymbol) lists the owners and their records, and a hover on the MX answers.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EDITOR_RECIPE_ZONE, installedLspBin, readmeBlock } from '../helpers/readme';
import { requires } from '../helpers/requires';

/**
 * Appended to the snippet: once Flymake has the server's diagnostics, write them, every name of the
 * imenu index and the hover on line 5 to ZS_OUT, then quit; exit 1 when none arrive within 20 s.
 */
const REPORT = `
(require 'imenu)
(defvar zs-deadline (+ (float-time) 20))
(defun zs-names (index)
  (cl-loop for (name . rest) in index
           unless (string-prefix-p "*" name)
           append (cons name (and (consp rest) (zs-names rest)))))
(defun zs-poll ()
  (let* ((buffer (get-file-buffer (getenv "ZS_ZONE")))
         (found (and buffer (with-current-buffer buffer (and (bound-and-true-p flymake-mode) (flymake-diagnostics))))))
    (cond
     (found
      (condition-case failure
          (with-current-buffer buffer
            (let ((lines (mapcar (lambda (d)
                                   (format "%d %s %s\\n" (line-number-at-pos (flymake-diagnostic-beg d))
                                           (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                                 found))
                  (names (string-join (zs-names (imenu--make-index-alist t)) " "))
                  (hover (progn (goto-char (point-min)) (forward-line 4) (search-forward "MX")
                                (jsonrpc-request (eglot-current-server) :textDocument/hover
                                                 (eglot--TextDocumentPositionParams)))))
              (with-temp-file (getenv "ZS_OUT")
                (apply #'insert lines)
                (insert "imenu " names "\\n")
                (insert "hover " (replace-regexp-in-string "\\n" " " (format "%S" hover)) "\\n")))
            (kill-emacs 0))
        (error (with-temp-file (getenv "ZS_OUT") (insert (format "report failed: %S\\n" failure))) (kill-emacs 2))))
     ((> (float-time) zs-deadline) (kill-emacs 1)))))
(run-with-timer 0.2 0.2 #'zs-poll)
`;

test("the README's Emacs snippet starts the server: Flymake shows its diagnostics, imenu its symbols", requires('emacs'), () => {
	const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-emacs-')));
	try {
		const bin = installedLspBin(folder);
		// A home of its own: ~/.emacs.d/init.el is the snippet; no native compilation of packages in the background.
		const emacsDir = path.join(folder, 'home', '.emacs.d');
		fs.mkdirSync(emacsDir, { recursive: true });
		fs.writeFileSync(path.join(emacsDir, 'early-init.el'), '(setq native-comp-deferred-compilation nil)\n');
		fs.writeFileSync(path.join(emacsDir, 'init.el'), readmeBlock('**Emacs**', 'elisp') + REPORT);
		const zone = path.join(folder, 'example.com.zone');
		fs.writeFileSync(zone, EDITOR_RECIPE_ZONE);
		const out = path.join(folder, 'report.txt');
		const run = spawnSync('script', ['-qec', 'emacs -nw example.com.zone', '/dev/null'], {
			cwd: folder,
			encoding: 'utf8',
			timeout: 40_000,
			env: {
				...process.env,
				PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
				HOME: path.join(folder, 'home'),
				TERM: 'xterm',
				ZS_ZONE: zone,
				ZS_OUT: out,
			},
		});
		const report = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
		assert.equal(run.status, 0, `emacs exited ${String(run.status)} (${String(run.signal)}); no diagnostics arrived.\n${report}`);
		const [diagnostic, imenu, hover, ...rest] = report.trim().split('\n');
		assert.deepEqual(rest, [], report);
		// The snippet's settings raise mxSingle to an error: they reached the server.
		assert.match(
			diagnostic,
			/^5 (?:eglot-error|:error) zone-sentinel \[mxSingle\]: example\.com\. has only one mail exchanger \(mx1\.example\.com\.\)/,
		);
		assert.deepEqual(
			imenu
				.split(' ')
				.filter((name) => ['example.com.', '@', 'ns1', 'mx1', 'SOA', 'NS', 'MX', 'A'].includes(name))
				.sort(),
			['@', 'A', 'A', 'MX', 'NS', 'SOA', 'example.com.', 'example.com.', 'mx1', 'ns1'].sort(),
			imenu,
		);
		assert.match(hover, /^hover \(:contents \(:kind "markdown" :value "\*\*MX\*\* \(type 15\)/, hover);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
});
