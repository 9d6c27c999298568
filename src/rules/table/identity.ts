/**
 * table/identity: each reliable table's own identities (per-row sums, 类=Σ款=Σ项, 合计=Σ类, T1/T4
 * balances, T6 人员+公用=合计, T7 合计/小计), computed by the rebuild's tableIdentities (one definition of
 * the identities). Wrong beyond rounding → error at the total's cell; rounding → info.
 */
import { defineRule } from '../define.js';
import { tableIdentities } from '../../extract/tables/identities.js';
import { TABLE_SPECS } from '../../model/tables.js';
import type { ExtractedTable } from '../../extract/table-types.js';
import { D, fmt } from '../../calc/money.js';
import { cellAt, reliableTables, tableLabel, type Span } from './shared.js';

/**
 * Where the left side of an identity was printed. Labels read "208·total = …", "合计·basic = …",
 * "201: total = basic+project", "out.total·general = …", "in.grand = …", "personnel = 301 + 303".
 */
export function totalCellOf(t: ExtractedTable, label: string): Span | undefined {
  const left = label.split(' = ')[0].trim();
  const defaultCol = TABLE_SPECS[t.table.kind].columns[0].key;
  let row = left;
  let col = defaultCol;
  const colon = left.indexOf(': ');
  const dot = left.indexOf('·');
  if (colon >= 0) [row, col] = [left.slice(0, colon), left.slice(colon + 2)];
  else if (dot >= 0) [row, col] = [left.slice(0, dot), left.slice(dot + 1)];
  const rows = t.table.rows;
  let i = /^\d+$/.test(row) ? rows.findIndex((r) => r.code === row) : rows.findIndex((r) => r.key === row);
  if (i < 0 && row === '合计') i = rows.findIndex((r) => r.key === 'total' || (!r.code && /^合\s*计$/.test(r.name)));
  if (i < 0) i = rows.findIndex((r) => !r.code && r.name === row);
  return cellAt(t, i, col).at;
}

/**
 * Whether every term an identity names is given in the table (a printed value; the rebuild reads a blank
 * cell as 0.00 and an unreadable one as null). Tables from a model may carry only some columns or rows, or
 * null for a figure the text does not state; an identity over terms not given is not checked.
 */
export function termsGiven(t: ExtractedTable, label: string): boolean {
  const rows = t.table.rows;
  const [left, right = ''] = label.split(' = ');
  const given = (r: { values: Record<string, unknown> } | undefined, col: string) => !!r && r.values[col] !== undefined && r.values[col] !== null;
  const byCode = (c: string) => rows.find((r) => r.code === c);
  const colon = left.indexOf(': ');
  if (colon >= 0) {
    // "<row>: total = a+b+c" — the row's columns.
    const rowName = left.slice(0, colon);
    const row = /^\d+$/.test(rowName) ? byCode(rowName) : rows.find((r) => r.key === rowName) ?? rows.find((r) => r.name === rowName);
    return [left.slice(colon + 2), ...right.split('+')].every((c) => given(row, c.trim()));
  }
  const list = /Σ(?:下级|类)\(([^)]*)\)/.exec(right);
  if (list) {
    const col = left.split('·')[1] ?? TABLE_SPECS[t.table.kind].columns[0].key;
    return list[1].split('+').every((c) => given(byCode(c.trim()), col));
  }
  if (/Σ支出功能分类/.test(right)) {
    const col = left.split('·')[1] ?? TABLE_SPECS[t.table.kind].columns[0].key;
    return rows.filter((r) => r.side === 'expense' && r.code).every((r) => given(r, col));
  }
  if (/^(personnel|public)$/.test(left.trim())) {
    const codes = right.split('+').map((c) => c.trim()).filter(Boolean);
    return codes.length > 0 && codes.every((c) => given(byCode(c), 'amount'));
  }
  return true;
}

/** An identity label in the table's own words: row keys and column keys replaced by their printed labels. */
export function humanLabel(t: ExtractedTable, label: string): string {
  const spec = TABLE_SPECS[t.table.kind];
  const rowLabel = new Map((spec.namedRows ?? []).map((r) => [r.key, r.label]));
  rowLabel.set('total', '合计');
  const colLabel = new Map(spec.columns.map((c) => [c.key, c.label]));
  return label
    .replace(/Σ下级/g, 'Σ下级科目')
    .replace(/Σ支出功能分类/g, 'Σ各类支出')
    .replace(/Σ各项收入/g, 'Σ各项收入')
    .replace(/Σ分项/g, 'Σ各资金来源')
    .replace(/Σ财政拨款收入/g, 'Σ三项财政拨款收入')
    .replace(/(^|[\s(+=:·])((?:in|out)\.[a-z]+|personnel|public|total|[a-z]+(?:\.[a-z]+)?)(?=$|[\s)+=:·])/g, (m, pre: string, key: string, off: number, all: string) => {
      const afterDot = pre === '·' || (pre === ' ' && all.slice(0, off).endsWith(':'));
      const name = afterDot || all[off + m.length] === '+' || pre === '+' ? colLabel.get(key) ?? rowLabel.get(key) : rowLabel.get(key) ?? colLabel.get(key);
      return pre + (name ?? key);
    })
    .replace(/personnel/g, '人员经费合计')
    .replace(/public/g, '公用经费合计');
}

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
      for (const c of tableIdentities(t.table)) {
        if (c.verdict === 'exact' || !termsGiven(t, c.label)) continue;
        const diff = fmt(new D(c.stated).sub(c.expected).abs());
        ctx.report({
          messageId: c.verdict,
          severity: c.verdict === 'rounding' ? 'info' : 'error',
          at: totalCellOf(t, c.label),
          data: { table: tableLabel(t), identity: humanLabel(t, c.label), stated: c.stated, expected: c.expected, diff },
          expected: c.expected,
          actual: c.stated,
          difference: fmt(new D(c.stated).sub(c.expected)),
        });
      }
    }
  },
});
