/**
 * perf/weight-sum: the weights of a 自评表 — every indicator plus the 预算执行率 weight — add up to 100, and to
 * the 合计 the form prints. Forms whose indicator weights are not all printed (cut-off fragments) are skipped.
 * A 合计 equal to the indicators alone (without the 执行率 weight) is accepted: some forms print it so.
 */
import { defineRule } from '../define.js';
import type { Printed } from '../../calc/compare.js';
import { D } from '../../calc/money.js';
import { num, blank, at, project, execution, t, diff, pointsSum } from './shared.js';

export default defineRule({
  meta: {
    id: 'perf/weight-sum',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '自评表各项指标权重（含预算执行率权重）合计应为100分，并与表中“合计”一致',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：单位自评指标权重由各单位确定，预算执行率和一级指标权重原则上为10%、50%、30%、10%，总分100分',
    messages: {
      total: '“{project}”各项权重合计（含预算执行率权重{exec}分）应为{expected}分，实为{actual}分（差额{d}）。',
      stated: '“{project}”权重“合计”栏应为{expected}分，实为{actual}分（差额{d}）。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      if (form.indicators.length === 0) continue;
      const weights: Printed[] = [];
      let complete = true;
      for (const i of form.indicators) {
        const w = num(i.weight);
        if (w) weights.push(w);
        else if (!blank(i.name) || !blank(i.target)) complete = false;
      }
      if (!complete || weights.length === 0) continue;
      const ex = execution(form);
      const exec: Printed = ex.weight ?? { value: new D(0), dp: 0 };
      const parts = [exec, ...weights];
      const total = pointsSum(new D(100), parts);
      const name = project(form);
      if (total.verdict !== 'exact') {
        ctx.report({
          messageId: 'total',
          severity: total.verdict === 'rounding' ? 'info' : 'error',
          at: at(form.weightTotal ?? form.indicators[0].weight, form),
          data: { project: name, exec: t(exec.value), expected: '100', actual: t(total.expected), d: diff(total.expected.sub(100)) },
          expected: '100',
          actual: t(total.expected),
          difference: diff(total.expected.sub(100)),
        });
      }
      const stated = num(form.weightTotal);
      if (stated) {
        const all = pointsSum(stated.value, parts);
        const indicatorsOnly = pointsSum(stated.value, weights);
        if (all.verdict !== 'exact' && indicatorsOnly.verdict !== 'exact') {
          const best = all.verdict === 'rounding' ? all : indicatorsOnly.verdict === 'rounding' ? indicatorsOnly : all;
          ctx.report({
            messageId: 'stated',
            severity: best.verdict === 'rounding' ? 'info' : 'error',
            at: at(form.weightTotal, form),
            data: { project: name, expected: t(best.expected), actual: form.weightTotal!.text, d: diff(stated.value.sub(best.expected)) },
            expected: t(best.expected),
            actual: form.weightTotal!.text,
            difference: diff(stated.value.sub(best.expected)),
          });
        }
      }
    }
  },
});
