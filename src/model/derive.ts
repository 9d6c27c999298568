/**
 * Leaves in, every total derived. A person states what only they know (项/款 rows with their 基本/项目 split,
 * income by source, 年初结转, 三公 items, 经济分类 款 of 基本支出, procurement parts); every 类/款 subtotal,
 * table total and cross-table figure is derived here by one calculus, so the nine tables agree by
 * construction. Narrative figures are read from the tables (model/concepts), so they follow.
 *
 * A model may also state a derived figure (today's full models do). A stated figure is kept when it agrees
 * with the derived one within rounding (every printed term is within half a unit of its true value, so a true
 * identity survives with |difference| ≤ Σ half units); a difference beyond that is a conflict, reported with
 * the JSON path of the stated figure, the expected (derived) and the actual (stated) value.
 *
 * Semantics of a cell: a number is stated; `null` is "not known" (a sum over it is unknown); an absent key in a
 * row that states other parts counts as 0 in that row's sums. Pure: a Disclosure in, a new Disclosure out.
 */
import type { Disclosure, Row, Table, Amount } from './schema.js';
import { TABLE_SPECS, TABLE_KINDS, type TableKind } from './tables.js';
import { type Dec, ZERO, parseAmount, plain, halfUnit, convert } from '../calc/money.js';
import { className } from './classification.js';

export interface Conflict {
  /** JSON path of the stated figure, e.g. `tables[4].rows[0].values.total`. */
  path: string;
  /** The derived value (万元 unless the table is in 元), 2 places. */
  expected: string;
  /** The stated value as written. */
  actual: string;
  /** How the expected value is derived, in plain Chinese. */
  rule: string;
}

interface Derivation {
  model: Disclosure;
  /** Stated figures that contradict derived ones beyond rounding. */
  conflicts: Conflict[];
  /** Stated figures that differ from derived ones only within rounding (kept as stated). */
  drift: Conflict[];
  /** JSON paths of figures filled in by derivation. */
  derived: string[];
}

/** A derived amount and its rounding uncertainty (Σ half units of the printed terms it came from). */
interface Val {
  v: Dec;
  half: Dec;
}

const HALF = halfUnit(2);

class Deriver {
  conflicts: Conflict[] = [];
  drift: Conflict[] = [];
  derived: string[] = [];
  private seen = new Set<string>();

  constructor(readonly m: Disclosure) {}

  // ---- tables and rows --------------------------------------------------------------------------

  table(kind: TableKind, create = false): Table | undefined {
    let t = this.m.tables.find((x) => x.kind === kind);
    if (!t && create) {
      t = { kind, unit: '万元', rows: [] };
      this.m.tables.push(t);
    }
    return t;
  }

  tpath(t: Table): string {
    return `tables[${this.m.tables.indexOf(t)}]`;
  }

  row(t: Table, id: string, create?: { name: string; side?: 'income' | 'expense' }): Row | undefined {
    const byCode = /^\d+$/.test(id);
    let r = byCode
      ? t.rows.find((x) => x.code === id)
      : (t.rows.find((x) => x.key === id) ?? (id === 'total' ? t.rows.find((x) => !x.code && !x.key && /^合\s*计$/u.test(x.name)) : undefined));
    if (!r && create) {
      r = byCode ? { code: id, name: create.name, values: {} } : { key: id, name: create.name, values: {} };
      if (create.side) r.side = create.side;
      t.rows.push(r);
    }
    return r;
  }

  /** A cell in 万元: undefined when absent, null when stated unknown. */
  cell(t: Table | undefined, r: Row | undefined, col: string): Val | null | undefined {
    if (!t || !r) return undefined;
    const raw = r.values[col];
    if (raw === undefined) return undefined;
    if (raw === null) return null;
    const d = parseAmount(raw);
    if (d === null) return null;
    return { v: t.unit === '元' ? convert(d, '元', '万元') : d, half: t.unit === '元' ? halfUnit(6) : HALF };
  }

