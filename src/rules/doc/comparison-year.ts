/**
 * doc/comparison-year: a 决算 compares this year with the year before ("比2019年增加" in a 2020 决算) and
 * with this year's own 年初预算. "比/较/与2018年…" in a 2020 决算 is a sentence copied from an older
 * disclosure, or a slip. Low false-alarm design: only a year directly after 比/较/与/同 counts; 截至…,
 * 《…》 titles and texts that are not a body's own disclosure (press, regional totals) are left alone; a
 * comparison with this year is reported only when it names the 决算 (a 决算 cannot be compared with
 * itself), since "与2020年年初预算相比" is the normal budget comparison.
 */
import { defineRule } from '../define.js';
import { isBudget, isDisclosure } from '../../structure/kind.js';
import { linesOf, skipRanges, inRanges } from './shared.js';

export default defineRule({
  meta: {
    id: 'doc/comparison-year',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '增减比较的基年应为上一年度（与预算比较时为本年度）',
    basis: '财预〔2016〕143号：部门决算应说明决算收支增减变化（与上年对比）；rule-ideas.md §4 第4项',
    messages: {
      notPrevious: '本文为{year}年度{kind}，此处与{stated}年比较；上年应为{previous}年。',
      sameYearFinal: '本文为{year}年度决算，此处与{stated}年的决算比较，应为上年（{previous}年）。',
    },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    const year = input.year;
    if (!norm || !year) return;
    if (!isDisclosure(input.kind) && input.kind !== 'sangong' && input.kind !== undefined) return;
    const skip = skipRanges(input, linesOf(input));
    const kind = isBudget(input.kind) ? '预算' : '决算';
    const re = /(?:比|较|与|同)\s*(20\d{2})\s*年(?:度)?/g;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      if (inRanges(skip, m.index)) continue;
      const stated = Number(m[1]);
      const before = norm.slice(Math.max(0, m.index - 12), m.index);
      if (/截[至止]|[自从于]$/.test(before)) continue;
      // Inside a 《title》 opened on the same line.
      const lineStart = norm.lastIndexOf('\n', m.index) + 1;
      const open = norm.lastIndexOf('《', m.index);
      if (open >= lineStart && norm.indexOf('》', open) > m.index) continue;
      const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 12).replace(/\s+/g, '');
      const at = { start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].indexOf(m[1]) + 4 };
      const data = { year, kind, stated, previous: year - 1 };
      if (stated === year - 1) continue;
      if (stated === year) {
        if (!isBudget(input.kind) && /^(?:度)?(?:决算|同期决算)/.test(after)) ctx.report({ messageId: 'sameYearFinal', at, data, expected: String(year - 1), actual: String(stated) });
        continue;
      }
      // A budget for year Y compares with the year before; a 决算 never with a later year or two years back.
      ctx.report({ messageId: 'notPrevious', at, data, expected: String(year - 1), actual: String(stated) });
    }
  },
});
