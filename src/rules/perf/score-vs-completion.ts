/**
 * perf/score-vs-completion: each quantitative indicator's printed score agrees with its 指标性质 and its
 * completion under 财预〔2020〕10号 (met → full weight; unmet → 完成值/指标值 × 权重, reversed for ≤; ＝ by
 * closeness, calc/performance.ts), and a printed 完成比例 agrees with 完成值/指标值. Local formulas differ
 * (score bands, 偏离度 deductions), so a disagreement is a warning for a reviewer, never an error;
 * a difference the printed precision explains is info. Indicators whose values are not numbers are skipped.
 */
import { defineRule } from '../define.js';
import { D, halfUnit, round } from '../../calc/money.js';
import { parseNature, scoreIndicator } from '../../calc/performance.js';
import { num, at, project, t, diff } from './shared.js';

const key = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

export default defineRule({
  meta: {
    id: 'perf/score-vs-completion',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '定量指标得分应与指标性质和完成情况相符（完成得满分，未完成按完成比例计分）',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：定量指标完成指标值的记满分，未完成的按照完成值与指标值的比例记分',
    messages: {
      unmetFull: '“{project}”中“{name}”（{nature}{target}，完成{actual}）未完成指标值，得分应为{expected}分，实为满分{score}分（差额{d}）。',
      metNotFull: '“{project}”中“{name}”（{nature}{target}，完成{actual}）已完成指标值，得分应为满分{expected}分，实为{score}分（差额{d}）。',
      proportional: '“{project}”中“{name}”（{nature}{target}，完成{actual}）按完成比例得分应为{expected}分，实为{score}分（差额{d}）。',
      completion: '“{project}”中“{name}”的完成比例应为{expected}%，实为{stated}（差额{d}个百分点）。',
      qualitative: '“{project}”中“{name}”（定性，完成值与指标值相同或完成比例100%）已达成年度指标，得分应不低于{expected}分（权重的80%），实为{score}分（差额{d}）。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      const name = project(form);
      // 定性: 达成 → 100–80 % of the weight (财预〔2020〕10号); a lower score for an achieved indicator is suspect
      const checkQualitative = (i: (typeof form.indicators)[number]) => {
        const weight = num(i.weight);
        const stated = num(i.score);
        if (!weight || !stated || stated.value.gt(weight.value)) return;
        const comp = num(i.completion);
        const same = i.target.text.trim() !== '' && key(i.target.text) === key(i.actual.text);
        if (!same && !(comp && comp.value.gte(100))) return;
        const min = weight.value.mul(ctx.policy.qualitativeBands.achieved.min);
        if (stated.value.gte(min)) return;
        const d = stated.value.sub(min);
        ctx.report({
          messageId: 'qualitative',
          at: at(i.score, form),
          data: { project: name, name: i.name.text || i.level2, expected: t(min), score: i.score.text, d: diff(d) },
          expected: '≥' + t(min),
          actual: i.score.text,
          difference: diff(d),
        });
      };
      for (const i of form.indicators) {
        const nature = parseNature(i.nature.text);
        if (nature === 'qualitative') {
          checkQualitative(i);
          continue;
        }
        if (!nature) continue;
        const weight = num(i.weight);
        const target = num(i.target, i.unit.text);
        const actual = num(i.actual, i.unit.text);
        if (!weight || !target || !actual) continue;
        const sc = scoreIndicator({ level1: i.level1, level2: i.level2, name: i.name.text, nature, target: i.target.text, actual: i.actual.text, unit: i.unit.text, weight: weight.value.toNumber() }, ctx.policy);
        if (!sc.scorable) continue;
        const data = { project: name, name: i.name.text || i.level2, nature: i.nature.text.trim(), target: i.target.text, actual: i.actual.text };
        const stated = num(i.score);
        if (stated && !stated.value.gt(weight.value)) {
          const expected = sc.score;
          const d = stated.value.sub(expected);
          if (!d.isZero()) {
            const rounding = d.abs().lte(halfUnit(stated.dp).add(halfUnit(2)));
            const full = stated.value.eq(weight.value);
            const messageId = sc.method === 'met' ? 'metNotFull' : full ? 'unmetFull' : 'proportional';
            ctx.report({
              messageId,
              severity: rounding ? 'info' : 'warning',
              at: at(i.score, form),
              data: { ...data, expected: t(expected), score: i.score.text, d: diff(d) },
              expected: t(expected),
              actual: i.score.text,
              difference: diff(d),
            });
          }
        }
        // printed 完成比例 (a capped 100% for over-achievement is accepted)
        const comp = num(i.completion);
        if (comp && sc.completionPct) {
          const exact = round(sc.completionPct, comp.dp);
          const capped = round(D.min(sc.completionPct, new D(100)), comp.dp);
          if (!comp.value.eq(exact) && !comp.value.eq(capped)) {
            const d = comp.value.sub(capped);
            const rounding = d.abs().lte(halfUnit(comp.dp).mul(2));
            ctx.report({
              messageId: 'completion',
              severity: rounding ? 'info' : 'warning',
              at: at(i.completion, form),
              data: { project: name, name: data.name, expected: t(capped, comp.dp), stated: i.completion.text, d: diff(d, comp.dp) },
              expected: t(capped, comp.dp) + '%',
              actual: i.completion.text,
              difference: diff(d, comp.dp),
            });
          }
        }
      }
    }
  },
});
