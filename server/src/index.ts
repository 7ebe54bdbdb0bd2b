/**
 * What the language server shares with the CLI: the include reader (files from disk, within a root),
 * the search for zone files in a folder (the CLI's arguments, the server's workspace index), the
 * configuration file (`.zone-sentinel.json`), a file as of a git revision, and the service layer's conversions, so both report
 * exactly the same positions.
 */
export { readZoneFile } from './workspace/fileReading';
export { type ConfiguredPolicyPath, readMtaStsPolicy, readMtaStsPolicyBeside } from './workspace/mtaStsPolicyFile';
export { committedVersion } from './workspace/committedVersion';
export { createIncludeReader, INCLUDE_RELATIVE_TO, type IncludeRelativeTo } from './workspace/includeReader';
export { findZoneFiles, isZoneFileName } from './workspace/zoneFiles';
export { positionSourceForText, toRange, type PositionSource } from './service/convert';
export { ConfigFinder, configForFile, type FileConfig, type FoundConfig } from './workspace/configFiles';
export { CONFIG_FILE_NAME, type ConfigProblem, zoneConfigSchema } from './workspace/zoneConfig';
