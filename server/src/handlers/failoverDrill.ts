/**
 * The failover drill from the editor: `zoneSentinel/failoverDrillPlan` tells the client which
 * domains can be drilled and through which backups (so it can ask the user), and
 * `zoneSentinel/runFailoverDrill` runs one drill (smtp/src/drill.ts) with the mailbox password the
 * client sends. The password goes to the mailbox login only: it is never logged, never in a
 * transcript notification and never in the report. Cancelling the request stops the drill, as
 * Ctrl-C does on the CLI (the message, if already accepted, stays wherever it is).
 */
import { type CancellationToken, type Connection, RequestType } from 'vscode-languageserver';
import {
	type DrillDomain,
	FAILOVER_DRILL_PLAN_METHOD,
	type FailoverDrillPlanParams,
	type FailoverDrillPlanResult,
	RUN_FAILOVER_DRILL_METHOD,
	type RunFailoverDrillParams,
	type RunFailoverDrillResult,
} from '../../../protocol/src/index';
import type { ZoneAnalysis } from '../../../core/src/index';
import { documentRequest } from '../documentRequest';
import { formatError } from '../runSafe';
import type { ServerState } from '../serverState';
import { fileNameOf } from '../service/fileNames';
import { streamedRun } from './mailTest';
import {
	addressTemplateError,
	DEFAULT_DRILL_TIMEOUT_MS,
	expandAddress,
	formatMarkdown,
	formatText,
	hostKey,
	type MailDomainPlan,
	mailboxPasswordError,
	parseMailboxUrl,
	parseSmtpSettings,
	planMailTests,
	runDrill,
	type SmtpTestOptions,
	toJson,
} from '../../../smtp/src/index';

export const FailoverDrillPlanRequest = new RequestType<FailoverDrillPlanParams, FailoverDrillPlanResult, void>(FAILOVER_DRILL_PLAN_METHOD);
export const RunFailoverDrillRequest = new RequestType<RunFailoverDrillParams, RunFailoverDrillResult, void>(RUN_FAILOVER_DRILL_METHOD);

const notRun = (error: string): RunFailoverDrillResult => ({
	error,
	loginRefused: false,
	cancelled: false,
	summary: error,
	markdown: `# Failover drill\n\n${error}\n`,
	text: error,
	report: null,
});

export function registerFailoverDrillRequests(state: ServerState): void {
	const { connection } = state;
	const optionsFor = async (uri: string): Promise<SmtpTestOptions> => {
		const section = await state.settings.raw(uri).catch((error: unknown) => {
			state.log(formatError('Could not read the zoneSentinel.smtp settings; using defaults', error));
			return undefined;
		});
		const raw = typeof section === 'object' && section !== null ? (section as Record<string, unknown>).smtp : undefined;
		const { options, problems } = parseSmtpSettings(raw);
		problems.forEach((problem) => state.log(problem));
		return options;
	};
	connection.onRequest(FailoverDrillPlanRequest, (params, token) =>
		documentRequest<FailoverDrillPlanResult>(state, params?.uri, token, {
			errorMessage: 'Error while planning a failover drill',
			compute: async (_document, analysis) => drillPlan(analysis, params.owner, await optionsFor(params.uri)),
			empty: { error: 'Open the zone file first: only open documents can be drilled.', domains: [] },
			failed: { error: 'The drill could not be planned; see the Zone Sentinel log.', domains: [] },
		}),
	);
	connection.onRequest(RunFailoverDrillRequest, (params, token) =>
		documentRequest<RunFailoverDrillResult>(state, params?.uri, token, {
			errorMessage: 'Error while running a failover drill',
			compute: async (_document, analysis) => failoverDrill(connection, analysis, params, await optionsFor(params.uri), token),
			empty: notRun('Open the zone file first: only open documents can be drilled.'),
			failed: notRun('The drill failed; see the Zone Sentinel log.'),
		}),
	);
}

