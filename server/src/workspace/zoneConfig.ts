/**
 * The project configuration file `.zone-sentinel.json` (JSON with comments): its keys, checked
 * strictly (an unknown key or a bad value is a problem with the span of the key or value at fault,
 * never a silent default), and its JSON schema. Keys mirror the `zoneSentinel.*` settings:
 *
 * ```jsonc
 * {
 *   "rules": { "mxSingle": "error" },            // zoneSentinel.rules.*
 *   "backupHosts": ["backup-mx.example.net"],    // the rule options (zoneSentinel.backupHosts, mx.*)
 *   "mx": { "networkPrefixV4": 24 },
 *   "origins": { "db.example": "example.com." }, // origin per file glob, relative to this file
 *   "includes": { "follow": true, "outside": false, "relativeTo": "zoneFile" },
 *   "smtp": { "port": 2525 },                    // zoneSentinel.smtp.*
 *   "format": { "align": "file" },               // zoneSentinel.format.align
 *   "serial": { "incrementOnSave": true },       // zoneSentinel.serial.incrementOnSave
 *   "mtaSts": { "policyFile": "site/.well-known/mta-sts.txt" } // relative to this file's folder
 * }
 * ```
 * Rule levels and options come from the core's registry, so a new rule or option is a new key here
 * and in the generated schema (scripts/generate.mjs) without code in this file.
 */
import {
	ALL_RULES,
	checkName,
	FORMAT_ALIGNMENTS,
	type FormatAlignment,
	isAbsoluteName,
	nameErrorMessage,
	RULE_LEVELS,
	RULE_OPTIONS,
	type RuleLevel,
} from '../../../core/src/index';
import { parseSmtpSettings, SMTP_SETTING_KEYS } from '../../../smtp/src/index';
import { globMatcher } from './glob';
import { INCLUDE_RELATIVE_TO, type IncludeRelativeTo } from './includeReader';
import { type JsonNode, jsonValue, parseJsonc } from './jsonc';

export const CONFIG_FILE_NAME = '.zone-sentinel.json';

/** One problem of a configuration file: the key it concerns (`mx.networkPrefixV4`, `rules`), its span and what is wrong. */
export interface ConfigProblem {
	readonly key: string;
	readonly start: number;
	readonly end: number;
	readonly message: string;
}

/** What a valid configuration file says; every field is what the file gives, nothing defaulted. */
export interface ZoneConfig {
	readonly rules: Readonly<Record<string, RuleLevel>>;
	/** Rule options by their key (`mxNetworkPrefixV4`), as the options' declarations parse them. */
	readonly options: Readonly<Record<string, unknown>>;
	/** Glob (relative to the configuration file's folder) → origin, in file order: the first match wins. */
	readonly origins: readonly { readonly pattern: string; readonly matches: (relativePath: string) => boolean; readonly origin: string }[];
	readonly includes: { readonly follow?: boolean; readonly outside?: boolean; readonly relativeTo?: IncludeRelativeTo };
	/** The `smtp` object in the shape of the `zoneSentinel.smtp` settings section. */
	readonly smtp: Readonly<Record<string, unknown>>;
	/** `zoneSentinel.format.align` for the project (the editor's Format Document). */
	readonly format: { readonly align?: FormatAlignment };
	/** `zoneSentinel.serial.incrementOnSave` for the project. */
	readonly serial: { readonly incrementOnSave?: boolean };
	/** `zoneSentinel.mtaSts.policyFile` for the project: as written, relative to the configuration file's folder. */
	readonly mtaSts: { readonly policyFile?: string };
}

export type ParsedConfig =
	{ readonly config: ZoneConfig; readonly problems: readonly [] } | { readonly problems: readonly ConfigProblem[] };

/** The `mtaSts.policyFile` key, in the schema and the README. */
export const MTA_STS_POLICY_FILE_DESCRIPTION =
	"The zone's MTA-STS policy file (what senders fetch from https://mta-sts.<domain>/.well-known/mta-sts.txt), relative to this file's folder; default: .well-known/mta-sts.txt beside the zone file. A file set here that cannot be read is an error on the zone (mtaStsPolicyUnreadable). The setting zoneSentinel.mtaSts.policyFile and the flag --mta-sts-policy override it.";

