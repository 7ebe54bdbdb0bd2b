/**
 * The server's settings: one schema with defaults, parsed at the boundary into an immutable value.
 * Everything the client sends goes through {@link parseSettings}; nothing else reads raw settings.
 */
import {
	ALL_RULES,
	FORMAT_ALIGNMENTS,
	MAX_ZONE_CHARACTERS,
	type FormatAlignment,
	DEFAULT_RULE_OPTIONS,
	parseRuleOptionSettings,
	RULE_LEVELS,
	type RuleLevel,
	type RuleOptions,
} from '../../core/src/index';
import type { FileConfig } from './workspace/configFiles';
import { INCLUDE_RELATIVE_TO, type IncludeRelativeTo } from './workspace/includeReader';
import type { ConfiguredPolicyPath } from './workspace/mtaStsPolicyFile';

export { RULE_LEVELS };

/** The largest `zoneSentinel.maxZoneSize`: Node 20 holds strings of up to 511 MiB. */
export const MAX_ZONE_SIZE_SETTING_MIB = 511;

export interface ZoneSettings {
	/** Origin for files with no `$ORIGIN`, e.g. `example.com.`; `null` lets the analysis guess. */
	readonly defaultOrigin: string | null;
	/** Level of every rule in `ALL_RULES`, keyed by rule id. */
	readonly rules: Readonly<Record<string, RuleLevel>>;
	/** The rule options (`zoneSentinel.backupHosts`, `zoneSentinel.mx.*`, …), as their declarations in the core parse them. */
	readonly options: RuleOptions;
	/**
	 * `$INCLUDE` policy. Whether to follow includes and whether outside the workspace only a
	 * configuration file sets (`includes`); what relative paths are read against, also
	 * `zoneSentinel.includes.relativeTo`.
	 */
	readonly includes: { readonly follow: boolean; readonly outside: boolean; readonly relativeTo: IncludeRelativeTo };
	/** Formatting: what the columns line up across (`zoneSentinel.format.align`). */
	readonly format: { readonly align: FormatAlignment };
	/** `zoneSentinel.serial.incrementOnSave`: increment the SOA serial on save when the records changed but the serial did not. */
	readonly serial: { readonly incrementOnSave: boolean };
	/**
	 * The MTA-STS policy file a setting names: `zoneSentinel.mtaSts.policyFile` (relative to the zone
	 * file's folder), else the configuration file's (absolute by then); `null`: `.well-known/mta-sts.txt` beside the zone.
	 */
	readonly mtaSts: { readonly policyFile: ConfiguredPolicyPath | null };
	/** `zoneSentinel.maxZoneSize` in MiB, as characters: an open zone larger than this is not analysed (the CLI has no such limit). */
	readonly maxZoneCharacters: number;
	/** Which inlay hints the editor shows (`zoneSentinel.inlayHints.*`); editor settings only, not in configuration files. */
	readonly inlayHints: InlayHintSettings;
}

export interface InlayHintSettings {
	/** `www` → `= www.example.com.` after each relative name (noisy: off by default). */
	readonly absoluteNames: boolean;
	/** `3600` → `1h` after a TTL written in seconds. */
	readonly ttlUnits: boolean;
	/** `1st of 3` after an MX preference. */
	readonly mxRank: boolean;
}

export const DEFAULT_INLAY_HINTS: InlayHintSettings = Object.freeze({ absoluteNames: false, ttlUnits: true, mxRank: true });

const DEFAULT_INCLUDES: ZoneSettings['includes'] = Object.freeze({ follow: true, outside: false, relativeTo: 'zoneFile' });
const DEFAULT_SERIAL: ZoneSettings['serial'] = Object.freeze({ incrementOnSave: false });
const DEFAULT_FORMAT: ZoneSettings['format'] = Object.freeze({ align: 'ownerGroup' });
const DEFAULT_MTA_STS: ZoneSettings['mtaSts'] = Object.freeze({ policyFile: null });

export const DEFAULT_SETTINGS: ZoneSettings = Object.freeze({
	defaultOrigin: null,
	rules: Object.freeze(Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultLevel]))),
	options: DEFAULT_RULE_OPTIONS,
	includes: DEFAULT_INCLUDES,
	format: DEFAULT_FORMAT,
	serial: DEFAULT_SERIAL,
	mtaSts: DEFAULT_MTA_STS,
	maxZoneCharacters: MAX_ZONE_CHARACTERS,
	inlayHints: DEFAULT_INLAY_HINTS,
});

