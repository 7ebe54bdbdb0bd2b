/**
 * The `zoneSentinel` settings the user set, without VS Code's defaults. The server puts a
 * project's `.zone-sentinel.json` between the defaults and the client's settings, so it must not be
 * told a default as if the user had chosen it: a setting is sent only when it has a value at some
 * level (user, workspace, workspace folder, or a language-specific one). Precedence, key by key:
 * a setting set in VS Code (the most specific level wins, as VS Code resolves it), then the nearest
 * `.zone-sentinel.json`, then the default.
 */
import { type ConfigurationScope, workspace } from 'vscode';
import type { ConfigurationParams } from 'vscode-languageclient';
import { SETTINGS_SECTION } from '../../protocol/src/index';

/** Answers `workspace/configuration`: the `zoneSentinel` section as explicit settings only; other sections as VS Code gives them. */
export function explicitConfiguration(
	settingKeys: readonly string[],
	params: ConfigurationParams,
	defaultAnswer: () => unknown[],
	scopeOf: (scopeUri: string) => ConfigurationScope,
): unknown[] {
	const answers = defaultAnswer();
	return params.items.map((item, index) =>
		item.section === SETTINGS_SECTION
			? explicitSection(settingKeys, item.scopeUri === undefined ? undefined : scopeOf(item.scopeUri))
			: answers[index],
	);
}

/** `{ rules: { mxSingle: 'error' } }` for the keys (`rules.mxSingle`) that have a value at some level. */
function explicitSection(settingKeys: readonly string[], scope: ConfigurationScope | undefined): Record<string, unknown> {
	const configuration = workspace.getConfiguration(SETTINGS_SECTION, scope);
	const section: Record<string, unknown> = {};
	for (const key of settingKeys) {
		const inspected = configuration.inspect(key);
		if (inspected === undefined) continue;
		const { globalValue, workspaceValue, workspaceFolderValue, globalLanguageValue, workspaceLanguageValue, workspaceFolderLanguageValue } =
			inspected;
		const set = [
			globalValue,
			workspaceValue,
			workspaceFolderValue,
			globalLanguageValue,
			workspaceLanguageValue,
			workspaceFolderLanguageValue,
		];
		if (set.every((value) => value === undefined)) continue;
		const parts = key.split('.');
		let target = section;
		for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
		target[parts.at(-1)!] = configuration.get(key);
	}
	return section;
}

/** The keys under `zoneSentinel.` that the extension contributes (`rules.mxSingle`, `smtp.port`, …). */
export function contributedSettingKeys(packageJson: unknown): string[] {
	const properties = (packageJson as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes
		?.configuration?.properties;
	const prefix = SETTINGS_SECTION + '.';
	return Object.keys(properties ?? {})
		.filter((key) => key.startsWith(prefix))
		.map((key) => key.slice(prefix.length));
}
