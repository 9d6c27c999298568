/**
 * perf/form-count: the number of 自评表 published against "以填报目标自评表形式开展自评N项" in the text.
 * Departments publish the forms of selected projects only (domain.md §5: 自评表 for selected projects), so
 * fewer forms than N is a note (info), not a fault; more forms than N is a contradiction (warning).
 */
import { defineRule } from '../define.js';

const STATED = /以填报(?:目标)?自评表(?:的)?形式开展(?:了)?自评\s*(\d+)\s*[项个]/gu;

export default defineRule({
  meta: {
    id: 'perf/form-count',
    type: 'completeness',
    defaultSeverity: 'info',
    description: '公开的自评表数量与正文所述以自评表形式开展自评的项目数对照',
    basis: '部门决算公开模板“预算绩效管理情况说明”：说明开展自评的项目个数，并公开部分重点项目的绩效自评表',
    messages: {
      fewer: '正文称以自评表形式开展自评{stated}项，公开的自评表应为{stated}张或所选重点项目，实为{actual}张（差额{d}）；仅公开部分项目自评表属常见做法，请确认。',
      more: '正文称以自评表形式开展自评{stated}项，公开的自评表应不多于{stated}张，实为{actual}张（差额{d}）。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    if (!doc) return;
    const hay = doc.norm.length === doc.text.length ? doc.norm : doc.text;
    const actual = input.selfEvaluations.length;
    for (const m of hay.matchAll(STATED)) {
      const n = Number(m[1]);
      const numStart = (m.index ?? 0) + m[0].indexOf(m[1]);
      const at = { start: numStart, end: numStart + m[1].length };
      if (actual > n) {
        ctx.report({ messageId: 'more', severity: 'warning', at, data: { stated: n, actual, d: `+${actual - n}` }, expected: `≤${n}`, actual: String(actual), difference: `+${actual - n}` });
      } else if (actual < n) {
        ctx.report({ messageId: 'fewer', at, data: { stated: n, actual, d: String(actual - n) }, expected: String(n), actual: String(actual), difference: String(actual - n) });
      }
      break; // the first statement is the one that counts
    }
  },
});
