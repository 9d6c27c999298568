/**
 * claim/change-pct: the rate of a change (增长/下降X%) recomputed from the change and its base.
 * The base is the printed base, or current value ∓ change when the text gives only the change.
 * Zero bases are left to claim/zero-base.
 */
import { defineRule } from '../define.js';
import { checkRatio, baseFromChange, derivedDiff, type Printed } from '../../calc/compare.js';
import { P, val, span, BASIS_WORD, ratioOutcome, TRUNCATED_MESSAGE } from '../util.js';
import { D } from '../../calc/money.js';

export default defineRule({
  meta: {
    id: 'claim/change-pct',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '增减百分比应等于增减额除以比较基数',
    basis: 'domain.md §3.4：增减率 =（本年 − 上年）/ 上年 × 100',
    messages: {
      wrong: '{subject}较{basis}的增减幅度应为{expected}%，实为{actual}%。',
      rounding: '{subject}的增减幅度{actual}%与按印出数计算的{expected}%不同，可由四舍五入解释。',
      truncated: TRUNCATED_MESSAGE,
    },
  },
  check(input, ctx) {
    for (const c of input.claims) {
      if (!c.pct) continue;
      // "比上年决算数43,269.30万元增加17.62%": no printed change amount; it is the current value less the printed base.
      if (!c.delta && c.value && c.baseValue && c.pctDirection && c.value.unit === c.baseValue.unit) {
        const base = P(c.baseValue);
        if (base.value.lte(new D('0.005'))) continue;
        const r = checkRatio(P(c.pct), derivedDiff(P(c.value), base), base);
        const outcome = ratioOutcome(r);
        if (!outcome) continue;
        const expected = r.expected ? r.expected.toFixed(c.pct.dp) : '—';
        ctx.report({ ...outcome, at: span(c.pct), data: { subject: c.subject, basis: BASIS_WORD[c.basis ?? 'prior'], expected, actual: c.pct.raw }, expected: expected + '%', actual: c.pct.raw + '%' });
        continue;
      }
      if (!c.delta || !c.direction) continue;
      if ((c.baseValue && c.baseValue.unit !== c.delta.unit) || (!c.baseValue && c.value && c.value.unit !== c.delta.unit)) continue;
      let base: Printed | null = null;
      if (c.baseValue) base = P(c.baseValue);
      else if (c.value) base = baseFromChange(P(c.value), P(c.delta), c.direction.dir);
      if (!base || base.value.lte(new D('0.005'))) continue; // zero base: claim/zero-base
      if (c.value && val(c.value).isZero() && val(c.pct).eq(100)) continue;
      const r = checkRatio(P(c.pct), P(c.delta), base);
      const outcome = ratioOutcome(r);
      if (!outcome) continue;
      const expected = r.expected ? r.expected.toFixed(c.pct.dp) : '—';
      ctx.report({
        ...outcome,
        at: span(c.pct),
        data: { subject: c.subject, basis: BASIS_WORD[c.basis ?? 'prior'], expected, actual: c.pct.raw },
        expected: expected + '%',
        actual: c.pct.raw + '%',
      });
    }
  },
});
