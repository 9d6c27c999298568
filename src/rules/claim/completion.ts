/**
 * claim/completion: 完成率 = 决算 / 预算. A 完成率 against a zero 年初预算 is meaningless (the Putuo
 * defect: "年初预算为0万元…完成年初预算的95.89%"); the figure is then usually the 全年预算 ratio.
 */
import { defineRule } from '../define.js';
import { checkRatio } from '../../calc/compare.js';
import type { Claim, Num } from '../../claims/types.js';
import { P, val, span, ratioOutcome, TRUNCATED_MESSAGE } from '../util.js';

type C = Claim & { budgetValue?: Num; fullYearBudgetValue?: Num };

export default defineRule({
  meta: {
    id: 'claim/completion',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '完成预算的百分比应等于决算数除以所指预算数；预算为0时不得计算完成率',
    basis: 'domain.md §3.4；GovBudgetChecker R004：年初预算为0而称“完成年初预算的X%”',
    messages: {
      zeroBudget: '{subject}{basisWord}为0，不能“完成{basisWord}的{actual}%”{hint}。',
      wrong: '{subject}完成{basisWord}的比例应为{expected}%，实为{actual}%。',
      rounding: '{subject}完成{basisWord}的比例{actual}%与按印出数计算的{expected}%不同，可由四舍五入解释。',
      truncated: TRUNCATED_MESSAGE,
    },
  },
  check(input, ctx) {
    for (const raw of input.claims) {
      const c = raw as C;
      if (!c.completion || !c.value) continue;
      const basisWord = c.completionBasis === 'fullYearBudget' ? '全年预算' : '年初预算';
      const budget = c.completionBasis === 'fullYearBudget' ? c.fullYearBudgetValue : c.budgetValue ?? (c.basis === 'budget' ? c.baseValue : undefined);
      if (!budget) continue;
      if (val(budget).isZero()) {
        let hint = '';
        if (c.fullYearBudgetValue && !val(c.fullYearBudgetValue).isZero()) {
          const r = checkRatio(P(c.completion), P(c.value), P(c.fullYearBudgetValue));
          if (r.verdict !== 'wrong') hint = `（该数是对全年预算${c.fullYearBudgetValue.raw}${c.fullYearBudgetValue.unit}的完成率）`;
        }
        ctx.report({ messageId: 'zeroBudget', at: span(c.completion), data: { subject: c.subject, basisWord, actual: c.completion.raw, hint }, actual: c.completion.raw + '%', expected: '不适用' });
        continue;
      }
      const r = checkRatio(P(c.completion), P(c.value), P(budget));
      const outcome = ratioOutcome(r);
      if (!outcome) continue;
      const expected = r.expected ? r.expected.toFixed(c.completion.dp) : '—';
      ctx.report({ ...outcome, at: span(c.completion), data: { subject: c.subject, basisWord, expected, actual: c.completion.raw }, expected: expected + '%', actual: c.completion.raw + '%' });
    }
  },
});
