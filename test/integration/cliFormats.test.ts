/**
 * `check --format sarif` and `check --format github`, through the real CLI (bin → dist/cli.js).
 *
 * test/fixtures/sarif/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (rtm.5) as shipped by
 * @microsoft/jest-sarif 1.0.0-beta.0 (package/lib/schemas/sarif-2.1.0-rtm.5.json), unchanged. It
 * declares draft-04; its only draft-04 spelling is the top-level `id`, so the test reads it as
 * draft-07 (`$id`) for Ajv's default class. Formats (`uri`, `date-time`) are not validated:
 * ajv-formats is not installed. One `language` pattern is not valid with the `u` flag, hence `unicodeRegExp: false`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { ALL_RULES, PROBLEMS } from '../../core/src/index';
import { assertGolden } from '../helpers/golden';
import { REPO_ROOT } from '../helpers/paths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'sarif');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function cli(args: string[], cwd = REPO_ROOT): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'zone-sentinel.js'), ...args], { cwd, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The output without what depends on the machine: the working directory's URI and the version. */
function stable(output: string, cwd: string): string {
	return output
		.split(JSON.stringify(pathToFileURL(cwd).href + '/').slice(1, -1))
		.join('file:///SRCROOT/')
		.split(`"version": "${VERSION}"`)
		.join('"version": "VERSION"')
		.split(`"semanticVersion": "${VERSION}"`)
		.join('"semanticVersion": "VERSION"');
}

function sarifValidator(): (log: unknown) => string | undefined {
	const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
	const { id, ...rest } = schema;
	delete rest.$schema; // draft-04
	const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
	const validate = ajv.compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: id as string, ...rest });
	return (log) => (validate(log) ? undefined : ajv.errorsText(validate.errors));
}

interface SarifRegion {
	startLine: number;
	startColumn: number;
	endLine: number;
	endColumn: number;
}
interface SarifLocation {
	physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string; index: number }; region: SarifRegion };
}
interface SarifLog {
	runs: {
		tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string }[] } };
		artifacts: { location: { uri: string } }[];
		results: { ruleId: string; level: string; locations: SarifLocation[]; relatedLocations?: unknown[]; fixes?: unknown[] }[];
	}[];
}

describe('check --format sarif', () => {
	test('golden output of zones/ (an include, related locations, fixes, a UTF-16 column), valid SARIF 2.1.0', () => {
		const result = cli(['check', '--format', 'sarif', 'zones'], FIXTURES);
		assert.equal(result.status, 1, result.stderr);
		assert.equal(result.stderr, '', 'SARIF output prints no summary');
		assertGolden(path.join(FIXTURES, 'zones.sarif.json'), stable(result.stdout, FIXTURES));

		const log = JSON.parse(result.stdout) as SarifLog;
		const validate = sarifValidator();
		assert.equal(validate(log), undefined);
		assert.match(validate({ ...log, version: '2.0.0' }) ?? '', /version/, 'the schema check does check');
		const [run] = log.runs;
		assert.equal(run.tool.driver.name, 'zone-sentinel');
		assert.equal(run.tool.driver.version, VERSION);
		const ruleIds = new Set(run.tool.driver.rules.map((rule) => rule.id));
		for (const rule of ALL_RULES) assert.ok(ruleIds.has(rule.id), rule.id);
		for (const code of Object.keys(PROBLEMS)) assert.ok(ruleIds.has(code), code);
		for (const r of run.results) assert.ok(ruleIds.has(r.ruleId), r.ruleId);
		assert.equal(run.tool.driver.rules.find((rule) => rule.id === 'mxSingle')?.helpUri.endsWith('#mxsingle'), true);

		assert.deepEqual(
			run.artifacts.map((a) => a.location.uri),
			['zones/example.com.zone', 'zones/hosts.inc'],
		);
		const paren = run.results.find((r) => r.ruleId === 'unbalancedParenthesis');
		assert.equal(paren?.locations[0].physicalLocation.artifactLocation.uri, 'zones/hosts.inc');
		assert.equal(paren?.locations[0].physicalLocation.artifactLocation.index, 1);
		// `bad TXT "😀" )`: the emoji is two UTF-16 code units, so the `)` is column 14.
		assert.deepEqual(paren?.locations[0].physicalLocation.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 15 });
		assert.ok(run.results.find((r) => r.ruleId === 'mxDuplicateTarget')?.relatedLocations?.length);
		assert.ok(run.results.find((r) => r.ruleId === 'mxSingle')?.fixes?.length);
	});

	test('the examples: a valid log without error results; exit 0', () => {
		const result = cli(['check', '--format=sarif', 'examples/']);
		assert.equal(result.status, 0, result.stderr);
		const log = JSON.parse(result.stdout) as SarifLog;
		assert.equal(sarifValidator()(log), undefined);
		assert.ok(log.runs[0].results.every((r) => r.level !== 'error'));
		assert.equal(log.runs[0].artifacts.length, 3);
	});
});

describe('check --format github', () => {
	test('golden output of zones/: one workflow command per diagnostic', () => {
		const result = cli(['check', '--format', 'github', 'zones'], FIXTURES);
		assert.equal(result.status, 1);
		assertGolden(path.join(FIXTURES, 'zones.github.txt'), result.stdout);
		assert.match(result.stderr, /1 zone file checked: 3 errors, 3 warnings\./);
	});

	test('workflow-command escaping: % CR LF in the message, also : and , in properties', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-gh-'));
		fs.writeFileSync(path.join(dir, 'a,b:c.zone'), '$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hm 1 2 3 4 5\n  NS ns1\nns1 A 10%0A\n');
		const result = cli(['check', '--format', 'github', '--rule', 'nsTargetNoAddress=off', 'a,b:c.zone'], dir);
		assert.equal(result.status, 1);
		assert.equal(
			result.stdout,
			"::error file=a%2Cb%3Ac.zone,line=5,col=7,endLine=5,endColumn=11,title=invalidIpv4Address::'10%250A' is not an IPv4 address (expected four numbers 0–255, e.g. 192.0.2.1).\n",
		);
	});
});
