/**
 * The rule registry: every rule, in the order findings are reported. No dynamic discovery, so the
 * bundle stays small and the list stays readable.
 */
import { cnameAndOtherData } from './cnameAndOtherData';
import type { Rule } from './rule';
import { soaRecordMissing } from './soaRecordMissing';

export const ALL_RULES: readonly Rule[] = [soaRecordMissing, cnameAndOtherData];
