/**
 * table/cross: identities between tables (domain.md §3.2). Equalities (T1 收入 rows = T4; T1 本年收入合计 =
 * T2 合计; T1 本年支出合计 and 类 rows = T3; T4 per fund column = T5 / T8 / T9; T5 基本支出 = T6) are
 * errors when broken beyond rounding, info when rounding explains them. Inequalities (T5 ≤ T3 per code,
 * T4 支出 ≤ T1 支出, T6 三公 items ≤ T7) are warnings: their scopes differ.
 */
import { defineRule, type RuleContext } from '../define.js';
import type { CheckInput } from '../../engine/types.js';
import { checkGiven, type Relation } from '../../calc/compare.js';
import { fmt } from '../../calc/money.js';
import type { ExtractedTable } from '../../extract/table-types.js';
import type { TableKind } from '../../model/tables.js';
import { cell, cellLabel, codeRows, reliableTable, type Cell } from './shared.js';

/**
 * One cross-table identity Σ left (relation) Σ right, evaluated by the one identity evaluator; not checked
 * when a cell is not given. '=' broken beyond rounding → error (rounding → info); '<=' broken → warning.
 */
function identity(ctx: RuleContext, name: string, left: Cell[], right: Cell[], relation: Relation = '='): void {
  const r = checkGiven(left.map((c) => c.printed), right.map((c) => c.printed), relation);
  if (!r || r.verdict === 'exact') return;
  const fmtSide = (cs: Cell[]) => cs.map((c) => `${cellLabel(c)}${c.raw}`).join(' + ');
  const at = left.find((c) => c.at)?.at ?? right.find((c) => c.at)?.at;
  const related = right.filter((c) => c.at).map((c) => ({ label: cellLabel(c), at: c.at! }));
  if (relation === '<=') {
    if (r.verdict !== 'wrong') return;
    ctx.report({ messageId: 'exceeds', severity: 'warning', at, data: { name, small: fmtSide(left), big: fmtSide(right) }, expected: `≤ ${fmt(r.expected)}`, actual: fmt(r.stated), related });
    return;
  }
  ctx.report({
    messageId: r.verdict === 'rounding' ? 'rounding' : 'wrong',
    severity: r.verdict === 'rounding' ? 'info' : 'error',
    at,
    data: { name, left: fmtSide(left), right: fmtSide(right), diff: fmt(r.difference.abs()) },
    expected: fmt(r.expected),
    actual: fmt(r.stated),
    difference: fmt(r.difference),
    related,
  });
}

const equal = (ctx: RuleContext, name: string, left: Cell[], right: Cell[]) => identity(ctx, name, left, right, '=');
const atMost = (ctx: RuleContext, name: string, small: Cell, big: Cell) => identity(ctx, name, [small], [big], '<=');

/**
 * Codes of a given length present in any of the tables, when each prints rows at that level (an empty table
 * prints none and stands for zeros); a table without such rows (a model giving only totals) is not compared.
 */
function codesOf(len: number, ...ts: ExtractedTable[]): string[] {
  if (ts.some((t) => !t.table.empty && codeRows(t, len).length === 0)) return [];
  const s = new Set<string>();
  for (const t of ts) for (const { row } of codeRows(t, len)) s.add(row.code!);
  return [...s].sort();
}

type Tables = Partial<Record<TableKind, ExtractedTable>>;

