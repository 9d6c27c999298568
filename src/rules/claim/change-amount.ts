/**
 * claim/change-amount: a change stated with its base ("较上年决算数2250.31万元减少332.06万元") must be the
 * difference of the current value and the base.
 */
import { defineRule } from '../define.js';
import { checkDelta, signedChange } from '../../calc/compare.js';
import { P, val, sev, f2, span, BASIS_WORD } from '../util.js';

export default defineRule({
  meta: {
    id: 'claim/change-amount',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '增减额应等于本年数与比较基数之差',
    basis: '财预〔2016〕143号：决算收支增减变化应说明准确；domain.md §3.4',
    messages: {
      wrong: '{subject}较{basis}{base}{unit}的增减额应为{expected}{unit}，实为{actual}{unit}（差额{diff}{unit}）。',
      rounding: '{subject}的增减额与本年数、比较基数相差{diff}{unit}，可由四舍五入解释。',
    },
  },
  check(input, ctx) {
    for (const c of input.claims) {
      if (!c.value || !c.baseValue || !c.delta || !c.direction) continue;
      if (c.value.unit !== c.baseValue.unit || c.value.unit !== c.delta.unit) continue;
      const r = checkDelta(signedChange(P(c.delta), c.direction.dir), P(c.value), P(c.baseValue));
      if (r.verdict === 'exact') continue;
      // Right in size, wrong in sign ("…减少1.00万元" where it rose by 1.00): claim/direction says so; a second
      // finding here would read "应为1.00万元，实为1.00万元".
      if (c.direction.dir !== 'flat' && checkDelta(signedChange(P(c.delta), c.direction.dir === 'up' ? 'down' : 'up'), P(c.value), P(c.baseValue)).verdict !== 'wrong') continue;
      const expected = val(c.value).sub(val(c.baseValue)).abs();
      ctx.report({
        messageId: r.verdict === 'rounding' ? 'rounding' : 'wrong',
        severity: sev(r.verdict),
        at: span(c.delta),
        data: { subject: c.subject, basis: BASIS_WORD[c.basis ?? 'prior'], base: c.baseValue.raw, expected: f2(expected), actual: c.delta.raw, diff: f2(val(c.delta).sub(expected).abs()), unit: c.value.unit },
        expected: f2(expected),
        actual: c.delta.raw,
        difference: f2(val(c.delta).sub(expected)),
      });
    }
  },
});
