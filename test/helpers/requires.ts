/**
 * "This test requires tool X": the one place that decides whether a test that needs something from
 * outside the repository runs, skips or fails.
 *
 * - X is there: the test runs.
 * - X is missing on a developer's machine: the test is skipped, with a message saying how to get X.
 * - X is missing under CI (`CI` set, as GitHub Actions and `.ci/run` do): the test file fails at once,
 *   with the same message, so a missing tool can never turn into a green run that tested nothing.
 *
 * Use it as the options of `test` or `describe`: `describe('…', requires('mail-stack'), () => …)`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingMailTool } from './mailStack';
import { CORPUS } from './paths';

export type Requirement = 'corpus' | 'named-checkzone' | 'mail-stack' | 'git' | 'nvim' | 'emacs' | 'python3' | 'openssl' | 'script';

const HOW: Record<Requirement, string> = {
	corpus: `the corpus is not at ${CORPUS} (expected ../shared/corpus beside the repository, with oracle.tsv and dns-zonefile.tsv)`,
	'named-checkzone': 'named-checkzone is not installed (Debian: apt-get install bind9-utils; .ci/run installs it)',
	'mail-stack':
		'the real mail stack needs Postfix and Dovecot, run as root (Debian: apt-get install postfix dovecot-imapd dovecot-pop3d, postfix preseeded to "No configuration"; .ci/run installs them)',
	git: 'git is not installed (Debian: apt-get install git; .ci/run installs it)',
	nvim: 'Neovim is not installed (Debian: apt-get install neovim; .ci/run installs it)',
	python3: 'Python 3.11 or newer (tomllib) is not installed (Debian 12: apt-get install python3; .ci/run installs it)',
	emacs: 'Emacs with eglot, or script(1), is not installed (Debian: apt-get install emacs-nox elpa-eglot bsdutils; .ci/run installs them)',
	openssl: 'openssl is not installed (Debian: apt-get install openssl; .ci/run installs it)',
	script: 'script(1) is not installed (Debian: apt-get install bsdutils; .ci/run installs it)',
};

/** True when running under CI: `CI` set to anything but '', '0' or 'false'. */
export function underCi(): boolean {
	const value = process.env.CI;
	return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

const found = new Map<Requirement, boolean>();

function present(requirement: Requirement): boolean {
	switch (requirement) {
		case 'corpus':
			return fs.existsSync(path.join(CORPUS, 'oracle.tsv')) && fs.existsSync(path.join(CORPUS, 'dns-zonefile.tsv'));
		case 'named-checkzone':
			return spawnSync('named-checkzone', ['-v'], { encoding: 'utf8' }).status === 0;
		case 'mail-stack':
			return missingMailTool() === undefined;
		case 'git':
			return spawnSync('git', ['--version'], { encoding: 'utf8' }).status === 0;
		case 'nvim':
			return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
		case 'python3':
			return spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' }).status === 0;
		case 'emacs':
			// Packages are activated before init.el at startup; in batch they are activated by hand.
			return (
				spawnSync('emacs', ['--batch', '--eval', "(progn (package-initialize) (require 'eglot))"], { encoding: 'utf8' }).status === 0 &&
				spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0
			);
		case 'openssl':
			return spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
		case 'script':
			return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
	}
}

/** True when the requirement is met (cached). */
export function available(requirement: Requirement): boolean {
	let result = found.get(requirement);
	if (result === undefined) {
		result = present(requirement);
		found.set(requirement, result);
	}
	return result;
}

/**
 * Options for `test`/`describe`: nothing when the requirements are met; a skip with a message when
 * one is missing locally; under CI a missing one throws, which fails the test file.
 */
export function requires(...requirements: Requirement[]): { skip?: string } {
	const missing = requirements.filter((requirement) => !available(requirement));
	if (missing.length === 0) return {};
	const message = missing.map((requirement) => HOW[requirement]).join('; ');
	if (underCi()) throw new Error(`required under CI: ${message}`);
	return { skip: message };
}
