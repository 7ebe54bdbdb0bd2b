/**
 * The server's settings: one schema with defaults, parsed at the boundary into an immutable value.
 * Everything the client sends goes through {@link parseSettings}; nothing else reads raw settings.
 */
import {
	ALL_RULES,
	DEFAULT_RULE_OPTIONS,
	parseRuleOptionSettings,
	RULE_LEVELS,
	type RuleLevel,
	type RuleOptions,
} from '../../core/src/index';

export { RULE_LEVELS };

export interface ZoneSettings {
	/** Origin for files with no `$ORIGIN`, e.g. `example.com.`; `null` lets the analysis guess. */
	readonly defaultOrigin: string | null;
	/** Level of every rule in `ALL_RULES`, keyed by rule id. */
	readonly rules: Readonly<Record<string, RuleLevel>>;
	/** The rule options (`zoneSentinel.backupHosts`, `zoneSentinel.mx.*`, …), as their declarations in the core parse them. */
	readonly options: RuleOptions;
}

export const DEFAULT_SETTINGS: ZoneSettings = Object.freeze({
	defaultOrigin: null,
	rules: Object.freeze(Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultLevel]))),
	options: DEFAULT_RULE_OPTIONS,
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
	return Object.freeze({
		defaultOrigin: parseOrigin(raw.defaultOrigin),
		rules: Object.freeze(rules),
		options: parseRuleOptionSettings(raw),
	});
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
