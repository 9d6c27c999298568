/**
 * doc/class-name-era: a 类 renamed in the classification used for the document's year, still printed
 * under its old name ("医疗卫生与计划生育支出" in a 2020 决算): text copied from an older year's
 * disclosure, or a table built from an old template. Only renames listed in src/vocab/class-renames.ts
 * (those we are sure of) are checked; "医疗卫生与计划生育（类）" counts too. One finding per old name.
 */
import { defineRule } from '../define.js';
import { CLASS_RENAMES } from '../../vocab/class-renames.js';

/** The name with optional white space between characters (PDF letter spacing) and 与/和 folded. */
function loose(name: string): string {
  return [...name].map((ch) => (ch === '与' || ch === '和' ? '[与和及]' : ch)).join('\\s*');
}

const MATCHERS = CLASS_RENAMES.map((r) => ({
  ...r,
  // The full name, or the name without 支出 followed by （类）.
  re: new RegExp(`${loose(r.former)}|${loose(r.former.replace(/支出$/, ''))}\\s*\\(\\s*类\\s*\\)`, 'g'),
}));

export default defineRule({
  meta: {
    id: 'doc/class-name-era',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '功能分类科目名称应为本年度《政府收支分类科目》中的名称',
    basis: '《政府收支分类科目》（财政部逐年发布）；domain.md §3.5（沿用旧科目名称）',
    messages: {
      outdated: '本文为{year}年度，{code}类自{from}年起称“{current}”，此处仍用旧称“{former}”（全文{n}处）。',
    },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    const year = input.year;
    if (!norm || !year) return;
    for (const r of MATCHERS) {
      if (year < r.from) continue;
      r.re.lastIndex = 0;
      const hits = [...norm.matchAll(r.re)];
      if (hits.length === 0) continue;
      const m = hits[0];
      ctx.report({
        messageId: 'outdated',
        at: { start: m.index!, end: m.index! + m[0].length },
        data: { year, code: r.code, from: r.from, current: r.current, former: r.former, n: hits.length },
        expected: r.current,
        actual: m[0].replace(/\s+/g, ''),
      });
    }
  },
});