  /**
   * Settle one cell against a derived value: fill it when absent or unknown, keep it when it agrees within
   * rounding, report a conflict otherwise.
   */
  settle(t: Table, r: Row, col: string, d: Val | null | undefined, rule: string): void {
    if (d === undefined) return;
    const stated = r.values[col];
    if (d === null) {
      // Derived from an unknown: the cell is unknown too (a blank, never a wrong 0.00).
      if (stated === undefined) r.values[col] = null;
      return;
    }
    const path = `${this.tpath(t)}.rows[${t.rows.indexOf(r)}].values.${col}`;
    const out = t.unit === '元' ? convert(d.v, '万元', '元') : d.v;
    if (stated === undefined || stated === null) {
      r.values[col] = plain(out);
      this.derived.push(path);
      return;
    }
    this.compare(path, stated, out, d.half.add(HALF), rule);
  }

  /** Settle a plain model amount (sanGong, procurement). */
  settleField(obj: Record<string, unknown>, key: string, path: string, d: Val | null | undefined, rule: string): void {
    if (!d) return;
    const stated = obj[key] as Amount | null | undefined;
    if (stated === undefined || stated === null) {
      obj[key] = plain(d.v);
      this.derived.push(path);
      return;
    }
    this.compare(path, stated, d.v, d.half.add(HALF), rule);
  }

  private compare(path: string, stated: Amount, expected: Dec, tol: Dec, rule: string): void {
    if (this.seen.has(path)) return;
    const s = parseAmount(stated);
    if (s === null) return;
    const diff = s.sub(expected).abs();
    if (diff.isZero()) return;
    this.seen.add(path);
    const c: Conflict = { path, expected: plain(expected), actual: String(stated), rule };
    if (diff.lte(tol)) this.drift.push(c);
    else this.conflicts.push(c);
  }

  // ---- sums ----------------------------------------------------------------------------------------

