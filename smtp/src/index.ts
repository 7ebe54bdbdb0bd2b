/**
 * The SMTP library's public API: plan the mail test of a zone's exchangers from the core's mail
 * model, run it over `node:net`/`node:tls`, and report it.
 */
export { DEFAULT_DRILL_TIMEOUT_MS, type DrillOptions, runDrill } from './drill';
export { MAILBOX_PASSWORD_VARIABLE, type MailboxAddress, mailboxPasswordError, parseMailboxUrl } from './mailbox';
export { mtaStsHost, type MtaStsReport } from './mtaSts';
export { type MailTestHooks, runMailTests } from './mxTest';
export {
	DEFAULT_SMTP_OPTIONS,
	HostOverride,
	SmtpTestOptions,
	TIMEOUT_BOUNDS,
	addressTemplateError,
	hostKey,
	parseHostOverride,
	parsePort,
	parseSmtpSettings,
	parseTimeoutSeconds,
	SMTP_SETTING_KEYS,
} from './options';
export { type MailDomainPlan, planMailTests } from './plan';
export { formatMarkdown, formatText, formatTranscriptLine, toJson } from './report';
export type { DrillReport, TranscriptLine } from './results';
export { expandAddress, heloNameError, hostNameError, visible } from './validate';
