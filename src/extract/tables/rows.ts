/**
 * Mapping grid rows to model rows, per table kind: classification-code rows and the 合计 row for the
 * code tables; named rows (by label and variants) and printed class names for the two-sided T1 and T4
 * (T4's 年初/年末结转 sub-rows fold into the columns of their parent row); both halves of T6.
 */
import { TABLE_SPECS, type NamedRowSpec, type TableKind } from '../../model/tables.js';
import { classCode, stripMarker } from './classes.js';
import { type BuiltRow, codeOf, makeRow, nameOf, sourceOf, cellAmount } from './cells.js';
import type { GridRow } from './grid.js';
import { compact } from './locate.js';

const TOTAL_NAMES = new Set(['合计', '总计', '本年合计']);

function namedRow(kind: TableKind, name: string, side?: 'income' | 'expense'): NamedRowSpec | undefined {
  const n = compact(stripMarker(compact(name)));
  return TABLE_SPECS[kind].namedRows?.find(
    (r) => (!side || !r.side || r.side === side) && [r.label, ...(r.variants ?? [])].some((l) => compact(l) === n),
  );
}

/** Whether `text` begins (and is shorter than) the label of an income row of T1/T4. */
function namedPrefix(kind: TableKind, text: string): boolean {
  const n = compact(stripMarker(compact(text)));
  return (TABLE_SPECS[kind].namedRows ?? []).some(
    (r) => r.side === 'income' && [r.label, ...(r.variants ?? [])].some((l) => compact(l).length > n.length && compact(l).startsWith(n)),
  );
}

/** Whether a text-only line is a row of its own (rather than a wrapped fragment of a neighbour). */
export function ownRowFor(kind: TableKind): (text: string, half: number) => boolean {
  return (text, half) => {
    if (TOTAL_NAMES.has(text)) return true;
    if (kind === 't1' || kind === 't4') {
      if (/^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/.test(text)) return true;
      // A 类 of the expense side with nothing beside it: "202 外交支出" (code printed before the name, as the
      // 上海 style's T1 and T4 print it) or the bare name — a row of its own, not a wrapped part of the one above.
      if (half === 1 && (classCode(text) || /^\d{3}(?=[\u4e00-\u9fff])/.test(text))) return true;
      if (namedRow(kind, text, half === 0 ? 'income' : 'expense')) return true;
      // The first line of an income name wrapped in a narrow column with no amount beside it
      // ("政府性基金预算财政" / "拨款"): its own row, the second line attaches to it.
      return half === 0 && text.length >= 4 && namedPrefix(kind, text);
    }
    if (kind === 't6') return !!namedRow(kind, text);
    return false;
  };
}

/** Rows of a code table (T2, T3, T5, T8, T9). */
export function codeTableRows(kind: TableKind, grid: GridRow[]): { rows: BuiltRow[]; notes: string[] } {
  const columns = TABLE_SPECS[kind].columns.map((c) => c.key);
  const rows: BuiltRow[] = [];
  const notes: string[] = [];
  for (const g of grid) {
    const name = nameOf(g);
    const code = codeOf(g);
    if (code) rows.push(makeRow(g, columns, { code, name }));
    else if (TOTAL_NAMES.has(name)) rows.push(makeRow(g, columns, { key: 'total', name: '合计' }));
    else if (g.code.length) notes.push(`编码“${g.code.map((i) => i.str).join(' ')}”不是3/5/7位科目编码（${name}）`);
    else if (Object.keys(g.values).length) rows.push(makeRow(g, columns, { name }));
    else if (name) notes.push(`未归入任何行的文字“${name}”`);
  }
  return { rows, notes };
}

/**
 * A name wrapped over two lines whose first part is itself a row name ("国有资本经营预算财政拨款" / "收入",
 * with the amount beside the second part) makes two grid rows: a text-only row and a row whose name is no
 * row. Join them when the two parts together name a row and the second alone does not.
 */
function joinWrappedNames(grid: GridRow[], known: (name: string, half: number) => boolean): GridRow[] {
  const out: GridRow[] = [];
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i];
    const next = grid.slice(i + 1).find((r) => r.half === g.half);
    const joinable =
      next &&
      next.page === g.page &&
      !Object.keys(g.values).length &&
      Object.keys(next.values).length &&
      !known(nameOf(next), g.half) &&
      known(nameOf(g) + nameOf(next), g.half);
    if (joinable) next.name.unshift(...g.name);
    else out.push(g);
  }
  return out;
}

