/**
 * The rule contract. A rule is data (id, default level, description, docs anchor) plus a small
 * `check` that reports findings through the context. Rules never see LSP types.
 */
import type { ResourceRecord, Severity, SourceSpan, ZoneModel } from '../model/zoneModel';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

export interface RuleFinding extends SourceSpan {
	readonly message: string;
	readonly related?: readonly (SourceSpan & { readonly message: string })[];
	/** Lets a rule lower its own severity for a weaker case (e.g. warning → information). */
	readonly severity?: Severity;
}

export interface RuleContext {
	readonly model: ZoneModel;
	/** Records grouped by owner key, built once per analysis and shared by all rules. */
	readonly byOwner: ReadonlyMap<string, readonly ResourceRecord[]>;
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
