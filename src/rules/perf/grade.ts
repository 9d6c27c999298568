/**
 * perf/grade: a printed 评价等级 matches the band of the 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60).
 * Only the four 10号 grades are checked; other schemes (合格/不合格) are left alone.
 */
import { defineRule } from '../define.js';
import { gradeOf, type Grade } from '../../calc/performance.js';
import { num, at, project } from './shared.js';

const WORDS: Record<string, Grade> = { 优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 一般: '中', 差: '差', 较差: '差' };

export default defineRule({
  meta: {
    id: 'perf/grade',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '评价等级应与自评总分所在分数段一致',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）：绩效评价结果采取评分和评级相结合的方式，90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差',
    messages: {
      grade: '“{project}”自评总分{total}分，评价等级应为“{expected}”，实为“{actual}”。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      if (!form.grade) continue;
      const stated = WORDS[form.grade.text.replace(/[\s级等]/g, '')] ?? WORDS[form.grade.text.trim()];
      if (!stated) continue;
      const total = num(form.totalScore) ?? num(form.scoreTotal);
      if (!total) continue;
      const expected = gradeOf(total.value);
      if (expected === stated) continue;
      ctx.report({
        messageId: 'grade',
        at: at(form.grade, form),
        data: { project: project(form), total: form.totalScore.text || form.scoreTotal!.text, expected, actual: form.grade.text },
        expected,
        actual: form.grade.text,
      });
    }
  },
});
