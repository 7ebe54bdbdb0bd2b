/**
 * `zone-sentinel smtp-test`: talks SMTP to the mail exchangers a zone file names and reports
 * whether the backups accept mail for the domain. Same engine as the VS Code command
 * (smtp/src/), same report, as text, markdown or stable JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeZone } from '../../core/src/index';
import { createIncludeReader, readMtaStsPolicyBeside } from '../../server/src/index';
import {
	addressTemplateError,
	DEFAULT_DRILL_TIMEOUT_MS,
	DEFAULT_SMTP_OPTIONS,
	type DrillOptions,
	formatMarkdown,
	formatText,
	formatTranscriptLine,
	heloNameError,
	hostKey,
	hostNameError,
	mtaStsHost,
	type HostOverride,
	MAILBOX_PASSWORD_VARIABLE,
	type MailboxAddress,
	mailboxPasswordError,
	parseMailboxUrl,
	parseHostOverride,
	parsePort,
	parseSmtpSettings,
	parseTimeoutSeconds,
	planMailTests,
	runDrill,
	runMailTests,
	type SmtpTestOptions,
	TIMEOUT_BOUNDS,
	toJson,
	type TranscriptLine,
	visible,
} from '../../smtp/src/index';
import { ArgumentCursor, UsageError } from './argumentCursor';
import { checkedOrigin } from './checkArguments';
import { CliConfigs } from './configFile';
import { promptPassword } from './passwordPrompt';

export const SMTP_TEST_USAGE = `Usage: zone-sentinel smtp-test --zone FILE [options]

Talks SMTP to every mail exchanger of a domain, in delivery order, and reports whether each one
accepts mail for the domain (EHLO, MAIL FROM, RCPT TO, RSET, QUIT; no message unless --send).

Options:
  --zone FILE            The zone file (required)
  --domain NAME          Mail domain to test (repeatable; default: every owner with MX, else the apex)
  --origin NAME          Origin for a zone file without $ORIGIN
  --host NAME=ADDR[:PORT]  Connect to ADDR instead of NAME's addresses (repeatable), e.g.
                         --host mx1.example.com.=127.0.0.1:2525
                         --host mta-sts.example.com=127.0.0.1:8443 sends the MTA-STS
                         policy fetch there (port 443 unless given)
  --port N               SMTP port (default: 25)
  --starttls             Use STARTTLS when offered and report the certificate
  --send                 Also send one real test message through every exchanger that accepts
  --probes               Also ask each exchanger about a made-up local part and an address at another
                         domain (RCPT only, RSET after): flags open relays and backups without
                         recipient validation (backscatter)
  --from ADDRESS         MAIL FROM (default: ${DEFAULT_SMTP_OPTIONS.sender})
  --to ADDRESS           RCPT TO (default: ${DEFAULT_SMTP_OPTIONS.recipient})
  --helo NAME            EHLO name (default: this host's full name, else its address literal)
  --connect-timeout S    Seconds to wait for a connection (default: ${DEFAULT_SMTP_OPTIONS.connectTimeoutMs / 1000})
  --reply-timeout S      Seconds to wait for each reply (default: ${DEFAULT_SMTP_OPTIONS.replyTimeoutMs / 1000})
  --timeout S            Seconds for the whole test (default: ${DEFAULT_SMTP_OPTIONS.totalTimeoutMs / 1000})
  --mta-sts-ca FILE      PEM certificates to trust for the MTA-STS policy host (default: the
                         system's CAs); the policy is fetched for each domain with an _mta-sts record
  --format text|markdown|json   Output format (default: text)
  --transcript           Print the SMTP transcript to stderr as it happens

Failover drill (sends one real message; the primary is skipped, never contacted):
  --drill                Send one tagged message through the first backup and watch the mailbox
                         until it arrives (needs --mailbox; one domain)
  --via NAME             The mail exchanger to send through instead of the first backup
  --mailbox URL          Where the message must arrive: imap://USER@HOST[:PORT][/FOLDER] or
                         pop3://USER@HOST[:PORT] (imaps:, pop3s: for TLS); the password is read from
                         ${MAILBOX_PASSWORD_VARIABLE}, else asked on the terminal
  --mailbox-starttls     Upgrade an imap: or pop3: connection with STARTTLS before logging in
  --mailbox-ca FILE      PEM certificates to trust for the mailbox's TLS (default: the system's CAs)
  --keep                 Leave the test message in the mailbox (default: delete it)
  --drill-timeout S      Seconds to wait for the message to arrive (default: ${DEFAULT_DRILL_TIMEOUT_MS / 1000})

Exit status: 0 every reachable backup accepts mail (a drill: the message was delivered), 1 a problem
found, 2 usage, I/O error or cancelled.`;

export interface SmtpTestArguments {
	readonly zone: string;
	readonly domains: readonly string[];
	readonly origin?: string;
	readonly format: 'text' | 'markdown' | 'json';
	readonly transcript: boolean;
	readonly options: SmtpTestOptions;
	/** The `--host` overrides alone (the options also hold the configuration file's). */
	readonly hostFlags: ReadonlyMap<string, HostOverride>;
	/** Set by `--drill`; the password is read later, from the environment. */
	readonly drill?: DrillArguments;
}