const t1Known = (kind: 't1' | 't4') => (name: string, half: number) => {
  const side = half === 0 ? 'income' : 'expense';
  return !!namedRow(kind, name, side) || (side === 'expense' && !!classCode(name));
};

/** Rows of T1 (收入支出决算总表): income named rows | expense class rows and named rows. */
export function t1Rows(grid0: GridRow[]): { rows: BuiltRow[]; notes: string[] } {
  const grid = joinWrappedNames(grid0, t1Known('t1'));
  const rows: BuiltRow[] = [];
  const notes: string[] = [];
  for (const side of ['income', 'expense'] as const) {
    for (const g of grid.filter((r) => r.half === (side === 'income' ? 0 : 1))) {
      const name = nameOf(g);
      const spec = namedRow('t1', name, side);
      const code = side === 'expense' && !spec ? classCode(name) : undefined;
      const base = spec ? { key: spec.key, name: spec.label, side } : code ? { code, name: stripMarker(name), side } : { name, side };
      if (!spec && !code) notes.push(`${side === 'income' ? '收入' : '支出'}侧未识别的行“${name}”`);
      rows.push(makeRow(g, ['amount'], base));
    }
  }
  return { rows, notes };
}

const T4_SUB: Record<string, 'general' | 'fund' | 'capital'> = { 'in.general': 'general', 'in.fund': 'fund', 'in.capital': 'capital' };

/** Rows of T4 (财政拨款收入支出决算总表). */
export function t4Rows(grid0: GridRow[]): { rows: BuiltRow[]; notes: string[] } {
  const grid = joinWrappedNames(grid0, t1Known('t4'));
  const columns = ['total', 'general', 'fund', 'capital'];
  const rows: BuiltRow[] = [];
  const notes: string[] = [];
  // in.opening / out.closing per side: their sub-rows fold into the parent's columns.
  const parents: Partial<Record<'income' | 'expense', BuiltRow>> = {};
  const seen = new Set<string>();
  for (const g of grid) {
    const side = g.half === 0 ? 'income' : 'expense';
    const name = nameOf(g);
    const spec = namedRow('t4', name, side) ?? (side === 'expense' ? namedRow('t4', name, 'income') : undefined);
    const sub = spec && T4_SUB[spec.key];
    const parent = parents[side];
    if (sub && parent && (seen.has(spec.key) || side === 'expense')) {
      const items = g.values.in ?? g.values.total ?? [];
      const problems: string[] = [];
      parent.row.values[sub] = cellAmount(items, problems, `${parent.row.name}·${sub}`);
      parent.cells[sub] = sourceOf(items);
      parent.problems.push(...problems);
      continue;
    }
    if (spec?.side === side) {
      seen.add(spec.key);
      const r = makeRow(g, side === 'income' ? ['total'] : columns, { key: spec.key, name: spec.label, side }, (b) => (b === 'in' ? 'total' : b));
      if (sub) {
        r.row.values[sub] = r.row.values.total;
        if (r.cells.total) r.cells[sub] = r.cells.total;
      }
      if (spec.key === 'in.opening' || spec.key === 'out.closing') parents[side] = r;
      rows.push(r);
      continue;
    }
    const code = side === 'expense' ? classCode(name) : undefined;
    if (!code) notes.push(`${side === 'income' ? '收入' : '支出'}侧未识别的行“${name}”`);
    const cols = side === 'income' ? ['total'] : columns;
    rows.push(makeRow(g, cols, code ? { code, name: stripMarker(name), side } : { name, side }, (b) => (b === 'in' ? 'total' : b)));
  }
  return { rows, notes };
}

/** Rows of T6 (基本支出决算表): economic-code rows of both halves, then the named total rows. */
export function t6Rows(grid: GridRow[]): { rows: BuiltRow[]; notes: string[] } {
  const coded: BuiltRow[] = [];
  const named: BuiltRow[] = [];
  const notes: string[] = [];
  for (const half of [0, 1]) {
    for (const g of grid.filter((r) => r.half === half)) {
      const name = nameOf(g);
      const code = codeOf(g);
      const spec = code ? undefined : namedRow('t6', name);
      if (code) coded.push(makeRow(g, ['amount'], { code, name }));
      else if (spec) named.push(makeRow(g, ['amount'], { key: spec.key, name: spec.label }));
      else if (name || Object.keys(g.values).length) notes.push(`未识别的行“${name}”`);
    }
  }
  return { rows: [...coded, ...named], notes };
}
