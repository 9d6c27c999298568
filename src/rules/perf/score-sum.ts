/**
 * perf/score-sum: Σ 得分 (every indicator plus the 预算执行率 score) equals the 合计 得分 and the 自评总分,
 * and those two agree. Checked only where every score is printed (forms left unscored are not summed).
 */
import { defineRule } from '../define.js';
import type { Printed } from '../../calc/compare.js';
import { num, blank, at, project, execution, t, diff, pointsSum } from './shared.js';

export default defineRule({
  meta: {
    id: 'perf/score-sum',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '各项得分之和应等于“合计”得分和自评总分',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）：自评结果以百分制计分，总分为各项指标得分之和',
    messages: {
      sum: '“{project}”{what}应为各项得分之和{expected}分，实为{actual}分（差额{d}）。',
      totals: '“{project}”自评总分应与“合计”得分{expected}分一致，实为{actual}分（差额{d}）。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      if (form.indicators.length === 0) continue;
      const scores: Printed[] = [];
      let complete = true;
      for (const i of form.indicators) {
        const s = num(i.score);
        if (s) scores.push(s);
        else complete = false;
      }
      const ex = execution(form);
      if (ex.weight && !ex.weight.value.isZero()) {
        const es = num(ex.row?.score);
        if (es) scores.push(es);
        else complete = false;
      }
      const name = project(form);
      const targets = [
        { what: '“合计”得分', v: form.scoreTotal },
        { what: '自评总分', v: form.totalScore },
      ];
      if (complete) {
        for (const tg of targets) {
          const st = num(tg.v);
          if (!st) continue;
          const r = pointsSum(st.value, scores);
          if (r.verdict === 'exact') continue;
          ctx.report({
            messageId: 'sum',
            severity: r.verdict === 'rounding' ? 'info' : 'error',
            at: at(tg.v, form),
            data: { project: name, what: tg.what, expected: t(r.expected), actual: tg.v!.text, d: diff(r.difference) },
            expected: t(r.expected),
            actual: tg.v!.text,
            difference: diff(r.difference),
          });
        }
      } else if (!blank(form.scoreTotal) && !blank(form.totalScore)) {
        // scores missing, but the two printed totals still have to agree
        const a = num(form.scoreTotal);
        const b = num(form.totalScore);
        if (a && b && !a.value.eq(b.value)) {
          const d = b.value.sub(a.value);
          ctx.report({ messageId: 'totals', at: at(form.totalScore, form), data: { project: name, expected: form.scoreTotal!.text, actual: form.totalScore.text, d: diff(d) }, expected: form.scoreTotal!.text, actual: form.totalScore.text, difference: diff(d) });
        }
      }
    }
  },
});
