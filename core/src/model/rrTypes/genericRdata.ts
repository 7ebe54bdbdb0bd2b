/**
 * RDATA in the generic form of RFC 3597, `\# <length> <hex>`, which every type may use.
 */
import { hexBytes, isHex } from './encodings';
import type { RdataProblem, RdataWords } from './rdataWords';
import type { RrTypeInfo } from './rrType';
import { checkWire } from './wire';
import { joinWords, parseUnsigned } from './wordChecks';

/**
 * RFC 3597: `\# <length> <hex…>`, where the hex has exactly `length` octets; for a known type the
 * octets must also be valid wire-format RDATA of that type (BIND decodes them with `fromwire`).
 */
export function checkGeneric(info: RrTypeInfo | undefined, mnemonic: string, words: RdataWords, problems: RdataProblem[]): void {
	if (words.count < 2) {
		problems.push({ code: 'invalidGenericRdata', message: 'RFC 3597 RDATA needs a length after \\#: \\# <length> <hex>.', from: 0, to: 0 });
		return;
	}
	const length = parseUnsigned(words.text(1), 0xffff);
	if (length === undefined) {
		problems.push({ code: 'invalidGenericRdata', message: `'${words.text(1)}' is not an RDATA length (0–65535).`, from: 1, to: 1 });
		return;
	}
	const hex = words.count > 2 ? joinWords(words, 2) : '';
	if (!isHex(hex) || hex.length !== length * 2) {
		const message = !isHex(hex)
			? 'RFC 3597 RDATA must be hex digits.'
			: hex.length % 2 !== 0
				? 'RFC 3597 RDATA must be whole octets (an even number of hex digits).'
				: `\\# says ${length} octets but ${hex.length / 2} follow.`;
		problems.push({ code: 'invalidGenericRdata', message, from: Math.min(2, words.count - 1), to: words.count - 1 });
		return;
	}
	if (info === undefined || info.meta) return;
	const problem = checkWire(info, hexBytes(hex));
	if (problem !== undefined) {
		problems.push({
			code: 'invalidGenericRdata',
			message: `These octets are not valid ${mnemonic} RDATA: ${problem}.`,
			from: Math.min(2, words.count - 1),
			to: words.count - 1,
		});
	}
}
