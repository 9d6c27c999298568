/**
 * total/balance: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, for the whole body and for the
 * 政府性基金 (domain.md §3.1 T8, T4 per fund).
 */
import { defineRule } from '../define.js';
import { checkIdentity } from '../../calc/compare.js';
import { P, sev, span, figures, f2 } from '../util.js';

const BALANCES = [
  { name: '年初结转和结余 + 本年收入合计 − 本年支出合计 = 年末结转和结余', open: '年初结转和结余', inc: '本年收入合计', exp: '本年支出合计', close: '年末结转和结余' },
  { name: '政府性基金：年初结转 + 本年收入 − 本年支出 = 年末结转', open: '政府性基金预算财政拨款年初结转和结余', inc: '政府性基金预算财政拨款收入', exp: '政府性基金预算财政拨款支出', close: '政府性基金预算财政拨款年末结转和结余' },
];

export default defineRule({
  meta: {
    id: 'total/balance',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '结转结余应平衡：年初 + 收入 − 支出 = 年末',
    basis: 'domain.md §3.1：T8 每行 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余；T1 收入总计 = 支出总计',
    messages: {
      wrong: '{name}：按印出数计算年末应为{expected}{unit}，实为{actual}{unit}（差额{diff}{unit}）。',
      rounding: '{name}：相差{diff}{unit}，可由四舍五入解释。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    for (const b of BALANCES) {
      const [o, i, e, c] = [b.open, b.inc, b.exp, b.close].map((k) => figs.get(k));
      if (!o || !i || !e || !c) continue;
      if (new Set([o, i, e, c].map((x) => x.num.unit)).size > 1) continue;
      // 年末 + 支出 = 年初 + 收入, each printed value within half a unit
      const r = checkIdentity([P(c.num), P(e.num)], [P(o.num), P(i.num)]);
      const verdict = r.verdict;
      if (verdict === 'exact') continue;
      const expected = P(o.num).value.add(P(i.num).value).sub(P(e.num).value);
      ctx.report({ messageId: verdict === 'rounding' ? 'rounding' : 'wrong', severity: sev(verdict), at: span(c.num), data: { name: b.name, expected: f2(expected), actual: c.num.raw, diff: f2(r.difference.abs()), unit: c.num.unit }, expected: f2(expected), actual: c.num.raw });
    }
  },
});
