// Lint with type information (typescript-eslint): the async code of the server, the SMTP client and
// the CLI is where a forgotten await or a promise passed as a callback hides, and only type-aware
// rules see those. Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'out/**',
			'dist/**',
			'node_modules/**',
			'.vscode-test/**',
			'.vscode-test-offline/**',
			'test/fixtures/**',
			'test/e2e/offline/code-server-*/**',
			'test/e2e/offline/node-*/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			// node:test's test()/describe() return promises the runner itself awaits.
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{
							from: 'package',
							package: 'node:test',
							name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
						},
					],
				},
			],
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
			// Token and entry kinds live in typed arrays as plain numbers (the parser's memory layout), so
			// comparing them with enum members is the design, not a slip.
			'@typescript-eslint/no-unsafe-enum-comparison': 'off',
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
			eqeqeq: ['error', 'always'],
		},
	},
	{
		files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
		...tseslint.configs.disableTypeChecked,
		languageOptions: {
			...tseslint.configs.disableTypeChecked.languageOptions,
			globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' },
		},
		rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// Tests parse JSON from real processes and protocol messages and assert on its shape: the
		// assertion is the type check there, so the any-tracking rules would only add casts.
		files: ['test/**/*.ts'],
		rules: {
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/unbound-method': 'off',
			// Diagnostic messages are `string | MarkupContent` in LSP 3.18; tests print what they got.
			'@typescript-eslint/no-base-to-string': 'off',
			'@typescript-eslint/restrict-template-expressions': 'off',
			// Fakes implement async interfaces (DNS lookups, settings) without awaiting anything.
			'@typescript-eslint/require-await': 'off',
		},
	},
);