  /**
   * Σ of cells. `undefined` when every cell is absent (nothing to derive); `null` (unknown) when a cell is a
   * stated unknown, or, with `absentIsZero` false, when some cells are absent and others stated. Otherwise
   * absent cells count 0 (a row that states some parts and leaves others out).
   */
  static sum(cells: (Val | null | undefined)[], signs?: number[], absentIsZero = true): Val | null | undefined {
    let v = ZERO;
    let half = ZERO;
    let any = false;
    let absent = false;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === null) return null;
      if (c === undefined) {
        absent = true;
        continue;
      }
      any = true;
      v = (signs?.[i] ?? 1) < 0 ? v.sub(c.v) : v.add(c.v);
      half = half.add(c.half);
    }
    if (!any) return undefined;
    if (absent && !absentIsZero) return null;
    return { v, half };
  }

  /** The current value of a cell after settling (stated wins). */
  get(kind: TableKind, row: string, col: string): Val | null | undefined {
    const t = this.table(kind);
    return this.cell(t, t && this.row(t, row), col);
  }

  // ---- derivations -------------------------------------------------------------------------------

  /** Row identities of one table (total = Σ parts; T8 年末 = 年初 + 收入 − 支出). */
  rowIdentities(t: Table): void {
    const spec = TABLE_SPECS[t.kind];
    for (const r of t.rows) {
      // Nested sums (T7 小计 inside 合计) settle inner first: the spec lists outer first, so go in reverse.
      for (const id of [...(spec.rowSum ?? [])].reverse()) {
        const parts = id.parts.map((p) => this.cell(t, r, p));
        // A stated total is checked only against parts all stated (an absent part may be a column the source did
        // not print); a missing total is derived with absent parts as 0 (a row that states 基本/项目 only).
        const stated = r.values[id.total] !== undefined && r.values[id.total] !== null;
        if (stated && parts.some((x) => x === undefined)) continue;
        this.settle(t, r, id.total, Deriver.sum(parts), `${label(spec.kind, id.total)} = ${id.parts.map((p) => label(spec.kind, p)).join(' + ')}`);
      }
      for (const b of spec.rowBalance ?? []) {
        // left = right; derive the last right term (年末结转和结余).
        const closing = b.right[b.right.length - 1];
        const terms = [...b.left, ...b.right.slice(0, -1)].map((k) => this.cell(t, r, k));
        const signs = [...b.left.map(() => 1), ...b.right.slice(0, -1).map(() => -1)];
        if (terms.some((x) => x === undefined)) continue;
        this.settle(t, r, closing, Deriver.sum(terms, signs), `${label(spec.kind, closing)} = ${b.left.map((k) => label(spec.kind, k)).join(' + ')} − ${b.right.slice(0, -1).map((k) => label(spec.kind, k)).join(' − ')}`);
      }
    }
  }

  /** 款 = Σ 项, 类 = Σ 款, 合计 = Σ 类, column by column; parents are created when missing. */
  hierarchy(t: Table, columns: string[], side?: 'expense'): void {
    const coded = t.rows.filter((r) => r.code && (!side || r.side !== 'income'));
    for (const len of [5, 3]) {
      const children = coded.filter((r) => r.code!.length === len + 2);
      const parents = new Map<string, Row[]>();
      for (const c of children) {
        const p = c.code!.slice(0, len);
        if (!parents.has(p)) parents.set(p, []);
        parents.get(p)!.push(c);
      }
      for (const [code, kids] of parents) {
        const name = len === 3 ? (className(code) ?? this.nameElsewhere(code)) : this.nameElsewhere(code);
        let parent = this.row(t, code);
        if (!parent) {
          parent = this.row(t, code, { name: name ?? `科目${code}`, ...(side ? { side } : {}) })!;
          coded.push(parent);
        }
        for (const col of columns) {
          this.settle(t, parent, col, Deriver.sum(kids.map((k) => this.cell(t, k, col)), undefined, false), `${code} = Σ 下级科目（${kids.map((k) => k.code).join('、')}）`);
        }
      }
    }
    const classes = t.rows.filter((r) => r.code?.length === 3 && (!side || r.side !== 'income'));
    if (classes.length === 0) return;
    const totalKey = side ? 'out.total' : 'total';
    const total = this.row(t, totalKey, { name: side ? '本年支出合计' : '合计', ...(side ? { side } : {}) })!;
    for (const col of columns) {
      this.settle(t, total, col, Deriver.sum(classes.map((k) => this.cell(t, k, col)), undefined, false), `合计 = Σ 类（${classes.map((k) => k.code).join('、')}）`);
    }
  }

  /** A 科目's cell in a source table: 0 when the table has no such row, unknown when the row leaves it blank. */
  codeCell(t: Table, code: string, col: string): Val | null {
    const r = this.row(t, code);
    if (!r) return orZero(undefined);
    return this.cell(t, r, col) ?? null;
  }

  /** A 款/项 name stated in another table of the model. */
  nameElsewhere(code: string): string | null {
    for (const t of this.m.tables) for (const r of t.rows) if (r.code === code && r.name) return r.name;
    return null;
  }

  /** Settle `to` from `from` (both in 万元); when only `to` is stated and `from` is absent, copy back. */
  link(toKind: TableKind, toRow: string, toCol: string, from: Val | null | undefined, rule: string, create?: { name: string; side?: 'income' | 'expense' }): void {
    if (from === undefined || from === null) return;
    const t = this.table(toKind, !!create);
    if (!t) return;
    const r = this.row(t, toRow, create);
    if (!r) return;
    this.settle(t, r, toCol, from, rule);
  }

  sanGong(): void {
    const s = this.m.sanGong as unknown as Record<string, Record<string, Amount | null | undefined>>;
    const item = (k: string, f: string): Val | null | undefined => {
      const raw = s[k]?.[f];
      if (raw === undefined) return undefined;
      if (raw === null) return null;
      const d = parseAmount(raw);
      return d === null ? null : { v: d, half: HALF };
    };
    s.total ??= {};
    for (const f of ['budget', 'actual', 'prior']) {
      const parts = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'].map((k) => item(k, f));
      if (parts.some((p) => p === undefined)) continue;
      this.settleField(s.total, f, `sanGong.total.${f}`, Deriver.sum(parts), '“三公”经费合计 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费');
    }
    // T7 follows the 三公 items.
    const t7 = this.table('t7');
    if (!t7 || t7.empty) return;
    const map: [string, string][] = [['abroad', 'abroad'], ['vehiclePurchase', 'purchase'], ['vehicleOperation', 'operation'], ['reception', 'reception'], ['total', 'total']];
    for (const [basis, f] of [['budget', 'budget'], ['actual', 'actual']] as const) {
      for (const [k, col] of map) {
        const v = item(k, f);
        if (v) this.link('t7', 'total', `${basis}.${col}`, v, `“三公”经费表 = 三公经费（sanGong.${k}.${f}）`, { name: '合计' });
      }
    }
    this.rowIdentities(t7);
  }

  procurement(): void {
    const p = this.m.procurement as unknown as Record<string, Amount | null | undefined>;
    const parts = ['goods', 'works', 'services'].map((k) => {
      const raw = p[k];
      if (raw === undefined || raw === null) return null;
      const d = parseAmount(raw);
      return d === null ? null : { v: d, half: HALF };
    });
    this.settleField(p, 'total', 'procurement.total', Deriver.sum(parts), '政府采购支出总额 = 货物 + 工程 + 服务');
  }

  /** T6: 类 = Σ 款; 人员经费 = 301 + 303; 公用经费 = the other 类; 合计 = 人员 + 公用. */
  t6(): void {
    const t = this.table('t6');
    if (!t || t.empty) return;
    this.hierarchyEconomic(t);
    const classes = t.rows.filter((r) => r.code?.length === 3);
    if (classes.length > 0) {
      const personnel = classes.filter((r) => r.code === '301' || r.code === '303');
      const pub = classes.filter((r) => r.code !== '301' && r.code !== '303');
      this.settle(t, this.row(t, 'personnel', { name: '人员经费合计' })!, 'amount', Deriver.sum(personnel.map((r) => this.cell(t, r, 'amount'))) ?? { v: ZERO, half: ZERO }, '人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助');
      this.settle(t, this.row(t, 'public', { name: '公用经费合计' })!, 'amount', Deriver.sum(pub.map((r) => this.cell(t, r, 'amount'))) ?? { v: ZERO, half: ZERO }, '公用经费 = 除 301、303 外的经济分类类级');
    }
    const pe = this.cell(t, this.row(t, 'personnel'), 'amount');
    const pu = this.cell(t, this.row(t, 'public'), 'amount');
    if (pe !== undefined && pu !== undefined) this.link('t6', 'total', 'amount', Deriver.sum([pe, pu]), '基本支出合计 = 人员经费 + 公用经费', { name: '基本支出合计' });
  }

  hierarchyEconomic(t: Table): void {
    const kids = t.rows.filter((r) => r.code?.length === 5);
    const groups = new Map<string, Row[]>();
    for (const k of kids) {
      const c = k.code!.slice(0, 3);
      if (!groups.has(c)) groups.set(c, []);
      groups.get(c)!.push(k);
    }
    for (const [code, rows] of groups) {
      const parent = this.row(t, code, { name: ECONOMIC_CLASSES[code] ?? this.nameElsewhere(code) ?? `科目${code}` })!;
      this.settle(t, parent, 'amount', Deriver.sum(rows.map((r) => this.cell(t, r, 'amount'))), `${code} = Σ 款（${rows.map((r) => r.code).join('、')}）`);
    }
  }

  /** T4 expense rows from T5 (一般公共预算), T8 (政府性基金) and T9 (国有资本经营). */
  t4(): void {
    const sources: [TableKind, string][] = [['t5', 'general'], ['t8', 'fund'], ['t9', 'capital']];
    const codes = new Map<string, string>();
    for (const [k] of sources) {
      const t = this.table(k);
      if (!t || t.empty) continue;
      for (const r of t.rows) if (r.code && !codes.has(r.code)) codes.set(r.code, r.name);
    }
    if (codes.size === 0 && !this.table('t4')) return;
    const t4 = this.table('t4', codes.size > 0)!;
    if (t4.empty) return;
    // Both templates print T4's expense side by 类: the 款 and 项 of T5/T8/T9 come in only where the
    // model's T4 states them itself.
    const stated = new Set(t4.rows.map((r) => r.code).filter((c): c is string => !!c));
    for (const [code, name] of [...codes].filter(([c]) => c.length === 3 || stated.has(c)).sort((a, b) => a[0].localeCompare(b[0]))) {
      const r = this.row(t4, code, { name, side: 'expense' })!;
      for (const [k, col] of sources) {
        const t = this.table(k);
        if (!t) continue;
        const src = t.empty ? orZero(undefined) : this.codeCell(t, code, 'total');
        this.settle(t4, r, col, src, `${TABLE_SPECS.t4.title} ${code} ${label('t4', col)} = ${TABLE_SPECS[k].title} ${code} 合计`);
      }
    }
    const cols = TABLE_SPECS.t4.columns.map((c) => c.key);
    this.rowIdentities(t4);
    this.hierarchy(t4, cols, 'expense');
    // Income rows from T1 (one column each), then the totals and the balance.
    const t1 = this.table('t1');
    const pairs: [string, string][] = [['in.general', 'general'], ['in.fund', 'fund'], ['in.capital', 'capital']];
    for (const [key, col] of pairs) {
      const v = this.cell(t1, t1 && this.row(t1, key), 'amount');
      if (v === undefined || v === null) continue;
      const spec = TABLE_SPECS.t4.namedRows!.find((n) => n.key === key)!;
      this.link('t4', key, col, v, `${spec.label} = ${TABLE_SPECS.t1.title} ${spec.label}收入`, { name: spec.label, side: 'income' });
      this.link('t4', key, 'total', v, `${spec.label}（合计）= ${TABLE_SPECS.t1.title} ${spec.label}收入`);
    }
    for (const [key, col] of pairs) {
      const v = this.cell(t4, this.row(t4, key), col);
      if (v) this.link('t4', 'in.total', col, v, `本年收入合计（${label('t4', col)}）= ${label('t4', col)}收入`, { name: '本年收入合计', side: 'income' });
    }
    // 年初财政拨款结转和结余 by fund: 政府性基金 from T8, 国有资本经营 0 when T9 is empty (it has no 结转 column);
    // 一般公共预算 is then the rest of the stated whole.
    const t8 = this.table('t8');
    const t9 = this.table('t9');
    const openingRow = this.row(t4, 'in.opening');
    if (openingRow) {
      if (t8) this.link('t4', 'in.opening', 'fund', t8.empty ? { v: ZERO, half: ZERO } : this.get('t8', 'total', 'opening'), `年初财政拨款结转和结余（政府性基金）= ${TABLE_SPECS.t8.title} 年初结转和结余`);
      if (t9?.empty && this.cell(t4, openingRow, 'capital') === undefined) this.link('t4', 'in.opening', 'capital', { v: ZERO, half: ZERO }, `${TABLE_SPECS.t9.title}为空表`);
      const whole = this.cell(t4, openingRow, 'total');
      const fund = this.cell(t4, openingRow, 'fund');
      const capital = this.cell(t4, openingRow, 'capital');
      if (whole && fund && capital && this.cell(t4, openingRow, 'general') === undefined) {
        this.link('t4', 'in.opening', 'general', Deriver.sum([whole, fund, capital], [1, -1, -1]), '年初财政拨款结转和结余（一般公共预算）= 合计 − 政府性基金 − 国有资本经营');
      }
    }
    this.rowIdentities(t4);
    for (const col of cols) {
      const total = this.cell(t4, this.row(t4, 'in.total'), col);
      const openingRow = this.row(t4, 'in.opening');
      let opening = this.cell(t4, openingRow, col);
      // A 年初结转 stated only as a whole (合计) leaves its split by fund unknown.
      const openingTotal = this.cell(t4, openingRow, 'total');
      if (opening === undefined && col !== 'total' && openingTotal && !openingTotal.v.isZero()) opening = null;
      if (total === undefined || total === null) continue;
      const grand = Deriver.sum([total, opening]);
      this.link('t4', 'in.grand', col, grand, '收入总计 = 本年收入合计 + 年初财政拨款结转和结余', { name: '收入总计', side: 'income' });
      const g = this.cell(t4, this.row(t4, 'in.grand'), col);
      this.link('t4', 'out.grand', col, g, '支出总计 = 收入总计', { name: '支出总计', side: 'expense' });
      const out = this.cell(t4, this.row(t4, 'out.total'), col);
      if (out !== undefined && out !== null && g) {
        this.link('t4', 'out.closing', col, Deriver.sum([g, out], [1, -1]), '年末财政拨款结转和结余 = 收入总计 − 本年支出合计', { name: '年末财政拨款结转和结余', side: 'expense' });
      }
    }
  }

  /** T1: income totals, expense 类 rows from T3, the balance. */
  t1(): void {
    const t1 = this.table('t1');
    if (!t1 || t1.empty) return;
    const sources = ['in.general', 'in.fund', 'in.capital', 'in.superior', 'in.business', 'in.operating', 'in.subordinate', 'in.other'];
    const cells = sources.map((k) => this.cell(t1, this.row(t1, k), 'amount'));
    if (cells.some((c) => c !== undefined)) this.link('t1', 'in.total', 'amount', Deriver.sum(cells), '本年收入合计 = Σ 各项收入', { name: '本年收入合计', side: 'income' });
    const total = this.cell(t1, this.row(t1, 'in.total'), 'amount');
    if (total) {
      const grand = Deriver.sum([total, this.cell(t1, this.row(t1, 'in.nonfiscal'), 'amount'), this.cell(t1, this.row(t1, 'in.opening'), 'amount')]);
      this.link('t1', 'in.grand', 'amount', grand, '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余', { name: '收入总计', side: 'income' });
    }
    const t3 = this.table('t3');
    if (t3 && !t3.empty) {
      for (const r of t3.rows.filter((x) => x.code?.length === 3)) {
        this.link('t1', r.code!, 'amount', this.cell(t3, r, 'total'), `${TABLE_SPECS.t1.title} ${r.code} = ${TABLE_SPECS.t3.title} ${r.code} 合计`, { name: r.name, side: 'expense' });
      }
      this.link('t1', 'out.total', 'amount', this.cell(t3, this.row(t3, 'total'), 'total'), `本年支出合计 = ${TABLE_SPECS.t3.title} 合计`, { name: '本年支出合计', side: 'expense' });
    }
    this.hierarchy(t1, ['amount'], 'expense');
    const grand = this.cell(t1, this.row(t1, 'in.grand'), 'amount');
    this.link('t1', 'out.grand', 'amount', grand, '支出总计 = 收入总计', { name: '支出总计', side: 'expense' });
    const out = this.cell(t1, this.row(t1, 'out.total'), 'amount');
    const g = this.cell(t1, this.row(t1, 'out.grand'), 'amount');
    if (out && g) {
      const dist = this.cell(t1, this.row(t1, 'out.distribution'), 'amount');
      this.link('t1', 'out.closing', 'amount', Deriver.sum([g, out, dist ?? undefined], [1, -1, -1]), '年末结转和结余 = 支出总计 − 本年支出合计 − 结余分配', { name: '年末结转和结余', side: 'expense' });
    }
  }

  /** T2 合计 by source = T1 income by source; T8 收入 = T1 政府性基金收入. */
  crossIncome(): void {
    const t1 = this.table('t1');
    if (!t1 || t1.empty) return;
    const v = (k: string) => this.cell(t1, this.row(t1, k), 'amount');
    const t2 = this.table('t2');
    if (t2 && !t2.empty) {
      const fiscal = ['in.general', 'in.fund', 'in.capital'].map(v);
      if (fiscal.some((x) => x !== undefined)) this.link('t2', 'total', 'fiscal', Deriver.sum(fiscal), '财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款收入', { name: '合计' });
      for (const [k, col] of [['in.superior', 'superior'], ['in.business', 'business'], ['in.operating', 'operating'], ['in.subordinate', 'subordinate'], ['in.other', 'other']]) {
        const x = v(k);
        if (x) this.link('t2', 'total', col, x, `${label('t2', col)} = ${TABLE_SPECS.t1.title} ${label('t2', col)}`);
      }
      this.rowIdentities(t2);
      this.link('t1', 'in.total', 'amount', this.get('t2', 'total', 'total'), `本年收入合计 = ${TABLE_SPECS.t2.title} 合计`);
    }
    const t8 = this.table('t8');
    if (t8 && !t8.empty) this.link('t8', 'total', 'income', v('in.fund'), `本年收入 = ${TABLE_SPECS.t1.title} 政府性基金预算财政拨款收入`);
  }

  /**
   * A department whose whole income is 财政拨款 spends only 财政拨款: its 支出决算表 rows are then the
   * rows of T5 + T8 + T9 (合计, 基本支出, 项目支出), so a person enters each 项 once. Only when T3 states
   * no coded row and T1 states every non-fiscal source (and 使用非财政拨款结余) as 0.
   */
  t3FromFiscal(): void {
    const t1 = this.table('t1');
    const t3 = this.table('t3');
    if (!t1 || t1.empty || !t3 || t3.empty || t3.rows.some((r) => r.code)) return;
    for (const k of ['in.superior', 'in.business', 'in.operating', 'in.subordinate', 'in.other', 'in.nonfiscal']) {
      const v = this.cell(t1, this.row(t1, k), 'amount');
      if (!v || !v.v.isZero()) return;
    }
    // Every carried-over fund is 财政拨款 too (年初结转和结余 = 年初财政拨款结转和结余), or there is none.
    const opening = this.cell(t1, this.row(t1, 'in.opening'), 'amount');
    const t4 = this.table('t4');
    const o4 = t4 && this.row(t4, 'in.opening');
    const fiscalOpening = this.cell(t4, o4, 'total') ?? Deriver.sum(['general', 'fund', 'capital'].map((c) => this.cell(t4, o4, c)));
    if (opening === null || (opening && !opening.v.isZero() && !(fiscalOpening && fiscalOpening.v.eq(opening.v)))) return;
    const sources = (['t5', 't8', 't9'] as TableKind[]).map((k) => this.table(k)).filter((t): t is Table => !!t && !t.empty);
    // Each source must list its 类 (a table known only by its total cannot be split by 科目).
    if (sources.some((t) => !t.rows.some((r) => r.code?.length === 3) && this.cell(t, this.row(t, 'total'), 'total'))) return;
    const codes = new Map<string, string>();
    for (const t of sources) for (const r of t.rows) if (r.code && !codes.has(r.code)) codes.set(r.code, r.name);
    for (const [code, name] of [...codes].sort((a, b) => a[0].localeCompare(b[0]))) {
      const r = this.row(t3, code, { name })!;
      for (const col of ['total', 'basic', 'project']) {
        const cells = sources.map((t) => this.codeCell(t, code, col));
        this.settle(t3, r, col, Deriver.sum(cells), `${code} ${label('t3', col)} = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款支出（收入全部为财政拨款）`);
      }
    }
    this.rowIdentities(t3);
    this.hierarchy(t3, TABLE_SPECS.t3.columns.map((c) => c.key));
  }

  run(): void {
    this.sanGong();
    this.procurement();
    for (const kind of ['t2', 't3', 't5', 't8', 't9'] as TableKind[]) {
      const t = this.table(kind);
      if (!t || t.empty) continue;
      const cols = TABLE_SPECS[kind].columns.map((c) => c.key);
      this.rowIdentities(t);
      this.hierarchy(t, cols);
      this.rowIdentities(t);
    }
    this.t3FromFiscal();
    this.t6();
    const t5 = this.table('t5');
    const t6 = this.table('t6');
    if (t5 && t6 && !t5.empty && !t6.empty) {
      this.link('t6', 'total', 'amount', this.get('t5', 'total', 'basic'), `基本支出合计 = ${TABLE_SPECS.t5.title} 基本支出合计`, { name: '基本支出合计' });
    }
    this.crossIncome();
    this.t1();
    this.t4();
    // T1 and T4 agree on the fiscal income (checked both ways once every figure is settled).
    const t1 = this.table('t1');
    if (t1 && !t1.empty) {
      for (const [key, col] of [['in.general', 'general'], ['in.fund', 'fund'], ['in.capital', 'capital']]) {
        this.link('t1', key, 'amount', this.get('t4', key, col), `${label('t1', key)} = ${TABLE_SPECS.t4.title} ${label('t4', col)}`);
      }
    }
  }
}

