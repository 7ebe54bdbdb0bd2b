/**
 * The arguments of `zone-sentinel check`, and the usage text of the whole command. Errors are
 * thrown as {@link UsageError} so the command prints them with the usage text and exits 2.
 */
import * as path from 'node:path';
import { ArgumentCursor, UsageError } from './argumentCursor';
import { printable } from './printable';
import {
	ALL_RULES,
	checkName,
	isAbsoluteName,
	nameErrorMessage,
	RULE_LEVELS,
	RULE_OPTIONS,
	type RuleLevel,
	type RuleOptionDeclaration,
	type RuleOptions,
} from '../../core/src/index';
import { INCLUDE_RELATIVE_TO, type IncludeRelativeTo } from '../../server/src/index';

/** One usage line per rule option, from its declaration, e.g. `--mx-prefix-v4 N`. */
const OPTION_USAGE = RULE_OPTIONS.map((option) => `  ${`${option.flag} ${option.flagValue}`.padEnd(23)}${option.flagHelp}`).join('\n');

export const USAGE = `Usage: zone-sentinel check [options] FILE|DIR...
       zone-sentinel smtp-test --zone FILE [options]   (see zone-sentinel smtp-test --help)

Checks DNS zone files (BIND master-file format) with the same analysis as the editor.

Options:
  --origin NAME          Origin for files without $ORIGIN (default: SOA owner, then file name)
  --format FORMAT        text, json, sarif (SARIF 2.1.0) or github (workflow commands); default: text
  --rule ID=LEVEL        Set a rule's level: off, hint, information, warning, error (repeatable)
${OPTION_USAGE}
  --fix                  Apply the safe quick fixes to the zone files (and backup-MX fixes with --backup-host)
  --dry-run              With --fix: print the changes as a unified diff instead of writing them
  --serial-since REF     Report a zone whose records changed since the git revision REF while its SOA serial did
                         not grow (serialNotIncremented, at error unless --rule or the configuration file set it)
  --mta-sts-policy FILE  The MTA-STS policy file of the zones checked (relative: to the working directory);
                         default: .well-known/mta-sts.txt beside each zone, or mtaSts.policyFile of the
                         configuration file. A file given that cannot be read is an error on the zone
  --jobs N               Check on up to N threads, 1-256 (default: the number of CPU cores); same output
  --include-outside      Let $INCLUDE read files outside the zone file's directory
  --no-include           Do not follow $INCLUDE
  --include-relative-to zoneFile|includingFile
                         What relative $INCLUDE paths are read against: the zone file's folder, as BIND
                         reads them (default), or the including file's folder, as Knot does
  -h, --help             Show this help
  -v, --version          Show the version

Settings: the nearest .zone-sentinel.json in each zone file's folder or above (see the README);
the options above override it.

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error, or an invalid .zone-sentinel.json.`;

/** `text` for people, `json` for tools, `sarif` for code scanning, `github` for Actions annotations. */
export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'github'];

export interface CheckArguments {
	readonly paths: readonly string[];
	readonly origin?: string;
	readonly format: CheckFormat;
	/** Only the rules named by `--rule`: these beat the configuration file, which beats the defaults. */
	readonly ruleLevels: Readonly<Record<string, RuleLevel>>;
	/** Only the options given as flags (network prefix lengths, backup hosts), by option key. */
	readonly ruleOptions: Readonly<Partial<RuleOptions>>;
	/** `undefined`: as the configuration file's `includes` says (default: no, and yes). */
	readonly includeOutside?: boolean;
	readonly followIncludes?: boolean;
	/** `--include-relative-to`; `undefined`: as the configuration file says (default: `zoneFile`). */
	readonly includeRelativeTo?: IncludeRelativeTo;
	/** `--fix`: write the fixes back; with `dryRun`, print them as a diff instead. */
	readonly fix: boolean;
	readonly dryRun: boolean;
	/** `--serial-since REF`: the git revision each zone's serial must have grown from when its records changed. */
	readonly serialSince?: string;
	/** `--mta-sts-policy FILE`, absolute; `undefined`: as the configuration file says, else beside each zone. */
	readonly mtaStsPolicy?: string;
	/** `--jobs N`: worker threads; `undefined`: one per CPU core. */
	readonly jobs?: number;
}

const LEVELS = RULE_LEVELS;

/** More threads than this only cost memory. */
const MAX_JOBS = 256;

/**
 * A domain name for `--origin` (and smtp-test's `--domain`): printable, without blanks, and a valid
 * name by the zone's own rules (labels of 1–63 octets, 255 in all, valid escapes), e.g. not `...`.
 */
export function checkedOrigin(flag: string, name: string): string {
	if (!/^[\x21-\x7e\u00a0-\uffff]+$/.test(name)) throw new UsageError(`${flag} needs a domain name, not '${printable(name)}'.`);
	const error = checkName(isAbsoluteName(name) ? name : name + '.');
	if (error !== undefined) throw new UsageError(`${flag}: ${nameErrorMessage(error, printable(name))}`);
	return name;
}

