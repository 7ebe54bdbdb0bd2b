/**
 * The directives of a zone file: `$ORIGIN`, `$TTL`, `$INCLUDE` (followed only through the injected
 * resolver), `$GENERATE` (each line lowered like a record) and `$DATE`.
 */
import type { ProblemCode } from '../../problems';
import { type Entry, parseZone } from '../../syntax/parser';
import { TokenKind } from '../../syntax/scanner';
import { absoluteName, checkName, nameErrorMessage } from '../domainName';
import { MAX_INCLUDE_DEPTH } from '../../limits';
import { expandGenerate, type GenerateRequest } from '../generate';
import { parseTtl } from '../ttl';
import { hasUnterminatedString, type LowerContext } from './context';

/** Applies one directive entry ($ORIGIN, $TTL, $INCLUDE, $GENERATE, $DATE) of file `file`. */
export function lowerDirective(ctx: LowerContext, file: number, entry: Entry, depth: number): void {
	const tokens = ctx.files[file].syntax.tokens;
	// Like a record, a directive with a string cut off by the line end is not read (the scanner reports it).
	if (hasUnterminatedString(tokens, entry)) return;
	const name = tokens.tokenText(entry.fields[0]).toUpperCase();
	const argCount = entry.fields.length - 1;
	const arg = (i: number): string => tokens.tokenText(entry.fields[i]);
	switch (name) {
		case '$ORIGIN': {
			if (argCount !== 1)
				return ctx.reportField(file, entry, 0, 'invalidDirective', '$ORIGIN takes exactly one domain name, e.g. $ORIGIN example.com.');
			// BIND refuses a quoted origin ("unbalanced quotes").
			if (tokens.kind(entry.fields[1]) === TokenKind.Quoted)
				return ctx.reportField(
					file,
					entry,
					1,
					'invalidDirective',
					'$ORIGIN takes a domain name, not a quoted string: $ORIGIN example.com.',
				);
			const text = arg(1);
			const error = checkName(text);
			if (error) return ctx.reportField(file, entry, 1, error, nameErrorMessage(error, text));
			const origin = absoluteName(text, ctx.origin);
			if (origin === undefined)
				return ctx.reportField(
					file,
					entry,
					1,
					'originUnknown',
					`$ORIGIN '${text}' is relative and there is no origin to append it to: end it with a dot.`,
				);
			// A relative $ORIGIN is appended to the current one; the result must still be a name
			// (repeated `$ORIGIN sub` lines would otherwise grow it without end).
			const longError = checkName(origin);
			if (longError) return ctx.reportField(file, entry, 1, longError, nameErrorMessage(longError, origin));
			ctx.origin = origin;
			if (ctx.apex === undefined) {
				ctx.apex = origin;
				ctx.originSource = '$ORIGIN';
			}
			return;
		}
		case '$TTL': {
			if (argCount !== 1)
				return ctx.reportField(file, entry, 0, 'invalidDirective', '$TTL takes exactly one TTL, e.g. $TTL 3600 or $TTL 1h.');
			const ttl = parseTtl(arg(1));
			if (ttl === undefined)
				return ctx.reportField(file, entry, 1, 'invalidTtl', `'${arg(1)}' is not a TTL: use seconds (3600) or units (1h, 1w2d).`);
			ctx.defaultTtl = ctx.checkTtlRange(file, entry, 1, ttl);
			ctx.defaultTtlFromSoa = false;
			return;
		}
		case '$INCLUDE':
			return include(ctx, file, entry, depth);
		case '$GENERATE':
			return generate(ctx, file, entry);
		case '$DATE':
			// BIND writes `$DATE YYYYMMDDHHmmSS` into dumped zones (the dump time) and reads it back.
			if (argCount !== 1 || !/^[0-9]{14}$/.test(arg(1)))
				return ctx.reportField(file, entry, 0, 'invalidDirective', '$DATE takes one time stamp, YYYYMMDDHHmmSS (as BIND writes it).');
			return;
		default:
			return ctx.reportField(
				file,
				entry,
				0,
				'unknownDirective',
				`Unknown directive '${arg(0)}': zone files know $ORIGIN, $TTL, $INCLUDE and $GENERATE.`,
			);
	}
}

