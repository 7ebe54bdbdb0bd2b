/**
 * `serialNotIncremented` (opt-in): the zone's records differ from an earlier version (the last git
 * commit in the editor, `check --serial-since REF` in CI) but its SOA serial is not greater in RFC
 * 1982 serial arithmetic. Secondaries transfer a zone only when its serial grows (RFC 1996 §1,
 * RFC 1034 §4.3.5), so they would go on serving the old records. Records are compared as BIND
 * reads them (layout, comments and relative or absolute spelling do not count; see
 * edits/serialChange.ts). Without an earlier version, or without an SOA in either, nothing is said.
 *
 * Bad:  `www A 192.0.2.2` (was 192.0.2.1 in HEAD), serial 2024010101 as in HEAD
 * Good: the same change with serial 2024010102
 */
import { serialChange, serialGreater, soaSerialWord } from '../edits/serialChange';
import type { Rule } from './rule';

export const serialNotIncremented: Rule = {
	id: 'serialNotIncremented',
	defaultLevel: 'off',
	description:
		'The records changed since the last commit (or --serial-since REF) but the SOA serial did not grow, so secondaries keep the old zone.',
	reference: 'RFC 1996 §1, RFC 1982',
	check(context) {
		const { model } = context;
		const previous = model.previousVersion;
		if (previous === undefined) return;
		const change = serialChange(model, previous.model);
		if (change === undefined || !change.needsIncrement) return;
		const word = soaSerialWord(model);
		if (word === undefined) return;
		const was =
			change.serial === change.previous
				? `is ${previous.revision}'s too`
				: serialGreater(change.previous, change.serial)
					? `went down from ${previous.revision}'s ${change.previous}`
					: `is not greater than ${previous.revision}'s ${change.previous} in serial arithmetic (RFC 1982: they are 2^31 apart)`;
		context.report({
			file: 0,
			start: word.start,
			end: word.end,
			message: `The records differ from ${previous.revision}, but the serial ${change.serial} ${was}: secondaries transfer a zone only when its serial grows, so they would keep serving the old records. Increment the serial.`,
		});
	},
};
