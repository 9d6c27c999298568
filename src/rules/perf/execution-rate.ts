/**
 * perf/execution-rate: the printed 执行率 of each funds row equals 执行数 / 预算数 (the form's own
 * denominator: 全年预算数, or 调整后预算数 in 四川), and the 执行率 score equals min(执行率, 1) × 权重.
 * A 0.00% (or blank) rate against a zero budget and zero spending is the forms' convention, not a finding.
 */
import { defineRule } from '../define.js';
import { checkRatio } from '../../calc/compare.js';
import { D, halfUnit } from '../../calc/money.js';
import { executionRate, executionScore } from '../../calc/performance.js';
import { num, at, project, execution, t, diff } from './shared.js';

export default defineRule({
  meta: {
    id: 'perf/execution-rate',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '预算执行率应等于执行数除以预算数，执行率得分应等于执行率乘以权重（不超过权重）',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：预算执行率 = 执行数 / 全年预算数，得分 = 执行率 × 分值；四川：预算执行率 = 预算执行数 / 调整后预算数',
    messages: {
      rate: '“{project}”{label}的执行率应为{expected}%，实为{actual}（差额{d}个百分点）。',
      zeroBudget: '“{project}”{label}的预算数为0，执行率应不填或为0，实为{actual}。',
      score: '“{project}”预算执行率得分应为{expected}分，实为{actual}分（差额{d}）。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      const name = project(form);
      for (const f of form.funds) {
        const rate = num(f.rate);
        const budget = num(f.budget);
        const executed = num(f.executed);
        if (!rate || !budget || !executed) continue;
        if (budget.value.isZero()) {
          if (executed.value.isZero() && rate.value.isZero()) continue;
          if (rate.value.isZero()) continue;
          ctx.report({ messageId: 'zeroBudget', severity: 'warning', at: at(f.rate, form), data: { project: name, label: f.label, actual: f.rate.text }, expected: '—', actual: f.rate.text });
          continue;
        }
        const r = checkRatio(rate, executed, budget);
        if (r.verdict === 'exact' || !r.expected) continue;
        const d = rate.value.sub(r.expected);
        ctx.report({
          messageId: 'rate',
          severity: r.verdict === 'rounding' ? 'info' : 'error',
          at: at(f.rate, form),
          data: { project: name, label: f.label, expected: t(r.expected, rate.dp), actual: f.rate.text, d: diff(d, rate.dp) },
          expected: t(r.expected, rate.dp) + '%',
          actual: f.rate.text,
          difference: diff(d, rate.dp),
        });
      }
      // the 执行率 score
      const ex = execution(form);
      const stated = num(ex.row?.score);
      const budget = num(ex.row?.budget);
      const executed = num(ex.row?.executed);
      if (!ex.row || !stated || !ex.weight || !budget || !executed) continue;
      const rate = executionRate(executed.value, budget.value);
      if (rate === null) continue;
      const dp = Math.max(stated.dp, 2);
      const expected = executionScore(rate, ex.weight.value, dp);
      const d = stated.value.sub(expected);
      if (d.isZero()) continue;
      const rounding = d.abs().lte(halfUnit(stated.dp).add(new D('0.005')));
      ctx.report({
        messageId: 'score',
        severity: rounding ? 'info' : 'error',
        at: at(ex.row.score, form),
        data: { project: name, expected: t(expected), actual: ex.row.score!.text, d: diff(d) },
        expected: t(expected),
        actual: ex.row.score!.text,
        difference: diff(d),
      });
    }
  },
});