/** 经济分类 类 names (2018 支出经济分类科目). */
const ECONOMIC_CLASSES: Record<string, string> = {
  '301': '工资福利支出',
  '302': '商品和服务支出',
  '303': '对个人和家庭的补助',
  '307': '债务利息及费用支出',
  '309': '资本性支出（基本建设）',
  '310': '资本性支出',
  '311': '对企业补助（基本建设）',
  '312': '对企业补助',
  '313': '对社会保障基金补助',
  '399': '其他支出',
};

/** An absent cell counts 0; a stated unknown (null) stays unknown. */
function orZero(c: Val | null | undefined): Val | null {
  return c === undefined ? { v: ZERO, half: ZERO } : c;
}

function label(kind: TableKind, key: string): string {
  const spec = TABLE_SPECS[kind];
  return spec.columns.find((c) => c.key === key)?.label ?? spec.namedRows?.find((n) => n.key === key)?.label ?? key;
}

/** Derive every total of a model; the input is not changed. */
export function deriveModel(input: Disclosure): Derivation {
  const m = structuredClone(input);
  const d = new Deriver(m);
  d.run();
  // Tables created by derivation follow the canonical order.
  m.tables.sort((a, b) => TABLE_KINDS.indexOf(a.kind) - TABLE_KINDS.indexOf(b.kind));
  return { model: m, conflicts: [...d.conflicts, ...negativeBalances(m)], drift: d.drift, derived: d.derived };
}

