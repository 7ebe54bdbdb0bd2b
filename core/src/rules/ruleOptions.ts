/**
 * The options rules read, each declared once: its key, setting, CLI flag, JSON schema, default,
 * description and validation. The server's settings parser, the CLI's flag parser, package.json's
 * settings and the README are all derived from {@link RULE_OPTIONS} (`npm run generate`), so a new
 * option is one entry here plus the rules that list it in their `options`.
 */
import { normaliseHostName } from '../../../protocol/src/index';

/** The JSON schema of a setting, as package.json's `contributes.configuration` writes it. */
export type SettingSchema = Readonly<Record<string, unknown>>;

/** One flag occurrence folded into the value so far (flags may repeat), or why the flag is wrong. */
export type FlagResult<T> = { readonly value: T } | { readonly error: string };

export interface RuleOptionDeclaration<K extends string = string, T = unknown> {
	/** Field of {@link RuleOptions}, e.g. `mxNetworkPrefixV4`. */
	readonly key: K;
	/** Setting path under `zoneSentinel.`, e.g. `mx.networkPrefixV4`. */
	readonly setting: string;
	/** CLI flag, e.g. `--mx-prefix-v4`, and the name of its value in the usage text. */
	readonly flag: string;
	readonly flagValue: string;
	/** The usage text's line for the flag, after the flag itself. */
	readonly flagHelp: string;
	readonly default: T;
	/** The settings description (package.json and README). */
	readonly description: string;
	/** Type, bounds and item type, without default, scope and description (added from the fields above). */
	readonly schema: SettingSchema;
	/** What a valid value is, for a configuration file's error, e.g. `a whole number from 1 to 32`. */
	readonly expected: string;
	/** What a valid item of a list is, e.g. `a host name`; list options only. */
	readonly itemExpected?: string;
	/** The setting's value, or `undefined` when it is invalid (the default applies then). */
	parseSetting(raw: unknown): T | undefined;
	parseFlag(given: string, current: T): FlagResult<T>;
}

/** A whole number from `minimum` to `maximum`; settings may give it as a number or a numeric string. */
function integerOption<const K extends string>(spec: {
	key: K;
	setting: string;
	flag: string;
	flagHelp: string;
	minimum: number;
	maximum: number;
	default: number;
	description: string;
}): RuleOptionDeclaration<K, number> {
	const { minimum, maximum } = spec;
	const parse = (value: unknown): number | undefined => {
		const number = typeof value === 'string' && /^[0-9]{1,3}$/.test(value.trim()) ? Number(value.trim()) : value;
		return typeof number === 'number' && Number.isInteger(number) && number >= minimum && number <= maximum ? number : undefined;
	};
	return {
		key: spec.key,
		setting: spec.setting,
		flag: spec.flag,
		flagValue: 'N',
		flagHelp: `${spec.flagHelp}, ${minimum}-${maximum} (default: ${spec.default})`,
		default: spec.default,
		description: spec.description,
		schema: { type: 'integer', minimum, maximum },
		expected: `a whole number from ${minimum} to ${maximum}`,
		parseSetting: parse,
		parseFlag(given) {
			const value = parse(given);
			return value === undefined
				? { error: `${spec.flag} needs a whole number from ${minimum} to ${maximum}, not '${given}'.` }
				: { value };
		},
	};
}

