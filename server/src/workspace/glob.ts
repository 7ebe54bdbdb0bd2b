/**
 * File globs of the configuration file's `origins`, matched against a path relative to the
 * configuration file's folder with `/` separators: `*` and `?` stay within one path segment, `**`
 * crosses segments, and a glob without `/` matches the file name in any folder (as in .gitignore).
 */

/** A test for relative paths such as `zones/db.example`. */
export function globMatcher(pattern: string): (relativePath: string) => boolean {
	const anyFolder = !pattern.includes('/');
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*' && pattern[i + 1] === '*') {
			// `**/` matches no folder too: `**/db.*` matches `db.example`.
			const slash = pattern[i + 2] === '/';
			source += slash ? '(?:.*/)?' : '.*';
			i += slash ? 2 : 1;
		} else if (c === '*') source += '[^/]*';
		else if (c === '?') source += '[^/]';
		else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
	}
	const regex = new RegExp(`^${anyFolder ? '(?:.*/)?' : ''}${source.replace(/^\//, '')}$`);
	return (relativePath) => regex.test(relativePath);
}