function grab(input: CheckInput): Tables {
  const out: Tables = {};
  for (const k of ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'] as TableKind[]) out[k] = reliableTable(input, k);
  return out;
}

/** A row exists in a table (an omitted row reads as zero only when the table lists its rows by code). */
const has = (t: ExtractedTable, row: string) => cell(t, row, 'x').rowIndex >= 0;

export default defineRule({
  meta: {
    id: 'table/cross',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '表间勾稽关系应成立（总表与收入、支出、财政拨款、一般公共预算、基本支出、三公、基金、国资各表）',
    basis: 'domain.md §3.2 表间勾稽；财政部部门决算报表审核公式（表间）',
    messages: {
      wrong: '{name}：{left}，而{right}（差额{diff}）。',
      rounding: '{name}：{left}与{right}相差{diff}，可由四舍五入解释。',
      exceeds: '{name}：{small}大于{big}，请核对。',
    },
  },
  check(input, ctx) {
    const T = grab(input);
    const { t1, t2, t3, t4, t5, t6, t7, t8, t9 } = T;
    if (t1 && t4) {
      for (const [k, col, name] of [['in.general', 'general', '一般公共预算财政拨款收入'], ['in.fund', 'fund', '政府性基金预算财政拨款收入'], ['in.capital', 'capital', '国有资本经营预算财政拨款收入']] as const) {
        if (!has(t1, k) || !has(t4, k)) continue;
        const c4 = cell(t4, k, 'total');
        equal(ctx, `总表与财政拨款收支总表的${name}`, [cell(t1, k, 'amount')], [c4.row?.values.total !== undefined ? c4 : cell(t4, k, col)]);
      }
      if (has(t1, 'out.total') && has(t4, 'out.total')) atMost(ctx, '财政拨款支出不应超过本年支出合计', cell(t4, 'out.total', 'total'), cell(t1, 'out.total', 'amount'));
    }
    if (t1 && t2 && has(t1, 'in.total') && has(t2, 'total')) {
      equal(ctx, '总表本年收入合计与收入决算表合计', [cell(t1, 'in.total', 'amount')], [cell(t2, 'total', 'total')]);
      const fiscal = ['in.general', 'in.fund', 'in.capital'].filter((k) => has(t1, k));
      if (fiscal.length) equal(ctx, '总表财政拨款收入与收入决算表财政拨款收入', fiscal.map((k) => cell(t1, k, 'amount')), [cell(t2, 'total', 'fiscal')]);
      for (const [k, col, name] of [['in.superior', 'superior', '上级补助收入'], ['in.business', 'business', '事业收入'], ['in.operating', 'operating', '经营收入'], ['in.subordinate', 'subordinate', '附属单位上缴收入'], ['in.other', 'other', '其他收入']] as const) {
        if (has(t1, k)) equal(ctx, `总表与收入决算表的${name}`, [cell(t1, k, 'amount')], [cell(t2, 'total', col)]);
      }
    }
    if (t1 && t3 && has(t3, 'total')) {
      if (has(t1, 'out.total')) equal(ctx, '总表本年支出合计与支出决算表合计', [cell(t1, 'out.total', 'amount')], [cell(t3, 'total', 'total')]);
      for (const code of codesOf(3, t1, t3)) equal(ctx, `总表与支出决算表的${code}类`, [cell(t1, code, 'amount')], [cell(t3, code, 'total')]);
    }
    for (const [t, col, name] of [[t5, 'general', '一般公共预算财政拨款支出决算表'], [t8, 'fund', '政府性基金预算财政拨款收入支出决算表'], [t9, 'capital', '国有资本经营预算财政拨款支出决算表']] as const) {
      if (!t4 || !t) continue;
      // An empty table (with its note) stands for zeros throughout.
      if (!t.table.empty && !has(t, 'total')) continue;
      if (has(t4, 'out.total')) equal(ctx, `财政拨款收支总表与${name}的支出合计`, [cell(t4, 'out.total', col)], [cell(t, 'total', 'total')]);
      for (const code of codesOf(3, t4, t)) equal(ctx, `财政拨款收支总表与${name}的${code}类`, [cell(t4, code, col)], [cell(t, code, 'total')]);
    }
    if (t5 && t6 && has(t5, 'total')) {
      const basic = cell(t5, 'total', 'basic');
      if (has(t6, 'total')) equal(ctx, '一般公共预算财政拨款基本支出与基本支出决算表合计', [basic], [cell(t6, 'total', 'amount')]);
      else if (has(t6, 'personnel') && has(t6, 'public')) equal(ctx, '一般公共预算财政拨款基本支出与人员经费、公用经费之和', [basic], [cell(t6, 'personnel', 'amount'), cell(t6, 'public', 'amount')]);
    }
    if (t5 && t3) {
      // Only codes both print: a row missing from T3 is a reading question, not a verified excess.
      for (const { row } of codeRows(t5)) if (has(t3, row.code!)) atMost(ctx, `一般公共预算财政拨款支出不应超过全部资金支出（${row.code}）`, cell(t5, row.code!, 'total'), cell(t3, row.code!, 'total'));
    }
    if (t6 && t7 && (t7.table.empty || has(t7, 'total'))) {
      for (const [code, col, name] of [['30212', 'actual.abroad', '因公出国（境）费'], ['30231', 'actual.operation', '公务用车运行维护费'], ['31013', 'actual.purchase', '公务用车购置费'], ['30217', 'actual.reception', '公务接待费']] as const) {
        if (!has(t6, code)) continue;
        atMost(ctx, `基本支出中的${name}不应超过“三公”经费决算数`, cell(t6, code, 'amount'), cell(t7, 'total', col));
      }
    }
  },
});

