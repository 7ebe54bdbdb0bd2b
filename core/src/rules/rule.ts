/**
 * The rule contract. A rule is data (id, default level, description, reference) plus a small
 * `check` that reports findings through the context. Rules never see LSP types: they work in
 * offsets, and fixes are offset edits that the service layer converts.
 */
import type { OwnerIndex } from '../model/recordIndex';
import type { OffsetEdit } from '../edits/offsetEdit';
import type { RelatedSpan, Severity, SourceSpan, ZoneModel } from '../model/zoneModel';
import { DEFAULT_RULE_OPTIONS, type RuleOptionKey, type RuleOptions } from './ruleOptions';

export type { OffsetEdit };

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** Every level a rule can be set to, from `off` to `error` (settings, `--rule`, package.json). */
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

/**
 * An edit in a text file that belongs with the zone but is none of its zone files (the MTA-STS
 * policy beside it), by file id, in offsets of the text the analysis read.
 */
export interface PolicyFileEdit {
	readonly fileId: string;
	readonly start: number;
	readonly end: number;
	readonly newText: string;
}

/** A quick fix a finding offers. */
export interface RuleFix {
	readonly title: string;
	readonly edits: readonly OffsetEdit[];
	/** Edits in the policy file; `check --fix` never applies a fix that has them. */
	readonly policyEdits?: readonly PolicyFileEdit[];
	/** True when the edit holds a placeholder the user should replace (e.g. a backup host name). */
	readonly placeholder?: string;
	readonly preferred?: boolean;
	/**
	 * `check --fix` applies it unasked: the result means what the zone evidently meant and no choice
	 * is involved (a trailing dot on a name written as a full name, preference 0 on a null MX).
	 */
	readonly safe?: boolean;
	/** `check --fix` applies it only when the user gave the value it uses (`--backup-host`). */
	readonly needs?: 'backupHost';
}

export interface RuleFinding extends SourceSpan {
	readonly message: string;
	readonly related?: readonly RelatedSpan[];
	/** Lets a rule lower its own severity for a weaker case (e.g. warning → information). */
	readonly severity?: Severity;
	/**
	 * The fixes, or a function that makes them: a file shows only its first 10,000 problems, so a rule
	 * that reports one finding per owner should not build an edit for each of the rest.
	 */
	readonly fixes?: readonly RuleFix[] | (() => readonly RuleFix[]);
}

export { DEFAULT_RULE_OPTIONS };
export type { RuleOptionKey, RuleOptions };

/** What a rule sees; `K` are the options it declared, so reading any other does not compile. */
export interface RuleContext<K extends RuleOptionKey = never> {
	readonly model: ZoneModel;
	/** Records grouped by owner key, built once per analysis and shared by all rules. */
	readonly byOwner: OwnerIndex;
	readonly options: Pick<RuleOptions, K>;
	report(finding: RuleFinding): void;
}

export interface Rule<K extends RuleOptionKey = never> {
	/** Stable camelCase id: diagnostic code, settings key, fixture name and README anchor. */
	readonly id: string;
	readonly defaultLevel: RuleLevel;
	/** One sentence for the README and the settings description. */
	readonly description: string;
	/** Normative source, e.g. `RFC 2181 §10.1`. */
	readonly reference?: string;
	/** The options {@link check} reads (see ruleOptions.ts); the README lists them with the rule. */
	readonly options?: readonly K[];
	/**
	 * The shared parts of the model {@link check} reads, which the analysis makes in steps of their
	 * own before it (see ruleSteps): on a big zone each is far longer than a step should be, and
	 * made inside `check` it would hold the language server for all of it. Made once per model.
	 */
	readonly reads?: readonly SharedPart[];
	check(context: RuleContext<K>): void;
}

/**
 * - `mailAuthRecords`: the SPF, DMARC, DKIM, MTA-STS, TLS-RPT and BIMI records (mailAuthRecords);
 * - `mailFacts`: the MX sets by owner, DNAMEs and delegations (mailFacts);
 * - `mailDomains`: every mail domain with its hosts and their addresses (mailDomains, mailHost), facts included;
 * - `mailNetworks`: the networks of every mail domain and host at the configured prefix lengths, domains included.
 */
export type SharedPart = 'mailAuthRecords' | 'mailFacts' | 'mailDomains' | 'mailNetworks';

/** A rule of the registry, whatever options it reads. */
export type AnyRule = Rule<RuleOptionKey>;

/** Takes a rule's option keys from its `options` list, so each is written once. */
export function defineRule<const K extends RuleOptionKey = never>(rule: Rule<K>): Rule<K> {
	return rule;
}
