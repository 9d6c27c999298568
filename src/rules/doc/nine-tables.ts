/**
 * doc/nine-tables: a complete 部门决算/单位决算 publishes the nine tables (收入支出决算总表 … 国有资本经营预算
 * 财政拨款支出决算表), by title with regional and era variants (src/model/tables.ts, src/vocab/table-titles.ts).
 * Low false-alarm design: excerpts are not judged (the document must reach its last part); a document
 * that shows fewer than three of the tables publishes them elsewhere (a spreadsheet attachment, images)
 * and gets one info; 表9 before 2020 is an info (eight tables were the standard then); a table listed in
 * the contents is left to doc/toc-tables. Budgets have their own tables and are not asked for these.
 */
import { defineRule } from '../define.js';
import { TABLE_KINDS, TABLE_SPECS } from '../../model/tables.js';
import { isBudget, isDisclosure } from '../../structure/kind.js';
import { outlineState } from './required-sections.js';
import { linesOf, tablesShown, tableKindOfTitle, tocOf } from './shared.js';

/** Fewer tables than this shown: the tables are published elsewhere. */
const MIN_SHOWN = 3;
/** Before this year many regions published eight tables (no 国有资本经营 table; domain.md §1.2). */
const NINE_FROM = 2020;

export default defineRule({
  meta: {
    id: 'doc/nine-tables',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '部门决算应公开九张决算报表',
    basis: '财预〔2016〕143号 部门决算报表；财政部 部门决算公开九张表（domain.md §1.2）',
    messages: {
      missing: '未见表{no}“{title}”（正文中见到{shown}张决算报表）。',
      missingOld: '未见表{no}“{title}”；{year}年度有的地区只公开八张表，请确认。',
      elsewhere: '正文中只见到{shown}张决算报表，报表可能以附件或图片另行公开；未检查九张表是否齐全。',
    },
  },
  check(input, ctx) {
    if (!input.doc || !isDisclosure(input.kind ?? 'dept-final') || isBudget(input.kind)) return;
    const state = outlineState(input);
    if (!state?.complete) return;
    const lines = linesOf(input);
    const shown = tablesShown(input, lines);
    if (shown.size < MIN_SHOWN) {
      ctx.report({ messageId: 'elsewhere', severity: 'info', at: { start: 0, end: 0 }, data: { shown: shown.size } });
      return;
    }
    const inToc = new Set((tocOf(lines)?.entries ?? []).map((e) => tableKindOfTitle(e.text)).filter((k) => k !== null));
    for (const kind of TABLE_KINDS) {
      if (shown.has(kind) || inToc.has(kind)) continue;
      const spec = TABLE_SPECS[kind];
      const old = kind === 't9' && input.year !== null && input.year < NINE_FROM;
      ctx.report({
        messageId: old ? 'missingOld' : 'missing',
        severity: old ? 'info' : undefined,
        at: { start: 0, end: 0 },
        data: { no: spec.no, title: spec.title, shown: shown.size, year: input.year ?? '' },
      });
    }
  },
});
