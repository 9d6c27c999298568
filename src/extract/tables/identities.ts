/**
 * A table's own identities, checked with the comparison calculus (checkSum, so rounding is allowed):
 * per-row sums from TABLE_SPECS, the 类=Σ款=Σ项 hierarchy by code prefix and 合计=Σ类, T1/T4 balances,
 * T6 人员经费=301+303 and 公用经费=302+310(+…), T7 合计=出国+车+接待 and 小计=购置+运行.
 * Reconstruction confidence is derived from how many hold.
 */
import { checkIdentity, checkSum, type Printed, type Verdict } from '../../calc/compare.js';
import { parseAmount, printedPlaces, ZERO } from '../../calc/money.js';
import { TABLE_SPECS, type TableKind } from '../../model/tables.js';
import type { Row, Table } from '../../model/schema.js';

export interface IdentityCheck {
  /** Human-readable identity, e.g. "208·total = Σ款(20805)". */
  label: string;
  verdict: Verdict;
  stated: string;
  expected: string;
}

function printedOf(v: string | number | null | undefined): Printed {
  if (v === null || v === undefined) return { value: ZERO, dp: 2 };
  const value = parseAmount(v) ?? ZERO;
  return { value, dp: typeof v === 'number' ? 2 : printedPlaces(v) };
}

function check(out: IdentityCheck[], label: string, total: unknown, parts: unknown[]): void {
  // A term the table does not have (no such column in this layout, or a value a model leaves unstated)
  // makes the identity unknown: skip it rather than read the missing term as 0.
  if (total === undefined || total === null || parts.some((p) => p === undefined || p === null)) return;
  const r = checkSum(printedOf(total as string), parts.map((p) => printedOf(p as string)));
  out.push({ label, verdict: r.verdict, stated: r.stated.toFixed(2), expected: r.expected.toFixed(2) });
}

const rowName = (r: Row) => r.code ?? r.key ?? r.name;

/** Hierarchy by code prefix: each parent = Σ its direct children, per column; 合计 = Σ top-level rows. */
function hierarchy(out: IdentityCheck[], rows: Row[], columns: string[], withTotal: boolean): void {
  const coded = rows.filter((r) => r.code);
  for (const parent of coded) {
    const len = parent.code!.length;
    const kids = coded.filter((r) => r.code!.length === len + 2 && r.code!.startsWith(parent.code!));
    if (!kids.length) continue;
    for (const col of columns) check(out, `${parent.code}·${col} = Σ下级(${kids.map((k) => k.code).join('+')})`, parent.values[col], kids.map((k) => k.values[col]));
  }
  const total = rows.find((r) => r.key === 'total');
  const top = coded.filter((r) => r.code!.length === 3);
  if (withTotal && total && top.length) {
    for (const col of columns) check(out, `合计·${col} = Σ类(${top.map((k) => k.code).join('+')})`, total.values[col], top.map((k) => k.values[col]));
  }
}

function rowSums(out: IdentityCheck[], kind: TableKind, rows: Row[], only?: (r: Row) => boolean): void {
  for (const rb of TABLE_SPECS[kind].rowBalance ?? []) {
    for (const r of rows) {
      if (only && !only(r)) continue;
      const side = (keys: string[]) => keys.map((k) => printedOf(r.values[k] as string));
      const res = checkIdentity(side(rb.left), side(rb.right));
      out.push({ label: `${rowName(r)}: ${rb.left.join('+')} = ${rb.right.join('+')}`, verdict: res.verdict, stated: res.stated.toFixed(2), expected: res.expected.toFixed(2) });
    }
  }
  for (const rs of TABLE_SPECS[kind].rowSum ?? []) {
    for (const r of rows) {
      if (only && !only(r)) continue;
      check(out, `${rowName(r)}: ${rs.total} = ${rs.parts.join('+')}`, r.values[rs.total], rs.parts.map((p) => r.values[p]));
    }
  }
}

