/**
 * table/identity: each reliable table's own identities (per-row sums, 类=Σ款=Σ项, 合计=Σ类, T1/T4
 * balances, T6 人员+公用=合计, T7 合计/小计), as typed data from extract/tables/identities.ts evaluated by
 * the one identity evaluator; an identity over a cell not given is not checked. Wrong beyond rounding →
 * error at the total's cell, naming table, rows and columns; rounding → info.
 */
import { defineRule } from '../define.js';
import { checkTable } from '../../extract/tables/identities.js';
import { plain } from '../../calc/money.js';
import { cellAt, cellLabel, reliableTables, tableLabel } from './shared.js';

export default defineRule({
  meta: {
    id: 'table/identity',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '表内勾稽关系（行合计、类=Σ款=Σ项、合计=Σ类、收支平衡、人员+公用=基本支出、三公合计）应成立',
    basis: 'domain.md §3.1 表内勾稽；财政部部门决算报表审核公式（表内）',
    messages: {
      wrong: '{table}：{identity}不成立，表中为{stated}，按各项计算为{expected}（差额{diff}）。',
      rounding: '{table}：{identity}相差{diff}，可由四舍五入解释。',
    },
  },
  check(input, ctx) {
    for (const t of reliableTables(input)) {
      for (const c of checkTable(t.table, { blankRowsUnknown: t.fromModel })) {
        if (c.verdict === 'exact') continue;
        const [total] = c.identity.left;
        const related = c.identity.right.flatMap((r) => {
          const c = cellAt(t, r.row, r.col);
          return c.at ? [{ label: cellLabel(c), at: c.at }] : [];
        });
        ctx.report({
          messageId: c.verdict,
          severity: c.verdict === 'rounding' ? 'info' : 'error',
          at: cellAt(t, total.row, total.col).at,
          data: { table: tableLabel(t), identity: c.label, stated: plain(c.stated), expected: plain(c.expected), diff: plain(c.difference.abs()) },
          expected: plain(c.expected),
          actual: plain(c.stated),
          difference: plain(c.difference),
          related,
        });
      }
    }
  },
});