/** `$INCLUDE <file> [<origin>]`: the file's records are lowered in place, with the given origin. */
function include(ctx: LowerContext, file: number, entry: Entry, depth: number): void {
	const tokens = ctx.files[file].syntax.tokens;
	const argCount = entry.fields.length - 1;
	if (argCount < 1 || argCount > 2) {
		return ctx.reportField(
			file,
			entry,
			0,
			'invalidDirective',
			'$INCLUDE takes a file name and an optional origin: $INCLUDE <file> [<origin>].',
		);
	}
	let path = tokens.tokenText(entry.fields[1]);
	if (tokens.kind(entry.fields[1]) === TokenKind.Quoted) path = path.slice(1, -1);
	let includeOrigin = ctx.origin;
	if (argCount === 2) {
		includeOrigin = ctx.resolve(file, entry, 2, tokens.tokenText(entry.fields[2]));
	}
	const resolver = ctx.options.resolveInclude;
	if (!resolver) {
		return ctx.reportField(
			file,
			entry,
			1,
			'includeNotFollowed',
			`$INCLUDE '${path}' was not followed here, so its records are not checked with this zone.`,
			'information',
		);
	}
	if (depth + 1 > MAX_INCLUDE_DEPTH) {
		return ctx.reportField(
			file,
			entry,
			1,
			'includeTooDeep',
			`$INCLUDE '${path}' is nested more than ${MAX_INCLUDE_DEPTH} levels deep; not followed.`,
		);
	}
	const result = resolver(path, ctx.files[file].id);
	if ('error' in result) return ctx.reportField(file, entry, 1, 'includeNotFound', `$INCLUDE '${path}': ${result.error}`);
	if (ctx.includeStack.includes(result.id)) {
		return ctx.reportField(
			file,
			entry,
			1,
			'includeCycle',
			`$INCLUDE '${path}' includes a file that is already being read (a cycle); not followed.`,
		);
	}
	// The included file starts with the given origin; the including file's origin is restored after (RFC 1035 §5.1).
	const savedOrigin = ctx.origin;
	ctx.origin = includeOrigin;
	const span = { file, start: entry.start, end: entry.end };
	const firstProblem = ctx.problems.length;
	const includedWith = { origin: includeOrigin, defaultTtl: ctx.defaultTtl, lastTtl: ctx.lastTtl, zoneClass: ctx.lastClass };
	// The previous owner is restored too: a blank owner after the $INCLUDE line continues the including file (BIND's include.db).
	withOwnerKept(ctx, () => ctx.addFile({ id: result.id, syntax: parseZone(result.text), includedFrom: span, includedWith }, depth + 1));
	ctx.origin = savedOrigin;
	const errors = ctx.problems.slice(firstProblem).filter((p) => p.severity === 'error' && p.file !== file).length;
	if (errors > 0) {
		ctx.reportField(file, entry, 1, 'includedFileHasErrors', `$INCLUDE '${path}' has ${errors} error${errors === 1 ? '' : 's'}.`);
	}
}

/** Runs `lower` and then gives back the previous owner it found, for the blank-owner lines after it. */
function withOwnerKept(ctx: LowerContext, lower: () => void): void {
	const { lastOwner, lastOwnerKey, lastOwnerValid } = ctx;
	lower();
	ctx.lastOwner = lastOwner;
	ctx.lastOwnerKey = lastOwnerKey;
	ctx.lastOwnerValid = lastOwnerValid;
}

/**
 * `$GENERATE`: each generated line is lowered as a record of the file that holds the directive. A
 * blank owner after the directive is the owner before it, not the last generated name: BIND
 * generates the records apart from the file's reading state.
 */
function generate(ctx: LowerContext, file: number, entry: Entry): void {
	withOwnerKept(ctx, () => generateRecords(ctx, file, entry));
}

function generateRecords(ctx: LowerContext, file: number, entry: Entry): void {
	const tokens = ctx.files[file].syntax.tokens;
	// BIND reads each part of the directive as a token, so a quoted part loses its quotes:
	// `$GENERATE 1-2 h$ MX "0 ."` makes `h1 MX 0 .`.
	const request: GenerateRequest = {
		words: Array.from(entry.fields.subarray(1), (token) =>
			tokens.kind(token) === TokenKind.Quoted ? tokens.tokenText(token).slice(1, -1) : tokens.tokenText(token),
		),
		budget: ctx.generateBudget,
	};
	const expansion = expandGenerate(request);
	if ('error' in expansion) {
		return ctx.reportField(file, entry, Math.min(entry.fields.length - 1, expansion.field + 1), expansion.code, expansion.error);
	}
	// Each generated line is lowered like a record written in the file, against the directive's words.
	// All lines are parsed as one text (one parse instead of one per line); a line whose text
	// spans entries (a stray parenthesis) is parsed on its own.
	const lines = expansion.lines;
	const joined = parseZone(lines.map((line) => line.text).join('\n'));
	const oneEntryPerLine = joined.entries.length === lines.length && joined.problems.length === 0;
	// Each kind of problem is reported once, at its first iteration: the other lines share it.
	const reported = new Set<string>();
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const lineSyntax = oneEntryPerLine ? joined : parseZone(line.text);
		const lineEntry = oneEntryPerLine ? joined.entries.get(i) : lineSyntax.entries.length > 0 ? lineSyntax.entries.get(0) : undefined;
		const problemsBefore = ctx.problems.length;
		if (!oneEntryPerLine)
			ctx.problems.push(...lineSyntax.problems.map((p) => ({ ...p, severity: p.severity ?? ('error' as const), file })));
		if (lineEntry !== undefined) {
			const virtualFile = ctx.files.length;
			ctx.files.push({ id: ctx.files[file].id, syntax: lineSyntax, includedFrom: { file, start: entry.start, end: entry.end } });
			ctx.record(virtualFile, lineEntry, entry, file);
			ctx.files.pop();
		}
		if (ctx.problems.length === problemsBefore) continue;
		let failed = false;
		for (const problem of ctx.problems.splice(problemsBefore)) {
			failed ||= (problem.severity ?? 'error') === 'error';
			if (reported.has(problem.code)) continue;
			reported.add(problem.code);
			// Problems found while lowering are catalogue problems: rules have not run yet.
			ctx.report(
				file,
				entry.start,
				entry.end,
				problem.code as ProblemCode,
				`$GENERATE iteration ${line.iterator} ('${line.text}'): ${problem.message}`,
				problem.severity,
			);
		}
		// An error makes BIND refuse the zone; the remaining lines would only repeat it.
		if (failed) return;
	}
}
