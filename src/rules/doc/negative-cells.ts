/**
 * doc/negative-cells: the nine tables report amounts received and spent; none of them is negative. A
 * negative 结转和结余 (an overspent balance) can be real and is left alone, as are rows and columns of
 * 结余分配 and 使用非财政拨款结余. Only tables read with confidence (src/extract/tables; for a model file,
 * its own tables) are looked at: a sign lost or invented by the reading is not the document's.
 */
import { defineRule } from '../define.js';
import { TABLE_SPECS } from '../../model/tables.js';
import { cellAt, cellLabel, reliableTables, tableLabel } from '../table/shared.js';

/** Rows and columns where a negative value can be legitimate. */
const MAY_BE_NEGATIVE = /结转|结余/;
/** At most this many cells named per table; then one count. */
const SHOWN = 3;

export default defineRule({
  meta: {
    id: 'doc/negative-cells',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '决算报表的收入、支出金额不应为负数',
    basis: '部门决算报表填报口径（收入、支出按实际发生数填列）；rule-ideas.md V33-004、R014、§4 第15项',
    messages: {
      negative: '{cell}为负数（{value}），收入、支出金额不应为负。',
      more: '{table}另有{n}个负数单元格。',
    },
  },
  check(input, ctx) {
    for (const t of reliableTables(input)) {
      const spec = TABLE_SPECS[t.table.kind];
      let n = 0;
      t.table.rows.forEach((row, i) => {
        if (MAY_BE_NEGATIVE.test(row.name) || (row.key && /closing|opening|nonfiscal|distribution/.test(row.key))) return;
        for (const col of Object.keys(row.values)) {
          const colLabel = spec.columns.find((c) => c.key === col)?.label ?? col;
          if (MAY_BE_NEGATIVE.test(colLabel)) continue;
          const c = cellAt(t, i, col);
          if (!c.printed || !c.printed.value.isNegative()) continue;
          if (++n > SHOWN) continue;
          ctx.report({ messageId: 'negative', at: c.at, data: { cell: cellLabel(c), value: c.raw }, actual: c.raw, expected: '≥0' });
        }
      });
      if (n > SHOWN) ctx.report({ messageId: 'more', at: t.titleAt?.start !== undefined && t.titleAt.end !== undefined ? { start: t.titleAt.start, end: t.titleAt.end } : undefined, data: { table: tableLabel(t), n: n - SHOWN } });
    }
  },
});
