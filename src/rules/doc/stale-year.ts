/**
 * doc/stale-year: a year-bound phrase that did not follow the document's year: "截至2020年12月31日" (the 资产
 * as-of date is the 决算 year's end) or "本部门2020年度无…" in a 2021 决算 — typically last year's draft carried
 * forward (`juesuan new --from`) and not revised. Low false alarms by design: only these two phrase shapes, only
 * when the document's year is known; an as-of date of another year is a warning, "本部门YYYY年度" of the year
 * before is info (it may be a comparison), of any other year a warning.
 */
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'doc/stale-year',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '截至日期、“本部门YYYY年度”应随决算年度',
    basis: '部门决算公开模板：国有资产占用情况“截至YYYY年12月31日”为决算年度末；空表与无项目说明“本部门YYYY年度无…”为决算年度',
    messages: {
      asOf: '本文为{year}年度决算，截至日期却是“{text}”，应为{year}年12月31日。',
      selfYear: '本文为{year}年度决算，此处写“{text}”，可能是沿用上年的文字。',
    },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    const year = input.year;
    if (!norm || !year) return;
    const asOf = /截[至止]\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/g;
    for (let m = asOf.exec(norm); m; m = asOf.exec(norm)) {
      if (Number(m[1]) === year) continue;
      const at = m.index + m[0].indexOf(m[1]);
      ctx.report({ messageId: 'asOf', at: { start: at, end: at + 4 }, data: { year, text: m[0] }, expected: String(year), actual: m[1] });
    }
    const self = /(本部门|本单位)\s*(\d{4})\s*年度/g;
    for (let m = self.exec(norm); m; m = self.exec(norm)) {
      const y = Number(m[2]);
      if (y === year) continue;
      const at = m.index + m[0].indexOf(m[2]);
      ctx.report({
        messageId: 'selfYear', at: { start: at, end: at + 4 }, data: { year, text: m[0] }, expected: String(year), actual: m[2],
        ...(y === year - 1 ? { severity: 'info' as const } : {}),
      });
    }
  },
});