/**
 * 年末结转和结余 below zero (beyond rounding) is no 决算: spending exceeded income plus what was carried in.
 * Raised where derivation (or the model) gives one, so that render stops instead of printing its absolute value.
 */
function negativeBalances(m: Disclosure): Conflict[] {
  const out: Conflict[] = [];
  m.tables.forEach((t, ti) => {
    if (t.kind !== 't1' && t.kind !== 't4') return;
    t.rows.forEach((r, ri) => {
      if (r.key !== 'out.closing') return;
      for (const [col, v] of Object.entries(r.values)) {
        const d = v === null || v === undefined ? null : parseAmount(v);
        if (d && d.lt(HALF.neg())) {
          out.push({
            path: `tables[${ti}].rows[${ri}].values.${col}`,
            expected: '≥ 0.00',
            actual: plain(d),
            rule: `${TABLE_SPECS[t.kind].title}“${r.name}”不能为负：本年支出超过了本年收入与年初结转和结余之和，请核对支出或收入`,
          });
        }
      }
    });
  });
  return out;
}

/** One line per conflict: "path：应为 X（rule），实为 Y". */
export function conflictMessage(c: Conflict): string {
  return `应为 ${c.expected}（${c.rule}），实为 ${c.actual}`;
}

/**
 * The leaves of a model: every stated table figure that derivation gives back exactly is removed (totals first,
 * then 类, 款), so that editing a leaf moves its totals instead of contradicting them. Rows left without any
 * figure are kept when they name a 款 or 类 (their names are not derivable), dropped otherwise.
 */
