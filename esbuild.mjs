// Bundles the client, the server and the CLI into dist/ (the only code that ships).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
	entryPoints: {
		client: 'client/src/extension.ts',
		server: 'server/src/main.ts',
		cli: 'cli/src/main.ts',
	},
	outdir: 'dist',
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	external: ['vscode'],
	sourcemap: !production,
	minify: production,
	logLevel: 'warning',
};

if (watch) {
	const context = await esbuild.context(options);
	await context.watch();
} else {
	await esbuild.build(options);
}
