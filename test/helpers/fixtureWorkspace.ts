/**
 * The workspace of a rule fixture: `test/fixtures/rules/<name>.zone` may have a folder
 * `<name>.workspace/` beside it whose zone files are the other zones of its workspace (a sibling
 * zone holding the backup MX, a reverse zone), as the editor's workspace index and the CLI's
 * command line give them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceFactsOf } from '../../core/src/analysis';
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
