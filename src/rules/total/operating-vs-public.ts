/**
 * total/operating-vs-public: 机关运行经费 is the 日常公用经费 of 行政/参公 bodies paid from 一般公共预算
 * 基本支出; it cannot exceed 公用经费 (equal for a pure administrative body). Warning only: scopes differ.
 */
import { defineRule } from '../define.js';
import { figures, span, val } from '../util.js';

export default defineRule({
  meta: {
    id: 'total/operating-vs-public',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '机关运行经费不应超过一般公共预算财政拨款基本支出中的公用经费',
    basis: '《预算法》第十四条；机关运行经费定义（行政单位和参公事业单位日常公用经费）；domain.md §3.2',
    messages: {
      exceeds: '机关运行经费{ops}万元超过公用经费{pub}万元，请核对口径。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    const ops = figs.get('机关运行经费');
    const pub = figs.get('公用经费');
    if (!ops || !pub) return;
    if (val(ops.num).gt(val(pub.num).add('0.01'))) ctx.report({ messageId: 'exceeds', at: span(ops.num), data: { ops: ops.num.raw, pub: pub.num.raw }, expected: `≤ ${pub.num.raw}`, actual: ops.num.raw });
  },
});
