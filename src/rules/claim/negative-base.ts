/**
 * claim/negative-base: a change that implies a negative base ("会议费10.00万元，较上年增加20.00万元") cannot be
 * right: an expenditure or a budget is never below zero, so either the amount or the change is wrong.
 */
import { defineRule } from '../define.js';
import { baseFromChange } from '../../calc/compare.js';
import { P, span, f2, BASIS_WORD } from '../util.js';

export default defineRule({
  meta: {
    id: 'claim/negative-base',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '由本年数和增减额推出的比较基数不能为负',
    basis: 'domain.md §3.4：增减额 = 本年数 − 比较基数，支出与预算数不为负',
    messages: {
      negative: '{subject}本年{value}{unit}，较{basis}增加{delta}{unit}，推出{basis}为{base}{unit}（负数），金额或增减额有误。',
    },
  },
  check(input, ctx) {
    for (const c of input.claims) {
      if (!c.value || !c.delta || c.direction?.dir !== 'up' || c.baseValue) continue;
      if (c.value.unit !== c.delta.unit) continue;
      const base = baseFromChange(P(c.value), P(c.delta), 'up');
      // below zero even with both figures at the far ends of their rounding
      if (base.value.add(base.half ?? 0).gte(0)) continue;
      ctx.report({
        messageId: 'negative', at: span(c.delta),
        data: { subject: c.subject, value: c.value.raw, delta: c.delta.raw, basis: BASIS_WORD[c.basis ?? 'prior'], base: f2(base.value), unit: c.value.unit },
        expected: `不大于${c.value.raw}`, actual: c.delta.raw,
      });
    }
  },
});
