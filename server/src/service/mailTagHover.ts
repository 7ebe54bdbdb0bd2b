/**
 * Hovers on the tag-list mail records other than DMARC: DKIM keys (`<selector>._domainkey` TXT:
 * key type, key size in bits read from the key, flags), MTA-STS (`_mta-sts` TXT: the id, and the
 * policy file beside the zone when it was read: mode, max_age, which exchangers its `mx:` lines
 * list) and TLS-RPT (`_smtp._tls` TXT: where reports go). Each tag on its own line, the one under
 * the cursor in bold, as the DMARC hover does.
 *
 * e.g. on `"v=DKIM1; k=rsa; p=MIIBIj…"`: "**DKIM key** (RFC 6376) for selector `s1` of
 * `example.com.` · RSA, 2048 bits", then "`k=rsa`: the key type: RSA".
 */
import {
	apexMtaSts,
	DKIM_RECOMMENDED_BITS,
	DKIM_REFUSED_BELOW_BITS,
	type DkimRecord,
	mailAuthRecords,
	mtaStsCoverage,
	type ResourceRecord,
	type Tag,
	type TagList,
	textSpan,
	type ZoneModel,
} from '../../../core/src/index';
import { code, describeSeconds, plural } from './markdown';

/** Longer values (a DKIM key is hundreds of characters) are cut, so the hover stays readable. */
const SHOWN_VALUE_LENGTH = 40;

