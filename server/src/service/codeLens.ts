/**
 * Code lenses above the first MX record (in file order) of each owner: a one-line summary of its
 * mail redundancy, e.g. "3 mail exchangers · 2 networks · tried first: mx1.example.com. (5)" or
 * "1 mail exchanger — no backup", and, for clients that have the command, "Test SMTP".
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import {
	addressRecords,
	DEFAULT_RULE_OPTIONS,
	type MailExchanger,
	mailFacts,
	type MailFacts,
	recordSpan,
	type RuleOptions,
	type ZoneAnalysis,
} from '../../../core/src/index';
import { type ClientFeatures, PLAIN_LSP_CLIENT, TEST_SMTP_COMMAND, type TestSmtpArguments } from './clientCommands';
import { toRange } from './convert';
import { deliveryLevels, exchangerNetworks } from './mailSummary';
import { plural } from './markdown';

/**
 * The lenses of the open document, in file order. A summary lens has an empty command id, which
 * VS Code shows as plain text; the network count uses the configured prefix lengths.
 */
export function getCodeLenses(
	document: TextDocument,
	analysis: ZoneAnalysis,
	options: RuleOptions = DEFAULT_RULE_OPTIONS,
	features: ClientFeatures = PLAIN_LSP_CLIENT,
): CodeLens[] {
	const facts = mailFacts(analysis.model);
	const found: { start: number; lenses: CodeLens[] }[] = [];
	for (const exchangers of facts.exchangersByOwner.values()) {
		const first = firstInDocument(exchangers);
		if (!first) continue;
		const span = recordSpan(first.record);
		const range = toRange(document, span.start, span.end);
		const lenses: CodeLens[] = [{ range, command: { title: summary(facts, exchangers, options), command: '' } }];
		if (features.testSmtp && exchangers.some((mx) => !mx.isNull)) {
			const args: TestSmtpArguments = { uri: document.uri, owner: first.record.owner };
			lenses.push({ range, command: { title: 'Test SMTP', command: TEST_SMTP_COMMAND, arguments: [args] } });
		}
		found.push({ start: span.start, lenses });
	}
	return found.sort((a, b) => a.start - b.start).flatMap((entry) => entry.lenses);
}

/** The owner's first MX in the open document (file 0), by position; `undefined` when all are in included files. */
function firstInDocument(exchangers: readonly MailExchanger[]): MailExchanger | undefined {
	let first: MailExchanger | undefined;
	for (const mx of exchangers) {
		if (mx.record.file !== 0) continue;
		if (!first || mx.record.entryIndex < first.record.entryIndex) first = mx;
	}
	return first;
}

function summary(facts: MailFacts, exchangers: readonly MailExchanger[], options: RuleOptions): string {
	const levels = deliveryLevels(exchangers);
	// Count hosts, not records: the same exchange twice is one mail exchanger (see mxDuplicateTarget).
	const hosts = new Set(levels.flatMap((level) => level.exchangers.map((mx) => mx.exchangeKey)));
	if (hosts.size === 0) return 'null MX — this name accepts no mail (RFC 7505)';
	if (hosts.size === 1) return '1 mail exchanger — no backup';
	const parts = [plural(hosts.size, 'mail exchanger')];
	const networks = networkPart(facts, exchangers, hosts, options);
	if (networks) parts.push(networks);
	const top = levels[0];
	const names = [...new Set(top.exchangers.map((mx) => mx.exchange))];
	parts.push(`tried first: ${names.join(' or ')} (${top.preference}${names.length > 1 ? ', at random' : ''})`);
	return parts.join(' · ');
}

/** "2 networks", "1 network, 1 unknown" (a host outside the zone), or nothing when no exchanger has in-zone addresses. */
function networkPart(
	facts: MailFacts,
	exchangers: readonly MailExchanger[],
	hosts: ReadonlySet<string>,
	options: RuleOptions,
): string | undefined {
	const networks = exchangerNetworks(facts, exchangers, options);
	if (networks.size === 0) return undefined;
	const unknown = [...hosts].filter((key) => addressRecords(facts, key).length === 0).length;
	return plural(networks.size, 'network') + (unknown > 0 ? `, ${unknown} unknown` : '');
}
