/**
 * perf/score-within-weight: no score is negative or above its weight (indicators and 预算执行率).
 */
import { defineRule } from '../define.js';
import { num, at, project, execution, t, diff } from './shared.js';

export default defineRule({
  meta: {
    id: 'perf/score-within-weight',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '每项指标得分应在0与该项权重之间',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）：各项指标得分不得超过其权重分值',
    messages: {
      above: '“{project}”中“{name}”的得分应不高于权重{expected}分，实为{actual}分（差额{d}）。',
      negative: '“{project}”中“{name}”的得分应不低于0分，实为{actual}分（差额{d}）。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      const items = form.indicators.map((i) => ({ name: i.name.text || i.level2 || '指标', weight: i.weight, score: i.score }));
      const ex = execution(form);
      if (ex.row?.score) items.push({ name: '预算执行率', weight: ex.weightAt ?? { text: '' }, score: ex.row.score });
      for (const it of items) {
        const s = num(it.score);
        const w = num(it.weight);
        if (!s) continue;
        if (s.value.isNeg()) {
          ctx.report({ messageId: 'negative', at: at(it.score, form), data: { project: project(form), name: it.name, actual: it.score.text, d: diff(s.value) }, expected: '0', actual: it.score.text, difference: diff(s.value) });
        } else if (w && s.value.gt(w.value)) {
          const d = s.value.sub(w.value);
          ctx.report({ messageId: 'above', at: at(it.score, form), data: { project: project(form), name: it.name, expected: t(w.value), actual: it.score.text, d: diff(d) }, expected: t(w.value), actual: it.score.text, difference: diff(d) });
        }
      }
    }
  },
});
