/**
 * Runs the enabled rules over a model and collects their findings as problems.
 */
import type { ResourceRecord, ZoneModel, ZoneProblem } from '../model/zoneModel';
import { ALL_RULES } from './index';
import type { RuleContext, RuleLevel } from './rule';

/** Rule levels by id; ids not present use the rule's default. */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;

export function runRules(model: ZoneModel, levels: RuleLevels = {}): ZoneProblem[] {
	const problems: ZoneProblem[] = [];
	let byOwner: Map<string, ResourceRecord[]> | undefined;
	for (const rule of ALL_RULES) {
		const level = levels[rule.id] ?? rule.defaultLevel;
		if (level === 'off') continue;
		byOwner ??= groupByOwner(model.records);
		const context: RuleContext = {
			model,
			byOwner,
			report(finding) {
				// A configured level replaces the default; a rule's own lower severity applies only at the default.
				const severity = levels[rule.id] !== undefined ? level : (finding.severity ?? level);
				problems.push({ code: rule.id, severity: severity as ZoneProblem['severity'], message: finding.message, file: finding.file, start: finding.start, end: finding.end, related: finding.related });
			},
		};
		rule.check(context);
	}
	return problems;
}

function groupByOwner(records: readonly ResourceRecord[]): Map<string, ResourceRecord[]> {
	const map = new Map<string, ResourceRecord[]>();
	for (const record of records) {
		const list = map.get(record.ownerKey);
		if (list) list.push(record);
		else map.set(record.ownerKey, [record]);
	}
	return map;
}
