/**
 * Prints a record of the model as one canonical presentation line (RFC 1035 §5.1), e.g.
 * `mail 1h MX 10 mx1` under `$ORIGIN example.com.` → `mail.example.com. 3600 IN MX 10 mx1.example.com.`
 *
 * The line stands on its own: the owner is absolute, the TTL and class are explicit and the type is
 * its mnemonic (or `TYPEnnn`), so no `$ORIGIN`, `$TTL` or previous record is needed to read it back.
 * RDATA words are printed as written (quotes, escapes and RFC 3597 `\# length hex` kept), except
 * names, which are printed as the model resolved them. Reading the line again gives the same record;
 * the robustness tests check that for every record the model accepts.
 */
import { holdsName } from './nameReferences';
import { rrTypeByCode, typeName } from './rrTypes/index';
import { isRestKind } from './rrTypes/rrType';
import type { ResourceRecord, ZoneModel } from './zoneModel';

/**
 * The record as one line without a line end, or `undefined` for a `$GENERATE` record whose RDATA
 * the model keeps only as text (e.g. TXT): its words were never written in the file.
 *
 * Names stay relative only where the origin was unknown. HIP rendezvous servers are not typed
 * values in the model and are printed as written.
 */
export function printRecord(model: ZoneModel, record: ResourceRecord): string | undefined {
	return printRecordWords(model, record)?.join(' ');
}

/** The words {@link printRecord} joins with single spaces: owner, TTL, class, type, then the RDATA words. */
export function printRecordWords(model: ZoneModel, record: ResourceRecord): string[] | undefined {
	const words = rdataWords(model, record);
	if (words === undefined) return undefined;
	return [escapeLeadingDollar(record.owner), String(record.ttl), record.class, typeName(record.type), ...words];
}

/** The RDATA words of the record, names replaced by their resolved values. */
function rdataWords(model: ZoneModel, record: ResourceRecord): string[] | undefined {
	const info = rrTypeByCode(record.type);
	const { rdata } = record;
	if (record.generated) {
		// The directive's words are templates; only a record whose every field is typed can be printed.
		if (info === undefined || rdata.length !== info.fields.length || rdata.some((value) => value === undefined)) return undefined;
		return rdata.map(String);
	}
	const tokens = model.files[record.file].syntax.tokens;
	const fields = record.entry.fields;
	const words: string[] = [];
	for (let i = record.rdataField; i < fields.length; i++) words.push(tokens.tokenText(fields[i]));
	// RFC 3597 form keeps no typed values; neither do types whose fields are all text.
	if (info === undefined || rdata.length === 0) return words;
	for (let i = 0; i < info.fields.length && i < words.length; i++) {
		const kind = info.fields[i].kind;
		// Words map one to one onto fields up to the first field that takes the rest of the line.
		if (isRestKind(kind)) break;
		const value = rdata[i];
		if (holdsName(kind, value)) words[i] = value;
	}
	return words;
}

/** An owner such as `$x.example.` would start a directive at the start of a line: write `\$x.example.`. */
function escapeLeadingDollar(owner: string): string {
	return owner.charCodeAt(0) === 0x24 ? '\\' + owner : owner;
}