export interface DrillArguments {
	/** The `--via` name as given, and its host key. */
	readonly via?: { readonly name: string; readonly key: string };
	readonly mailbox: MailboxAddress;
	/** The PEM text of `--mailbox-ca`. */
	readonly ca?: string;
	readonly keep: boolean;
	readonly timeoutMs: number;
}

/**
 * Parses the arguments after `smtp-test` over `base` (the configuration file's `smtp` defaults);
 * `help` for -h/--help. Throws {@link UsageError}.
 */
export function parseSmtpTestArguments(argv: readonly string[], base: SmtpTestOptions = DEFAULT_SMTP_OPTIONS): SmtpTestArguments | 'help' {
	let zone: string | undefined;
	const domains: string[] = [];
	let origin: string | undefined;
	let format: SmtpTestArguments['format'] = 'text';
	let transcript = false;
	let drill = false;
	let via: DrillArguments['via'];
	let mailboxUrl: string | undefined;
	let mailboxStarttls = false;
	let ca: string | undefined;
	let keep = false;
	let drillTimeoutMs = DEFAULT_DRILL_TIMEOUT_MS;
	const drillFlags: string[] = [];
	const overrides = new Map<string, HostOverride>();
	const options = { ...base };
	const cursor = new ArgumentCursor(argv);
	const value = (): string => cursor.value();
	while (cursor.next()) {
		const { arg, flag } = cursor;
		const seconds = (): number => {
			const given = value();
			const ms = parseTimeoutSeconds(given);
			if (ms === undefined)
				throw new UsageError(`${flag} needs seconds from ${TIMEOUT_BOUNDS.min} to ${TIMEOUT_BOUNDS.max}, not '${visible(given)}'.`);
			return ms;
		};
		switch (flag) {
			case '-h':
			case '--help':
				return 'help';
			case '--zone':
				zone = value();
				break;
			case '--domain':
				domains.push(checkedOrigin(flag, checked(flag, value(), domainNameError)));
				break;
			case '--origin':
				origin = checkedOrigin(flag, checked(flag, value(), domainNameError));
				break;
			case '--host': {
				const parsed = parseHostOverride(value());
				if (typeof parsed === 'string') throw new UsageError(`--host: ${parsed}.`);
				overrides.set(...parsed);
				break;
			}
			case '--port': {
				const given = value();
				const port = parsePort(given);
				if (port === undefined) throw new UsageError(`--port needs a number from 1 to 65535, not '${visible(given)}'.`);
				options.port = port;
				break;
			}
			case '--starttls':
				options.starttls = true;
				break;
			case '--send':
				options.send = true;
				break;
			case '--probes':
				options.probes = true;
				break;
			case '--from':
				options.sender = checked(flag, value(), addressTemplateError);
				break;
			case '--to':
				options.recipient = checked(flag, value(), addressTemplateError);
				break;
			case '--helo':
				options.heloName = checked(flag, value(), heloNameError);
				break;
			case '--connect-timeout':
				options.connectTimeoutMs = seconds();
				break;
			case '--reply-timeout':
				options.replyTimeoutMs = seconds();
				break;
			case '--timeout':
				options.totalTimeoutMs = seconds();
				break;
			case '--format': {
				const chosen = value();
				if (chosen !== 'text' && chosen !== 'json' && chosen !== 'markdown')
					throw new UsageError(`--format must be text, markdown or json, not '${visible(chosen)}'.`);
				format = chosen;
				break;
			}
			case '--transcript':
				transcript = true;
				break;
			case '--drill':
				drill = true;
				break;
			case '--via': {
				const name = checked(flag, value(), hostNameError);
				via = { name, key: hostKey(name) };
				drillFlags.push(flag);
				break;
			}
			case '--mailbox':
				mailboxUrl = value();
				drillFlags.push(flag);
				break;
			case '--mailbox-starttls':
				mailboxStarttls = true;
				drillFlags.push(flag);
				break;
			case '--mailbox-ca':
				ca = pemFile(flag, value());
				drillFlags.push(flag);
				break;
			case '--mta-sts-ca':
				options.mtaStsCa = pemFile(flag, value());
				break;
			case '--keep':
				keep = true;
				drillFlags.push(flag);
				break;
			case '--drill-timeout':
				drillTimeoutMs = seconds();
				drillFlags.push(flag);
				break;
			default:
				throw new UsageError(
					arg.startsWith('-')
						? `Unknown option '${visible(arg)}'.`
						: `Unexpected argument '${visible(arg)}' (the zone file goes after --zone).`,
				);
		}
	}
	if (zone === undefined) throw new UsageError('smtp-test needs --zone FILE.');
	if (!drill && drillFlags.length > 0) throw new UsageError(`${drillFlags[0]} belongs to a failover drill: add --drill.`);
	if (drill && mailboxUrl === undefined) throw new UsageError('--drill needs --mailbox URL: the mailbox where the message must arrive.');
	const mailbox = mailboxUrl === undefined ? undefined : parseMailboxUrl(mailboxUrl, mailboxStarttls);
	if (typeof mailbox === 'string') throw new UsageError(`--mailbox: ${mailbox}.`);
	if (drill && options.send) throw new UsageError('--drill sends its own message: leave out --send.');
	const hostOverrides = new Map([...base.hostOverrides, ...overrides]);
	return {
		zone,
		domains,
		origin,
		format,
		transcript,
		options: Object.freeze({ ...options, hostOverrides }),
		hostFlags: overrides,
		...(drill && mailbox ? { drill: { via, mailbox, keep, timeoutMs: drillTimeoutMs, ...(ca ? { ca } : {}) } } : {}),
	};
}

