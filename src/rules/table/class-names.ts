/**
 * table/class-names: 类/款/项 names written in the text must be the table's names for the same code.
 * A path "A（类）B（款）C（项）" is tied to a row of the table its section describes, by names where they
 * match or else by its 决算 amount when that singles out one row; a bare "A（类）" is tied by the 类
 * dictionary. Warning: a renamed or mistyped subject, not an arithmetic error.
 */
import { defineRule } from '../define.js';
import { nameKey, reliableTable, tableLabel, codeRows } from './shared.js';
import { classMentions, resolvePath, textPaths } from './paths.js';

export default defineRule({
  meta: {
    id: 'table/class-names',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '文中类、款、项科目名称应与表中同一科目编码的名称一致',
    basis: '《政府收支分类科目》；domain.md §3.3、§3.5（科目编码与名称不符、沿用旧科目名称）',
    messages: {
      differs: '文中{level}名称“{stated}”与{table}中{code}的名称“{name}”不一致。',
    },
  },
  check(input, ctx) {
    const seen = new Set<number>();
    for (const p of textPaths(input)) {
      const r = resolvePath(input, p);
      if (!r) continue;
      const code = r.row.code!;
      const rows = r.table.table.rows;
      const byCode = (c: string) => rows.find((x) => x.code === c);
      const levels: { level: string; stated: typeof p.cls | undefined; code: string }[] = [
        { level: '类', stated: p.cls, code: code.slice(0, 3) },
        { level: '款', stated: p.kuan, code: code.slice(0, 5) },
        { level: '项', stated: p.xiang, code: code.length === 7 ? code : '' },
      ];
      for (const l of levels) {
        if (!l.stated || !l.code) continue;
        const row = byCode(l.code);
        if (!row || nameKey(row.name) === nameKey(l.stated.name)) continue;
        seen.add(l.stated.at.start);
        ctx.report({ messageId: 'differs', at: l.stated.at, data: { level: l.level, stated: l.stated.name, table: tableLabel(r.table), code: l.code, name: row.name }, expected: row.name, actual: l.stated.name });
      }
    }
    // Bare 类 mentions: the 类 dictionary gives the code, the table (T5, else T3) gives the name.
    const t = reliableTable(input, 't5') ?? reliableTable(input, 't3');
    if (!t) return;
    for (const m of classMentions(input)) {
      if (!m.code || seen.has(m.at.start)) continue;
      const row = codeRows(t, 3).find((x) => x.row.code === m.code)?.row;
      if (!row || nameKey(row.name) === nameKey(m.name)) continue;
      seen.add(m.at.start);
      ctx.report({ messageId: 'differs', at: m.at, data: { level: '类', stated: m.name, table: tableLabel(t), code: m.code, name: row.name }, expected: row.name, actual: m.name });
    }
  },
});
