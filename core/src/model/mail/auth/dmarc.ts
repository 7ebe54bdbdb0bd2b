/**
 * DMARC records (RFC 7489 §6.3): `v=DMARC1; p=…; …` in a TXT record at `_dmarc.<domain>`, parsed
 * tag by tag (tagList.ts) with each tag's value checked. The parser never throws.
 */
import {
	missingTagProblem,
	parseTagList,
	reportUriProblems,
	type Tag,
	type TagList,
	type TagProblem,
	valueProblem,
	versionProblem,
} from './tagList';
import { DMARC_RECORD_START, type TxtText } from '../../txtText';

export type DmarcTag = Tag;
export type DmarcRecord = TagList;

/** True when the text starts a DMARC record: `v=DMARC1`, then `;`, space or the end (receivers discard other TXT at `_dmarc`). */
export function isDmarcText(text: string): boolean {
	return DMARC_RECORD_START.test(text);
}

/** The policies `p=` and `sp=` take, weakest first. */
export const DMARC_POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const POLICIES = new Set(DMARC_POLICIES);

export function parseDmarc(txt: TxtText): DmarcRecord {
	const list = parseTagList(txt);
	const problems = list.problems;
	const version = versionProblem(list, 'DMARC1', 'DMARC');
	if (version) problems.push(version);
	for (const tag of list.tags) {
		const problem = tagProblem(tag, list);
		if (Array.isArray(problem)) problems.push(...problem);
		else if (problem) problems.push(problem);
	}
	if (!list.tags.some((tag) => tag.name === 'p'))
		problems.push(
			missingTagProblem(list, "The DMARC record has no 'p=' (none, quarantine or reject); receivers may ignore it (RFC 7489 §6.6.3)."),
		);
	return list;
}

function tagProblem(tag: Tag, list: TagList): TagProblem | TagProblem[] | undefined {
	const { name, value } = tag;
	switch (name) {
		case 'v':
			return tag === list.tags[0] ? undefined : { from: tag.from, to: tag.to, message: "'v=DMARC1' must be the first tag." };
		case 'p':
		case 'sp':
			return POLICIES.has(value.toLowerCase())
				? undefined
				: valueProblem(tag, `'${name}=${value}' is not a policy: use none, quarantine or reject.`);
		case 'adkim':
		case 'aspf':
			return /^[rs]$/i.test(value)
				? undefined
				: valueProblem(tag, `'${name}=${value}' is not an alignment mode: use r (relaxed) or s (strict).`);
		case 'pct':
			return /^\d{1,3}$/.test(value) && Number(value) <= 100
				? undefined
				: valueProblem(tag, `'pct=${value}' is not a percentage from 0 to 100.`);
		case 'ri':
			return /^\d{1,10}$/.test(value) && Number(value) <= 0xffffffff
				? undefined
				: valueProblem(tag, `'ri=${value}' is not a number of seconds.`);
		case 'fo':
			return /^[01ds](?:\s*:\s*[01ds])*$/i.test(value)
				? undefined
				: valueProblem(tag, `'fo=${value}' is not a list of 0, 1, d and s separated by ':'.`);
		case 'rf':
			return /^[a-z][a-z0-9-]*(?:\s*:\s*[a-z][a-z0-9-]*)*$/i.test(value)
				? undefined
				: valueProblem(tag, `'rf=${value}' is not a list of report formats (afrf).`);
		case 'rua':
		case 'ruf':
			return reportUriProblems(tag);
		default:
			return { from: tag.from, to: tag.to, message: `'${name}' is not a DMARC tag; receivers ignore it (a typo?).`, ignored: true };
	}
}

/** The domain a `_dmarc.` name publishes the policy of: `_dmarc.example.com.` → `example.com.`. */
export function dmarcDomainOf(ownerKey: string): string | undefined {
	return ownerKey.startsWith('_dmarc.') ? ownerKey.slice('_dmarc.'.length) : undefined;
}
