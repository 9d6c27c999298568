/**
 * table/empty-note: an empty 三公 / 政府性基金 / 国有资本经营 table is published with its note ("…没有…，故本表
 * 无数据/为空表"); a text statement "本部门…无…" must match an empty table, and a figure above zero in the text
 * must not stand against an empty table.
 */
import { defineRule } from '../define.js';
import type { ExtractedTable } from '../../extract/table-types.js';
import type { TableKind } from '../../model/tables.js';
import { sum, ZERO } from '../../calc/money.js';
import { CONCEPT_BY_ID } from '../../model/concepts.js';
import { printedOf } from '../../calc/compare.js';
import { compactNorm, reliableTable, tableLabel, type Span } from './shared.js';
import { ownValue } from './text.js';

const KINDS: { kind: TableKind; what: string; re: RegExp }[] = [
  { kind: 't7', what: '“三公”经费', re: /(?:无|没有)(?:财政拨款)?[“"]?三公[”"]?经费(?:财政拨款)?(?:支出)?(?!的)/g },
  { kind: 't8', what: '政府性基金预算财政拨款收支', re: /(?:无|没有)政府性基金预算财政拨款(?:收入|支出|收支|和|及)*(?!的)/g },
  { kind: 't9', what: '国有资本经营预算财政拨款收支', re: /(?:无|没有)国有资本经营预算财政拨款(?:收入|支出|收支|和|及)*(?!的)/g },
];

const spanOf = (s?: { start?: number; end?: number }): Span | undefined => (s?.start !== undefined && s.end !== undefined ? { start: s.start, end: s.end } : undefined);

/** Sum of the absolute values a table prints (zero for an empty table). */
function printedTotal(t: ExtractedTable) {
  return sum(t.table.rows.flatMap((r) => Object.values(r.values).map((v) => printedOf(v)?.value.abs() ?? ZERO)));
}

export default defineRule({
  meta: {
    id: 'table/empty-note',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '空表应注明原因；文中“无…”的表述应与空表一致',
    basis: '财政部部门决算公开要求：无数据的表格保留格式并在表下说明（上海2024模板：“…本年度没有…，故本表无数据。”）；domain.md §3.3',
    messages: {
      noNote: '{table}为空表，但表下没有说明（如“本部门本年度没有{what}，故本表无数据。”）。',
      statedNone: '文中称无{what}，但{table}有数据（合计{total}万元）。',
      figureButEmpty: '文中{subject}为{value}万元，但{table}为空表。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    const { s, map } = doc ? compactNorm(doc) : { s: '', map: [] as number[] };
    // Table pages: the notes printed under the tables are not statements of the text.
    const tableSpans = input.tables.flatMap((t) => [spanOf(t.titleAt), ...t.rowSources.map(spanOf)].filter((x): x is Span => !!x));
    for (const t of input.tables) {
      const note = t.table.note;
      if (!note || !doc) continue;
      for (let i = doc.text.indexOf(note); i >= 0; i = doc.text.indexOf(note, i + 1)) tableSpans.push({ start: i, end: i + note.length });
    }
    for (const k of KINDS) {
      const t = input.tables.find((x) => x.table.kind === k.kind);
      if (!t) continue;
      if (t.table.empty && !t.table.note) ctx.report({ messageId: 'noNote', at: spanOf(t.titleAt), data: { table: tableLabel(t), what: k.what } });
      const reliable = reliableTable(input, k.kind);
      if (!reliable) continue;
      const total = printedTotal(reliable);
      if (!reliable.table.empty && total.isZero()) continue;
      if (!reliable.table.empty) {
        for (let m = k.re.exec(s); m; m = k.re.exec(s)) {
          const at = { start: map[m.index], end: map[m.index + m[0].length - 1] + 1 };
          if (tableSpans.some((x) => at.start >= x.start && at.start < x.end)) continue;
          // "无…的，仍保留该表格式" is the template's instruction, not a statement.
          if (/^(?:财政拨款|收入|支出|收支|和|及)*的/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
          ctx.report({ messageId: 'statedNone', severity: 'error', at, data: { what: k.what, table: tableLabel(reliable), total: total.toFixed(2) } });
        }
        k.re.lastIndex = 0;
      } else {
        for (const c of input.claims) {
          const src = c.concept ? CONCEPT_BY_ID.get(c.concept.split(':')[0])?.source : undefined;
          const inTable = src && 'table' in src ? src.table === k.kind : k.kind === 't7' && /三公|因公出国|公务用车|公务接待/.test(c.concept ?? '');
          if (!inTable) continue;
          const v = ownValue(c);
          if (!v || v.unit !== '万元' || (printedOf(v.value)?.value.isZero() ?? true)) continue;
          ctx.report({ messageId: 'figureButEmpty', severity: 'error', at: { start: v.start, end: v.end }, data: { subject: c.subject, value: v.raw, table: tableLabel(reliable) } });
        }
      }
    }
  },
});
