/**
 * 附件: the nine tables of the model as `table` nodes, columns and titles from model/tables.ts.
 * An empty table is printed with its header and the empty-table note (空表说明). Values are printed
 * as stored (2 places, thousands separators); a value the model does not state is a blank cell.
 */
import type { Cell, DocNode } from '../ast.js';
import type { Row, Table } from '../../model/schema.js';
import { TABLE_SPECS, TABLE_KINDS, type ColumnSpec, type TableSpec } from '../../model/tables.js';
import { fmt, parseAmount } from '../../calc/money.js';
import { findTable } from '../../model/concepts.js';
import { type Ctx, h1 } from './context.js';

const c = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });

function cellText(row: Row | undefined, key: string): string {
  const v = row?.values[key];
  if (v === undefined || v === null) return '';
  const d = parseAmount(v);
  return d === null ? String(v) : fmt(d, 2);
}

/**
 * Header rows for columns whose labels nest with '·' ("预算数·公务用车购置及运行维护费·小计"): equal
 * consecutive prefixes merge across, a label that ends early merges down. `lead` cells come first
 * and span all header rows.
 */
function nestedHeader(lead: string[], columns: ColumnSpec[]): Cell[][] {
  const parts = columns.map((col) => col.label.split('·'));
  const depth = Math.max(1, ...parts.map((x) => x.length));
  const rows: Cell[][] = Array.from({ length: depth }, () => []);
  rows[0].push(...lead.map((t) => c(t, { rowSpan: depth > 1 ? depth : undefined, align: 'center', bold: true })));
  for (let d = 0; d < depth; d++) {
    let i = 0;
    while (i < parts.length) {
      const here = parts[i];
      if (here.length <= d) { i++; continue; }
      let j = i + 1;
      const prefix = here.slice(0, d + 1).join('·');
      while (j < parts.length && parts[j].length > d && parts[j].slice(0, d + 1).join('·') === prefix) j++;
      const last = here.length === d + 1;
      rows[d].push(c(here[d], {
        colSpan: j - i > 1 ? j - i : undefined,
        rowSpan: last && depth - d > 1 ? depth - d : undefined,
        align: 'center', bold: true,
      }));
      i = j;
    }
  }
  return rows.filter((r) => r.length > 0);
}

function isTotalRow(r: Row): boolean {
  return !r.code && (r.key === 'total' || /^合\s*计$/u.test(r.name));
}

function byCode(rows: Row[]): Row[] {
  return rows.filter((r) => r.code).sort((a, b) => a.code!.localeCompare(b.code!));
}

/** T2, T3, T5, T8, T9: 科目编码 | 科目名称 | columns; 合计 first, then 类/款/项 in code order. */
function codeTable(spec: TableSpec, t: Table): { header: Cell[][]; body: Cell[][] } {
  const header = nestedHeader(['科目编码', '科目名称'], spec.columns);
  const total = t.rows.find(isTotalRow);
  const others = t.rows.filter((r) => !r.code && r !== total);
  const rows = [...(total ? [total] : []), ...others, ...byCode(t.rows)];
  const body = rows.map((r) => [
    c(r.code ?? ''), c(r === total ? '合计' : r.name, { bold: r === total }),
    ...spec.columns.map((col) => c(cellText(r, col.key), { align: 'right' as const, bold: r === total })),
  ]);
  return { header, body };
}

/**
 * T1 and T4: income block beside expense block. Body rows pair up; the totals of both sides
 * (本年收入合计/本年支出合计 … 总计) are aligned at the bottom.
 */
