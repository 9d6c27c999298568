/**
 * quantity/vehicles: vehicles by type add up to the stated total; the 三公 保有量 matches the 国有资产
 * vehicle count (they can legitimately differ when some vehicles are not 公务用车 — warning).
 */
import { defineRule } from '../define.js';
import { figures, span } from '../util.js';
import { VEHICLE_CLASSES } from '../../claims/quantities.js';

export default defineRule({
  meta: {
    id: 'quantity/vehicles',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '车辆分类数之和应等于车辆总数',
    basis: '国有资产占用情况说明：车辆按用途分类列示（domain.md §1.3）',
    messages: {
      sum: '车辆分类合计应为{expected}辆，文中总数为{actual}辆。',
      unknownClass: '车辆总数后列出{listed}个类别，只识别出{known}个，未核对分类合计。',
      held: '“三公”保有量{held}辆与国有资产车辆总数{total}辆不一致，请核对口径。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    const total = figs.get('量:车辆总数');
    if (!total) return;
    // One count per printed number: "主要领导干部用车2辆" also matches the shorter class 领导干部用车 at the same
    // "2" (and a class listed twice in the vocabulary gives the same claim twice); the longest name keeps it.
    const byNumber = new Map<number, { name: string; fig: NonNullable<ReturnType<typeof figs.get>> }>();
    for (const t of VEHICLE_CLASSES) {
      const fig = figs.get(`量:车辆:${t}`);
      if (!fig) continue;
      const had = byNumber.get(fig.num.start);
      if (!had || had.name.length < t.length) byNumber.set(fig.num.start, { name: t, fig });
    }
    const typed = [...byNumber.values()].map((x) => x.fig);
    // Every "N辆" of the sentence that gives the total must be a class we know; otherwise the classes read are
    // not all of them (abstain).
    const text = input.doc?.norm ?? '';
    const end = text.indexOf('。', total.num.end);
    const listed = (text.slice(total.num.end, end < 0 ? undefined : end).match(/\d+\s*辆/g) ?? []).length;
    const inSentence = typed.filter((x) => x!.num.start > total.num.end && (end < 0 || x!.num.start < end)).length;
    if (listed > inSentence) {
      ctx.report({ messageId: 'unknownClass', severity: 'info', at: span(total.num), data: { listed, known: inSentence } });
    } else if (typed.length >= 2) {
      const s = typed.reduce((a, b) => a + Number(b!.num.value), 0);
      if (s !== Number(total.num.value)) ctx.report({ messageId: 'sum', at: span(total.num), data: { expected: s, actual: total.num.value }, expected: String(s), actual: total.num.value });
    }
    const held = figs.get('量:车辆保有量');
    if (held && held.num.value !== total.num.value) ctx.report({ messageId: 'held', severity: 'warning', at: span(held.num), data: { held: held.num.value, total: total.num.value } });
  },
});
