/**
 * What a field parser sees of one record's RDATA and what it reports: shared by the field table
 * and the parsers of structured RDATA (LOC, SvcParams), which must not import the table.
 */
import type { ProblemCode } from '../../problems';

/** A typed RDATA value: names and addresses as text, numbers as numbers; `undefined` where not kept. */
export type RdataValue = string | number | undefined;

/** A problem in RDATA, on words `from`..`to` (inclusive indices into the record's RDATA words). */
export interface RdataProblem {
	readonly code: ProblemCode;
	readonly message: string;
	readonly from: number;
	readonly to: number;
	readonly severity?: 'error' | 'warning';
}

/** The words of one record's RDATA, as the model sees them. */
export interface RdataWords {
	readonly count: number;
	text(index: number): string;
	quoted(index: number): boolean;
}
