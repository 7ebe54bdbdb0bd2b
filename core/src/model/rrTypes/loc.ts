/**
 * LOC RDATA (RFC 1876 §3):
 * `d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]]`, e.g. `52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m`.
 */
import type { RdataProblem, RdataWords } from './rdataWords';

const METERS = /^-?[0-9]+(\.[0-9]{1,2})?m?$/i;

export function checkLoc(words: RdataWords, from: number, problems: RdataProblem[]): void {
	let i = from;
	const fail = (message: string, at: number): void => {
		const index = Math.min(at, words.count - 1);
		problems.push({ code: 'invalidLoc', message, from: Math.max(index, from), to: Math.max(index, from) });
	};
	if (words.count <= from) {
		problems.push({ code: 'missingRdata', message: 'LOC record is missing its location.', from: -1, to: -1 });
		return;
	}
	const coordinate = (limit: number, hemispheres: string): boolean => {
		if (i >= words.count) {
			fail(`LOC record is missing its ${limit === 90 ? 'latitude' : 'longitude'}.`, words.count);
			return false;
		}
		const degrees = Number(words.text(i));
		if (!/^[0-9]+$/.test(words.text(i)) || degrees > limit) {
			fail(`Expected degrees 0–${limit}, not '${words.text(i)}'.`, i);
			return false;
		}
		i++;
		for (let part = 0; part < 2 && i < words.count && !hemispheres.includes(words.text(i).toUpperCase()); part++) {
			const text = words.text(i);
			const ok = part === 0 ? /^[0-9]+$/.test(text) && Number(text) < 60 : /^[0-9]+(\.[0-9]{1,3})?$/.test(text) && Number(text) < 60;
			if (!ok) {
				fail(`Expected ${part === 0 ? 'minutes 0–59' : 'seconds 0–59.999'}, not '${text}'.`, i);
				return false;
			}
			i++;
		}
		if (i >= words.count || !hemispheres.includes(words.text(i).toUpperCase()) || words.text(i).length !== 1) {
			fail(`Expected ${hemispheres.split('').join(' or ')} here.`, i);
			return false;
		}
		i++;
		return true;
	};
	if (!coordinate(90, 'NS') || !coordinate(180, 'EW')) return;
	if (i >= words.count) return fail('LOC record is missing its altitude.', words.count);
	const limits = [42849672.95, 90000000, 90000000, 90000000];
	for (let part = 0; i < words.count; part++, i++) {
		const text = words.text(i);
		if (part >= 4) return fail('Extra text after the LOC RDATA.', i);
		const value = Number(text.replace(/m$/i, ''));
		if (!METERS.test(text) || (part === 0 ? value < -100000 || value > limits[0] : value < 0 || value > limits[part])) {
			return fail(`'${text}' is not a valid ${['altitude', 'size', 'horizontal precision', 'vertical precision'][part]} in metres.`, i);
		}
	}
}
