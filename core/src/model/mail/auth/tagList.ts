/**
 * Tag lists (`tag=value; tag=value`), the syntax DKIM (RFC 6376 §3.2) defined and DMARC, MTA-STS
 * and TLS-RPT records share, split with the characters each tag spans. Checking the values is each
 * record's own.
 */
import type { TxtText } from '../../txtText';

export interface Tag {
	/** Lower case. */
	readonly name: string;
	readonly value: string;
	/** Indices into the record's text: the whole `name=value`, and the value alone. */
	readonly from: number;
	readonly to: number;
	readonly valueFrom: number;
}

export interface TagProblem {
	readonly from: number;
	readonly to: number;
	readonly message: string;
	/** Receivers ignore what the problem is about (an unknown tag) rather than the record: a warning, not an error. */
	readonly ignored?: boolean;
}

export interface TagList {
	readonly txt: TxtText;
	readonly tags: readonly Tag[];
	/** Parts that are no `tag=value`, and tags given twice. */
	readonly problems: TagProblem[];
}

export function parseTagList(txt: TxtText): TagList {
	const text = txt.text;
	const tags: Tag[] = [];
	const problems: TagProblem[] = [];
	const seen = new Set<string>();
	for (let start = 0; start < text.length;) {
		let end = text.indexOf(';', start);
		if (end === -1) end = text.length;
		const part = text.slice(start, end);
		const trimmed = part.trim();
		if (trimmed !== '') {
			const from = start + (part.length - part.trimStart().length);
			const to = from + trimmed.length;
			const equals = trimmed.indexOf('=');
			if (equals <= 0) problems.push({ from, to, message: `'${trimmed}' is not a tag=value pair.` });
			else {
				const name = trimmed.slice(0, equals).trim().toLowerCase();
				const rawValue = trimmed.slice(equals + 1);
				if (seen.has(name)) problems.push({ from, to, message: `The tag '${name}' appears twice.` });
				seen.add(name);
				tags.push({
					name,
					value: rawValue.trim(),
					from,
					to,
					valueFrom: from + equals + 1 + (rawValue.length - rawValue.trimStart().length),
				});
			}
		}
		start = end + 1;
	}
	return { txt, tags, problems };
}

/** A problem on a tag's value. */
export function valueProblem(tag: Tag, message: string): TagProblem {
	return { from: tag.valueFrom, to: tag.to, message };
}

/** The tag `name`, if the list has it. */
export function tagOf(list: TagList, name: string): Tag | undefined {
	return list.tags.find((tag) => tag.name === name);
}

/** The problem of a record that lacks a tag it needs, on its last tag (or its start when it has none). */
export function missingTagProblem(list: TagList, message: string): TagProblem {
	const last = list.tags[list.tags.length - 1];
	return { from: last?.from ?? 0, to: last?.to ?? 0, message };
}

/** `v=<version>` must be the first tag: the problem when it is not (receivers discard the record then). */
export function versionProblem(list: TagList, version: string, record: string): TagProblem | undefined {
	const first = list.tags[0];
	if (first?.name === 'v' && first.value === version) return undefined;
	return {
		from: first?.from ?? 0,
		to: first?.to ?? 0,
		message: `A ${record} record must start with 'v=${version}' (exactly, in this case); receivers discard it otherwise.`,
	};
}

/** A report URI list (`mailto:…` with an optional `!size`, or `https:…`, comma-separated): the problems of its entries. */
export function reportUriProblems(tag: Tag): TagProblem[] {
	const problems: TagProblem[] = [];
	for (const uri of tag.value.split(',')) {
		const trimmed = uri.trim();
		if (/^mailto:[^\s!@]+@[^\s!@]+\.[^\s!]+(?:![0-9]+[kmgt]?)?$/i.test(trimmed) || /^https:\/\/[^\s!]+$/i.test(trimmed)) continue;
		problems.push(valueProblem(tag, `'${trimmed}' in ${tag.name}= is not a report address (mailto:reports@example.com or https://…).`));
	}
	return problems;
}