const OPTIONS_BY_FLAG: ReadonlyMap<string, RuleOptionDeclaration> = new Map(
	RULE_OPTIONS.map((option) => [option.flag, option as RuleOptionDeclaration]),
);

/** The words after `check`: options and the zone files or folders to check. */
export function parseCheckArguments(argv: readonly string[]): CheckArguments | 'help' {
	if (argv.includes('-h') || argv.includes('--help')) return 'help';

	const paths: string[] = [];
	const ruleLevels: Record<string, RuleLevel> = {};
	let origin: string | undefined;
	let format: CheckFormat = 'text';
	let includeOutside: boolean | undefined;
	let followIncludes: boolean | undefined;
	let includeRelativeTo: IncludeRelativeTo | undefined;
	let fix = false;
	let dryRun = false;
	let jobs: number | undefined;
	let serialSince: string | undefined;
	let mtaStsPolicy: string | undefined;
	const ruleOptions: Record<string, unknown> = {};
	// Accepts both `--origin NAME` and `--origin=NAME`.
	const cursor = new ArgumentCursor(argv);
	const value = (): string => cursor.value();
	while (cursor.next()) {
		const { arg, flag } = cursor;
		switch (flag) {
			case '--origin':
				origin = checkedOrigin(flag, value());
				break;
			case '--format': {
				const chosen = value();
				if (!FORMATS.includes(chosen as CheckFormat))
					throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not '${printable(chosen)}'.`);
				format = chosen as CheckFormat;
				break;
			}
			case '--rule': {
				const setting = value();
				const [id, level] = setting.split('=');
				if (!ALL_RULES.some((rule) => rule.id === id))
					throw new UsageError(`Unknown rule '${id}'. Rules: ${ALL_RULES.map((rule) => rule.id).join(', ')}.`);
				if (!LEVELS.includes(level as RuleLevel)) throw new UsageError(`--rule ${id}= needs a level: ${LEVELS.join(', ')}.`);
				ruleLevels[id] = level as RuleLevel;
				break;
			}
			case '--include-outside':
				includeOutside = true;
				break;
			case '--no-include':
				followIncludes = false;
				break;
			case '--include-relative-to': {
				const chosen = value();
				if (!(INCLUDE_RELATIVE_TO as readonly string[]).includes(chosen))
					throw new UsageError(`--include-relative-to must be ${INCLUDE_RELATIVE_TO.join(' or ')}, not '${printable(chosen)}'.`);
				includeRelativeTo = chosen as IncludeRelativeTo;
				break;
			}
			case '--fix':
				fix = true;
				break;
			case '--dry-run':
				dryRun = true;
				break;
			case '--serial-since': {
				const revision = value();
				// A revision name git reads as such, never as an option or a `REV:path` of its own.
				if (!/^[\x21-\x7e\u00a0-\uffff]+$/.test(revision) || revision.startsWith('-') || revision.includes(':'))
					throw new UsageError(
						`--serial-since needs a git revision such as HEAD, origin/main or a commit id, not '${printable(revision)}'.`,
					);
				serialSince = revision;
				break;
			}
			case '--mta-sts-policy': {
				const file = value();
				if (file.length === 0 || file.includes('\0')) throw new UsageError(`--mta-sts-policy needs a file, not '${printable(file)}'.`);
				mtaStsPolicy = path.resolve(file);
				break;
			}
			case '--jobs': {
				const given = value();
				if (!/^[0-9]{1,3}$/.test(given) || Number(given) < 1 || Number(given) > MAX_JOBS)
					throw new UsageError(`--jobs needs a whole number from 1 to ${MAX_JOBS}, not '${printable(given)}'.`);
				jobs = Number(given);
				break;
			}
			default: {
				const option = OPTIONS_BY_FLAG.get(flag);
				if (option !== undefined) {
					const result = option.parseFlag(value(), ruleOptions[option.key] ?? option.default);
					if ('error' in result) throw new UsageError(result.error);
					ruleOptions[option.key] = result.value;
					break;
				}
				if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
				paths.push(arg);
			}
		}
	}
	if (paths.length === 0) throw new UsageError('No zone file or directory given.');
	if (dryRun && !fix) throw new UsageError('--dry-run goes with --fix (it shows what --fix would change).');
	if (dryRun && format !== 'text') throw new UsageError('--fix --dry-run prints a unified diff; --format does not apply.');
	return {
		paths,
		origin,
		format,
		ruleLevels,
		ruleOptions: ruleOptions,
		includeOutside,
		followIncludes,
		includeRelativeTo,
		fix,
		dryRun,
		jobs,
		serialSince,
		mtaStsPolicy,
	};
}
