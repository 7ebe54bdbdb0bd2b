/**
 * DMARC records (RFC 7489 §6.3): `v=DMARC1; p=…; …` in a TXT record at `_dmarc.<domain>`, parsed
 * tag by tag with the characters each spans. What breaks the grammar becomes a problem on the tag;
 * the parser never throws.
 */
import type { TxtText } from './txtText';

export interface DmarcTag {
	/** Lower case. */
	readonly name: string;
	readonly value: string;
	/** Indices into the record's text: the whole `name=value`, and the value alone. */
	readonly from: number;
	readonly to: number;
	readonly valueFrom: number;
}

export interface DmarcProblem {
	readonly from: number;
	readonly to: number;
	readonly message: string;
	/** Receivers ignore the problem (an unknown tag) rather than the record: a warning, not an error. */
	readonly ignored?: boolean;
}

export interface DmarcRecord {
	readonly txt: TxtText;
	readonly tags: readonly DmarcTag[];
	readonly problems: readonly DmarcProblem[];
}

/** True when the text starts a DMARC record: `v=DMARC1`, then `;`, space or the end (receivers discard other TXT at `_dmarc`). */
export function isDmarcText(text: string): boolean {
	return /^v\s*=\s*DMARC1\s*(?:;|$)/.test(text);
}

const POLICIES = new Set(['none', 'quarantine', 'reject']);

export function parseDmarc(txt: TxtText): DmarcRecord {
	const text = txt.text;
	const tags: DmarcTag[] = [];
	const problems: DmarcProblem[] = [];
	for (let start = 0; start < text.length;) {
		let end = text.indexOf(';', start);
		if (end === -1) end = text.length;
		const part = text.slice(start, end);
		const lead = part.length - part.trimStart().length;
		const trimmed = part.trim();
		if (trimmed !== '') {
			const from = start + lead;
			const to = from + trimmed.length;
			const equals = trimmed.indexOf('=');
			if (equals <= 0) problems.push({ from, to, message: `'${trimmed}' is not a tag=value pair.` });
			else {
				const name = trimmed.slice(0, equals).trim().toLowerCase();
				const rawValue = trimmed.slice(equals + 1);
				const value = rawValue.trim();
				tags.push({ name, value, from, to, valueFrom: from + equals + 1 + (rawValue.length - rawValue.trimStart().length) });
			}
		}
		start = end + 1;
	}
	checkTags(tags, problems);
	return { txt, tags, problems };
}

function checkTags(tags: readonly DmarcTag[], problems: DmarcProblem[]): void {
	const at = (tag: DmarcTag, message: string): void => {
		problems.push({ from: tag.valueFrom, to: tag.to, message });
	};
	if (tags[0]?.name !== 'v' || tags[0].value !== 'DMARC1') {
		const first = tags[0];
		problems.push({
			from: first?.from ?? 0,
			to: first?.to ?? 0,
			message: "A DMARC record must start with 'v=DMARC1' (exactly, in upper case).",
		});
	}
	const seen = new Set<string>();
	for (const tag of tags) {
		if (seen.has(tag.name)) problems.push({ from: tag.from, to: tag.to, message: `The tag '${tag.name}' appears twice.` });
		seen.add(tag.name);
		switch (tag.name) {
			case 'v':
				if (tag !== tags[0]) problems.push({ from: tag.from, to: tag.to, message: "'v=DMARC1' must be the first tag." });
				break;
			case 'p':
			case 'sp':
				if (!POLICIES.has(tag.value.toLowerCase())) at(tag, `'${tag.name}=${tag.value}' is not a policy: use none, quarantine or reject.`);
				break;
			case 'adkim':
			case 'aspf':
				if (!/^[rs]$/i.test(tag.value)) at(tag, `'${tag.name}=${tag.value}' is not an alignment mode: use r (relaxed) or s (strict).`);
				break;
			case 'pct':
				if (!/^\d{1,3}$/.test(tag.value) || Number(tag.value) > 100) at(tag, `'pct=${tag.value}' is not a percentage from 0 to 100.`);
				break;
			case 'ri':
				if (!/^\d{1,10}$/.test(tag.value) || Number(tag.value) > 0xffffffff) at(tag, `'ri=${tag.value}' is not a number of seconds.`);
				break;
			case 'fo':
				if (!/^[01ds](?:\s*:\s*[01ds])*$/i.test(tag.value)) at(tag, `'fo=${tag.value}' is not a list of 0, 1, d and s separated by ':'.`);
				break;
			case 'rf':
				if (!/^[a-z][a-z0-9-]*(?:\s*:\s*[a-z][a-z0-9-]*)*$/i.test(tag.value))
					at(tag, `'rf=${tag.value}' is not a list of report formats (afrf).`);
				break;
			case 'rua':
			case 'ruf':
				for (const uri of tag.value.split(',')) {
					const trimmed = uri.trim();
					if (!/^(?:mailto:[^\s!@]+@[^\s!@]+\.[^\s!]+|https?:\/\/[^\s!]+)(?:![0-9]+[kmgt]?)?$/i.test(trimmed))
						at(tag, `'${trimmed}' in ${tag.name}= is not a report address (mailto:reports@example.com, optionally !10m).`);
				}
				break;
			default:
				problems.push({
					from: tag.from,
					to: tag.to,
					message: `'${tag.name}' is not a DMARC tag; receivers ignore it (a typo?).`,
					ignored: true,
				});
		}
	}
	if (!seen.has('p')) {
		const last = tags[tags.length - 1];
		problems.push({
			from: last?.from ?? 0,
			to: last?.to ?? 0,
			message: "The DMARC record has no 'p=' (none, quarantine or reject); receivers may ignore it (RFC 7489 §6.6.3).",
		});
	}
}

/** The domain a `_dmarc.` name publishes the policy of: `_dmarc.example.com.` → `example.com.`. */
export function dmarcDomainOf(ownerKey: string): string | undefined {
	return ownerKey.startsWith('_dmarc.') ? ownerKey.slice('_dmarc.'.length) : undefined;
}

export function dmarcPolicy(record: DmarcRecord): string | undefined {
	return record.tags.find((tag) => tag.name === 'p')?.value.toLowerCase();
}
