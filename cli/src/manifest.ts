/** Our package.json, found from the bundle (dist/) or the compiled tree (out/cli/src/). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Manifest {
	readonly version: string;
	/** The project's home page, e.g. `https://github.com/zone-sentinel/zone-sentinel`. */
	readonly homepage: string;
}

const FALLBACK_HOME = 'https://github.com/zone-sentinel/zone-sentinel';

let cached: Manifest | undefined;

export function readManifest(): Manifest {
	if (cached) return cached;
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'package.json');
		if (!fs.existsSync(candidate)) continue;
		const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string; repository?: { url?: string } };
		if (manifest.name !== 'zone-sentinel') continue;
		const repository = manifest.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
		cached = { version: manifest.version ?? 'unknown', homepage: repository?.startsWith('https://') ? repository : FALLBACK_HOME };
		return cached;
	}
	cached = { version: 'unknown', homepage: FALLBACK_HOME };
	return cached;
}
