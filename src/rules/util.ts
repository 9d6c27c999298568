/** Helpers shared by rules: printed numbers from claims, document figures by concept, plain-Chinese wording. */
import type { Claim, Num } from '../claims/types.js';
import type { CheckInput } from '../engine/types.js';
import { D, type Dec, fmt } from '../calc/money.js';
import type { Printed, Verdict } from '../calc/compare.js';
import type { Severity } from './types.js';

export function P(n: Num): Printed {
  return { value: new D(n.value), dp: n.dp };
}

export function val(n: Num): Dec {
  return new D(n.value);
}

/** The first stated value of each concept (the figure a reader takes from the document). */
const FIGURES = new WeakMap<CheckInput, Map<string, { claim: Claim; num: Num }>>();

export function figures(input: CheckInput): Map<string, { claim: Claim; num: Num }> {
  const cached = FIGURES.get(input);
  if (cached) return cached;
  const m = new Map<string, { claim: Claim; num: Num }>();
  FIGURES.set(input, m);
  for (const c of input.claims) {
    if (!c.concept || m.has(c.concept)) continue;
    if (c.value && !(c as { valueCarried?: boolean }).valueCarried) m.set(c.concept, { claim: c, num: c.value });
    else if (c.count) m.set(c.concept, { claim: c, num: c.count });
  }
  return m;
}

export const BASIS_WORD: Record<string, string> = { prior: '上年决算数', budget: '年初预算数', fullYearBudget: '全年预算数' };

/** Severity for a verdict: rounding → info, wrong → the rule's default. */
export function sev(v: Verdict, wrong: Severity = 'error'): Severity {
  return v === 'rounding' ? 'info' : wrong;
}

export function f2(d: Dec, dp = 2): string {
  return fmt(d, dp);
}

export function span(n: { start: number; end: number }): { start: number; end: number } {
  return { start: n.start, end: n.end };
}

/**
 * How a recomputed percentage is reported: rounding → info; a figure cut off instead of rounded
 * (99.868% printed 99.86%) → warning "truncated"; otherwise wrong → the rule's severity.
 */
export function ratioOutcome(r: { verdict: Verdict; truncated?: boolean }): { messageId: 'rounding' | 'truncated' | 'wrong'; severity: Severity } | null {
  if (r.verdict === 'exact') return null;
  if (r.verdict === 'rounding') return { messageId: 'rounding', severity: 'info' };
  if (r.truncated) return { messageId: 'truncated', severity: 'warning' };
  return { messageId: 'wrong', severity: 'error' };
}

/** The message for a percentage that was truncated rather than rounded (shared by the ratio rules). */
export const TRUNCATED_MESSAGE = '{subject}的百分比{actual}%是截尾所得，按四舍五入应为{expected}%。';