/**
 * Validates the raw `zoneSentinel` section (any JSON value) field by field, over the zone's
 * configuration file (`.zone-sentinel.json`, if any). For each field the first of these wins: a
 * valid value from the client's settings, the configuration file's value, the default. So a missing
 * or invalid field never discards the user's other settings, and a field the client does not send
 * (the VS Code client sends only settings the user set, see client/src/explicitSettings.ts) comes
 * from the file.
 */
export function parseSettings(raw: unknown, config?: FileConfig): ZoneSettings {
	const section = isObject(raw) ? raw : {};
	const rawRules = isObject(section.rules) ? section.rules : {};
	const rules: Record<string, RuleLevel> = {};
	for (const rule of ALL_RULES) {
		const level = rawRules[rule.id];
		rules[rule.id] = isRuleLevel(level) ? level : (config?.rules[rule.id] ?? rule.defaultLevel);
	}
	if (config === undefined && !isObject(raw)) return DEFAULT_SETTINGS;
	return Object.freeze({
		defaultOrigin: parseOrigin(section.defaultOrigin) ?? config?.origin ?? null,
		rules: Object.freeze(rules),
		options: parseRuleOptionSettings(section, config?.options),
		includes: Object.freeze({
			follow: config?.includes.follow ?? DEFAULT_INCLUDES.follow,
			outside: config?.includes.outside ?? DEFAULT_INCLUDES.outside,
			relativeTo: parseRelativeTo(section.includes) ?? config?.includes.relativeTo ?? DEFAULT_INCLUDES.relativeTo,
		}),
		format: parseFormat(section.format, config?.format.align),
		serial: Object.freeze({
			incrementOnSave:
				isObject(section.serial) && typeof section.serial.incrementOnSave === 'boolean'
					? section.serial.incrementOnSave
					: (config?.serial.incrementOnSave ?? DEFAULT_SERIAL.incrementOnSave),
		}),
		mtaSts: parseMtaSts(section.mtaSts, config),
		maxZoneCharacters: parseMaxZoneSize(section.maxZoneSize),
		inlayHints: parseInlayHints(section.inlayHints),
	});
}

/** The setting's path (a non-empty string), else the configuration file's. */
/** Whole MiB from 1 to 511 (the longest string Node holds); anything else is the default. */
function parseMaxZoneSize(value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_ZONE_SIZE_SETTING_MIB) return MAX_ZONE_CHARACTERS;
	return value * 1024 * 1024;
}

function parseMtaSts(value: unknown, config: FileConfig | undefined): ZoneSettings['mtaSts'] {
	const written = isObject(value) && typeof value.policyFile === 'string' ? value.policyFile.trim() : '';
	if (written.length > 0 && !written.includes('\0'))
		return Object.freeze({ policyFile: Object.freeze({ path: written, from: 'the setting zoneSentinel.mtaSts.policyFile' }) });
	if (config?.mtaStsPolicyFile === undefined) return DEFAULT_MTA_STS;
	return Object.freeze({ policyFile: Object.freeze({ path: config.mtaStsPolicyFile, from: `mtaSts.policyFile of ${config.file}` }) });
}

function parseFormat(value: unknown, fromFile: FormatAlignment | undefined): ZoneSettings['format'] {
	const align = isObject(value) ? value.align : undefined;
	if ((FORMAT_ALIGNMENTS as readonly unknown[]).includes(align)) return Object.freeze({ align: align as FormatAlignment });
	return fromFile === undefined ? DEFAULT_FORMAT : Object.freeze({ align: fromFile });
}

function parseRelativeTo(includes: unknown): IncludeRelativeTo | undefined {
	const value = isObject(includes) ? includes.relativeTo : undefined;
	return (INCLUDE_RELATIVE_TO as readonly unknown[]).includes(value) ? (value as IncludeRelativeTo) : undefined;
}

/** Each kind on or off; a missing or non-boolean value takes its default. */
function parseInlayHints(raw: unknown): InlayHintSettings {
	if (!isObject(raw)) return DEFAULT_INLAY_HINTS;
	const flag = (key: keyof InlayHintSettings): boolean => (typeof raw[key] === 'boolean' ? raw[key] : DEFAULT_INLAY_HINTS[key]);
	return Object.freeze({ absoluteNames: flag('absoluteNames'), ttlUnits: flag('ttlUnits'), mxRank: flag('mxRank') });
}

/** A non-empty name without blanks; the analysis adds the trailing dot if it is missing. */
function parseOrigin(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const origin = value.trim();
	return origin.length > 0 && !/\s/.test(origin) ? origin : null;
}

function isRuleLevel(value: unknown): value is RuleLevel {
	return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