const INCLUDE_KEYS = {
	follow: 'Follow $INCLUDE (default true); the CLI flag --no-include overrides it.',
	outside:
		"Let $INCLUDE read files outside the zone file's folder (CLI) or the workspace folder (editor); default false. --include-outside overrides it.",
	relativeTo:
		'What relative $INCLUDE paths are read against: "zoneFile" (default), the zone file\'s folder, as BIND reads them against its working directory, nested includes too; "includingFile", the folder of the file holding the $INCLUDE, as Knot reads them. --include-relative-to overrides it.',
} as const;

type Checker = (
	node: JsonNode,
	key: string,
	problem: (node: JsonNode | { start: number; end: number }, key: string, message: string) => void,
) => void;

/** The text of `.zone-sentinel.json` → what it configures, or every problem found (all of them, not only the first). */
export function parseZoneConfig(text: string): ParsedConfig {
	const parsed = parseJsonc(text);
	if ('error' in parsed) return { problems: [{ key: '(syntax)', ...parsed.error }] };
	const problems: ConfigProblem[] = [];
	const problem = (node: { start: number; end: number }, key: string, message: string): void => {
		problems.push({ key, start: node.start, end: node.end, message });
	};
	const rules: Record<string, RuleLevel> = {};
	const options: Record<string, unknown> = {};
	const origins: ZoneConfig['origins'][number][] = [];
	const includes: { follow?: boolean; outside?: boolean; relativeTo?: IncludeRelativeTo } = {};
	const smtp: Record<string, unknown> = {};
	const format: { align?: FormatAlignment } = {};
	const serial: { incrementOnSave?: boolean } = {};
	const mtaSts: { policyFile?: string } = {};

	// Each key of the file is checked by one of these; a nested key (`mx.networkPrefixV4`) by its path.
	const checkers = new Map<string, Checker>([['$schema', string(() => undefined)]]);
	checkers.set(
		'rules',
		objectOf(ruleIds(), (node, key, report) => {
			const id = key.slice('rules.'.length);
			if (node.kind === 'string' && (RULE_LEVELS as readonly string[]).includes(node.value)) rules[id] = node.value as RuleLevel;
			else report(node, key, `must be one of ${RULE_LEVELS.join(', ')}, not ${shown(node)}.`);
		}),
	);
	for (const option of RULE_OPTIONS) {
		checkers.set(option.setting, (node, key, report) => {
			const type = option.schema.type as string;
			if (!hasType(node, type)) return report(node, key, `must be ${option.expected}, not ${shown(node)}.`);
			if (node.kind === 'array') {
				// Each item on its own, so the error points at the one that is wrong.
				const bad = node.items.find((item) => (option.parseSetting([jsonValue(item)]) as unknown[]).length !== 1);
				if (bad) return report(bad, key, `must hold only ${option.itemExpected ?? 'valid items'}, not ${shown(bad)}.`);
			}
			const value = option.parseSetting(jsonValue(node));
			if (value === undefined) return report(node, key, `must be ${option.expected}, not ${shown(node)}.`);
			options[option.key] = value;
		});
	}
	checkers.set(
		'origins',
		objectOf(undefined, (node, key, report) => {
			const pattern = key.slice('origins.'.length);
			if (node.kind !== 'string') return report(node, key, `must be a domain name such as "example.com.", not ${shown(node)}.`);
			const error = checkName(isAbsoluteName(node.value) ? node.value : node.value + '.');
			if (node.value.length === 0 || /\s/.test(node.value) || error !== undefined)
				return report(node, key, error === undefined ? `must be a domain name, not ${shown(node)}.` : nameErrorMessage(error, node.value));
			origins.push({ pattern, matches: globMatcher(pattern), origin: node.value });
		}),
	);
	checkers.set(
		'includes',
		objectOf(Object.keys(INCLUDE_KEYS), (node, key, report) => {
			const field = key.slice('includes.'.length);
			if (field === 'relativeTo') {
				if (node.kind === 'string' && (INCLUDE_RELATIVE_TO as readonly string[]).includes(node.value))
					includes.relativeTo = node.value as IncludeRelativeTo;
				else report(node, key, `must be one of ${INCLUDE_RELATIVE_TO.map((value) => `"${value}"`).join(', ')}, not ${shown(node)}.`);
				return;
			}
			if (node.kind !== 'boolean') return report(node, key, `must be true or false, not ${shown(node)}.`);
			includes[field as 'follow' | 'outside'] = node.value;
		}),
	);
	checkers.set(
		'smtp',
		objectOf(SMTP_SETTING_KEYS, (node, key, report) => {
			const field = key.slice('smtp.'.length);
			if (field === 'hostOverrides' && node.kind !== 'object')
				return report(node, key, `must be an object such as { "mx1.example.com.": "127.0.0.1:2525" }, not ${shown(node)}.`);
			// The settings parser judges each field, so the file and the settings accept the same values.
			const value = jsonValue(node);
			const { problems: found } = parseSmtpSettings({ [field]: value });
			if (found.length > 0) {
				// The settings parser words a plain bad value as "ignoring …"; a file's error says what is expected instead.
				const why = found[0].replace(/^zoneSentinel\.smtp\.[A-Za-z]+: /, '');
				return report(
					node,
					key,
					why.startsWith('ignoring') ? `is not a valid zoneSentinel.smtp.${field} value: ${shown(node)}.` : `${why}.`,
				);
			}
			smtp[field] = value;
		}),
	);
	checkers.set('format.align', (node, key, report) => {
		if (node.kind === 'string' && (FORMAT_ALIGNMENTS as readonly string[]).includes(node.value))
			format.align = node.value as FormatAlignment;
		else report(node, key, `must be one of ${FORMAT_ALIGNMENTS.map((value) => `"${value}"`).join(', ')}, not ${shown(node)}.`);
	});
	checkers.set('serial.incrementOnSave', (node, key, report) => {
		if (node.kind === 'boolean') serial.incrementOnSave = node.value;
		else report(node, key, `must be true or false, not ${shown(node)}.`);
	});

	checkers.set('mtaSts.policyFile', (node, key, report) => {
		if (node.kind === 'string' && node.value.trim().length > 0 && !node.value.includes('\0')) mtaSts.policyFile = node.value;
		else report(node, key, `must be the path of the MTA-STS policy file, relative to this file's folder, not ${shown(node)}.`);
	});

	const root = parsed.root;
	if (root.kind !== 'object') {
		problem(root, '(file)', `must be an object such as { "rules": { "mxSingle": "error" } }, not ${shown(root)}.`);
	} else {
		walk(root, '', checkers, problem);
	}
	if (problems.length > 0) return { problems };
	return { config: Object.freeze({ rules, options, origins, includes, smtp, format, serial, mtaSts }), problems: [] };
}

