/**
 * table/body-name: the body named in the tables' headers (编制单位 / the header line of each table) must be
 * the body the document is about (cover title). Once per document, listing the tables that differ.
 */
import { defineRule } from '../define.js';
import { nameKey, tableLabel } from './shared.js';
import { TABLE_SPECS } from '../../model/tables.js';

/** Loose key for body names: spaces, brackets and a trailing （本级） dropped. */
function bodyKey(name: string): string {
  return nameKey(name.replace(/[（(]本级[)）]$/, ''));
}

export default defineRule({
  meta: {
    id: 'table/body-name',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '表头中的单位名称应与文档封面的单位名称一致',
    basis: 'domain.md §3.5：单位名称在封面、表格、正文间不一致是常见错误；部门决算表应由本部门编制',
    messages: {
      differs: '表头单位名称“{tableName}”与文档单位名称“{bodyName}”不一致（{tables}）。',
    },
  },
  check(input, ctx) {
    const body = input.bodyName;
    if (!body) return;
    const groups = new Map<string, typeof input.tables>();
    for (const t of input.tables) {
      if (!t.bodyName || bodyKey(t.bodyName) === bodyKey(body)) continue;
      const g = groups.get(t.bodyName) ?? [];
      g.push(t);
      groups.set(t.bodyName, g);
    }
    for (const [tableName, ts] of groups) {
      const first = ts.find((t) => t.bodyNameAt?.start !== undefined) ?? ts[0];
      const at = first.bodyNameAt?.start !== undefined && first.bodyNameAt.end !== undefined ? { start: first.bodyNameAt.start, end: first.bodyNameAt.end } : undefined;
      const tables = ts.length === input.tables.length && ts.length > 1 ? `全部${ts.length}张表` : ts.map((t) => `表${TABLE_SPECS[t.table.kind].no}`).join('、');
      ctx.report({ messageId: 'differs', at, data: { tableName, bodyName: body, tables: ts.length === 1 ? tableLabel(ts[0]) : tables }, expected: body, actual: tableName });
    }
  },
});
