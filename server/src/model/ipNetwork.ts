/**
 * IP address arithmetic for network comparisons: which /24 (IPv4) or /48 (IPv6) an address sits in.
 * Input is text the RDATA parser already validated.
 */

/** The 16 octets of an IPv6 address, or 4 of an IPv4 address. */
export function addressOctets(text: string): number[] | undefined {
	if (!text.includes(':')) {
		const parts = text.split('.').map(Number);
		return parts.length === 4 && parts.every((p) => p >= 0 && p <= 255) ? parts : undefined;
	}
	let head = text;
	let tailV4: number[] = [];
	const lastColon = text.lastIndexOf(':');
	if (text.slice(lastColon + 1).includes('.')) {
		const v4 = addressOctets(text.slice(lastColon + 1));
		if (!v4) return undefined;
		tailV4 = v4;
		head = text.slice(0, lastColon + 1) + '0:0';
	}
	const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
	const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
	const leftGroups = groups(left);
	const rightGroups = right === undefined ? [] : groups(right);
	const missing = 8 - leftGroups.length - rightGroups.length;
	if (missing < 0 || (right === undefined && missing !== 0)) return undefined;
	const all = [...leftGroups, ...new Array<number>(missing).fill(0), ...rightGroups];
	const octets = all.flatMap((g) => [g >> 8, g & 0xff]);
	if (tailV4.length === 4) octets.splice(12, 4, ...tailV4);
	return octets;
}

/** Keeps the first `prefix` bits of the octets and zeroes the rest. */
function mask(octets: readonly number[], prefix: number): number[] {
	return octets.map((octet, i) => octet & ((0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff));
}

/**
 * A key naming the network of `address` at the given prefix length, e.g. `4/24:192.0.2.0`.
 * Two addresses with the same key share that network.
 */
export function networkKey(address: string, prefixV4: number, prefixV6: number): string | undefined {
	const octets = addressOctets(address);
	if (!octets) return undefined;
	const prefix = octets.length === 4 ? prefixV4 : prefixV6;
	return `${octets.length}/${prefix}:${mask(octets, prefix).join('.')}`;
}

/** Presentation of a network for messages, e.g. `192.0.2.0/24` or `2001:db8:10::/48`. */
export function networkLabel(address: string, prefixV4: number, prefixV6: number): string {
	const octets = addressOctets(address);
	if (!octets) return address;
	if (octets.length === 4) return `${mask(octets, prefixV4).join('.')}/${prefixV4}`;
	const masked = mask(octets, prefixV6);
	const groups: string[] = [];
	for (let i = 0; i < 16; i += 2) groups.push(((masked[i] << 8) | masked[i + 1]).toString(16));
	// Compress the longest run of zero groups the way RFC 5952 prints addresses.
	const text = groups.join(':');
	const runs = [...text.matchAll(/(?:^|:)(0(?::0)+)(?::|$)/g)].sort((a, b) => b[1].length - a[1].length);
	const compressed = runs.length === 0 ? text : text.replace(runs[0][0], '::');
	return `${compressed}/${prefixV6}`;
}
