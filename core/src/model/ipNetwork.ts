/**
 * IP address arithmetic for network comparisons: which /24 (IPv4) or /48 (IPv6) an address sits in.
 * Input is text the RDATA parser already validated.
 */
import { ipv6Groups } from './rrTypes/addresses';

/** The 16 octets of an IPv6 address, or 4 of an IPv4 address. */
export function addressOctets(text: string): number[] | undefined {
	if (!text.includes(':')) {
		const value = ipv4Value(text);
		return value === undefined ? undefined : [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
	}
	const groups = ipv6Groups(text);
	if (groups === undefined) return undefined;
	const octets = new Array<number>(groups.length * 2);
	for (let i = 0; i < groups.length; i++) {
		octets[2 * i] = groups[i] >> 8;
		octets[2 * i + 1] = groups[i] & 0xff;
	}
	return octets;
}

/** An IPv4 address as an unsigned 32-bit number, parsed without allocating (rules call this per address). */
function ipv4Value(text: string): number | undefined {
	let value = 0;
	let octet = 0;
	let digits = 0;
	let dots = 0;
	for (let i = 0; i <= text.length; i++) {
		const code = i === text.length ? 0x2e : text.charCodeAt(i);
		if (code === 0x2e) {
			if (digits === 0 || octet > 255) return undefined;
			value = value * 256 + octet;
			octet = 0;
			digits = 0;
			dots++;
		} else if (code >= 0x30 && code <= 0x39) {
			octet = octet * 10 + (code - 0x30);
			digits++;
		} else {
			return undefined;
		}
	}
	return dots === 4 ? value : undefined;
}

/** A canonical key for an address: equal keys, equal addresses (`2001:DB8::1` = `2001:db8:0::1`). */
export function addressKey(text: string): string {
	if (!text.includes(':')) {
		const value = ipv4Value(text);
		return value === undefined ? text : String(value);
	}
	return addressOctets(text)?.join('.') ?? text;
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
	if (!address.includes(':')) {
		const value = ipv4Value(address);
		if (value === undefined) return undefined;
		const masked = prefixV4 === 0 ? 0 : (value & (0xffffffff << (32 - prefixV4))) >>> 0;
		return `4/${prefixV4}:${masked}`;
	}
	const octets = addressOctets(address);
	if (!octets) return undefined;
	return `16/${prefixV6}:${mask(octets, prefixV6).join('.')}`;
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

/** The reverse-mapping name of an address: `25.2.0.192.in-addr.arpa.` or the 32 nibbles under `ip6.arpa.` (RFC 3596 §2.5). */
export function reverseName(text: string): string | undefined {
	const octets = addressOctets(text);
	if (!octets) return undefined;
	if (octets.length === 4) return `${octets[3]}.${octets[2]}.${octets[1]}.${octets[0]}.in-addr.arpa.`;
	const nibbles: string[] = [];
	for (let i = octets.length - 1; i >= 0; i--) nibbles.push((octets[i] & 0xf).toString(16), (octets[i] >> 4).toString(16));
	return `${nibbles.join('.')}.ip6.arpa.`;
}

/** True when `address` lies in `network`/`prefix` (same family; an IPv4 address never lies in an IPv6 network). */
export function inNetwork(address: string, network: string, prefix: number): boolean {
	if (address.includes(':') !== network.includes(':')) return false;
	const key = networkKey(address, prefix, prefix);
	return key !== undefined && key === networkKey(network, prefix, prefix);
}