/**
 * The keys of `object` at `prefix`: a key with a checker is checked; a key that only starts a
 * nested checker's path (`mx` of `mx.networkPrefixV4`) must be an object and is walked; anything else is unknown.
 */
function walk(
	object: JsonNode & { kind: 'object' },
	prefix: string,
	checkers: ReadonlyMap<string, Checker>,
	problem: Parameters<Checker>[2],
): void {
	for (const property of object.properties) {
		const key = prefix + property.key;
		const checker = checkers.get(key);
		if (checker) {
			checker(property.value, key, problem);
		} else if ([...checkers.keys()].some((known) => known.startsWith(key + '.'))) {
			if (property.value.kind === 'object') walk(property.value, key + '.', checkers, problem);
			else problem(property.value, key, `must be an object, not ${shown(property.value)}.`);
		} else {
			const known = [...new Set([...checkers.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('.')[0]))];
			problem(property.keySpan, key, `unknown key; known keys${prefix ? ` here` : ''}: ${known.join(', ')}.`);
		}
	}
}

/** An object whose keys are `allowed` (any key when undefined), each value checked by `each` with the key path `parent.key`. */
function objectOf(allowed: readonly string[] | undefined, each: Checker): Checker {
	return (node, key, problem) => {
		if (node.kind !== 'object') return problem(node, key, `must be an object, not ${shown(node)}.`);
		for (const property of node.properties) {
			const path = `${key}.${property.key}`;
			if (allowed !== undefined && !allowed.includes(property.key))
				problem(property.keySpan, path, `unknown key; known keys: ${allowed.join(', ')}.`);
			else each(property.value, path, problem);
		}
	};
}

