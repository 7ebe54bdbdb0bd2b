/**
 * The workspace of a rule fixture: `test/fixtures/rules/<name>.zone` may have a folder
 * `<name>.workspace/` beside it whose zone files are the other zones of its workspace (a sibling
 * zone holding the backup MX, a reverse zone), as the editor's workspace index and the CLI's
 * command line give them. A `<name>.mta-sts.txt` beside it is the zone's MTA-STS policy file (as
 * `.well-known/mta-sts.txt` beside a zone is, in the CLI and the editor). A `<name>.previous.txt` is the
 * version of the zone in the last commit (`HEAD`), as the editor reads it with git.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceFactsOf } from '../../core/src/analysis';
import type { PolicyFile } from '../../core/src/model/zoneModel';
import { WorkspaceIndex, type ZoneFacts } from '../../core/src/model/workspace/workspaceIndex';

/** The fixture's workspace, or `undefined` when it has none; file ids are `file:///zones/<folder>/<file>`. */
export function fixtureWorkspace(fixturePath: string): WorkspaceIndex | undefined {
	const folder = fixturePath.replace(/\.zone$/, '.workspace');
	if (!fs.existsSync(folder)) return undefined;
	const facts: ZoneFacts[] = [];
	for (const name of fs.readdirSync(folder).sort()) {
		const text = fs.readFileSync(path.join(folder, name), 'utf8');
		const { zone: found } = workspaceFactsOf(`file:///zones/${path.basename(folder)}/${name}`, text, { fileName: name });
		if (!found) throw new Error(`${folder}/${name}: the apex is unknown (name the file after its zone or add $ORIGIN)`);
		facts.push(found);
	}
	return new WorkspaceIndex(facts);
}

/** The analysis options a rule fixture's companions give: its workspace, its MTA-STS policy and its previous version. */
export function fixtureOptions(fixturePath: string): {
	workspace?: WorkspaceIndex;
	mtaStsPolicy?: PolicyFile;
	previousVersion?: { revision: string; text: string };
} {
	const companion = (suffix: string): string | undefined => {
		const file = fixturePath.replace(/\.zone$/, suffix);
		return fs.existsSync(file) ? file : undefined;
	};
	const policyPath = companion('.mta-sts.txt');
	const previousPath = companion('.previous.txt');
	return {
		workspace: fixtureWorkspace(fixturePath),
		mtaStsPolicy:
			policyPath === undefined
				? undefined
				: { fileId: `file:///zones/${path.basename(policyPath)}`, text: fs.readFileSync(policyPath, 'utf8') },
		previousVersion: previousPath === undefined ? undefined : { revision: 'HEAD', text: fs.readFileSync(previousPath, 'utf8') },
	};
}
