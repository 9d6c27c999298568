/**
 * defineRule: one rule per file, `export default defineRule({ meta, check })`.
 * The registry (rules/index.ts) is an explicit, sorted list — no directory scanning.
 */
import type { RuleMeta, ReportInput } from './types.js';
import type { CheckInput } from '../engine/types.js';

export interface RuleContext {
  report(r: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(input: CheckInput, ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