/** One line per tag, `- `name=value`: meaning`, the tag under the cursor (at `offset`) in bold. */
export function tagLines(list: TagList, offset: number, describe: (tag: Tag) => string): string {
	return list.tags
		.map((tag) => {
			const span = textSpan(list.txt, tag.from, tag.to);
			const here = offset >= span.start && offset <= span.end;
			const text = list.txt.text.slice(tag.from, tag.to);
			const written = code(text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH - 1)}…` : text);
			return `- ${here ? `**${written}**` : written}: ${describe(tag)}`;
		})
		.join('\n');
}

/** The card for a DKIM, MTA-STS or TLS-RPT record, or none for other TXT records. */
export function mailTagCard(model: ZoneModel, record: ResourceRecord, offset: number): string[] {
	const records = mailAuthRecords(model);
	const find = <T extends TagList>(map: ReadonlyMap<string, readonly T[]>): T | undefined =>
		map.get(record.ownerKey)?.find((candidate) => candidate.txt.record === record);
	const dkim = find(records.dkim);
	if (dkim) return dkimCard(dkim, offset);
	const mtaSts = find(records.mtaSts);
	if (mtaSts) return mtaStsCard(model, mtaSts, offset);
	const tlsRpt = find(records.tlsRpt);
	if (tlsRpt) return tlsRptCard(tlsRpt, offset);
	return [];
}

function dkimCard(dkim: DkimRecord, offset: number): string[] {
	const owner = dkim.txt.record.owner;
	const marker = owner.toLowerCase().indexOf('._domainkey.');
	const selector = owner.slice(0, marker);
	const domain = owner.slice(marker + '._domainkey.'.length);
	return [
		`**DKIM key** (RFC 6376) for selector ${code(selector)} of ${code(domain)} · ${dkimKeySummary(dkim)}`,
		tagLines(dkim, offset, (tag) => describeDkimTag(dkim, tag)),
	];
}

/** The key in words: its type and size, and what receivers make of that size (RFC 8301 §3.2). */
function dkimKeySummary(dkim: DkimRecord): string {
	const key = dkim.keyTag;
	if (!key) return 'no key (`p=` is missing)';
	if (key.value === '') return 'revoked: `p=` is empty, so signatures with this selector fail';
	if (dkim.keyType === 'ed25519') return 'Ed25519 (RFC 8463), 256 bits';
	if (dkim.keyType !== 'rsa') return `key type ${code(dkim.keyType)}, which receivers do not know`;
	const bits = dkim.rsaBits;
	if (bits === undefined) return 'RSA, but `p=` holds no readable RSA key';
	if (bits < DKIM_REFUSED_BELOW_BITS) return `RSA, ${bits} bits: receivers refuse keys under ${DKIM_REFUSED_BELOW_BITS} bits`;
	if (bits < DKIM_RECOMMENDED_BITS) return `RSA, ${bits} bits: weak, RFC 8301 asks for at least ${DKIM_RECOMMENDED_BITS}`;
	return `RSA, ${bits} bits`;
}

const DKIM_FLAGS: Readonly<Record<string, string>> = {
	y: '`y` testing: receivers treat signed mail like unsigned mail',
	s: '`s` strict: the `i=` of signatures must be this domain itself, not a subdomain',
};

function describeDkimTag(dkim: DkimRecord, tag: Tag): string {
	switch (tag.name) {
		case 'v':
			return 'the DKIM key record version; first when present';
		case 'k':
			return `the key type: ${tag.value.toLowerCase() === 'ed25519' ? 'Ed25519 (RFC 8463)' : tag.value.toLowerCase() === 'rsa' ? 'RSA' : 'not one receivers know (rsa or ed25519)'}`;
		case 'p':
			return tag.value === '' ? 'no key: the selector is revoked' : `the public key, base64: ${dkimKeySummary(dkim)}`;
		case 'h':
			return `the hash algorithms the key signs with: ${tag.value}${/sha1/i.test(tag.value) ? ' (receivers no longer accept sha1, RFC 8301)' : ''}`;
		case 's':
			return `the services the key is for: ${tag.value.trim() === '*' ? 'all' : tag.value}`;
		case 't': {
			const flags = tag.value.split(':').map((flag) => flag.trim().toLowerCase());
			return `flags: ${flags.map((flag) => DKIM_FLAGS[flag] ?? `${code(flag)} unknown (ignored)`).join('; ')}`;
		}
		case 'n':
			return 'notes for people; receivers ignore it';
		default:
			return 'not a DKIM key tag: receivers ignore it';
	}
}

const MTA_STS_MODES: Readonly<Record<string, string>> = {
	enforce: 'senders deliver only over TLS with a valid certificate, and only to exchangers an `mx:` line lists',
	testing: 'senders deliver as without a policy and report what would have failed (TLS-RPT)',
	none: 'the policy is withdrawn: senders stop applying it',
};

function mtaStsCard(model: ZoneModel, list: TagList, offset: number): string[] {
	const owner = list.txt.record.owner;
	const domain = owner.slice('_mta-sts.'.length);
	const card = [
		`**MTA-STS** (RFC 8461) for ${code(domain)}`,
		tagLines(list, offset, (tag) => {
			switch (tag.name) {
				case 'v':
					return 'the MTA-STS version; must come first';
				case 'id':
					return 'the policy version: senders fetch the policy file again only when it changes, so change it with every edit of the policy';
				default:
					return 'not an MTA-STS tag: senders ignore it';
			}
		}),
	];
	const found = apexMtaSts(model);
	if (!found || found.record !== list) {
		card.push(
			`Senders fetch the policy from ${code(`https://mta-sts.${domain.replace(/\.$/, '')}/.well-known/mta-sts.txt`)}; no copy of it was read beside the zone (\`.well-known/mta-sts.txt\`).`,
		);
		return card;
	}
	const { policy, policyFile } = found;
	const name = policyFile.fileId.slice(policyFile.fileId.lastIndexOf('/') + 1);
	const mode =
		policy.mode === undefined
			? 'no mode'
			: `mode ${code(policy.mode)}${MTA_STS_MODES[policy.mode] ? `: ${MTA_STS_MODES[policy.mode]}` : ' (not a mode)'}`;
	const maxAge = policy.maxAge === undefined ? 'no valid `max_age`' : `senders cache it ${describeSeconds(policy.maxAge)} (\`max_age\`)`;
	card.push(`Policy [${name}](${policyFile.fileId}) beside the zone: ${mode}; ${maxAge}.`);
	const patterns = policy.mx.map((line) => `${code(line.pattern)} (line ${line.line + 1})`);
	card.push(patterns.length > 0 ? `\`mx:\` patterns: ${patterns.join(', ')}` : 'The policy lists no `mx:` pattern.');
	const coverage = mtaStsCoverage(model);
	if (coverage && coverage.hosts.length > 0) {
		const lines = coverage.hosts.map(({ host, matchedBy }) =>
			matchedBy ? `- ${code(host.name)}: listed (${code(matchedBy.pattern)})` : `- ${code(host.name)}: **not listed**`,
		);
		card.push([`The ${plural(coverage.hosts.length, 'exchanger')} of ${code(domain)}:`, '', ...lines].join('\n'));
	}
	return card;
}

function tlsRptCard(list: TagList, offset: number): string[] {
	const domain = list.txt.record.owner.slice('_smtp._tls.'.length);
	return [
		`**TLS-RPT** (RFC 8460) for ${code(domain)}: senders that apply MTA-STS or DANE report the deliveries to it that failed their TLS checks (a backup with a bad certificate shows up here).`,
		tagLines(list, offset, (tag) => {
			switch (tag.name) {
				case 'v':
					return 'the TLS-RPT version; must come first';
				case 'rua':
					return `daily reports go to ${tag.value
						.split(',')
						.map((uri) => describeReportTarget(uri.trim()))
						.join(', ')}`;
				default:
					return 'not a TLS-RPT tag: senders ignore it';
			}
		}),
	];
}

/** `mailto:tls@example.com!10m` → "`tls@example.com` by mail (at most 10m)"; `https://…` → posted over HTTPS. */
function describeReportTarget(uri: string): string {
	const mail = /^mailto:([^!]+)(?:!(\S+))?$/i.exec(uri);
	if (mail) return `${code(mail[1])} by mail${mail[2] ? ` (reports up to ${mail[2]})` : ''}`;
	if (/^https:\/\//i.test(uri)) return `${code(uri)} (posted over HTTPS)`;
	return `${code(uri)} (not a report address: mailto: or https:)`;
}
