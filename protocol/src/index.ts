/**
 * Every name and type the VS Code client and the language server share. Imports nothing.
 */
export { normaliseHostName } from './hostName';
export { SMTP_TRANSCRIPT_METHOD, SmtpTranscriptParams, TEST_MAIL_EXCHANGERS_METHOD, TestMailExchangersParams, TestMailExchangersResult } from './mailTest';
