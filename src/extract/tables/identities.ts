/**
 * A table's own identities as typed data: Σ left = Σ right over cells named by (row index, column), with a
 * label generated from the table specs. Per-row sums and balances from TABLE_SPECS, the 类=Σ款=Σ项
 * hierarchy by code prefix and 合计=Σ类, the T1/T4 balances, T6 人员经费=301+303 and 公用经费=302+310(+…),
 * T7 合计=出国+车+接待 and 小计=购置+运行. They are evaluated by the one identity evaluator
 * (calc/compare.ts checkGiven): an identity with a term not given (blank, unreadable, absent) is not
 * checked. Identities never decide whether a table was read well (see confidence.ts).
 */
import { checkGiven, printedOf, type Relation, type SumCheck } from '../../calc/compare.js';
import { parseAmount, ZERO } from '../../calc/money.js';
import { TABLE_SPECS } from '../../model/tables.js';
import type { Row, Table } from '../../model/schema.js';

/** A cell of a table: row index into table.rows and column key. */
interface CellRef {
  row: number;
  col: string;
}

interface TableIdentity {
  left: CellRef[];
  right: CellRef[];
  relation: Relation;
  /** In the table's own words: “合计”行：“合计”栏 = “基本支出”栏 + “项目支出”栏. */
  label: string;
}

/** An identity evaluated on the table's printed values. */
interface IdentityCheck extends SumCheck {
  identity: TableIdentity;
  label: string;
}

/** “201 一般公共服务支出” — how a row is named in messages. */
function rowLabel(row: Row | undefined): string {
  if (!row) return '';
  return [row.code, row.name].filter(Boolean).join(' ');
}

function columnLabel(table: Table, col: string): string {
  return TABLE_SPECS[table.kind].columns.find((c) => c.key === col)?.label ?? (col === 'amount' ? '决算数' : col);
}

/** “201 一般公共服务支出”行“合计”栏. */
export function cellName(table: Table, ref: CellRef): string {
  return `“${rowLabel(table.rows[ref.row])}”行“${columnLabel(table, ref.col)}”栏`;
}

function describe(table: Table, left: CellRef[], right: CellRef[]): string {
  const all = [...left, ...right];
  const side = (refs: CellRef[], part: (r: CellRef) => string) => {
    const names = refs.map(part);
    return names.length > 12 ? `${names.slice(0, 10).join(' + ')} + …（共${names.length}项）` : names.join(' + ');
  };
  if (all.every((r) => r.row === all[0].row)) {
    const col = (r: CellRef) => `“${columnLabel(table, r.col)}”栏`;
    return `“${rowLabel(table.rows[all[0].row])}”行：${side(left, col)} = ${side(right, col)}`;
  }
  if (all.every((r) => r.col === all[0].col)) {
    const row = (r: CellRef) => `“${rowLabel(table.rows[r.row])}”行`;
    return `“${columnLabel(table, all[0].col)}”栏：${side(left, row)} = ${side(right, row)}`;
  }
  const cell = (r: CellRef) => cellName(table, r);
  return `${side(left, cell)} = ${side(right, cell)}`;
}

/** Collects identities over rows of one table; terms on rows the table lacks make no identity. */
class Builder {
  readonly out: TableIdentity[] = [];
  /** Row → its (first) index in the table: indexOf for every term made large tables quadratic. */
  private rowIndex: Map<Row, number> | null = null;
  constructor(readonly table: Table) {}
  index(r: Row | undefined): number {
    if (!r) return -1;
    if (!this.rowIndex) {
      const m = new Map<Row, number>();
      this.table.rows.forEach((row, i) => {
        if (!m.has(row)) m.set(row, i);
      });
      this.rowIndex = m;
    }
    return this.rowIndex.get(r) ?? -1;
  }
  add(left: [Row | undefined, string][], right: [Row | undefined, string][]): void {
    const refs = (side: [Row | undefined, string][]) => side.map(([r, col]) => ({ row: this.index(r), col }));
    const l = refs(left);
    const r = refs(right);
    if (!l.length || !r.length || [...l, ...r].some((x) => x.row < 0)) return;
    this.out.push({ left: l, right: r, relation: '=', label: describe(this.table, l, r) });
  }
}

/** Hierarchy by code prefix: each parent = Σ its direct children, per column; 合计 = Σ top-level rows. */
function hierarchy(b: Builder, columns: string[], withTotal: boolean): void {
  const rows = b.table.rows;
  const coded = rows.filter((r) => r.code);
  // Direct children by parent code (a child's code is its parent's plus two digits), in row order: one pass
  // instead of a scan of every row for every parent.
  const children = new Map<string, Row[]>();
  for (const r of coded) {
    const up = r.code!.slice(0, r.code!.length - 2);
    if (up.length === 0 || r.code!.length < 3) continue;
    const list = children.get(up);
    if (list) list.push(r);
    else children.set(up, [r]);
  }
  for (const parent of coded) {
    const kids = children.get(parent.code!) ?? [];
    if (!kids.length) continue;
    for (const col of columns) b.add([[parent, col]], kids.map((k) => [k, col]));
  }
  const total = rows.find((r) => r.key === 'total');
  const top = coded.filter((r) => r.code!.length === 3);
  if (withTotal && total && top.length) for (const col of columns) b.add([[total, col]], top.map((k) => [k, col]));
}

