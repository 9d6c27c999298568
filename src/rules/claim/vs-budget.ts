/**
 * claim/vs-budget: "决算数大于/小于/等于预算数（X万元）" must agree with the item's own amounts — its 决算 and
 * its printed budget, or its printed 完成率. A stated difference implies the budget (决算 ∓ X); the printed
 * 完成率 must then be 决算 / that budget.
 */
import { defineRule } from '../define.js';
import { checkRatio, checkDelta, derivedDiff, type Printed } from '../../calc/compare.js';
import type { Claim, ClaimExtras } from '../../claims/types.js';
import { P, val, span, f2, ratioOutcome } from '../util.js';

type C = Claim & ClaimExtras;
const REL_WORD = { gt: '大于', lt: '小于', eq: '等于' } as const;

export default defineRule({
  meta: {
    id: 'claim/vs-budget',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '“决算数大于/小于/等于预算数”应与该项自身的决算数、预算数和完成率一致',
    basis: '财预〔2016〕143号：决算数与预算数有差异的应说明；domain.md §3.4 完成预算% = 决算 / 预算 × 100',
    messages: {
      relation: '{subject}决算数{value}{unit}、预算数{budget}{unit}，应为“决算数{expected}预算数”，文中写“{actual}”。',
      difference: '{subject}决算数{value}{unit}与预算数{budget}{unit}相差{expected}{unit}，文中为{actual}{unit}。',
      completion: '{subject}决算数{value}{unit}“{word}预算数{diff}{unit}”，即预算数为{budget}{unit}，完成预算应为{expected}%，文中为{actual}%。',
      completionRelation: '{subject}完成预算{actual}%，与“决算数{word}预算数”矛盾。',
    },
  },
  check(input, ctx) {
    for (const raw of input.claims) {
      const c = raw as C;
      const vb = c.vsBudget;
      if (!vb) continue;
      const budget = c.budgetValue ?? c.fullYearBudgetValue;
      if (c.value && budget && budget.unit === c.value.unit) {
        const d = val(c.value).sub(val(budget));
        const truth = d.isZero() ? 'eq' : d.isPos() ? 'gt' : 'lt';
        if (truth !== vb.rel && !(vb.rel === 'eq' && d.abs().lte(0.005))) {
          ctx.report({ messageId: 'relation', at: span(vb), data: { subject: c.subject, value: c.value.raw, budget: budget.raw, expected: REL_WORD[truth], actual: vb.word, unit: c.value.unit }, expected: REL_WORD[truth], actual: vb.word });
          continue;
        }
        if (vb.diff && vb.diff.unit === c.value.unit) {
          const r = checkDelta(P(vb.diff), P(c.value), P(budget));
          // checkDelta compares signed; the printed difference is a magnitude
          const r2 = checkDelta({ ...P(vb.diff), value: val(vb.diff).neg() }, P(c.value), P(budget));
          const best = r.verdict === 'exact' || r2.verdict === 'exact' ? 'exact' : r.verdict === 'rounding' || r2.verdict === 'rounding' ? 'rounding' : 'wrong';
          if (best === 'wrong') ctx.report({ messageId: 'difference', at: span(vb.diff), data: { subject: c.subject, value: c.value.raw, budget: budget.raw, expected: f2(d.abs()), actual: vb.diff.raw, unit: c.value.unit }, expected: f2(d.abs()), actual: vb.diff.raw });
        }
        continue;
      }
      if (!c.completion || c.completionBasis === 'fullYearBudget') continue;
      // "完成年初预算100%，决算数大于预算数55.93万元": the difference gives the budget.
      if (c.value && vb.diff && vb.diff.unit === c.value.unit && vb.rel !== 'eq') {
        const signed: Printed = { ...P(vb.diff), value: vb.rel === 'gt' ? val(vb.diff) : val(vb.diff).neg() };
        const implied = derivedDiff(P(c.value), signed);
        if (implied.value.lte(0)) continue;
        const r = checkRatio(P(c.completion), P(c.value), implied);
        const outcome = ratioOutcome(r);
        if (!outcome || outcome.messageId === 'rounding') continue;
        const expected = r.expected ? r.expected.toFixed(c.completion.dp) : '—';
        ctx.report({
          messageId: 'completion', severity: outcome.severity, at: span(c.completion),
          data: { subject: c.subject, value: c.value.raw, word: REL_WORD[vb.rel], diff: vb.diff.raw, budget: f2(implied.value), expected, actual: c.completion.raw, unit: c.value.unit },
          expected: expected + '%', actual: c.completion.raw + '%',
          related: [{ label: '决算数与预算数之差', at: span(vb.diff) }],
        });
        continue;
      }
      // Without amounts: the printed 完成率 itself must be on the stated side of 100% (beyond its rounding).
      const half = 0.5 / 10 ** c.completion.dp;
      const p = Number(c.completion.value);
      const contradicts = (vb.rel === 'gt' && p + half < 100) || (vb.rel === 'lt' && p - half > 100);
      if (contradicts) ctx.report({ messageId: 'completionRelation', at: span(c.completion), data: { subject: c.subject, actual: c.completion.raw, word: REL_WORD[vb.rel] }, actual: c.completion.raw + '%' });
    }
  },
});