export function leavesOnly(input: Disclosure): Disclosure {
  // Only the tables and the 三公/采购 amounts take part in derivation: trial derivations run on those alone.
  const light = (x: Disclosure): Disclosure => ({ ...x, profile: { functions: [], institutions: '', composition: '' }, comparatives: {}, performance: { ...x.performance, selfEvaluations: [] }, glossary: [], dataNotes: [] });
  const m = structuredClone(input);
  const cells: { t: number; r: number; col: string; v: string }[] = [];
  m.tables.forEach((t, ti) =>
    t.rows.forEach((r, ri) => {
      for (const [col, v] of Object.entries(r.values)) if (v !== null && v !== undefined) cells.push({ t: ti, r: ri, col, v: String(v) });
    }),
  );
  const rank = (c: (typeof cells)[number]) => {
    const row = m.tables[c.t].rows[c.r];
    return row.code ? row.code.length : 0;
  };
  // Level by level (totals, 类, 款, 项): remove the whole level, derive, put back what does not come back exactly,
  // until nothing more is put back. A few derivations instead of one per cell.
  const same = (a: Amount | null | undefined, b: string) => a !== null && a !== undefined && parseAmount(a)?.eq(parseAmount(b)!) === true;
  const removed: typeof cells = [];
  for (const level of [0, 3, 5, 7]) {
    let trial = cells.filter((c) => rank(c) === level);
    while (trial.length > 0) {
      for (const c of trial) delete m.tables[c.t].rows[c.r].values[c.col];
      const d = deriveModel(light(m));
      const back = (x: (typeof cells)[number]) => same(d.model.tables.find((tt) => tt.kind === m.tables[x.t].kind)!.rows[x.r]?.values[x.col], x.v);
      const failed = d.conflicts.length > 0 ? trial : trial.filter((c) => !back(c));
      const lost = removed.filter((c) => !back(c));
      if (failed.length === 0 && lost.length === 0) {
        removed.push(...trial);
        break;
      }
      for (const c of [...failed, ...lost]) m.tables[c.t].rows[c.r].values[c.col] = c.v;
      if (lost.length > 0) for (const c of lost) removed.splice(removed.indexOf(c), 1);
      trial = trial.filter((c) => !failed.includes(c));
      if (failed.length === 0) {
        removed.push(...trial);
        break;
      }
    }
  }
  for (const t of m.tables) t.rows = t.rows.filter((r) => Object.keys(r.values).length > 0 || (r.code && r.code.length < 7));
  return m;
}