function string(then: (value: string) => void): Checker {
	return (node, key, problem) => (node.kind === 'string' ? then(node.value) : problem(node, key, `must be a string, not ${shown(node)}.`));
}

function ruleIds(): string[] {
	return ALL_RULES.map((rule) => rule.id);
}

function hasType(node: JsonNode, type: string): boolean {
	return type === 'integer' ? node.kind === 'number' && Number.isInteger(node.value) : node.kind === type;
}

/** A value as the message quotes it, shortened. */
function shown(node: JsonNode): string {
	if (node.kind === 'object') return 'an object';
	if (node.kind === 'array') return 'a list';
	const text = JSON.stringify(node.value);
	return text.length > 40 ? text.slice(0, 37) + '…' : text;
}

/**
 * The JSON schema of the file (draft-07, as VS Code's `jsonValidation` reads it): rules and rule
 * options from the core's registry, `smtp` from the given `zoneSentinel.smtp.*` setting schemas
 * of package.json (keyed by field), origins, includes, format and serial from this file.
 */
export function zoneConfigSchema(smtpSettings: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Record<string, unknown> {
	const properties: Record<string, Record<string, unknown>> = {
		$schema: { type: 'string', description: 'The schema of this file.' },
		rules: {
			type: 'object',
			description: 'Rule levels by rule id, as the zoneSentinel.rules.* settings.',
			additionalProperties: false,
			properties: Object.fromEntries(
				ALL_RULES.map((rule) => [rule.id, { enum: [...RULE_LEVELS], default: rule.defaultLevel, description: rule.description }]),
			),
		},
	};
	for (const option of RULE_OPTIONS) {
		const parts = option.setting.split('.');
		let target = properties;
		for (const part of parts.slice(0, -1)) {
			target[part] ??= { type: 'object', additionalProperties: false, properties: {} };
			target = target[part].properties as Record<string, Record<string, unknown>>;
		}
		target[parts.at(-1)!] = { ...option.schema, default: option.default, description: option.description };
	}
	properties.origins = {
		type: 'object',
		description:
			'Origin for zone files without $ORIGIN, by file glob relative to this file (`*`, `?`, `**`; a glob without `/` matches the file name in any folder). The first matching glob wins.',
		additionalProperties: { type: 'string', description: 'A domain name, e.g. example.com.' },
	};
	properties.includes = {
		type: 'object',
		additionalProperties: false,
		properties: Object.fromEntries(
			Object.entries(INCLUDE_KEYS).map(([key, description]) => [
				key,
				key === 'relativeTo' ? { enum: [...INCLUDE_RELATIVE_TO], default: 'zoneFile', description } : { type: 'boolean', description },
			]),
		),
	};
	properties.format = {
		type: 'object',
		additionalProperties: false,
		properties: {
			align: {
				enum: [...FORMAT_ALIGNMENTS],
				default: 'ownerGroup',
				description:
					'What Format Document aligns columns across: "ownerGroup" (each run of records of one owner) or "file" (the whole file), as zoneSentinel.format.align.',
			},
		},
	};
	properties.serial = {
		type: 'object',
		additionalProperties: false,
		properties: {
			incrementOnSave: {
				type: 'boolean',
				default: false,
				description:
					'On save in the editor, increment the SOA serial when the records differ from the file on disk and the serial is not already greater, as zoneSentinel.serial.incrementOnSave.',
			},
		},
	};
	properties.mtaSts = {
		type: 'object',
		additionalProperties: false,
		properties: {
			policyFile: {
				type: 'string',
				minLength: 1,
				description: MTA_STS_POLICY_FILE_DESCRIPTION,
			},
		},
	};
	properties.smtp = {
		type: 'object',
		description: 'Defaults of the SMTP test (smtp-test and Test Mail Exchangers), as the zoneSentinel.smtp.* settings.',
		additionalProperties: false,
		properties: Object.fromEntries(
			SMTP_SETTING_KEYS.map((key) => [
				key,
				Object.fromEntries(Object.entries(smtpSettings[key] ?? {}).filter(([field]) => field !== 'scope')),
			]),
		),
	};
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		title: 'Zone Sentinel configuration (.zone-sentinel.json)',
		type: 'object',
		additionalProperties: false,
		properties,
	};
}
