/**
 * The $INCLUDE reader: follows files inside its folder and refuses everything else.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createIncludeReader, includeRootFor, MAX_INCLUDE_BYTES } from '../../server/src/workspace/includeReader';

describe('includeReader', () => {
	let base: string;
	let root: string;
	let main: string;

	before(() => {
		base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zone-sentinel-include-')));
		root = path.join(base, 'zones');
		fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
		fs.writeFileSync(path.join(root, 'hosts.inc'), 'www A 192.0.2.1\n');
		fs.writeFileSync(path.join(root, 'sub', 'mail.inc'), 'mail A 192.0.2.2\n');
		fs.writeFileSync(path.join(base, 'secret.txt'), 'outside\n');
		fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.inc'));
		// A sparse file: over the limit without writing 20 MB.
		fs.writeFileSync(path.join(root, 'huge.inc'), '');
		fs.truncateSync(path.join(root, 'huge.inc'), MAX_INCLUDE_BYTES + 1);
		main = pathToFileURL(path.join(root, 'sub', 'db.example.com')).href;
	});

	after(() => fs.rmSync(base, { recursive: true, force: true }));

	test('reads a file relative to the including file, then to the root', () => {
		const read = createIncludeReader(root);
		assert.deepEqual(read('mail.inc', main), { id: pathToFileURL(path.join(root, 'sub', 'mail.inc')).href, text: 'mail A 192.0.2.2\n' });
		assert.deepEqual(read('hosts.inc', main), { id: pathToFileURL(path.join(root, 'hosts.inc')).href, text: 'www A 192.0.2.1\n' });
		assert.ok('text' in read(path.join(root, 'hosts.inc'), main), 'absolute paths inside the root are read');
	});

	test('refuses files outside the root, including through symlinks and ..', () => {
		const read = createIncludeReader(root);
		for (const target of ['../../secret.txt', path.join(base, 'secret.txt'), 'link.inc']) {
			const result = read(target, main);
			assert.ok('error' in result && /outside the folder/.test(result.error), `${target}: ${JSON.stringify(result)}`);
		}
	});

	test('refuses directories, huge files, missing files and documents not on disk', () => {
		const read = createIncludeReader(root);
		const error = (target: string, from = main): string => {
			const result = read(target, from);
			assert.ok('error' in result, `${target} should be refused`);
			return result.error;
		};
		assert.match(error('sub'), /is a directory/);
		assert.match(error('huge.inc'), /larger than 20 MB/);
		assert.match(error('nope.inc'), /file not found/);
		assert.match(error('hosts.inc', 'untitled:Untitled-1'), /saved on disk/);
	});

	test('the root is the deepest workspace folder holding the document, else its directory', () => {
		const folders = [pathToFileURL(base).href, pathToFileURL(root).href];
		assert.equal(includeRootFor(main, folders), root);
		assert.equal(includeRootFor(main, [pathToFileURL(path.join(base, 'other')).href]), path.join(root, 'sub'));
		assert.equal(includeRootFor('untitled:Untitled-1', folders), undefined);
	});
});