/** Host names, made absolute, without repeats (case-insensitive); the flag repeats, one host each. */
function hostListOption<const K extends string>(spec: {
	key: K;
	setting: string;
	flag: string;
	flagHelp: string;
	description: string;
}): RuleOptionDeclaration<K, readonly string[]> {
	const added = (hosts: readonly string[], host: string): readonly string[] =>
		hosts.some((known) => known.toLowerCase() === host.toLowerCase()) ? hosts : [...hosts, host];
	return {
		key: spec.key,
		setting: spec.setting,
		flag: spec.flag,
		flagValue: 'NAME',
		flagHelp: `${spec.flagHelp} (repeatable)`,
		default: Object.freeze([]),
		description: spec.description,
		schema: { type: 'array', items: { type: 'string' } },
		expected: 'a list of host names such as ["backup-mx.example.net"]',
		itemExpected: 'a host name such as backup-mx.example.net',
		// Entries that are not host names are dropped, so one typo keeps the others.
		parseSetting(raw) {
			if (!Array.isArray(raw)) return undefined;
			let hosts: readonly string[] = [];
			for (const item of raw) {
				const host = typeof item === 'string' ? normaliseHostName(item) : undefined;
				if (host !== undefined) hosts = added(hosts, host);
			}
			return Object.freeze(hosts);
		},
		parseFlag(given, current) {
			const host = normaliseHostName(given);
			if (host === undefined) return { error: `${spec.flag} needs a host name such as backup-mx.example.net, not '${given}'.` };
			return { value: added(current, host) };
		},
	};
}

const MX_NETWORK_USERS =
	'Used by mxSameNetwork, mxSingle, the MX hover, the code lens, and the "Add backup MX record" fix (which leaves out a backup host on an exchanger\'s network).';

/** Every rule option, in the order of the settings and the usage text. */
export const RULE_OPTIONS = [
	hostListOption({
		key: 'backupHosts',
		setting: 'backupHosts',
		flag: '--backup-host',
		flagHelp: 'Host offered by the "Add backup MX record" fix',
		description:
			'Host names of your backup mail exchangers, e.g. `backup-mx.example.net`. The "Add backup MX record" quick fix offers one MX line for each (a trailing dot is added); without any, it inserts the placeholder `backup-mx.invalid.` or, in VS Code, asks for the host. Entries that are not host names are ignored.',
	}),
	integerOption({
		key: 'mxNetworkPrefixV4',
		setting: 'mx.networkPrefixV4',
		flag: '--mx-prefix-v4',
		flagHelp: 'IPv4 exchangers share a network at this prefix length',
		minimum: 1,
		maximum: 32,
		default: 24,
		description: `Two IPv4 mail exchangers count as one network when their addresses share this many leading bits (24: the same /24). ${MX_NETWORK_USERS}`,
	}),
	integerOption({
		key: 'mxNetworkPrefixV6',
		setting: 'mx.networkPrefixV6',
		flag: '--mx-prefix-v6',
		flagHelp: 'IPv6 exchangers share a network at this prefix length',
		minimum: 1,
		maximum: 128,
		default: 48,
		description: `Two IPv6 mail exchangers count as one network when their addresses share this many leading bits (48: the same /48). ${MX_NETWORK_USERS}`,
	}),
] as const;

type Declared = (typeof RULE_OPTIONS)[number];

/** The name of an option, e.g. `mxNetworkPrefixV4`. */
export type RuleOptionKey = Declared['key'];

/** The value of every option, as rules, hovers and code lenses read them. */
export type RuleOptions = { readonly [D in Declared as D['key']]: D['default'] };

export const DEFAULT_RULE_OPTIONS: RuleOptions = Object.freeze(
	Object.fromEntries(RULE_OPTIONS.map((option) => [option.key, option.default])) as unknown as RuleOptions,
);

/**
 * The options from a settings section (`zoneSentinel`, any JSON value): each read at its setting
 * path on its own, so one invalid or missing value takes its fallback (e.g. from a configuration
 * file), then its default, without discarding the others.
 */
export function parseRuleOptionSettings(section: unknown, fallback: Readonly<Record<string, unknown>> = {}): RuleOptions {
	const options: Record<string, unknown> = {};
	for (const option of RULE_OPTIONS as readonly RuleOptionDeclaration[]) {
		options[option.key] = option.parseSetting(valueAt(section, option.setting)) ?? fallback[option.key] ?? option.default;
	}
	return Object.freeze(options) as unknown as RuleOptions;
}

function valueAt(section: unknown, path: string): unknown {
	let value = section;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}