/** The PEM certificates of a CA bundle option, read at once. */
function pemFile(flag: string, file: string): string {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new UsageError(`${flag}: cannot read ${visible(file)} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
	}
	if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`${flag}: ${visible(file)} holds no PEM certificate.`);
	return text;
}

/** A value checked before anything else happens: `why` returns an error message or `undefined`. */
function checked(flag: string, given: string, why: (value: string) => string | undefined): string {
	const error = why(given);
	if (error !== undefined) throw new UsageError(`${flag}: ${error}.`);
	return given;
}

/** Printable ASCII without blanks; the zone decides whether such a name exists. */
function domainNameError(name: string): string | undefined {
	return /^[\x21-\x7e]{1,255}$/.test(name) ? undefined : `'${visible(name)}' is not a domain name`;
}

/** One domain's plan, as {@link planMailTests} makes it. */
type MailDomainPlan = Exclude<ReturnType<typeof planMailTests>, string>[number];

/**
 * A usage error for `--host` overrides that name neither a mail exchanger of the plans nor the
 * MTA-STS policy host of a domain with an `_mta-sts` record, or `undefined`.
 */
export function unmatchedOverrides(plans: readonly MailDomainPlan[], overrides: ReadonlyMap<string, HostOverride>): string | undefined {
	const exchangers = new Map<string, string>();
	const policyHosts = new Set<string>();
	for (const plan of plans) {
		for (const planned of plan.exchangers) exchangers.set(planned.exchangeKey, planned.exchange);
		if (plan.mtaSts) policyHosts.add(hostKey(mtaStsHost(plan.domain)));
	}
	const unknown = [...overrides.keys()].filter((key) => !exchangers.has(key) && !policyHosts.has(key));
	if (unknown.length === 0) return undefined;
	const names = [...exchangers.values()];
	const policy = policyHosts.size === 0 ? '' : `; MTA-STS policy host ${[...policyHosts].join(', ')}`;
	const tested = (names.length === 0 ? 'there is no mail exchanger to test' : `the mail exchangers are ${names.join(', ')}`) + policy;
	return `--host ${unknown.map(visible).join(', ')}: ${unknown.length === 1 ? 'no such mail exchanger' : 'no such mail exchangers'} in the zone (${tested}).`;
}

/** A usage error for a drill the zone cannot run, or `undefined`. */
function drillProblem(plans: readonly MailDomainPlan[], drill: DrillArguments): string | undefined {
	if (plans.length !== 1) return `--drill tests one mail domain, and the zone has ${plans.length}: choose one with --domain.`;
	const [plan] = plans;
	if (plan.exchangers.length < 2)
		return `--drill needs a backup, and ${plan.domain} has ${plan.exchangers.length === 0 ? 'no mail exchanger' : 'only one mail exchanger'}.`;
	if (!drill.via) return undefined;
	const index = plan.exchangers.findIndex((x) => x.exchangeKey === drill.via?.key);
	if (index === -1)
		return `--via ${visible(drill.via.name)}: no such mail exchanger of ${plan.domain} (they are ${plan.exchangers.map((x) => x.exchange).join(', ')}).`;
	if (index === 0) return `--via ${visible(drill.via.name)} is the primary, which a drill treats as down: name a backup.`;
	return undefined;
}

/**
 * The mailbox password: the environment variable, else asked on the terminal when stdin is one;
 * `unavailable` when neither is possible, `aborted` when the user pressed Ctrl-C at the prompt.
 */
async function mailboxPassword(mailbox: MailboxAddress): Promise<{ readonly password: string } | 'unavailable' | 'aborted'> {
	const fromEnvironment = process.env[MAILBOX_PASSWORD_VARIABLE];
	if (fromEnvironment !== undefined && fromEnvironment !== '') return { password: fromEnvironment };
	if (!process.stdin.isTTY) return 'unavailable';
	const typed = await promptPassword(`Password for ${visible(mailbox.user)}@${mailbox.host}: `, {
		input: process.stdin,
		output: process.stderr,
	});
	return typed === undefined ? 'aborted' : { password: typed };
}

/** Runs `smtp-test`; resolves with the exit status. */
export async function smtpTestMain(argv: readonly string[]): Promise<number> {
	let given: SmtpTestArguments | 'help';
	try {
		given = parseSmtpTestArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`zone-sentinel: ${error.message}\n\n${SMTP_TEST_USAGE}\n`);
		return 2;
	}
	if (given === 'help') {
		process.stdout.write(SMTP_TEST_USAGE + '\n');
		return 0;
	}
	// The zone's configuration file gives the defaults the flags override (read again over them).
	const found = new CliConfigs().for(given.zone);
	if ('invalid' in found) {
		for (const line of found.lines) process.stderr.write(line + '\n');
		process.stderr.write(`zone-sentinel: ${visible(given.zone)}: not tested: its configuration file ${found.invalid} is invalid.\n`);
		return 2;
	}
	const config = found.config;
	const reparsed =
		config !== undefined && Object.keys(config.smtp).length > 0
			? parseSmtpTestArguments(argv, parseSmtpSettings(config.smtp).options)
			: given;
	// The same words parsed over other defaults: still not a help request.
	const args = reparsed === 'help' ? given : reparsed;
	let text: string;
	try {
		text = fs.readFileSync(args.zone, 'utf8');
	} catch (error) {
		process.stderr.write(
			`zone-sentinel: ${args.zone}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\n`,
		);
		return 2;
	}
	const file = path.resolve(args.zone);
	const analysis = analyzeZone(pathToFileURL(file).href, text, {
		origin: args.origin ?? config?.origin,
		fileName: args.zone,
		// The policy kept beside the zone, compared with the one the MTA-STS check fetches.
		mtaStsPolicy: readMtaStsPolicyBeside(file),
		resolveInclude: createIncludeReader(path.dirname(file), file, config?.includes.relativeTo ?? 'zoneFile'),
	});
	const plans = [];
	for (const domain of args.domains.length > 0 ? args.domains : [undefined]) {
		const found = planMailTests(analysis.model, domain);
		if (typeof found === 'string') {
			process.stderr.write(`zone-sentinel: ${args.zone}: ${found}\n`);
			return 2;
		}
		plans.push(...found);
	}
	// An override for a host the plan does not test would silently contact the real addresses instead.
	// The configuration file's overrides may name exchangers of its other zones, so only the flags are checked.
	const unmatched = unmatchedOverrides(plans, args.hostFlags);
	if (unmatched !== undefined) {
		process.stderr.write(`zone-sentinel: ${unmatched}\n\n${SMTP_TEST_USAGE}\n`);
		return 2;
	}

	let drillOptions: DrillOptions | undefined;
	if (args.drill) {
		const problem = drillProblem(plans, args.drill);
		if (problem !== undefined) {
			process.stderr.write(`zone-sentinel: ${problem}\n\n${SMTP_TEST_USAGE}\n`);
			return 2;
		}
		// Never from the command line: argv is visible to every user of the machine.
		const secret = await mailboxPassword(args.drill.mailbox);
		if (secret === 'aborted') {
			process.stderr.write('zone-sentinel: cancelled at the password prompt.\n');
			return 2;
		}
		if (secret === 'unavailable') {
			process.stderr.write(
				`zone-sentinel: --drill needs the mailbox password in the environment variable ${MAILBOX_PASSWORD_VARIABLE}, or a terminal to ask for it.\n`,
			);
			return 2;
		}
		const { password } = secret;
		const invalid = mailboxPasswordError(password);
		if (invalid !== undefined) {
			process.stderr.write(`zone-sentinel: ${invalid}.\n`);
			return 2;
		}
		drillOptions = {
			via: args.drill.via?.key,
			mailbox: args.drill.mailbox,
			password,
			keep: args.drill.keep,
			timeoutMs: args.drill.timeoutMs,
			...(args.drill.ca ? { ca: args.drill.ca } : {}),
		};
	}

	// Ctrl-C closes the open connection and prints what was found so far; a second one kills.
	const controller = new AbortController();
	const onInterrupt = (): void => controller.abort();
	process.once('SIGINT', onInterrupt);
	const transcript = args.transcript;
	let result;
	try {
		const hooks = {
			signal: controller.signal,
			onTranscript: transcript ? (line: TranscriptLine) => process.stderr.write(formatTranscriptLine(line) + '\n') : undefined,
		};
		result = drillOptions ? await runDrill(plans[0], args.options, drillOptions, hooks) : await runMailTests(plans, args.options, hooks);
	} finally {
		process.removeListener('SIGINT', onInterrupt);
	}
	if (args.format === 'json') process.stdout.write(JSON.stringify(toJson(result, args.zone), null, 2) + '\n');
	else if (args.format === 'markdown') process.stdout.write(formatMarkdown(result, `Mail exchanger test of ${args.zone}`) + '\n');
	else process.stdout.write(formatText(result) + '\n');
	if (result.stopped === 'cancelled') return 2;
	return result.ok ? 0 : 1;
}
