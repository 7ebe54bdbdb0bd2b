/**
 * The server's settings: one schema with defaults, parsed at the boundary into an immutable value.
 * Everything the client sends goes through {@link parseSettings}; nothing else reads raw settings.
 */
import { ALL_RULES, DEFAULT_RULE_OPTIONS, parsePrefixLength, RuleLevel, RuleOptions } from '../../core/src/index';
import { normaliseHostName } from '../../protocol/src/index';

/** The settings section the server pulls with `workspace/configuration`, e.g. `zoneSentinel.rules.cnameAndOtherData`. */
export const SETTINGS_SECTION = 'zoneSentinel';

/** Every level a rule can be set to, from `off` to `error`. */
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface ZoneSettings {
	/** Origin for files with no `$ORIGIN`, e.g. `example.com.`; `null` lets the analysis guess. */
	readonly defaultOrigin: string | null;
	/** Level of every rule in `ALL_RULES`, keyed by rule id. */
	readonly rules: Readonly<Record<string, RuleLevel>>;
	/** Hosts the "Add backup MX record" fix offers, absolute, e.g. `backup-mx.example.net.`. */
	readonly backupHosts: readonly string[];
	/** `zoneSentinel.mx.*`: two mail exchangers are on one network when they share this many leading bits. */
	readonly mx: MxSettings;
}

export interface MxSettings {
	/** 1–32, default 24. */
	readonly networkPrefixV4: number;
	/** 1–128, default 48. */
	readonly networkPrefixV6: number;
}

export const DEFAULT_SETTINGS: ZoneSettings = Object.freeze({
	defaultOrigin: null,
	rules: Object.freeze(Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultLevel]))),
	backupHosts: Object.freeze([]),
	mx: Object.freeze({ networkPrefixV4: DEFAULT_RULE_OPTIONS.mxNetworkPrefixV4, networkPrefixV6: DEFAULT_RULE_OPTIONS.mxNetworkPrefixV6 }),
});

/**
 * Validates the raw `zoneSentinel` section (any JSON value) field by field. A missing or invalid
 * field takes its default, so one bad value never discards the user's other settings.
 */
export function parseSettings(raw: unknown): ZoneSettings {
	if (!isObject(raw)) return DEFAULT_SETTINGS;
	const rawRules = isObject(raw.rules) ? raw.rules : {};
	const rules: Record<string, RuleLevel> = {};
	for (const rule of ALL_RULES) {
		const level = rawRules[rule.id];
		rules[rule.id] = isRuleLevel(level) ? level : rule.defaultLevel;
	}
	const mx = isObject(raw.mx) ? raw.mx : {};
	return Object.freeze({
		defaultOrigin: parseOrigin(raw.defaultOrigin),
		rules: Object.freeze(rules),
		backupHosts: parseBackupHosts(raw.backupHosts),
		mx: Object.freeze({
			networkPrefixV4: parsePrefixLength(mx.networkPrefixV4, 'v4') ?? DEFAULT_SETTINGS.mx.networkPrefixV4,
			networkPrefixV6: parsePrefixLength(mx.networkPrefixV6, 'v6') ?? DEFAULT_SETTINGS.mx.networkPrefixV6,
		}),
	});
}

/** Valid host names only, made absolute, without repeats (case-insensitive); other entries are dropped. */
function parseBackupHosts(value: unknown): readonly string[] {
	if (!Array.isArray(value)) return DEFAULT_SETTINGS.backupHosts;
	const hosts: string[] = [];
	for (const item of value) {
		const host = typeof item === 'string' ? normaliseHostName(item) : undefined;
		if (host !== undefined && !hosts.some((known) => known.toLowerCase() === host.toLowerCase())) hosts.push(host);
	}
	return Object.freeze(hosts);
}

/** The options the rules, hovers and code lenses read, from the settings that carry them. */
export function toRuleOptions(settings: ZoneSettings): RuleOptions {
	return { mxNetworkPrefixV4: settings.mx.networkPrefixV4, mxNetworkPrefixV6: settings.mx.networkPrefixV6, backupHosts: settings.backupHosts };
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
