/**
 * The zone language's public API: analysis, model, mail facts, rules and their registry. The server,
 * the CLI and the SMTP library import the core only through this file; its internals may move.
 */
export { ZoneAnalysis, analyzeZone, analyzeZoneInSteps, workspaceFactsOf } from './analysis';
export type { AnalysisOptions } from './analysis';
export * from './limits';
export { absoluteName, checkName, isAbsoluteName, isAbsoluteNameAt, nameErrorMessage, nameKey, relativeName } from './model/domainName';
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
export {
	addressPlace,
	domainNetworks,
	hasAddresses,
	hostNetworks,
	hostSourceNote,
	mailDomain,
	mailDomains,
	mailHost,
} from './model/mail/mailDomain';
export type {
	AddressFamily,
	DeliveryLevel,
	DomainFamily,
	DomainNetworks,
	FamilyNetworks,
	HostAddress,
	HostNetworks,
	HostSource,
	MailDomain,
	MailHost,
	SharedAddress,
} from './model/mail/mailDomain';
export { WorkspaceIndex, zoneFilePlace } from './model/workspace/workspaceIndex';
export type {
	WorkspaceAddress,
	WorkspaceAnswer,
	WorkspaceInclude,
	WorkspaceLocation,
	WorkspaceOwner,
	WorkspaceName,
	WorkspaceReference,
	WorkspaceTarget,
	ZoneFacts,
} from './model/workspace/workspaceIndex';
export { zoneFactsOf } from './model/workspace/zoneFacts';
export { SPF_LOOKUP_TERMS, SPF_MAX_LOOKUPS } from './model/mail/auth/spf';
export type { SpfQualifier, SpfRecord, SpfTerm } from './model/mail/auth/spf';
export { mailAuthRecords } from './model/mail/auth/authRecords';
export type { MailAuthRecords } from './model/mail/auth/authRecords';
export { spfChainText, spfLookups, spfTarget, spfTermPlace, spfTermText } from './model/mail/auth/spfLookups';
export type { SpfLookup, SpfLookupCount, SpfSource, SpfTarget } from './model/mail/auth/spfLookups';
export type { DmarcRecord, DmarcTag } from './model/mail/auth/dmarc';
export { DMARC_POLICIES } from './model/mail/auth/dmarc';
export { DKIM_RECOMMENDED_BITS, DKIM_REFUSED_BELOW_BITS } from './model/mail/auth/dkim';
export type { DkimRecord } from './model/mail/auth/dkim';
export type { Tag, TagList } from './model/mail/auth/tagList';
export { mtaStsCoverage } from './model/mail/auth/mtaStsCoverage';
export { matchesMxPattern, parseMtaStsPolicy } from './model/mail/auth/mtaStsPolicy';
export { apexMtaSts } from './model/mail/auth/authRecords';
export type { MtaStsCoverage, MtaStsHostCoverage } from './model/mail/auth/mtaStsCoverage';
export type { MtaStsPolicy } from './model/mail/auth/mtaStsPolicy';
export { textSpan, txtText } from './model/txtText';
export type { TxtText } from './model/txtText';
export { smtpTlsaRecords, tlsaFields, zoneUsesDane } from './model/tlsa';
export type { TlsaFields } from './model/tlsa';
export { ALL_RR_TYPES, rrTypeByCode, typeName } from './model/rrTypes/index';
export type { RrTypeInfo } from './model/rrTypes/index';
export { originAtEntry, recordPlaceAt } from './model/recordPlace';
export type { RecordPlace, TypedWord } from './model/recordPlace';
export { CLASS_MNEMONICS } from './model/lowering/recordHead';
export { isRestKind } from './model/rrTypes/rrType';
export { TypeCode } from './model/rrTypes/typeCodes';
export { formatTtl, parseTtl } from './model/ttl';
export { forEachRdataNameField, nameReferences, originOfWord, rdataNames, writtenName } from './model/nameReferences';
export type { NameOccurrence, NameReferenceIndex, RdataName } from './model/nameReferences';
export { ownerIndex, ownerRunAt, ownerRuns } from './model/recordIndex';
export type { OwnerIndex, OwnerRun, OwnerRuns } from './model/recordIndex';
export { FORMAT_ALIGNMENTS, formatZone } from './edits/formatZone';
export type { FormatAlignment, FormatOptions } from './edits/formatZone';
export { renameOwner, spelling } from './edits/renameOwner';
export { incrementSerial, looksLikeDate, nextSerial } from './edits/soaSerial';
export { recordsDiffer, serialChange, serialGreater, soaSerialOf } from './edits/serialChange';
export type { CalendarDate, SerialIncrement } from './edits/soaSerial';
export type { RenameOutcome } from './edits/renameOwner';
export type { OffsetEdit } from './edits/offsetEdit';
export { fieldSpan, recordSpan } from './model/zoneModel';
export type {
	IncludeContext,
	OriginSource,
	PolicyFile,
	RelatedSpan,
	ResourceRecord,
	Severity,
	SourceFile,
	SourceSpan,
	TtlSource,
	ZoneModel,
	ZoneProblem,
} from './model/zoneModel';
export { PROBLEMS } from './problems';
export type { ProblemCode, ProblemKind } from './problems';
export { ALL_RULES } from './rules/index';
export { RULE_LEVELS } from './rules/rule';
export type { AnyRule, RuleFix, RuleLevel } from './rules/rule';
export { DEFAULT_RULE_OPTIONS, RULE_OPTIONS, parseRuleOptionSettings } from './rules/ruleOptions';
export type { FlagResult, RuleOptionDeclaration, RuleOptionKey, RuleOptions, SettingSchema } from './rules/ruleOptions';
export type { RuleProblem } from './rules/runRules';
export { LineIndex, LinePosition, lineOfOffset } from './syntax/lineIndex';
export { BYTE_ORDER_MARK_MESSAGE, EntryKind } from './syntax/parser';
export type { Entry, EntryTable } from './syntax/parser';
export { TokenKind, TokenStream } from './syntax/scanner';
