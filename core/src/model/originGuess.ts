/**
 * Guesses a zone's origin from its file name, the way people name zone files:
 * `db.example.com`, `example.com.zone`, `example.com.db`, `example.com.db.signed`, `named.root`.
 */

const SUFFIXES = ['.signed', '.zone', '.db', '.dns', '.hosts', '.txt', '.in'];

/** Returns an absolute origin such as `example.com.`, or `undefined` when the name says nothing. */
export function originFromFileName(path: string): string | undefined {
	let base = path.replace(/^.*[\\/]/, '');
	if (base === 'named.root' || base === 'root.zone' || base === 'root.hints') return '.';
	let changed = true;
	while (changed) {
		changed = false;
		for (const suffix of SUFFIXES) {
			if (base.toLowerCase().endsWith(suffix) && base.length > suffix.length) {
				base = base.slice(0, -suffix.length);
				changed = true;
			}
		}
	}
	if (/^db\./i.test(base)) base = base.slice(3);
	// Only names that look like a domain with at least two labels: `zone.db` → `zone` says nothing.
	if (!/^([a-z0-9_-]+\.)+[a-z0-9_-]+$/i.test(base)) return undefined;
	return base.toLowerCase() + '.';
}
