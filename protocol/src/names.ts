/**
 * The names both sides spell: the extension's name and its settings section. Imports nothing.
 */

/** The server's name (`serverInfo.name`), its diagnostics' `source` and its pull-diagnostics identifier. */
export const SERVER_NAME = 'zone-sentinel';

/**
 * The settings section, e.g. `zoneSentinel.rules.cnameAndOtherData`: the server pulls it with
 * `workspace/configuration`; the client synchronises it and uses it as its id, so that
 * `zoneSentinel.trace.server` applies.
 */
export const SETTINGS_SECTION = 'zoneSentinel';
