/**
 * defineRule: one rule per file, `export default defineRule({ meta, check })`.
 * The registry (rules/index.ts) is an explicit, sorted list — no directory scanning.
 */
import type { RuleMeta, ReportInput } from './types.js';
import type { CheckInput } from '../engine/types.js';
import type { ScoringPolicy } from '../calc/performance.js';

export interface RuleContext {
  report(r: ReportInput): void;
  /** The 绩效自评 scoring policy in force (a region's variant chosen in the config file; default 财预〔2020〕10号). */
  policy: ScoringPolicy;
}

export interface Rule {
  meta: RuleMeta;
  check(input: CheckInput, ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
