/**
 * Every name and type the VS Code client and the language server share. Imports nothing.
 */
export {
	ADD_BACKUP_MX_COMMAND,
	AddBackupMxArguments,
	ProtocolTextEdit,
	RUN_FAILOVER_DRILL_COMMAND,
	TEST_SMTP_COMMAND,
	TestSmtpArguments,
} from './commands';
export { normaliseHostName } from './hostName';
export { InitializationOptions, TRUST_CHANGED_METHOD, TrustChangedParams } from './initialization';
export {
	DrillBackup,
	DrillDomain,
	FAILOVER_DRILL_PLAN_METHOD,
	FailoverDrillPlanParams,
	FailoverDrillPlanResult,
	RUN_FAILOVER_DRILL_METHOD,
	RunFailoverDrillParams,
	RunFailoverDrillResult,
	SMTP_TRANSCRIPT_METHOD,
	SmtpTranscriptParams,
	TEST_MAIL_EXCHANGERS_METHOD,
	TestMailExchangersParams,
	TestMailExchangersResult,
} from './mailTest';
export { SERVER_NAME, SETTINGS_SECTION } from './names';
export { INCREMENT_SERIAL_COMMAND, IncrementSerialArguments } from './serial';
export { ZONE_SUMMARY_METHOD, ZoneSummary, ZoneSummaryOriginSource, ZoneSummaryParams } from './zoneSummary';
