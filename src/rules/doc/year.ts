/**
 * doc/year: a figure sentence dated in a year other than the document's year or the year before
 * ("2021年度收入总计…" in a 2020 决算) is usually text copied from another year. Not asked of press items,
 * a government's 决算 report or a regional total (document kind), which compare several years by nature.
 */
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'doc/year',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '说明中的年度应为决算年度（或上年）',
    basis: 'rule-ideas.md V33-001/BUD-003：其他年度的数字多为沿用旧稿',
    messages: { other: '本文为{year}年度决算，此处写“{text}”。' },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    const year = input.year;
    if (!norm || !year) return;
    // Press items, a government's report and regional totals compare several years by nature.
    if (input.kind === 'press' || input.kind === 'gov-final' || input.kind === 'summary') return;
    const re = /(\d{4})\s*年度(收入|支出|财政拨款|一般公共|政府性基金|“?三公|本部门|本单位)/g;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const y = Number(m[1]);
      if (y === year || y === year - 1) continue;
      ctx.report({ messageId: 'other', at: { start: m.index, end: m.index + 4 }, data: { year, text: m[0] }, expected: String(year), actual: m[1] });
    }
  },
});
