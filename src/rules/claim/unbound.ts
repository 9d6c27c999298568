/**
 * claim/unbound: what could not be read is said, not guessed. Figures whose subject, measure, unit or year
 * the words do not settle are checked by nothing; one note per document counts them and points at the first.
 */
import { defineRule } from '../define.js';
import { span } from '../util.js';

const WHY: Record<string, string> = {
  'no-subject': '未能确定所指科目',
  'unknown-words': '与科目之间有未识别的词语',
  distributive: '“各/分别”并列表述',
  'other-year': '属于其他年度',
  'budget-measure': '是预算数而非决算数',
};

export default defineRule({
  meta: {
    id: 'claim/unbound',
    type: 'completeness',
    defaultSeverity: 'info',
    description: '未能确定所指的数字不作核对，并说明数量',
    basis: '审核原则：错误须以文字确定的数字为据，其余不猜测',
    messages: {
      unbound: '有{count}处数字未作核对（{reasons}），首处见此。',
    },
  },
  check(input, ctx) {
    const all = input.unbound ?? [];
    // Figures a quantity pattern read (人均接待费146.89元) are not unread.
    const read = input.claims.filter((c) => c.concept?.startsWith('量:'));
    const left = all.filter((u) => !read.some((c) => (c.value?.start === u.num.start) || (c.count?.start === u.num.start)));
    if (!left.length) return;
    const by = new Map<string, number>();
    for (const u of left) by.set(u.why, (by.get(u.why) ?? 0) + 1);
    const reasons = [...by].map(([k, n]) => `${WHY[k] ?? k}${n}处`).join('，');
    ctx.report({ messageId: 'unbound', at: span(left[0].num), data: { count: left.length, reasons } });
  },
});
