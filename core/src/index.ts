/**
 * The zone language's public API: analysis, model, mail facts, rules and their registry. The server,
 * the CLI and the SMTP library import the core only through this file; its internals may move.
 */
export { ZoneAnalysis, analyzeZone } from './analysis';
export * from './limits';
export { absoluteName, checkName, isAbsoluteName, nameErrorMessage, nameKey } from './model/domainName';
export type { NameError } from './model/domainName';
export { networkLabel } from './model/ipNetwork';
export type { IncludeResolver } from './model/lower';
export {
	BACKUP_HOST_PLACEHOLDER,
	MailExchanger,
	MailFacts,
	addressOf,
	addressRecords,
	cnameAt,
	isInZone,
	mailFacts,
} from './model/mail/mailExchangers';
export { domainNetworks, hostNetworks, mailDomain, mailDomains, mailHost } from './model/mail/mailDomain';
export type {
	AddressFamily,
	DeliveryLevel,
	DomainFamily,
	DomainNetworks,
	FamilyNetworks,
	HostAddress,
	HostNetworks,
	MailDomain,
	MailHost,
	SharedAddress,
} from './model/mail/mailDomain';
export { rrTypeByCode, typeName } from './model/rrTypes/index';
export { isRestKind } from './model/rrTypes/rrType';
export { TypeCode } from './model/rrTypes/typeCodes';
export { formatTtl, parseTtl } from './model/ttl';
export { recordSpan } from './model/zoneModel';
export type { IncludeContext, OriginSource, ResourceRecord, Severity, TtlSource, ZoneModel, ZoneProblem } from './model/zoneModel';
export { PROBLEMS } from './problems';
export type { ProblemCode, ProblemKind } from './problems';
export { ALL_RULES } from './rules/index';
export { RULE_LEVELS } from './rules/rule';
export type { AnyRule, OffsetEdit, RuleFix, RuleLevel } from './rules/rule';
export { DEFAULT_RULE_OPTIONS, RULE_OPTIONS, parseRuleOptionSettings } from './rules/ruleOptions';
export type { FlagResult, RuleOptionDeclaration, RuleOptionKey, RuleOptions, SettingSchema } from './rules/ruleOptions';
export type { RuleProblem } from './rules/runRules';
export { LineIndex, LinePosition } from './syntax/lineIndex';
export type { Entry, EntryTable } from './syntax/parser';
export { TokenKind, TokenStream } from './syntax/scanner';