function twoSided(spec: TableSpec, t: Table): { header: Cell[][]; body: Cell[][] } {
  const incomeCols = spec.kind === 't4' ? spec.columns.filter((x) => x.key === 'total') : spec.columns;
  const expenseCols = spec.columns;
  const named = (side: 'income' | 'expense') => (spec.namedRows ?? []).filter((n) => n.side === side).map((n) => n.key);
  const inKeys = named('income');
  const outKeys = named('expense');
  const rowByKey = (k: string) => t.rows.find((r) => r.key === k);
  const inTotalAt = inKeys.indexOf('in.total');
  const inTop = inKeys.slice(0, inTotalAt).map(rowByKey).filter((r): r is Row => !!r);
  const inTail = inKeys.slice(inTotalAt).map(rowByKey).filter((r): r is Row => !!r);
  const outTop = byCode(t.rows.filter((r) => r.side !== 'income'));
  const outTail = outKeys.map(rowByKey).filter((r): r is Row => !!r);
  const pad = <T,>(a: (T | undefined)[], n: number, atStart = false) => {
    const fill = new Array<undefined>(Math.max(0, n - a.length)).fill(undefined);
    return atStart ? [...fill, ...a] : [...a, ...fill];
  };
  const top = Math.max(inTop.length, outTop.length);
  const tail = Math.max(inTail.length, outTail.length);
  const left = [...pad(inTop, top), ...pad(inTail, tail, true)];
  const right = [...pad(outTop, top), ...pad(outTail, tail, true)];
  const block = (r: Row | undefined, cols: ColumnSpec[]) => [
    c(r ? (r.code ? `${r.code} ${r.name}` : r.name) : '', { bold: !!r && !r.code && /合计|总计/u.test(r.name) }),
    ...cols.map((col) => c(cellText(r, col.key), { align: 'right' as const })),
  ];
  const header: Cell[][] = [
    [c('收入', { colSpan: 1 + incomeCols.length, align: 'center', bold: true }), c('支出', { colSpan: 1 + expenseCols.length, align: 'center', bold: true })],
    [
      c('项目', { align: 'center', bold: true }), ...incomeCols.map((x) => c(spec.kind === 't1' ? x.label : '金额', { align: 'center', bold: true })),
      c('项目', { align: 'center', bold: true }), ...expenseCols.map((x) => c(x.label, { align: 'center', bold: true })),
    ],
  ];
  const body = left.map((l, i) => [...block(l, incomeCols), ...block(right[i], expenseCols)]);
  return { header, body };
}

/** T6: economic rows, 人员经费 (301, 303) then 公用经费 (others), then the named totals. */
function t6Table(spec: TableSpec, t: Table): { header: Cell[][]; body: Cell[][] } {
  const header = nestedHeader(['科目编码', '科目名称'], spec.columns);
  const coded = byCode(t.rows);
  const personnel = coded.filter((r) => /^30[13]/.test(r.code!));
  const publicRows = coded.filter((r) => !/^30[13]/.test(r.code!));
  const named = (k: string) => t.rows.find((r) => r.key === k || (k === 'total' && isTotalRow(r)));
  const line = (r: Row, bold = false) => [c(r.code ?? ''), c(r.name, { bold }), ...spec.columns.map((col) => c(cellText(r, col.key), { align: 'right' as const, bold }))];
  const body: Cell[][] = [];
  for (const r of personnel) body.push(line(r));
  const pers = named('personnel');
  if (pers) body.push(line(pers, true));
  for (const r of publicRows) body.push(line(r));
  const pub = named('public');
  if (pub) body.push(line(pub, true));
  const tot = named('total');
  if (tot) body.push(line(tot, true));
  return { header, body };
}

/** T7: one line of 12 figures under a two-level (预算数/决算数) header. */
function t7Table(spec: TableSpec, t: Table): { header: Cell[][]; body: Cell[][] } {
  const header = nestedHeader([], spec.columns);
  const body = t.rows.map((r) => spec.columns.map((col) => c(cellText(r, col.key), { align: 'right' as const })));
  return { header, body };
}

export function tableNode(ctx: Ctx, t: Table): DocNode {
  const spec = TABLE_SPECS[t.kind];
  const shape = t.kind === 't1' || t.kind === 't4' ? twoSided(spec, t)
    : t.kind === 't6' ? t6Table(spec, t)
    : t.kind === 't7' ? t7Table(spec, t)
    : codeTable(spec, t);
  const empty = t.empty === true || t.rows.length === 0;
  return {
    type: 'table',
    // Title alone (a long "body + year + title" wraps in narrow layouts and no longer reads as a title);
    // the body goes on the 编制单位 line, as in the official templates.
    caption: `${ctx.year}年度${t.title ?? spec.title}`,
    subcaption: `编制单位：${ctx.m.body.name}　　单位：${t.unit}`,
    header: shape.header,
    body: empty ? [] : shape.body,
    ...(empty ? { note: t.note?.trim() || spec.emptyNote } : t.note ? { note: t.note } : {}),
  };
}

export function appendix(ctx: Ctx): DocNode[] {
  const present = TABLE_KINDS.map((k) => findTable(ctx.m, k)).filter((t): t is Table => !!t);
  if (present.length === 0) return [];
  const out: DocNode[] = [{ type: 'pageBreak' }, h1(`附件：${ctx.m.body.name}${ctx.year}年度${ctx.m.body.level}决算报表`)];
  present.forEach((t, i) => {
    if (i > 0) out.push({ type: 'pageBreak' });
    out.push(tableNode(ctx, t));
  });
  return out;
}
