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
	if (text.length < 2 || text.length > 45) return false;
	const doubleColon = text.indexOf('::');
	if (doubleColon !== -1 && text.indexOf('::', doubleColon + 1) !== -1) return false;
	let groups = 0;
	const parts = doubleColon === -1 ? [text] : [text.slice(0, doubleColon), text.slice(doubleColon + 2)];
	for (let p = 0; p < parts.length; p++) {
		const part = parts[p];
		if (part === '') continue;
		const pieces = part.split(':');
		for (let i = 0; i < pieces.length; i++) {
			const piece = pieces[i];
			const isLast = p === parts.length - 1 && i === pieces.length - 1;
			if (isLast && piece.includes('.')) {
				if (!isIpv4(piece)) return false;
				groups += 2;
			} else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
				groups++;
			} else {
				return false;
			}
		}
	}
	return doubleColon === -1 ? groups === 8 : groups <= 7;
}
