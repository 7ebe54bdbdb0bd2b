/**
 * What the zone-level rules (soaMissing, apexNsMissing, nsTargetNoAddress, noRecords) ask about a
 * model as a whole: is it a zone at all, where its SOA is, where the file starts. Computed once per
 * model and shared, so each rule stays a few lines.
 */
import type { ProblemCode } from '../problems';
import { type Entry, EntryKind } from '../syntax/parser';
import { nameKey } from '../model/domainName';
import { isDelegated, type MailFacts } from '../model/mail/mailExchangers';
import { TypeCode } from '../model/rrTypes/typeCodes';
import type { ResourceRecord, SourceSpan, ZoneModel } from '../model/zoneModel';

export interface ZoneShape {
	/**
	 * False for a fragment analysed in the context of its includer, and for a zone with an `$INCLUDE`
	 * that was not read (not followed, not found, a cycle): what the zone as a whole has is then not
	 * known, so the zone-level rules skip it (the include has its own finding).
	 */
	readonly isZone: boolean;
	/**
	 * True when a record line (or a `$GENERATE`) has an error and is not in the model (broken RDATA,
	 * a bad name, no TTL…): the zone may then lack a record only because it is broken, so "no NS / no
	 * address" would repeat that error as a wrong one. An error on a line that still made its record
	 * (a stray parenthesis) does not count: removing that line must not reveal a new finding.
	 */
	readonly recordsLost: boolean;
	/** The same, leaving out lines lost only to a missing TTL or origin: an SOA is never lost that way. */
	readonly recordsLostBeyondFragment: boolean;
	/** True when some file has a record line or a `$GENERATE` (whether or not it lowered to records). */
	readonly hasRecordLines: boolean;
	/** Every SOA record, in file order. */
	readonly soas: readonly ResourceRecord[];
	/** The key of the apex: the origin's, else the first SOA's owner; `undefined` when neither is known. */
	readonly apexKey: string | undefined;
	/** The SOA records at the apex. */
	readonly apexSoas: readonly ResourceRecord[];
	/** The first entry of the main file (empty at offset 0 when it has none), where file-wide findings go. */
	readonly fileStart: SourceSpan;
}

const cache = new WeakMap<ZoneModel, ZoneShape>();

/** Problems that only say a fragment lacks what its includer gives it: its `$TTL` and origin. */
export const FRAGMENT_CONSEQUENCES: ReadonlySet<string> = new Set<ProblemCode>(['noTtl', 'originUnknown']);

const UNREAD_INCLUDE: ReadonlySet<string> = new Set<ProblemCode>([
	'includeNotFollowed',
	'includeNotFound',
	'includeTooDeep',
	'includeCycle',
]);

export function zoneShape(model: ZoneModel): ZoneShape {
	let shape = cache.get(model);
	if (shape) return shape;
	const soas = model.records.filter((record) => record.type === TypeCode.SOA);
	const apexKey = model.origin !== undefined ? nameKey(model.origin) : soas[0]?.ownerKey;
	const lost = lostLineProblems(model);
	shape = {
		isZone: model.includedAt === undefined && !model.problems.some((problem) => UNREAD_INCLUDE.has(problem.code)),
		recordsLost: lost.some(() => true),
		recordsLostBeyondFragment: lost.some((code) => !FRAGMENT_CONSEQUENCES.has(code)),
		hasRecordLines: model.files.some((file) => hasRecordLines(file.syntax)),
		soas,
		apexKey,
		apexSoas: soas.filter((soa) => soa.ownerKey === apexKey),
		fileStart: fileStart(model),
	};
	cache.set(model, shape);
	return shape;
}

/**
 * True when the model is a zone whose file has no SOA at all (and none was lost to an error): it
 * says so once, as `soaMissing`, and the {@link FRAGMENT_CONSEQUENCES} are not reported beside it.
 */
export function isZoneWithoutSoa(model: ZoneModel): boolean {
	const shape = zoneShape(model);
	return shape.isZone && !shape.recordsLostBeyondFragment && shape.hasRecordLines && shape.soas.length === 0;
}

/** The codes of the errors that sit on a record line the model has no record for, or on a `$GENERATE`. */
function lostLineProblems(model: ZoneModel): string[] {
	const errors = model.problems.filter((problem) => problem.severity === 'error');
	if (errors.length === 0) return [];
	const made = new Set<string>();
	for (const record of model.records) if (!record.generated) made.add(`${record.file}:${record.entryIndex}`);
	const codes: string[] = [];
	for (const problem of errors) {
		const syntax = model.files[problem.file]?.syntax;
		if (syntax === undefined) continue;
		const index = entryAt(syntax.entries, problem.start);
		if (index === -1) continue;
		const entry = syntax.entries.get(index);
		if (problem.start >= entry.end && problem.start !== entry.start) continue;
		const lostRecord = entry.kind === EntryKind.Record && !made.has(`${problem.file}:${index}`);
		if (lostRecord || isGenerate(syntax, entry)) codes.push(problem.code);
	}
	return codes;
}

/** Index of the last entry starting at or before `offset`, or -1. */
function entryAt(entries: ZoneModel['files'][number]['syntax']['entries'], offset: number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries.startOf(mid) <= offset) low = mid + 1;
		else high = mid;
	}
	return low - 1;
}

function isGenerate(syntax: ZoneModel['files'][number]['syntax'], entry: Entry): boolean {
	return entry.kind === EntryKind.Directive && syntax.tokens.tokenText(entry.fields[0]).toUpperCase() === '$GENERATE';
}

function hasRecordLines(syntax: ZoneModel['files'][number]['syntax']): boolean {
	for (const entry of syntax.entries) {
		if (entry.kind !== EntryKind.Directive) return true;
		if (isGenerate(syntax, entry)) return true;
	}
	return false;
}

function fileStart(model: ZoneModel): SourceSpan {
	const entries = model.files[0]?.syntax.entries;
	if (entries === undefined || entries.length === 0) return { file: 0, start: 0, end: 0 };
	const first = entries.get(0);
	return { file: 0, start: first.start, end: first.end };
}

/**
 * The owner key of the wildcard that answers for a name with no records of its own (RFC 4592): the
 * `*` child of the nearest ancestor that exists, e.g. `*.name.example.nl.` for
 * `ns0.name.example.nl.`; `undefined` when the name has records or no wildcard answers. named
 * looks names up this way when it checks a zone. Empty non-terminals are not tracked, so a wildcard
 * above one may be taken; that can only accept a name, never make a false error.
 */
export function wildcardFor(facts: MailFacts, key: string): string | undefined {
	if (facts.byOwner.has(key)) return undefined;
	for (let dot = key.indexOf('.'); dot !== -1 && dot < key.length - 1; dot = key.indexOf('.', dot + 1)) {
		const ancestor = key.slice(dot + 1);
		const wildcard = '*.' + ancestor;
		if (facts.byOwner.has(wildcard)) return wildcard;
		if (facts.byOwner.has(ancestor) || ancestor === facts.apexKey) return undefined;
	}
	// In the root zone, `*.` answers for names whose ancestors all have no records.
	return facts.byOwner.has('*.') ? '*.' : undefined;
}

/** True when the zone answers for the name: it has records, lies at or below a delegation, or a wildcard covers it. */
export function existsInZone(facts: MailFacts, key: string): boolean {
	return facts.byOwner.has(key) || isDelegated(facts, key) || wildcardFor(facts, key) !== undefined;
}
