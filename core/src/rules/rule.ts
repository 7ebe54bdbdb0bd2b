/**
 * The rule contract. A rule is data (id, default level, description, reference) plus a small
 * `check` that reports findings through the context. Rules never see LSP types: they work in
 * offsets, and fixes are offset edits that the service layer converts.
 */
import type { OwnerIndex } from '../model/recordIndex';
import type { OffsetEdit } from '../edits/offsetEdit';
import type { Severity, SourceSpan, ZoneModel } from '../model/zoneModel';

export type { OffsetEdit };

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** A quick fix a finding offers. */
export interface RuleFix {
	readonly title: string;
	readonly edits: readonly OffsetEdit[];
	/** True when the edit holds a placeholder the user should replace (e.g. a backup host name). */
	readonly placeholder?: string;
	readonly preferred?: boolean;
}

export interface RuleFinding extends SourceSpan {
	readonly message: string;
	readonly related?: readonly (SourceSpan & { readonly message: string })[];
	/** Lets a rule lower its own severity for a weaker case (e.g. warning → information). */
	readonly severity?: Severity;
	readonly fixes?: readonly RuleFix[];
}

/** Options rules read, from settings or CLI flags; see {@link DEFAULT_RULE_OPTIONS}. */
export interface RuleOptions {
	/** Two IPv4 mail exchangers are on one network when they share this many leading bits. */
	readonly mxNetworkPrefixV4: number;
	/** The same for IPv6. */
	readonly mxNetworkPrefixV6: number;
	/** Absolute host names offered by the "Add backup MX record" fix, e.g. `backup-mx.example.net.`. */
	readonly backupHosts: readonly string[];
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { mxNetworkPrefixV4: 24, mxNetworkPrefixV6: 48, backupHosts: [] };

export interface RuleContext {
	readonly model: ZoneModel;
	/** Records grouped by owner key, built once per analysis and shared by all rules. */
	readonly byOwner: OwnerIndex;
	readonly options: RuleOptions;
	report(finding: RuleFinding): void;
}

export interface Rule {
	/** Stable camelCase id: diagnostic code, settings key, fixture name and README anchor. */
	readonly id: string;
	readonly defaultLevel: RuleLevel;
	/** One sentence for the README and the settings description. */
	readonly description: string;
	/** Normative source, e.g. `RFC 2181 §10.1`. */
	readonly reference?: string;
	check(context: RuleContext): void;
}
