/**
 * `spfTooManyLookups`: evaluating an SPF record takes more than 10 DNS lookups (`include`, `a`,
 * `mx`, `ptr`, `exists`, `redirect`; RFC 7208 §4.6.4), counting into the `include:` and
 * `redirect=` targets this zone and the other zones of the workspace hold, and naming the chain of
 * includes that reaches lookup 11. Receivers stop at 10 and return permerror. A target outside them
 * is counted as the one lookup that fetches it and named: it can only cost more. An include that
 * leads back to a record on its own chain is a loop, reported as such. More than two lookups known
 * to get no answer (`a`/`mx`/`exists` of a name held here without such records: "void lookups",
 * RFC 7208 §4.6.4) are permerror too.
 *
 * Bad:  `@ TXT "v=spf1 a mx include:a.example.net include:b.example.net …"` (11 lookups)
 * Good: fewer includes, or `ip4:`/`ip6:` ranges, which cost none.
 */
import { type Place, recordSpan, type SourceSpan } from '../model/zoneModel';
import { SPF_MAX_LOOKUPS, type SpfRecord } from '../model/mail/auth/spf';
import { mailAuthRecords } from '../model/mail/auth/authRecords';
import { SPF_MAX_VOID_LOOKUPS, type SpfLookup, spfChainText, spfLookups, spfTermPlace, spfTermText } from '../model/mail/auth/spfLookups';
import { textSpan } from '../model/txtText';
import type { Rule, RuleContext } from './rule';
import { zoneShape } from './zoneShape';

export const spfTooManyLookups: Rule = {
	id: 'spfTooManyLookups',
	defaultLevel: 'error',
	description:
		'Evaluating an SPF record takes more than 10 DNS lookups (or more than 2 that get no answer), so receivers return permerror.',
	reference: 'RFC 7208 §4.6.4',
	reads: ['mailAuthRecords', 'mailFacts'],
	check(context) {
		const { model } = context;
		for (const records of mailAuthRecords(model).spf.values()) {
			// With two records SPF fails anyway (spfMultipleRecords); counting each would only repeat it.
			if (records.length !== 1) continue;
			const [spf] = records;
			const { lookups, external, unpublished, loop, voids } = spfLookups(model, spf);
			const owner = spf.txt.record.owner;
			if (loop) {
				const written = `${loop.term.name}${loop.term.name === 'include' ? ':' : '='}${loop.term.domain ?? ''}`;
				const chain = spfChainText(loop);
				context.report({
					...at(spf, loop.via[0] ?? loop),
					message: `SPF for ${owner} never ends: ${written}${chain ? ` (reached ${chain})` : ''} leads back to a record it came from, so receivers go round until the limit of ${SPF_MAX_LOOKUPS} lookups and return permerror (RFC 7208 §4.6.4). Remove the include that closes the loop.`,
					related: loop.via.length === 0 ? undefined : [{ ...placeOf(loop), message: `${written}: the include that closes the loop` }],
				});
				continue;
			}
			if (lookups.length <= SPF_MAX_LOOKUPS) {
				// A name is known to be empty only in a zone read whole: not a fragment, no include left unread, no line lost.
				const shape = zoneShape(model);
				if (voids.length > SPF_MAX_VOID_LOOKUPS && shape.isZone && !shape.recordsLost) reportVoids(context, spf, voids);
				continue;
			}
			const eleventh = lookups[SPF_MAX_LOOKUPS];
			const outside =
				external.length === 0
					? ''
					: ` ${external.join(', ')} ${external.length === 1 ? 'is' : 'are'} outside this zone and the workspace and counted as 1 each, so the real count may be higher.`;
			const missing =
				unpublished.length === 0
					? ''
					: ` ${unpublished.join(', ')} ${unpublished.length === 1 ? 'has' : 'have'} no SPF record here (permerror too).`;
			const chain = spfChainText(eleventh);
			context.report({
				...at(spf, eleventh.via[0] ?? eleventh),
				message: `SPF for ${owner} takes at least ${lookups.length} DNS lookups; receivers stop at ${SPF_MAX_LOOKUPS} and return permerror (RFC 7208 §4.6.4).${chain ? ` Lookup ${SPF_MAX_LOOKUPS + 1} is reached ${chain}.` : ''}${outside}${missing} Replace includes with ip4:/ip6: ranges or flatten them.`,
				related:
					eleventh.via.length === 0
						? undefined
						: [{ ...placeOf(eleventh), message: `lookup ${SPF_MAX_LOOKUPS + 1}: ${spfTermText(eleventh)}` }],
			});
		}
	},
};

/** More void lookups than receivers allow: on the term that leads to the third, naming them all. */
function reportVoids(context: RuleContext, spf: SpfRecord, voids: readonly SpfLookup[]): void {
	const third = voids[SPF_MAX_VOID_LOOKUPS];
	const chain = spfChainText(third);
	context.report({
		...at(spf, third.via[0] ?? third),
		message: `SPF for ${spf.txt.record.owner} makes ${voids.length} lookups that get no answer (${voids.map(spfTermText).join(', ')}: names with no such records here); receivers allow ${SPF_MAX_VOID_LOOKUPS} such void lookups and then return permerror (RFC 7208 §4.6.4).${chain ? ` Void lookup ${SPF_MAX_VOID_LOOKUPS + 1} is reached ${chain}.` : ''} Remove the terms or publish the records.`,
		related:
			third.via.length === 0
				? undefined
				: [{ ...placeOf(third), message: `void lookup ${SPF_MAX_VOID_LOOKUPS + 1}: ${spfTermText(third)}` }],
	});
}

/** The span of a lookup's term in this zone's record `spf` (the first hop of a chain always is in it). */
function at(spf: SpfRecord, lookup: SpfLookup): SourceSpan {
	return lookup.source.kind === 'zone' && lookup.source.record === spf
		? textSpan(spf.txt, lookup.term.from, lookup.term.to)
		: recordSpan(spf.txt.record);
}

/** Where a lookup's term is written, in this zone or in another zone's file. */
function placeOf(lookup: SpfLookup): Place {
	const place = spfTermPlace(lookup);
	return 'record' in place ? textSpan(place.record.txt, lookup.term.from, lookup.term.to) : place;
}
