/**
 * Renders parsed syntax as indented text, one entry per line, for golden tests and debugging:
 * `Record 0..27 blank=false [www|3600|IN|A|192.0.2.1]`, then problems.
 */
import { EntryKind, type ZoneSyntax } from './parser';

export function debugDump(syntax: ZoneSyntax): string {
	const { tokens } = syntax;
	const lines: string[] = [];
	for (const entry of syntax.entries) {
		const kind = entry.kind === EntryKind.Directive ? 'Directive' : 'Record';
		const words = Array.from(entry.fields, (token) => tokens.tokenText(token)).join('|');
		lines.push(`${kind} ${entry.start}..${entry.end}${entry.blankOwner ? ' blank-owner' : ''} [${words}]`);
	}
	for (const problem of syntax.problems) {
		lines.push(`! ${problem.code} ${problem.start}..${problem.end} ${JSON.stringify(tokens.text.slice(problem.start, problem.end))}`);
	}
	return lines.join('\n') + '\n';
}
