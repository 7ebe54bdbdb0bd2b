// Writes the parts of package.json and README.md that the core declares: the rule and rule-option
// settings, the rule catalogue, the problem codes and the limits; and the JSON schema of
// .zone-sentinel.json (schemas/zone-sentinel.schema.json, from the same registry and the SMTP settings). Reads the compiled core, so run
// `npm run compile` first (`npm run generate` does). `--check` writes nothing and exits 1 when a
// file is stale; test/unit/generated.test.ts runs the same check in `npm test`.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETTINGS_PREFIX = 'zoneSentinel.';
const RULE_SETTINGS_PREFIX = 'zoneSentinel.rules.';

/** The compiled core (CommonJS) of the repository at `root`. */
export function loadCore(root = ROOT) {
	const corePath = path.join(root, 'out', 'core', 'src', 'index.js');
	if (!fs.existsSync(corePath)) throw new Error(`${corePath} is missing: run npm run compile first.`);
	return createRequire(import.meta.url)(corePath);
}

/** The compiled configuration-file module of the server (it needs only the core and the SMTP library). */
export function loadZoneConfig(root = ROOT) {
	const modulePath = path.join(root, 'out', 'server', 'src', 'workspace', 'zoneConfig.js');
	if (!fs.existsSync(modulePath)) throw new Error(`${modulePath} is missing: run npm run compile first.`);
	return createRequire(import.meta.url)(modulePath);
}

export const CONFIG_SCHEMA_FILE = 'schemas/zone-sentinel.schema.json';

/** The schema of .zone-sentinel.json; its `smtp` keys take the schemas of package.json's zoneSentinel.smtp.* settings. */
export function generateConfigSchema(manifestText, zoneConfig) {
	const properties = JSON.parse(manifestText).contributes.configuration.properties;
	const prefix = `${SETTINGS_PREFIX}smtp.`;
	const smtp = Object.fromEntries(
		Object.entries(properties)
			.filter(([key]) => key.startsWith(prefix))
			.map(([key, schema]) => [key.slice(prefix.length), schema]),
	);
	return JSON.stringify(zoneConfig.zoneConfigSchema(smtp), null, 2) + '\n';
}

/** package.json with its rule and rule-option settings rebuilt, in place of the old ones; every other key kept. */
export function generateManifest(text, core) {
	const manifest = JSON.parse(text);
	const configuration = manifest.contributes.configuration;
	const generated = {};
	// Markdown, so the settings editor renders `code` and links the rule's section of the README.
	const docs = manifest.repository.url;
	for (const option of core.RULE_OPTIONS) {
		generated[SETTINGS_PREFIX + option.setting] = {
			...option.schema,
			default: option.default,
			scope: 'resource',
			markdownDescription: option.description,
		};
	}
	for (const rule of core.ALL_RULES) {
		const reference = rule.reference ? ` (${rule.reference})` : '';
		generated[RULE_SETTINGS_PREFIX + rule.id] = {
			type: 'string',
			enum: [...core.RULE_LEVELS],
			default: rule.defaultLevel,
			scope: 'resource',
			markdownDescription: `${rule.description}${reference} [More](${docs}#${rule.id.toLowerCase()})`,
		};
	}
	// A stale rule setting (a removed rule) is dropped too; the new block goes where the old one began.
	const isGenerated = (key) => key in generated || key.startsWith(RULE_SETTINGS_PREFIX);
	const properties = {};
	let placed = false;
	for (const [key, value] of Object.entries(configuration.properties)) {
		if (!isGenerated(key)) properties[key] = value;
		else if (!placed) placed = Object.assign(properties, generated) !== undefined;
	}
	if (!placed) Object.assign(properties, generated);
	configuration.properties = properties;
	return JSON.stringify(manifest, null, 2) + '\n';
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (header, rows) =>
	[`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
		'\n',
	);

/** The generated README blocks by marker name, e.g. `rules` for `<!-- generated:rules -->`. */
export function readmeBlocks(core) {
	const settingOf = (key) => core.RULE_OPTIONS.find((option) => option.key === key);
	return {
		options: table(
			['Setting', 'CLI flag', 'Default', 'What it does'],
			core.RULE_OPTIONS.map((option) => [
				`\`${SETTINGS_PREFIX}${option.setting}\``,
				`\`${option.flag} ${option.flagValue}\``,
				`\`${JSON.stringify(option.default)}\``,
				option.description,
			]),
		),
		rules: table(
			['Rule', 'Default', 'What it finds', 'Options', 'Reference'],
			core.ALL_RULES.map((rule) => [
				`[\`${rule.id}\`](#${rule.id.toLowerCase()})`,
				rule.defaultLevel,
				rule.description,
				(rule.options ?? []).map((key) => `\`${settingOf(key).setting}\``).join(', '),
				rule.reference ?? '',
			]),
		),
		problems: table(
			['Code', 'Severity', 'Meaning'],
			Object.entries(core.PROBLEMS).map(([code, problem]) => [`\`${code}\``, problem.severity, problem.meaning]),
		),
		limits: table(
			['What', 'Limit', 'Past it'],
			core.LIMITS.map((limit) => [limit.what, limit.limit, limit.pastIt]),
		),
	};
}

/** README.md with the text between each `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` replaced. */
export function generateReadme(text, core) {
	let result = text;
	for (const [name, block] of Object.entries(readmeBlocks(core))) {
		const open = `<!-- generated:${name} -->`;
		const close = `<!-- /generated:${name} -->`;
		const start = result.indexOf(open);
		const end = result.indexOf(close);
		if (start === -1 || end < start) throw new Error(`README.md needs the markers ${open} … ${close}.`);
		result = result.slice(0, start + open.length) + '\n' + block + '\n' + result.slice(end);
	}
	return result;
}

/** Every generated file of the repository at `root`: its current and its generated text. */
export function generatedFiles(root = ROOT, core = loadCore(root)) {
	const read = (name) => (fs.existsSync(path.join(root, name)) ? fs.readFileSync(path.join(root, name), 'utf8') : '');
	const manifest = generateManifest(read('package.json'), core);
	return [
		{ name: 'package.json', current: read('package.json'), expected: manifest },
		{ name: 'README.md', current: read('README.md'), expected: generateReadme(read('README.md'), core) },
		{ name: CONFIG_SCHEMA_FILE, current: read(CONFIG_SCHEMA_FILE), expected: generateConfigSchema(manifest, loadZoneConfig(root)) },
	];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const check = process.argv.includes('--check');
	let stale = 0;
	for (const file of generatedFiles()) {
		if (file.current === file.expected) continue;
		stale++;
		if (check) console.error(`${file.name} is stale: run npm run generate.`);
		else {
			fs.mkdirSync(path.dirname(path.join(ROOT, file.name)), { recursive: true });
			fs.writeFileSync(path.join(ROOT, file.name), file.expected);
		}
		if (!check) console.log(`wrote ${file.name}`);
	}
	if (check && stale > 0) process.exit(1);
}
