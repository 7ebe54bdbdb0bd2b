/**
 * The "Add the exchanger to the MTA-STS policy" fix of `mtaStsPolicyMissingMx`: a line `mx: <host>`
 * after the policy's last `mx:` line (in the file's own line ends), and a new `id=` on the
 * `_mta-sts` record. Senders fetch a policy again only when that id changes (RFC 8461 §3.1), so
 * without the second edit they would keep refusing the exchanger until their cached copy expires
 * (`max_age`, often weeks). The new id is the old one with its trailing number incremented (or `1`
 * appended): deterministic, and still 1 to 32 letters and digits. Offered only when the policy has
 * an `mx:` line to follow and the id is valid.
 */
import { lineEndOf } from '../edits/recordEdits';
import type { MtaStsCoverage } from '../model/mail/auth/mtaStsCoverage';
import { tagOf } from '../model/mail/auth/tagList';
import { textSpan } from '../model/txtText';
import type { RuleFix } from './rule';

const VALID_ID = /^[A-Za-z0-9]{1,32}$/;

export function mtaStsPolicyFix(coverage: MtaStsCoverage, hostName: string): RuleFix | undefined {
	const { policy, policyFile, record, fileName } = coverage;
	const last = policy.mx[policy.mx.length - 1];
	const id = tagOf(record, 'id');
	if (!last || !id || !VALID_ID.test(id.value)) return undefined;
	const newId = nextId(id.value);
	if (newId === undefined) return undefined;
	const text = policyFile.text;
	const at = lineEndOffset(text, last.line);
	const pattern = hostName.replace(/\.$/, '');
	return {
		title: `Add 'mx: ${pattern}' to ${fileName} and change the _mta-sts id to ${newId}`,
		edits: [{ ...textSpan(record.txt, id.valueFrom, id.to), newText: newId }],
		policyEdits: [{ fileId: policyFile.fileId, start: at, end: at, newText: `${lineEndOf(text)}mx: ${pattern}` }],
	};
}

/** `20261201` → `20261202`, `v9` → `v10`, `abc` → `abc1`; `undefined` when the result would exceed 32 characters. */
export function nextId(id: string): string | undefined {
	const digits = /\d*$/.exec(id)![0];
	const stem = id.slice(0, id.length - digits.length);
	const next = digits === '' ? `${stem}1` : stem + (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
	return VALID_ID.test(next) ? next : undefined;
}

/** The offset where line `line` (zero-based, as the policy parser counts: CRLF, LF or CR) ends, before its line end. */
function lineEndOffset(text: string, line: number): number {
	let offset = 0;
	for (let current = 0; current < line; current++) {
		const next = text.slice(offset).search(/\r\n|\n|\r/);
		if (next === -1) return text.length;
		offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
	}
	const end = text.slice(offset).search(/\r|\n/);
	return end === -1 ? text.length : offset + end;
}
