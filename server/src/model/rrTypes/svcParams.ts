/**
 * SVCB/HTTPS SvcParams (RFC 9460 §2.1): `key=value` words, e.g. `alpn=h2,h3 port=8443`.
 */
import type { RdataProblem, RdataWords } from './fields';

const KEYS: Record<string, number> = {
	mandatory: 0,
	alpn: 1,
	'no-default-alpn': 2,
	port: 3,
	ipv4hint: 4,
	ech: 5,
	ipv6hint: 6,
	dohpath: 7,
	ohttp: 8,
};

export function checkSvcParams(words: RdataWords, from: number, problems: RdataProblem[]): void {
	const seen = new Set<number>();
	for (let i = from; i < words.count; i++) {
		const text = words.text(i);
		const equals = text.indexOf('=');
		const key = equals === -1 ? text : text.slice(0, equals);
		const keyNumber = KEYS[key] ?? (/^key[0-9]{1,5}$/.test(key) ? Number(key.slice(3)) : undefined);
		if (keyNumber === undefined || keyNumber > 65535) {
			problems.push({ code: 'invalidSvcParam', message: `'${key}' is not a SvcParamKey (RFC 9460 §14.3).`, from: i, to: i });
			continue;
		}
		if (seen.has(keyNumber)) {
			problems.push({ code: 'invalidSvcParam', message: `SvcParamKey '${key}' appears twice.`, from: i, to: i });
		}
		seen.add(keyNumber);
	}
}
