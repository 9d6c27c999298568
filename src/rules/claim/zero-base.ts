/**
 * claim/zero-base: against a zero base the rate is written "增长100%" or "无可比性", never a computed
 * figure; a value that fell to zero is "下降100%".
 */
import { defineRule } from '../define.js';
import { P, val, span } from '../util.js';
import { baseFromChange } from '../../calc/compare.js';
import { D } from '../../calc/money.js';

export default defineRule({
  meta: {
    id: 'claim/zero-base',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '基数为零时的增减幅度写法',
    basis: 'domain.md §3.4：基数为0时写“增长100%”或“无可比性”；本年为0时写“下降100%”',
    messages: {
      zeroBase: '{subject}的比较基数为0，增减幅度应写“增长100%”或“无可比性”，实为“{actual}”。',
      toZero: '{subject}本年为0，应为“下降100%”，实为“{actual}”。',
    },
  },
  check(input, ctx) {
    for (const c of input.claims) {
      if (!c.pct || !c.delta || !c.direction || !c.value) continue;
      const cur = val(c.value);
      const base = c.baseValue ? val(c.baseValue) : baseFromChange(P(c.value), P(c.delta), c.direction.dir).value;
      const pct = val(c.pct);
      if (base.abs().lt(new D('0.005')) && !cur.isZero()) {
        if (!(pct.eq(100) && c.pctDirection?.dir === 'up')) ctx.report({ messageId: 'zeroBase', at: span(c.pct), data: { subject: c.subject, actual: (c.pctDirection?.word ?? '') + c.pct.raw + '%' }, expected: '增长100%', actual: c.pct.raw + '%' });
      } else if (cur.isZero() && !base.isZero()) {
        if (!(pct.eq(100) && c.pctDirection?.dir === 'down')) ctx.report({ messageId: 'toZero', at: span(c.pct), data: { subject: c.subject, actual: (c.pctDirection?.word ?? '') + c.pct.raw + '%' }, expected: '下降100%', actual: c.pct.raw + '%' });
      }
    }
  },
});