/** All identities of one table. */
export function tableIdentities(table: Table): IdentityCheck[] {
  const out: IdentityCheck[] = [];
  const rows = table.rows;
  const byKey = (k: string) => rows.find((r) => r.key === k);
  const v = (k: string, col: string) => byKey(k)?.values[col];
  const kind = table.kind;
  const columns = TABLE_SPECS[kind].columns.map((c) => c.key);
  switch (kind) {
    case 't1': {
      const inc = ['in.general', 'in.fund', 'in.capital', 'in.superior', 'in.business', 'in.operating', 'in.subordinate', 'in.other'];
      if (byKey('in.total')) check(out, 'in.total = Σ各项收入', v('in.total', 'amount'), inc.map((k) => v(k, 'amount')));
      if (byKey('in.grand')) check(out, 'in.grand = in.total + in.nonfiscal + in.opening', v('in.grand', 'amount'), ['in.total', 'in.nonfiscal', 'in.opening'].map((k) => v(k, 'amount')));
      const classes = rows.filter((r) => r.side === 'expense' && r.code);
      if (byKey('out.total') && classes.length) check(out, 'out.total = Σ支出功能分类', v('out.total', 'amount'), classes.map((r) => r.values.amount));
      if (byKey('out.grand')) check(out, 'out.grand = out.total + out.distribution + out.closing', v('out.grand', 'amount'), ['out.total', 'out.distribution', 'out.closing'].map((k) => v(k, 'amount')));
      if (byKey('in.grand') && byKey('out.grand')) check(out, 'in.grand = out.grand', v('in.grand', 'amount'), [v('out.grand', 'amount')]);
      break;
    }
    case 't4': {
      rowSums(out, kind, rows, (r) => r.side === 'expense');
      if (byKey('in.total')) check(out, 'in.total = Σ财政拨款收入', v('in.total', 'total'), ['in.general', 'in.fund', 'in.capital'].map((k) => v(k, 'total')));
      // 年初结转: either printed on its own row or only in its sub-rows (folded into its columns).
      const opening = byKey('in.opening');
      const subs = ['general', 'fund', 'capital'].map((c) => opening?.values[c]);
      const openingPrinted = opening && !(parseAmount(opening.values.total ?? null) ?? ZERO).isZero();
      if (openingPrinted) check(out, 'in.opening = Σ分项', opening.values.total, subs);
      const openingParts = openingPrinted ? [opening.values.total] : subs;
      if (byKey('in.grand')) check(out, 'in.grand = in.total + in.opening', v('in.grand', 'total'), [v('in.total', 'total'), ...openingParts]);
      const classes = rows.filter((r) => r.side === 'expense' && r.code);
      for (const col of columns) {
        if (byKey('out.total') && classes.length) check(out, `out.total·${col} = Σ支出功能分类`, v('out.total', col), classes.map((r) => r.values[col]));
        if (byKey('out.grand')) check(out, `out.grand·${col} = out.total + out.closing`, v('out.grand', col), [v('out.total', col), v('out.closing', col)]);
      }
      if (byKey('in.grand') && byKey('out.grand')) check(out, 'in.grand = out.grand', v('in.grand', 'total'), [v('out.grand', 'total')]);
      break;
    }
    case 't6': {
      hierarchy(out, rows, ['amount'], false);
      const top = (codes: string[]) => rows.filter((r) => r.code && codes.includes(r.code)).map((r) => r.values.amount);
      const others = rows.filter((r) => r.code?.length === 3 && !['301', '303'].includes(r.code)).map((r) => r.code!);
      if (byKey('personnel')) check(out, 'personnel = 301 + 303', v('personnel', 'amount'), top(['301', '303']));
      if (byKey('public')) check(out, `public = ${others.join(' + ')}`, v('public', 'amount'), top(others));
      if (byKey('total')) check(out, 'total = personnel + public', v('total', 'amount'), [v('personnel', 'amount'), v('public', 'amount')]);
      break;
    }
    default:
      rowSums(out, kind, rows);
      if (kind !== 't7') hierarchy(out, rows, columns, true);
  }
  return out;
}

export interface Confidence {
  confidence: number;
  notes: string[];
}

/**
 * Confidence of a rebuilt table: share of identities that hold, reduced for columns not found, numbers
 * that fit no cell, unreadable cells and a missing unit line.
 */
export function confidenceOf(table: Table, checks: IdentityCheck[], issues: { missing: string[]; stray: number; problems: string[]; unitFound: boolean }): Confidence {
  const notes: string[] = [];
  // An identity between zeros (blank rows) is no evidence that the table was read right.
  checks = checks.filter((c) => !(Number(c.stated) === 0 && Number(c.expected) === 0));
  const failed = checks.filter((c) => c.verdict === 'wrong');
  let base: number;
  if (checks.length) {
    base = (checks.length - failed.length) / checks.length;
    notes.push(`恒等式 ${checks.length - failed.length}/${checks.length} 成立`);
    for (const f of failed.slice(0, 5)) notes.push(`不成立：${f.label}（表中 ${f.stated}，应为 ${f.expected}）`);
  } else {
    base = table.empty ? 0.95 : 0.6;
    notes.push(table.empty ? '空表：无可核对的恒等式' : '没有可核对的恒等式');
  }
  let factor = 1;
  if (issues.missing.length) {
    factor -= 0.15 * issues.missing.length;
    notes.push(`未找到的列：${issues.missing.join('、')}`);
  }
  if (issues.stray) {
    factor -= Math.min(0.5, 0.1 * issues.stray);
    notes.push(`${issues.stray} 个数或文字未能归入单元格`);
  }
  if (issues.problems.length) {
    factor -= Math.min(0.5, 0.05 * issues.problems.length);
    notes.push(...issues.problems.slice(0, 3));
  }
  if (!issues.unitFound) {
    factor -= 0.05;
    notes.push('未找到“单位：”行，按万元读取');
  }
  const confidence = Math.max(0, Math.min(1, base * Math.max(0, factor)));
  return { confidence: Math.round(confidence * 1000) / 1000, notes };
}
