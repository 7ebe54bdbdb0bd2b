// The architecture, as rules a tool checks (`npm run lint:deps`, part of `npm test`). Arrows point down only:
//
//   client ──► protocol ◄── server ──► smtp ──► core ──► protocol        cli ──► server, smtp, core, protocol
//
// Inside core: syntax ◄ model ◄ model/mail (and model/mail/auth: SPF, DMARC) ◄ edits ◄ rules ◄ analysis.ts / index.ts.
// test/integration/architecture.test.ts plants a bad import for every rule and checks that it fires.
const LIBRARIES = '(core|smtp|server|protocol)';

/** A project may import another project's files only through that project's index.ts (its public API). */
const throughIndexOnly = {
	name: 'public-api-only',
	comment: 'Import another project only through its src/index.ts; its other files are internal and may move.',
	severity: 'error',
	from: { path: '^([a-z]+)/src/' },
	to: { path: `^${LIBRARIES}/src/`, pathNot: ['^$1/src/', `^${LIBRARIES}/src/index\\.ts$`] },
};

/** `from` may import nothing of the projects in `forbidden`. */
function projectArrow(from, forbidden, why) {
	return {
		name: `${from}-imports`,
		comment: why,
		severity: 'error',
		from: { path: `^${from}/` },
		to: { path: `^(${forbidden.join('|')})/` },
	};
}

/** Inside the core, a layer imports only the layers below it. */
function coreLayer(name, layer, forbidden) {
	return {
		name: `core-${name}-layer`,
		comment: `core/src/${name} sits below ${forbidden.join(', ')}: imports point down only.`,
		severity: 'error',
		from: { path: `^core/src/${layer}` },
		to: { path: `^core/src/(${forbidden.join('|')})` },
	};
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'No cycles, type-only imports included: a cycle makes two modules one, and the layering a lie.',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		{
			name: 'not-to-unresolvable',
			comment: 'Every import resolves: an unresolved one would slip past every other rule.',
			severity: 'error',
			from: {},
			to: { couldNotResolve: true },
		},
		{
			name: 'core-no-node-or-packages',
			comment: 'The zone language does no I/O and knows no editor: no Node built-ins, no npm packages (vscode-* included).',
			severity: 'error',
			from: { path: '^core/' },
			to: { dependencyTypesNot: ['local'] },
		},
		{
			name: 'protocol-imports-nothing',
			comment: 'protocol/ is the contract between client and server: it imports nothing at all.',
			severity: 'error',
			from: { path: '^protocol/' },
			to: { pathNot: '^protocol/' },
		},
		projectArrow(
			'core',
			['smtp', 'server', 'cli', 'client', 'test'],
			'The core uses nothing but protocol/ (the shared vocabulary, itself importing nothing).',
		),
		projectArrow('smtp', ['server', 'cli', 'client', 'protocol', 'test'], 'The SMTP library uses only the core (and Node).'),
		projectArrow(
			'server',
			['cli', 'client', 'test'],
			'The language server uses core, smtp and protocol, never the CLI or the VS Code client.',
		),
		projectArrow('cli', ['client', 'test'], 'The CLI runs without VS Code.'),
		projectArrow(
			'client',
			['core', 'smtp', 'server', 'cli', 'test'],
			'The VS Code client talks to the server over LSP only; shared names live in protocol/.',
		),
		{
			name: 'no-vscode-outside-client',
			comment: 'Only the VS Code client (and the e2e tests) may import the vscode API.',
			severity: 'error',
			from: { pathNot: '^(client|test/e2e)/' },
			to: { path: '(^|/)node_modules/@types/vscode/|^vscode$' },
		},
		{
			name: 'lsp-connection-only-in-glue',
			comment: 'vscode-languageserver (the connection) belongs to the server glue; smtp, cli and the service layer never see it.',
			severity: 'error',
			from: { pathNot: '^(server/src/(?!service/)|test/)' },
			to: { path: '(^|/)node_modules/vscode-languageserver/' },
		},
		{
			name: 'service-is-pure',
			comment: 'The service layer maps core values to LSP values: no Node built-ins, no glue (handlers, workspace, settings store).',
			severity: 'error',
			from: { path: '^server/src/service/' },
			to: { dependencyTypes: ['core'] },
		},
		{
			name: 'service-below-glue',
			comment: 'The service layer is below the server glue; the glue calls it, never the other way round.',
			severity: 'error',
			from: { path: '^server/src/service/' },
			to: { path: '^server/src/', pathNot: ['^server/src/service/', '^server/src/settings\\.ts$'] },
		},
		coreLayer('syntax', 'syntax/', ['model', 'edits', 'rules', 'analysis', 'index', 'limits\\.ts$', 'problems\\.ts$']),
		coreLayer('model', 'model/(?!mail/)', ['model/mail', 'edits', 'rules', 'analysis', 'index']),
		coreLayer('mail', 'model/mail/', ['edits', 'rules', 'analysis', 'index']),
		coreLayer('edits', 'edits/', ['rules', 'analysis', 'index']),
		coreLayer('rules', 'rules/', ['analysis', 'index']),
		throughIndexOnly,
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^(out|dist|node_modules)/' },
		tsPreCompilationDeps: true,
		// Resolve package subpaths (vscode-languageserver/node) through their `exports`, as TypeScript and Node do.
		enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'types', 'default'] },
	},
};
