/**
 * The hover on an SPF or DMARC TXT record: the record read term by term in words (what each SPF
 * mechanism matches and what it returns, the DNS lookups so far against the limit of 10; the DMARC
 * policy and what each tag asks of receivers), the term under the cursor in bold. DKIM, MTA-STS and
 * TLS-RPT records are explained in `mailTagHover.ts`.
 *
 * e.g. on `"v=spf1 mx -all"`: "**SPF** for `example.com.` · 1 DNS lookup of the 10 allowed", then
 * "`mx`: pass for the domain's mail exchangers" and "`-all`: fail for every other sender".
 */
import {
	mailAuthRecords,
	SPF_LOOKUP_TERMS,
	SPF_MAX_LOOKUPS,
	spfLookups,
	type DmarcTag,
	type SpfLookup,
	type ResourceRecord,
	type SpfTerm,
	textSpan,
	type ZoneModel,
} from '../../../core/src/index';
import { code, plural } from './markdown';
import { mailTagCard, tagLines } from './mailTagHover';

const QUALIFIERS: Readonly<Record<SpfTerm['qualifier'], string>> = { '+': 'pass', '-': 'fail', '~': 'soft fail', '?': 'neutral' };

/** Markdown paragraphs for an SPF, DMARC, DKIM, MTA-STS or TLS-RPT record, or none for other TXT records. */
export function mailAuthCard(model: ZoneModel, record: ResourceRecord, offset: number): string[] {
	const spf = mailAuthRecords(model)
		.spf.get(record.ownerKey)
		?.find((candidate) => candidate.txt.record === record);
	if (spf) {
		const { lookups, external, loop } = spfLookups(model, spf);
		const count = loop
			? `its includes loop (${code(`${loop.term.name}${loop.term.name === 'include' ? ':' : '='}${loop.term.domain ?? ''}`)} leads back), so receivers return permerror`
			: `${plural(lookups.length, 'DNS lookup')} of the ${SPF_MAX_LOOKUPS} allowed${external.length > 0 ? ' (at least: includes outside the zone and the workspace count 1 each here)' : ''}`;
		const lines = spf.terms.map((term) => {
			const span = textSpan(spf.txt, term.from, term.to);
			const here = offset >= span.start && offset <= span.end;
			const written = code(spf.txt.text.slice(term.from, term.to));
			const inside = followedLookups(lookups, term);
			return `- ${here ? `**${written}**` : written}: ${term.error ? `invalid (${term.error})` : describeTerm(term)}${inside}`;
		});
		return [`**SPF** (RFC 7208) for ${code(record.owner)} · ${count}`, lines.join('\n')];
	}
	const dmarc = mailAuthRecords(model)
		.dmarc.get(record.ownerKey)
		?.find((candidate) => candidate.txt.record === record);
	if (!dmarc) return mailTagCard(model, record, offset);
	const domain = record.owner.slice('_dmarc.'.length);
	return [`**DMARC** (RFC 7489) policy for ${code(domain)}`, tagLines(dmarc, offset, describeTag)];
}

/** For an include or redirect this zone or the workspace holds: the lookups its record adds, and where it is. */
function followedLookups(lookups: readonly SpfLookup[], term: SpfTerm): string {
	let count = 0;
	let zone: string | undefined;
	for (const lookup of lookups) {
		if (lookup.via[0]?.term !== term) continue;
		count++;
		if (lookup.via.length === 1 && lookup.source.kind === 'workspace') zone = lookup.source.apex;
	}
	if (count === 0) return '';
	return `, then ${plural(count, 'more lookup')} through its record${zone === undefined ? '' : ` (in the zone ${code(zone)})`}`;
}

function describeTerm(term: SpfTerm): string {
	const result = QUALIFIERS[term.qualifier];
	const lookup = SPF_LOOKUP_TERMS.has(term.name) && (term.kind === 'mechanism' || term.name === 'redirect') ? ' (1 lookup)' : '';
	const of = term.domain === undefined ? "the domain's" : `${code(term.domain)}'s`;
	const cidr = [term.cidr4 === undefined ? '' : `/${term.cidr4}`, term.cidr6 === undefined ? '' : ` //${term.cidr6}`].join('');
	switch (term.name) {
		case 'all':
			return `${result} for every other sender`;
		case 'include':
			return `${result} when ${code(term.domain ?? '')}'s SPF passes the sender${lookup}`;
		case 'a':
			return `${result} for ${of} addresses${cidr ? ` (networks ${cidr.trim()})` : ''}${lookup}`;
		case 'mx':
			return `${result} for ${of} mail exchangers${cidr ? ` (networks ${cidr.trim()})` : ''}${lookup}`;
		case 'ptr':
			return `${result} when the sender's reverse name ends in ${term.domain === undefined ? 'the domain' : code(term.domain)}; deprecated${lookup}`;
		case 'ip4':
		case 'ip6':
			return `${result} for senders in ${code(term.value ?? '')}`;
		case 'exists':
			return `${result} when ${code(term.domain ?? '')} has an A record${lookup}`;
		case 'redirect':
			return `when nothing above matched, ${code(term.domain ?? '')}'s SPF decides${lookup}`;
		case 'exp':
			return `the explanation receivers give on fail comes from ${code(term.domain ?? '')}`;
		default:
			return 'an unknown modifier: receivers ignore it';
	}
}

const POLICY: Readonly<Record<string, string>> = {
	none: 'deliver as usual, only report (monitoring)',
	quarantine: 'treat failing mail as suspicious (junk folder)',
	reject: 'refuse failing mail',
};

function describeTag(tag: DmarcTag): string {
	const value = tag.value.toLowerCase();
	switch (tag.name) {
		case 'v':
			return 'the DMARC version; must come first';
		case 'p':
			return `mail that fails DMARC: ${POLICY[value] ?? 'not a policy'}`;
		case 'sp':
			return `the same for subdomains: ${POLICY[value] ?? 'not a policy'}`;
		case 'pct':
			return `apply the policy to ${tag.value}% of failing mail`;
		case 'adkim':
		case 'aspf':
			return `${tag.name === 'adkim' ? 'DKIM' : 'SPF'} alignment: ${value === 's' ? 'strict (exact domain)' : 'relaxed (same organizational domain)'}`;
		case 'rua':
			return `aggregate reports go to ${tag.value}`;
		case 'ruf':
			return `failure reports go to ${tag.value}`;
		case 'fo':
			return 'when failure reports are sent';
		case 'ri':
			return `aggregate reports every ${tag.value} seconds`;
		case 'rf':
			return 'the format of failure reports';
		default:
			return 'not a DMARC tag: receivers ignore it';
	}
}
