/**
 * What the language server shares with the CLI: the include reader (files from disk, within a root)
 * and the service layer's conversions, so both report exactly the same positions.
 */
export { kindOf, openForReading, readAtMost } from './workspace/fileReading';
export { createIncludeReader } from './workspace/includeReader';
export { positionSourceForText, toRange, type PositionSource } from './service/convert';