/** The domains that have a backup, each with its backups in delivery order. */
function drillPlan(analysis: ZoneAnalysis, owner: string | undefined, options: SmtpTestOptions): FailoverDrillPlanResult {
	const plans = planMailTests(analysis.model, owner);
	if (typeof plans === 'string') return { error: plans, domains: [] };
	const domains = plans.filter((plan) => plan.kind === 'mx' && plan.exchangers.length >= 2).map((plan) => drillDomain(plan, options));
	if (domains.length === 0)
		return { error: 'A failover drill needs a backup: no mail domain of this zone has a second mail exchanger.', domains: [] };
	return { domains };
}

function drillDomain(plan: MailDomainPlan, options: SmtpTestOptions): DrillDomain {
	return {
		domain: plan.domain,
		primary: plan.exchangers[0].exchange,
		backups: plan.exchangers.slice(1).map((planned) => {
			const override = options.hostOverrides.get(planned.exchangeKey);
			const address = override && (override.address.includes(':') ? `[${override.address}]` : override.address);
			return {
				exchange: planned.exchange,
				preference: planned.preference,
				...(override ? { override: `${address}:${override.port ?? options.port}` } : {}),
			};
		}),
		sender: expandAddress(options.sender, plan.domain),
		recipient: expandAddress(options.recipient, plan.domain),
	};
}

async function failoverDrill(
	connection: Connection,
	analysis: ZoneAnalysis,
	params: RunFailoverDrillParams,
	settings: SmtpTestOptions,
	token: CancellationToken,
): Promise<RunFailoverDrillResult> {
	const plans = planMailTests(analysis.model, params.domain);
	if (typeof plans === 'string') return notRun(plans);
	const plan = plans[0];
	if (plan.exchangers.length < 2) return notRun(`A failover drill needs a backup, and ${plan.domain} has only one mail exchanger.`);
	const via = params.via === undefined ? undefined : hostKey(params.via);
	const viaIndex = via === undefined ? 1 : plan.exchangers.findIndex((x) => x.exchangeKey === via);
	if (viaIndex < 1) return notRun(`${params.via} is not a backup mail exchanger of ${plan.domain}.`);
	const mailbox = typeof params.mailbox === 'string' ? parseMailboxUrl(params.mailbox) : 'the mailbox URL is missing';
	if (typeof mailbox === 'string') return notRun(`Mailbox: ${mailbox}.`);
	const password = typeof params.password === 'string' ? params.password : '';
	const invalidPassword = mailboxPasswordError(password);
	// The variable's name in the message is the CLI's; here the password came from the editor.
	if (invalidPassword !== undefined) return notRun('The mailbox password must be 1 to 255 printable ASCII characters.');
	for (const field of ['sender', 'recipient'] as const) {
		const value = params[field];
		const problem = value === undefined ? undefined : addressTemplateError(value);
		if (problem !== undefined) return notRun(`The ${field} address: ${problem}.`);
	}
	const options: SmtpTestOptions = {
		...settings,
		...(params.sender !== undefined ? { sender: params.sender } : {}),
		...(params.recipient !== undefined ? { recipient: params.recipient } : {}),
		send: true,
	};
	const run = streamedRun(connection, params.testId, token);
	try {
		const result = await runDrill(
			plan,
			options,
			{ via: plan.exchangers[viaIndex].exchangeKey, mailbox, password, keep: false, timeoutMs: DEFAULT_DRILL_TIMEOUT_MS },
			run.hooks,
		);
		const drill = result.drill!;
		return {
			verdict: drill.verdict,
			loginRefused: drill.loginRefused === true,
			cancelled: result.stopped === 'cancelled',
			summary: drill.summary,
			markdown: formatMarkdown(result, `Failover drill of ${fileNameOf(params.uri)}`),
			text: formatText(result),
			report: toJson(result, params.uri),
		};
	} finally {
		run.dispose();
	}
}
