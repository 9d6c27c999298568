/**
 * total/parts: totals stated in the text equal the sum of their stated parts (rounding tolerance from
 * printed precision; a difference rounding explains is info).
 */
import { defineRule } from '../define.js';
import { checkSum, type Printed } from '../../calc/compare.js';
import { P, val, sev, span, figures, f2 } from '../util.js';
import { TEXT_IDENTITIES, shortByUnnamed } from './identities.js';
import type { Num } from '../../claims/types.js';

export default defineRule({
  meta: {
    id: 'total/parts',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '合计数应等于其组成部分之和',
    basis: 'domain.md §3.1 表内勾稽；财预〔2016〕143号 内容准确',
    messages: {
      wrong: '{name}：合计{total}{unit}，各项之和为{expected}{unit}（差额{diff}{unit}）。',
      rounding: '{name}：合计{total}{unit}，各项之和为{expected}{unit}，相差{diff}{unit}，可由四舍五入解释。',
      unsure: '{name}：合计{total}{unit}，已识别的各项之和为{expected}{unit}；同句还有未能识别所指的数额，未作判断。',
      unstated: '{name}：合计{total}{unit}，文中写明的各项之和为{expected}{unit}，少{diff}{unit}；{absent}文中未写明——若确无这些项目，合计或分项有误。',
      exceeds: '{name}：{part}{partValue}{unit}超过{total}{unit}。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    for (const id of TEXT_IDENTITIES) {
      const total = figs.get(id.total);
      if (!total) continue;
      const parts: Num[] = [];
      let missing = false;
      if (id.prefix) {
        for (const [k, v] of figs) if (k.startsWith(id.prefix + ':')) parts.push(v.num);
        if (parts.length < 2) continue;
      }
      for (const p of id.parts) {
        const f = figs.get(p);
        if (f) parts.push(f.num);
        else missing = true;
      }
      const absent: string[] = [];
      for (const p of id.optional ?? []) {
        const f = figs.get(p);
        if (f) parts.push(f.num);
        else absent.push(p);
      }
      if (missing || parts.length === 0) continue;
      if (parts.some((p) => p.unit !== total.num.unit)) continue;
      if (id.rel === '>=') {
        const p = parts[0];
        if (val(p).gt(val(total.num))) ctx.report({ messageId: 'exceeds', at: span(p), data: { name: id.name, part: id.parts[0], partValue: p.raw, total: total.num.raw, unit: total.num.unit } });
        continue;
      }
      const r = checkSum(P(total.num), parts.map((p): Printed => P(p)));
      if (r.verdict === 'exact') continue;
      // A figure in the total's own sentence that could not be bound may be a part we do not know
      // ("单位预留机动经费100万元"): the breakdown read is then not known to be complete.
      const unread = r.verdict === 'wrong' && (input.unbound ?? []).some((u) => u.sentenceStart === total.claim.sentenceStart && u.num.start > total.num.start && u.num.unit === total.num.unit);
      // Parts the text does not name ("本年收入合计1,000万元，其中财政拨款收入900万元" leaves 其他收入 unsaid) can
      // only add to the sum: a shortfall may be them (not known to be wrong), an excess is wrong whatever they are.
      if (!unread && shortByUnnamed(r, absent)) {
        ctx.report({
          messageId: 'unstated', severity: id.unstated ?? 'warning', at: span(total.num),
          data: { name: id.name, total: total.num.raw, expected: f2(r.expected), diff: f2(r.difference.abs()), unit: total.num.unit, absent: absent.join('、') },
          expected: f2(r.expected), actual: total.num.raw, difference: f2(r.difference),
        });
        continue;
      }
      ctx.report({
        messageId: unread ? 'unsure' : r.verdict === 'rounding' ? 'rounding' : 'wrong',
        // A breakdown read from the text may miss a row the document names differently: warn, don't fail.
        severity: unread ? 'info' : id.prefix ? (r.verdict === 'rounding' ? 'info' : 'warning') : sev(r.verdict),
        at: span(total.num),
        data: { name: id.name, total: total.num.raw, expected: f2(r.expected), diff: f2(r.difference.abs()), unit: total.num.unit },
        expected: f2(r.expected),
        actual: total.num.raw,
        difference: f2(r.difference),
      });
    }
  },
});
