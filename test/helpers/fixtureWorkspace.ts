/**
 * The workspace of a rule fixture: `test/fixtures/rules/<name>.zone` may have a folder
 * `<name>.workspace/` beside it whose zone files are the other zones of its workspace (a sibling
 * zone holding the backup MX, a reverse zone), as the editor's workspace index and the CLI's
 * command line give them. A `<name>.mta-sts.txt` beside it is the zone's MTA-STS policy file (as
 * `.well-known/mta-sts.txt` beside a zone is, in the CLI and the editor).
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

/** The analysis options a rule fixture's companions give: its workspace and its MTA-STS policy. */
export function fixtureOptions(fixturePath: string): { workspace?: WorkspaceIndex; mtaStsPolicy?: PolicyFile } {
	const policyPath = fixturePath.replace(/\.zone$/, '.mta-sts.txt');
	const policy = fs.existsSync(policyPath)
		? { fileId: `file:///zones/${path.basename(policyPath)}`, text: fs.readFileSync(policyPath, 'utf8') }
		: undefined;
	return { workspace: fixtureWorkspace(fixturePath), mtaStsPolicy: policy };
}
