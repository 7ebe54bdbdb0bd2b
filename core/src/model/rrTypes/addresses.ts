/** IP address syntax as BIND's inet_pton accepts it in zone files. */

/** Dotted quad with four decimal octets 0–255, e.g. `192.0.2.1` (no leading zeros beyond one digit group of 3). */
export function isIpv4(text: string): boolean {
	const length = text.length;
	if (length < 7 || length > 15) return false;
	let parts = 0;
	let value = 0;
	let digits = 0;
	for (let i = 0; i <= length; i++) {
		const code = i === length ? 0x2e : text.charCodeAt(i);
		if (code === 0x2e) {
			if (digits === 0 || value > 255) return false;
			parts++;
			value = 0;
			digits = 0;
			continue;
		}
		if (code < 0x30 || code > 0x39 || ++digits > 3) return false;
		value = value * 10 + (code - 0x30);
	}
	return parts === 4;
}

/** RFC 4291 §2.2 text forms: eight groups, `::` once, and an optional trailing dotted quad. */
export function isIpv6(text: string): boolean {
	return ipv6Groups(text) !== undefined;
}

const COLON = 0x3a,
	DOT = 0x2e;

/**
 * The eight 16-bit groups of an IPv6 address in RFC 4291 §2.2 text form, or `undefined` when the
 * text is not one. A character loop without regexes or splits: zones hold many AAAA records.
 */
export function ipv6Groups(text: string): number[] | undefined {
	const length = text.length;
	if (length < 2 || length > 45) return undefined;
	const groups: number[] = [];
	// Where `::` stands, as an index into `groups`; -1 while none was seen.
	let gap = -1;
	let i = 0;
	if (text.charCodeAt(0) === COLON) {
		if (text.charCodeAt(1) !== COLON) return undefined;
		gap = 0;
		i = 2;
	}
	while (i < length) {
		let value = 0;
		let j = i;
		for (; j < length && j - i <= 4; j++) {
			const digit = hexDigit(text.charCodeAt(j));
			if (digit < 0) break;
			value = value * 16 + digit;
		}
		if (j < length && text.charCodeAt(j) === DOT) {
			// A dotted quad can only close the address.
			const quad = text.slice(i);
			if (!isIpv4(quad)) return undefined;
			const octets = quad.split('.').map(Number);
			groups.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
			break;
		}
		const digits = j - i;
		if (digits === 0 || digits > 4) return undefined;
		groups.push(value);
		if (j === length) break;
		if (text.charCodeAt(j) !== COLON) return undefined;
		if (text.charCodeAt(j + 1) === COLON) {
			if (gap !== -1) return undefined;
			gap = groups.length;
			i = j + 2;
			if (text.charCodeAt(i) === COLON) return undefined;
		} else {
			i = j + 1;
			if (i === length) return undefined;
		}
		if (groups.length > 8) return undefined;
	}
	if (gap === -1) return groups.length === 8 ? groups : undefined;
	if (groups.length > 7) return undefined;
	return [...groups.slice(0, gap), ...new Array<number>(8 - groups.length).fill(0), ...groups.slice(gap)];
}

function hexDigit(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	const lower = code | 0x20;
	return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