/** Per-row sums and balances declared in TABLE_SPECS (rowSum, rowBalance). */
function rowSums(b: Builder, only?: (r: Row) => boolean): void {
  const spec = TABLE_SPECS[b.table.kind];
  for (const r of b.table.rows) {
    if (only && !only(r)) continue;
    for (const rb of spec.rowBalance ?? []) b.add(rb.left.map((k) => [r, k]), rb.right.map((k) => [r, k]));
    for (const rs of spec.rowSum ?? []) b.add([[r, rs.total]], rs.parts.map((p) => [r, p]));
  }
}

/** All identities of one table. */
function tableIdentities(table: Table): TableIdentity[] {
  const b = new Builder(table);
  const rows = table.rows;
  const byKey = (k: string) => rows.find((r) => r.key === k);
  const kind = table.kind;
  const columns = TABLE_SPECS[kind].columns.map((c) => c.key);
  const expenseClasses = rows.filter((r) => r.side === 'expense' && r.code);
  switch (kind) {
    case 't1': {
      const inc = ['in.general', 'in.fund', 'in.capital', 'in.superior', 'in.business', 'in.operating', 'in.subordinate', 'in.other'];
      const a = (k: string): [Row | undefined, string] => [byKey(k), 'amount'];
      b.add([a('in.total')], inc.map(a));
      b.add([a('in.grand')], ['in.total', 'in.nonfiscal', 'in.opening'].map(a));
      if (expenseClasses.length) b.add([a('out.total')], expenseClasses.map((r) => [r, 'amount']));
      b.add([a('out.grand')], ['out.total', 'out.distribution', 'out.closing'].map(a));
      b.add([a('in.grand')], [a('out.grand')]);
      break;
    }
    case 't4': {
      rowSums(b, (r) => r.side === 'expense');
      const t = (k: string, col = 'total'): [Row | undefined, string] => [byKey(k), col];
      b.add([t('in.total')], ['in.general', 'in.fund', 'in.capital'].map((k) => t(k)));
      // 年初结转: either printed on its own row or only in its sub-rows (folded into its columns).
      const opening = byKey('in.opening');
      const openingPrinted = !!opening && !(parseAmount(opening.values.total ?? null) ?? ZERO).isZero();
      const subs = ['general', 'fund', 'capital'].map((c) => t('in.opening', c));
      if (openingPrinted) b.add([t('in.opening')], subs);
      b.add([t('in.grand')], [t('in.total'), ...(openingPrinted ? [t('in.opening')] : subs)]);
      for (const col of columns) {
        if (expenseClasses.length) b.add([t('out.total', col)], expenseClasses.map((r) => [r, col]));
        b.add([t('out.grand', col)], [t('out.total', col), t('out.closing', col)]);
      }
      b.add([t('in.grand')], [t('out.grand')]);
      break;
    }
    case 't6': {
      hierarchy(b, ['amount'], false);
      const a = (r: Row | undefined): [Row | undefined, string] => [r, 'amount'];
      const top = (codes: string[]) => rows.filter((r) => r.code && codes.includes(r.code)).map(a);
      const others = rows.filter((r) => r.code?.length === 3 && !['301', '303'].includes(r.code)).map((r) => r.code!);
      b.add([a(byKey('personnel'))], top(['301', '303']));
      b.add([a(byKey('public'))], top(others));
      b.add([a(byKey('total'))], [a(byKey('personnel')), a(byKey('public'))]);
      break;
    }
    default:
      rowSums(b);
      if (kind !== 't7') hierarchy(b, columns, true);
  }
  return b.out;
}

/** The printed value of a cell, null when it is not given. */
function cellPrinted(table: Table, ref: CellRef) {
  return printedOf(table.rows[ref.row]?.values[ref.col]);
}

/** A row that prints no figure at all (a template row left blank): it stands for nothing, like an omitted row. */
export const blankRow = (r: Row | undefined) => !!r && Object.values(r.values).every((v) => v === null || v === undefined);

/**
 * Evaluate one identity on the table's printed values: null when a term is not given. Terms on rows that
 * print no figure at all are left out of the sums (a template lists every 类 and leaves the unused ones
 * blank); a blank cell in a row that prints other figures is not given, so the identity is not checked.
 * In a model's table a row without figures is one the text does not state: unknown (blankRowsUnknown).
 */
function evaluateIdentity(table: Table, id: TableIdentity, opts: EvaluateOptions = {}): IdentityCheck | null {
  const kept = (refs: CellRef[]) => (opts.blankRowsUnknown ? refs : refs.filter((c) => !blankRow(table.rows[c.row])));
  const [left, right] = [kept(id.left), kept(id.right)];
  const r = checkGiven(left.map((c) => cellPrinted(table, c)), right.map((c) => cellPrinted(table, c)), id.relation);
  const label = left.length + right.length < id.left.length + id.right.length && right.length ? describe(table, left, right) : id.label;
  return r && { ...r, identity: id, label };
}

interface EvaluateOptions {
  /** A row without any figure is unknown, not empty (a model's table: see ExtractedTable.fromModel). */
  blankRowsUnknown?: boolean;
}

/** Every checkable identity of a table, evaluated. */
export function checkTable(table: Table, opts: EvaluateOptions = {}): IdentityCheck[] {
  return tableIdentities(table).flatMap((id) => evaluateIdentity(table, id, opts) ?? []);
}
