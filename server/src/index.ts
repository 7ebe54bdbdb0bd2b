/**
 * What the language server shares with the CLI: the include reader (files from disk, within a root),
 * the search for zone files in a folder (the CLI's arguments, the server's workspace index) and the
 * service layer's conversions, so both report exactly the same positions.
 */
export { readZoneFile } from './workspace/fileReading';
export { createIncludeReader } from './workspace/includeReader';
export { findZoneFiles, isZoneFileName } from './workspace/zoneFiles';
export { positionSourceForText, toRange, type PositionSource } from './service/convert';
