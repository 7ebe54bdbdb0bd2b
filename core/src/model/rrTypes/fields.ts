/**
 * RDATA parsing: the layout of a type ({@link RrTypeInfo.fields}) walked field by field, each
 * field read by the parser of its {@link FieldKind} (fieldParsers.ts for one-word fields,
 * restParsers.ts for those that run to the end). Parsers read words of one record and report
 * problems on the exact word, so the editor can underline the field that is wrong.
 *
 * What is accepted follows the RFCs and, where they leave room, what BIND's `dns_rdata_fromtext`
 * accepts, so that a zone BIND loads gets no error here and a zone BIND refuses gets one.
 */
import { acceptsQuoted, FIELD_PARSERS } from './fieldParsers';
import { checkGeneric } from './genericRdata';
import { REST_PARSERS } from './restParsers';
import { type FieldKind, isRestKind, type RrTypeInfo } from './rrType';
import { parseUnsigned } from './wordChecks';
import type { RdataProblem, RdataValue, RdataWords } from './rdataWords';

export type { RdataProblem, RdataValue, RdataWords };
export { checkSignatureTime } from './fieldParsers';
export { parseUnsigned };

export interface ParsedRdata {
	readonly values: RdataValue[];
	readonly problems: RdataProblem[];
}

const EMPTY: RdataValue[] = [];
const TYPE_TXT = 16;

/**
 * Parses the RDATA of a known type against its layout. `origin` makes relative names absolute
 * (left relative when unknown). Handles RFC 3597 `\# length hex` for every type.
 */
export function parseRdata(info: RrTypeInfo | undefined, mnemonic: string, words: RdataWords, origin: string | undefined): ParsedRdata {
	const problems: RdataProblem[] = [];
	if (words.count > 0 && !words.quoted(0) && words.text(0) === '\\#' && !escapedHashInTxt(info, words)) {
		checkGeneric(info, mnemonic, words, problems);
		return { values: EMPTY, problems };
	}
	if (info === undefined) {
		problems.push({
			code: 'genericRdataRequired',
			message: `${mnemonic} has no known presentation format: write its RDATA as \\# <length> <hex> (RFC 3597).`,
			...allWords(words.count),
		});
		return { values: EMPTY, problems };
	}
	if (info.mnemonic === 'NULL' || info.mnemonic === 'UNSPEC') {
		problems.push({
			code: 'genericRdataRequired',
			message: `${info.mnemonic} records can only be written in RFC 3597 form: \\# <length> <hex>.`,
			...allWords(words.count),
		});
		return { values: EMPTY, problems };
	}
	const values: RdataValue[] = [];
	const fields = info.fields;
	let index = 0;
	for (let f = 0; f < fields.length; f++) {
		const field = fields[f];
		if (isRestKind(field.kind)) {
			REST_PARSERS[field.kind]?.(field.kind, field.name, info, words, index, values, problems);
			index = words.count;
			values.push(undefined);
			break;
		}
		if (index >= words.count) {
			const names = fields
				.slice(f)
				.map((rest) => rest.name)
				.join(' ');
			problems.push({
				code: 'missingRdata',
				message: `${info.mnemonic} record is missing ${names} (expected: ${fields.map((x) => x.name).join(' ')}).`,
				from: -1,
				to: -1,
			});
			return { values, problems };
		}
		values.push(parseField(field.kind, field.name, info, words, index, origin, values, problems));
		index++;
	}
	if (index < words.count) {
		problems.push({
			code: 'extraRdata',
			message: `Extra text after the ${info.mnemonic} RDATA (expected: ${fields.map((x) => x.name).join(' ')}).`,
			from: index,
			to: words.count - 1,
		});
	}
	return { values, problems };
}

/** The span of every RDATA word, or of the whole record when there is none (`from: -1`). */
function allWords(count: number): { from: number; to: number } {
	return count === 0 ? { from: -1, to: -1 } : { from: 0, to: count - 1 };
}

/** BIND reads `TXT \# text` (no length after `\#`) as the string `#`, not as RFC 3597 data. */
function escapedHashInTxt(info: RrTypeInfo | undefined, words: RdataWords): boolean {
	return (
		info !== undefined &&
		info.code === TYPE_TXT &&
		(words.count < 2 || words.quoted(1) || parseUnsigned(words.text(1), 0xffff) === undefined)
	);
}

/** One word of RDATA through the parser of its kind; a quoted word only where the kind takes one. */
function parseField(
	kind: FieldKind,
	name: string,
	info: RrTypeInfo,
	words: RdataWords,
	index: number,
	origin: string | undefined,
	values: RdataValue[],
	problems: RdataProblem[],
): RdataValue {
	const quoted = words.quoted(index);
	if (quoted && !acceptsQuoted(kind)) {
		problems.push({ code: 'invalidRdata', message: `The ${name} field cannot be a quoted string.`, from: index, to: index });
		return undefined;
	}
	const parser = FIELD_PARSERS[kind];
	return parser === undefined ? undefined : parser(words.text(index), quoted, name, index, problems, info, values, origin);
}
