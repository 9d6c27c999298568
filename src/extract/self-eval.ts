/**
 * Read 项目支出绩效自评表 from a SourceDoc's tables into ExtractedSelfEvaluation (every value kept as printed,
 * with its [start, end) offsets in doc.text). Turning a form into the model's SelfEvaluation is
 * self-eval-convert.ts (it needs the schema, which a check does not load).
 *
 * Layouts handled (docs/domain.md §5):
 * - 重庆 (the seed): 项目名称/自评总分, 项目资金 全年预算数/全年执行数/执行率, 年度总体目标, 绩效指标 with
 *   计量单位, 指标性质, 年度指标值, 指标权重, 全年完成值, 完成比例, 指标得分, 原因, then 合计.
 * - 四川 (`text/028…`, `text/029…`): 预算执行情况(10分) 年初预算/调整后预算数/预算执行数/预算执行率/权重/得分,
 *   绩效指标(90分) with 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析, then 合计.
 * - central (财政部): 年初预算数/全年预算数/全年执行数/分值/执行率/得分, 年度指标值/实际完成值/分值/得分, 总分.
 * Columns are found by header name, never by position; rows whose merged cells were dropped are re-aligned
 * on the 指标性质 cell or the 一级指标 name. Row/column spans from DOCX/HTML readers are expanded first.
 *
 * `cellLineTables` rebuilds tables from the plain-text layout of Word→text conversions (the seed: one cell
 * per line, each starting with a tab, rows separated by blank lines), used when the reader found none.
 * No I/O here.
 */
import type { SourceDoc, SourceTable, SourceCell } from '../readers/types.js';
import type { ExtractedSelfEvaluation, ExtractedIndicator, ExtractedFunds, PrintedValue, BudgetKind } from './self-eval-types.js';
import { parseNature, parseIndicatorNumber } from '../calc/performance.js';

// ---------------------------------------------------------------------------------------------
// Grid: expand spans so that column indices line up with the header.
// ---------------------------------------------------------------------------------------------

interface GCell {
  text: string;
  start: number;
  end: number;
  /** Normalised text for matching: NFKC, no whitespace. */
  key: string;
  /** Covered by a span from another cell (value repeated for row spans, blank for column spans). */
  covered: boolean;
}

type GRow = GCell[];

function keyOf(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u00a0\u3000]/g, '');
}

function trimmedCell(c: SourceCell): GCell {
  const lead = c.text.length - c.text.trimStart().length;
  const text = c.text.trim();
  const start = c.start + (c.end - c.start === c.text.length ? lead : 0);
  return { text, start, end: start + (c.end - c.start === c.text.length ? text.length : c.end - c.start), key: keyOf(text), covered: false };
}

function gridOf(table: SourceTable): GRow[] {
  const pending = new Map<number, { cell: GCell; left: number }>();
  const out: GRow[] = [];
  for (const row of table.rows) {
    const g: GRow = [];
    let col = 0;
    const fillPending = () => {
      for (;;) {
        const p = pending.get(col);
        if (!p || p.left <= 0) break;
        g[col] = { ...p.cell, covered: true };
        p.left--;
        if (p.left <= 0) pending.delete(col);
        col++;
      }
    };
    for (const c of row) {
      fillPending();
      const cell = trimmedCell(c);
      const span = Math.max(1, c.colSpan ?? 1);
      for (let k = 0; k < span; k++) {
        g[col + k] = k === 0 ? cell : { text: '', start: cell.end, end: cell.end, key: '', covered: true };
        if ((c.rowSpan ?? 1) > 1) pending.set(col + k, { cell: k === 0 ? cell : g[col + k], left: (c.rowSpan ?? 1) - 1 });
      }
      col += span;
    }
    fillPending();
    out.push(g);
  }
  return out;
}

function rowStart(r: GRow): number {
  let s = Infinity;
  for (const c of r) if (c && !c.covered) s = Math.min(s, c.start);
  return s === Infinity ? (r[0]?.start ?? 0) : s;
}

function rowEnd(r: GRow): number {
  let e = -1;
  for (const c of r) if (c && !c.covered) e = Math.max(e, c.end);
  return e < 0 ? (r[r.length - 1]?.end ?? 0) : e;
}

function pv(c: GCell | undefined | null): PrintedValue {
  if (!c) return { text: '' };
  if (c.covered) return { text: '', start: c.start, end: c.start };
  return { text: c.text, start: c.start, end: c.end };
}

function findIdx(r: GRow, re: RegExp): number {
  return r.findIndex((c) => !!c && !c.covered && re.test(c.key));
}

function nextCell(r: GRow, i: number): GCell | undefined {
  for (let k = i + 1; k < r.length; k++) if (r[k] && !(r[k].covered && r[k].key === '')) return r[k];
  return undefined;
}

const isNumeric = (c: GCell | undefined): boolean => !!c && c.key !== '' && parseIndicatorNumber(c.text) !== null;

// ---------------------------------------------------------------------------------------------
// Column maps
// ---------------------------------------------------------------------------------------------

type IndCol = 'level1' | 'level2' | 'name' | 'unit' | 'nature' | 'target' | 'weight' | 'actual' | 'completion' | 'score' | 'reason';
const IND_COLS: [IndCol, RegExp][] = [
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['name', /^三级指标/],
  ['nature', /性质/],
  ['unit', /单位$|^(计量|度量)单位/],
  ['completion', /完成比例|完成率/],
  ['actual', /完成值|实际完成/],
  ['target', /指标值|目标值/],
  ['weight', /权重|分值/],
  ['score', /得分/],
  ['reason', /原因|措施|说明/],
];

type FundCol = 'initial' | 'fullYear' | 'adjusted' | 'executed' | 'rate' | 'weight' | 'score' | 'reason';
const FUND_COLS: [FundCol, RegExp][] = [
  ['initial', /年初预算/],
  ['fullYear', /全年预算/],
  ['adjusted', /调整后预算/],
  ['rate', /执行率/],
  ['executed', /执行数/],
  ['weight', /分值|权重/],
  ['score', /得分/],
  ['reason', /原因/],
];

function columnMap<K extends string>(header: GRow, cols: [K, RegExp][]): Partial<Record<K, number>> {
  const m: Partial<Record<K, number>> = {};
  header.forEach((c, i) => {
    if (!c || c.covered || !c.key) return;
    for (const [k, re] of cols) {
      if (m[k] === undefined && re.test(c.key)) {
        m[k] = i;
        break;
      }
    }
  });
  return m;
}

const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;
const FUND_LABEL = /总额|总金额|资金|^其中/;

function points(r: GRow, re: RegExp): PrintedValue | undefined {
  for (const c of r) {
    if (!c || c.covered) continue;
    const m = re.exec(c.text.normalize('NFKC'));
    if (m && m.index !== undefined) {
      const i = c.text.normalize('NFKC').indexOf(m[1], m.index);
      // NFKC keeps ASCII digits at the same offsets for the texts seen; fall back to the whole cell.
      if (c.text.slice(i, i + m[1].length) === m[1]) return { text: m[1], start: c.start + i, end: c.start + i + m[1].length };
      return { text: m[1], start: c.start, end: c.end };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

const PROJECT_KEY = /^项目名称/;
/** Header cells are short: a note like "1.预算执行率=预算执行数/调整后预算数…" is not a header. */
const HEADER_RATE = /^.{0,6}执行率.{0,12}$/u;
const HEADER_EXEC = /^.{0,6}执行数.{0,12}$/u;

/** The row without its trailing blank cells (readers pad rows to the table width). */
function trimRow(r: GRow): GRow {
  let n = r.length;
  while (n > 0 && (!r[n - 1] || r[n - 1].key === '')) n--;
  return r.slice(0, n);
}
const TITLE_KEY = /自评表/;

function parseForm(rows: GRow[]): ExtractedSelfEvaluation | null {
  const x: ExtractedSelfEvaluation = {
    project: { text: '' },
    totalScore: { text: '' },
    funds: [],
    indicators: [],
    start: rowStart(rows[0]),
    end: rowEnd(rows[rows.length - 1]),
  };
  let mode: 'head' | 'funds' | 'goal' | 'indicators' | 'tail' = 'head';
  let fundHeader: GRow | null = null;
  let fundMap: Partial<Record<FundCol, number>> = {};
  let indHeader: GRow | null = null;
  let indMap: Partial<Record<IndCol, number>> = {};
  let goalHeader: { row: GRow; goal: number; ach: number } | null = null;
  let level1 = '';
  let level2 = '';

  for (const r of rows) {
    const nonEmpty = r.filter((c) => c && c.key !== '');
    if (nonEmpty.length === 0) continue;

    const titleIdx = findIdx(r, TITLE_KEY);
    if (titleIdx >= 0 && !x.title && nonEmpty.length === 1) {
      x.title = pv(r[titleIdx]);
      continue;
    }
    // key–value cells anywhere in the head
    const kv = (re: RegExp): GCell | undefined => {
      const i = findIdx(r, re);
      return i >= 0 ? nextCell(r, i) : undefined;
    };
    if (mode === 'head' || mode === 'goal' || mode === 'tail') {
      let hit = false;
      const p = kv(PROJECT_KEY);
      if (p && !x.project.text) ((x.project = pv(p)), (hit = true));
      const ts = kv(/^(自评总分|总分)/);
      if (ts && !x.totalScore.text && isNumeric(ts)) ((x.totalScore = pv(ts)), (hit = true));
      const dep = kv(/^(业务)?主管部门/);
      if (dep && !x.department) ((x.department = pv(dep)), (hit = true));
      const imp = kv(/^实施单位/);
      if (imp && !x.implementer) ((x.implementer = pv(imp)), (hit = true));
      // 联系人及电话: the rest of the row (a PDF's text layer may split the name and the number into two cells)
      const ci = findIdx(r, /^联系人/);
      if (ci >= 0 && !x.contact) {
        const rest = r.slice(ci + 1).filter((c) => c && !c.covered && c.key !== '');
        if (rest.length) ((x.contact = { text: rest.map((c) => c.text).join(' '), start: rest[0].start, end: rest[rest.length - 1].end }), (hit = true));
      }
      const gr = kv(/(评价|自评)等级$|^等级$/);
      if (gr && !x.grade) ((x.grade = pv(gr)), (hit = true));
      if (hit) continue;
    }

    // funds header
    if (findIdx(r, HEADER_RATE) >= 0 && findIdx(r, HEADER_EXEC) >= 0) {
      fundHeader = r;
      fundMap = columnMap(r, FUND_COLS);
      const ep = points(r, /预算执行情况\((\d+(?:\.\d+)?)分\)/);
      if (ep) x.sectionPoints = { ...x.sectionPoints, execution: ep };
      mode = 'funds';
      continue;
    }
    // indicator header
    if (findIdx(r, /^一级指标/) >= 0 && (findIdx(r, /^三级指标/) >= 0 || findIdx(r, /^二级指标/) >= 0)) {
      indHeader = r;
      indMap = columnMap(r, IND_COLS);
      const ip = points(r, /绩效指标\((\d+(?:\.\d+)?)分\)/);
      if (ip) x.sectionPoints = { ...x.sectionPoints, indicators: ip };
      mode = 'indicators';
      continue;
    }
    // goal header
    const gi = findIdx(r, /^(年度绩效目标|项目年度目标|预期目标|年度目标)$/);
    const ai = findIdx(r, /^(全年目标实际完成情况|年度目标完成情况|实际完成情况|目标完成情况)$/);
    if (gi >= 0 && ai >= 0) {
      goalHeader = { row: r, goal: gi, ach: ai };
      mode = 'goal';
      continue;
    }

    if (mode === 'funds' && fundHeader) {
      const li = r.findIndex((c) => !!c && !c.covered && c.key !== '' && FUND_LABEL.test(c.key) && parseIndicatorNumber(c.text) === null);
      if (li >= 0) {
        const valueCols = (['initial', 'fullYear', 'adjusted', 'executed'] as FundCol[]).map((k) => fundMap[k]).filter((v): v is number => v !== undefined);
        const hk = valueCols.length ? Math.min(...valueCols) : li + 1;
        // A label merged over the columns up to the first value column (Word and HTML forms print it so;
        // spans expanded) lines the row up with the header; otherwise the values follow the label directly.
        let gridded = hk > li + 1;
        for (let k = li + 1; k < hk && gridded; k++) gridded = !!r[k] && r[k].covered && r[k].key === '';
        const off = gridded ? 0 : li + 1 - hk;
        const at = (k: FundCol): GCell | undefined => {
          const i = fundMap[k];
          if (i === undefined) return undefined;
          const c = r[i + off];
          if ((c && !c.covered && c.key !== '') || !['initial', 'fullYear', 'adjusted', 'executed', 'rate'].includes(k)) return c;
          // Else the amount under the header's span (a merged header over a value set to the right of its cell).
          const head = fundHeader ?? [];
          let end = i + 1;
          while (end < head.length && (!head[end] || head[end].covered || head[end].key === '')) end++;
          for (let j = i; j < end; j++) if (j !== li && isNumeric(r[j]) && !r[j].covered) return r[j];
          return c;
        };
        const budgetKind: BudgetKind = fundMap.adjusted !== undefined ? 'adjusted' : fundMap.fullYear !== undefined ? 'fullYear' : 'initial';
        const f: ExtractedFunds = {
          label: r[li].text.replace(/\s+/g, ''),
          budget: pv(at(budgetKind)),
          executed: pv(at('executed')),
          rate: pv(at('rate')),
          budgetKind,
          labelAt: { start: r[li].start, end: r[li].end },
        };
        if (budgetKind !== 'initial' && fundMap.initial !== undefined) f.initialBudget = pv(at('initial'));
        const w = at('weight');
        if (w && isNumeric(w)) f.weight = pv(w);
        const sc = at('score');
        if (w && isNumeric(w) && sc) f.score = pv(sc);
        x.funds.push(f);
        continue;
      }
    }

    if (mode === 'goal' && goalHeader) {
      const off = trimRow(r).length - trimRow(goalHeader.row).length;
      const g = r[goalHeader.goal + off];
      const a = r[goalHeader.ach + off];
      if (g && !x.goal) x.goal = pv(g);
      if (a && !x.achievement) x.achievement = pv(a);
      mode = 'head';
      continue;
    }

    if (mode === 'indicators' && indHeader) {
      const first = nonEmpty[0];
      if (/^(合计|总计)$/.test(first.key)) {
        if (indMap.weight !== undefined && isNumeric(r[indMap.weight])) {
          x.weightTotal = pv(r[indMap.weight]);
          if (indMap.score !== undefined) x.scoreTotal = pv(r[indMap.score]);
        } else {
          const li = r.indexOf(first);
          let wi = -1;
          for (let k = li + 1; k < r.length; k++) if (isNumeric(r[k])) ((wi = k), (k = r.length));
          if (wi >= 0) {
            x.weightTotal = pv(r[wi]);
            const s = nextCell(r, wi);
            x.scoreTotal = s ? pv(s) : { text: '', start: r[wi].end, end: r[wi].end };
          }
        }
        mode = 'tail';
        continue;
      }
      if (/^总分$/.test(first.key)) {
        const nums = r.filter((c) => isNumeric(c));
        if (nums.length && !x.totalScore.text) x.totalScore = pv(nums[nums.length - 1]);
        mode = 'tail';
        continue;
      }
      // align the row on the header: by the 指标性质 cell, else the 一级指标 name, else a leading placeholder
      // cell (merged cells kept blank), else by the trimmed lengths
      let off: number;
      const hn = indMap.nature;
      const ni = r.findIndex((c) => !!c && !c.covered && c.key !== '无' && parseNature(c.text) !== null);
      const l1 = r.findIndex((c) => !!c && !c.covered && LEVEL1.test(c.key));
      if (hn !== undefined && ni >= 0) off = ni - hn;
      else if (l1 >= 0 && indMap.level1 !== undefined) off = l1 - indMap.level1;
      else if (r[0] && r[0].key === '') off = 0;
      else off = trimRow(r).length - trimRow(indHeader).length;
      const at = (k: IndCol): GCell | undefined => {
        const i = indMap[k];
        return i === undefined ? undefined : r[i + off];
      };
      const l1c = at('level1');
      const l2c = at('level2');
      if (l1c && l1c.key) {
        if (l1c.text !== level1) level2 = '';
        level1 = l1c.text;
      }
      if (l2c && l2c.key) level2 = l2c.text;
      const ind: ExtractedIndicator = {
        level1,
        level2,
        name: pv(at('name')),
        unit: pv(at('unit')),
        nature: pv(at('nature')),
        target: pv(at('target')),
        weight: pv(at('weight')),
        actual: pv(at('actual')),
        completion: pv(at('completion')),
        score: pv(at('score')),
        reason: pv(at('reason')),
        start: rowStart(r),
        end: rowEnd(r),
      };
      const empty = [ind.name, ind.target, ind.actual, ind.weight, ind.score].every((v) => v.text === '');
      if (!empty) x.indicators.push(ind);
      continue;
    }
  }
  if (!x.project.text && x.indicators.length === 0) return null;
  return x;
}

/** Read every 自评表 in a set of tables (in document order; a form may span several tables). */
export function extractFromTables(tables: SourceTable[]): ExtractedSelfEvaluation[] {
  const rows: GRow[] = [];
  for (const t of [...tables].sort((a, b) => a.start - b.start)) for (const r of gridOf(t)) rows.push(r);
  const starts: number[] = [];
  rows.forEach((r, i) => {
    if (findIdx(r, PROJECT_KEY) >= 0) starts.push(i);
  });
  const forms: ExtractedSelfEvaluation[] = [];
  // an excerpt may open in the middle of a form: indicator rows before the first 项目名称
  const firstStart = starts.length ? starts[0] : rows.length;
  const head = rows.slice(0, firstStart);
  if (head.some((r) => findIdx(r, /^一级指标/) >= 0)) {
    let to = head.length;
    while (to > 0 && head[to - 1].filter((c) => c && c.key !== '').every((c) => TITLE_KEY.test(c.key) || /填报单位|报表编号/.test(c.key))) to--;
    const f = to > 0 ? parseForm(head.slice(0, to)) : null;
    if (f && f.indicators.length) forms.push({ ...f, partial: true });
  }
  starts.forEach((s, n) => {
    // the title and 填报单位 rows just before 项目名称 belong to the form
    let from = s;
    const floor = n > 0 ? starts[n - 1] + 1 : 0;
    for (let k = s - 1; k >= Math.max(floor, s - 3); k--) {
      const ne = rows[k].filter((c) => c && c.key !== '');
      if (ne.length === 1 && (TITLE_KEY.test(ne[0].key) || /填报单位|报表编号/.test(ne[0].key))) from = k;
      else if (ne.length === 0) continue;
      else break;
    }
    let to = n + 1 < starts.length ? starts[n + 1] : rows.length;
    // leave the next form's title rows to it
    while (to - 1 > s && rows[to - 1].filter((c) => c && c.key !== '').every((c) => TITLE_KEY.test(c.key) || /填报单位|报表编号/.test(c.key))) to--;
    const f = parseForm(rows.slice(from, to));
    if (f) forms.push(f);
  });
  return forms;
}

/**
 * Tables from the seed's Word→text layout: a line starting with a tab starts a cell, following lines
 * without a tab continue it, a blank line ends a row; a non-blank line without a tab ends the table.
 * Cell offsets are exact: `text.slice(cell.start, cell.end) === cell.text`.
 */
export function cellLineTables(text: string): SourceTable[] {
  const tables: SourceTable[] = [];
  let rows: SourceCell[][] = [];
  let row: SourceCell[] = [];
  const closeRow = () => {
    if (row.length) rows.push(row);
    row = [];
  };
  const closeTable = () => {
    closeRow();
    if (rows.length >= 2) {
      const start = rows[0][0].start;
      const last = rows[rows.length - 1];
      tables.push({ rows, start, end: last[last.length - 1].end });
    }
    rows = [];
  };
  const mkCell = (s: number, e: number): SourceCell => {
    const raw = text.slice(s, e);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    return { text: body, start: s + lead, end: s + lead + body.length };
  };
  let pos = 0;
  let rawCell: { s: number; e: number } | null = null;
  const flushCell = () => {
    if (rawCell) row.push(mkCell(rawCell.s, rawCell.e));
    rawCell = null;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineEnd = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, lineEnd);
    if (line.trim() === '' && !line.includes('\t')) {
      flushCell();
      closeRow();
    } else if (line.startsWith('\t')) {
      flushCell();
      // one or more cells on the line, each after a tab
      let p = pos + 1;
      for (;;) {
        const t = text.indexOf('\t', p);
        if (t < 0 || t >= lineEnd) {
          rawCell = { s: p, e: lineEnd };
          break;
        }
        row.push(mkCell(p, t));
        p = t + 1;
      }
    } else if (rawCell) {
      rawCell.e = lineEnd; // continuation of a wrapped cell
    } else {
      flushCell();
      closeTable();
    }
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  flushCell();
  closeTable();
  return tables;
}

/** All 自评表 of a document: from the reader's tables, else from the text layout. */
export function extractSelfEvaluations(doc: SourceDoc): ExtractedSelfEvaluation[] {
  const fromTables = extractFromTables(doc.tables);
  const count = (fs: ExtractedSelfEvaluation[]) => fs.reduce((n, f) => n + f.indicators.length, 0);
  if (count(fromTables) > 0) return fromTables;
  if (doc.formTables?.length) {
    const fromForms = extractFromTables(doc.formTables);
    if (count(fromForms) > 0) return fromForms;
  }
  const fromText = extractFromTables(cellLineTables(doc.text));
  return count(fromText) > count(fromTables) ? fromText : fromTables;
}

/** The 执行率 row of a form: 年度总金额 / 总额 / 年度资金总额, else the first funds row. */
export function totalFunds(x: ExtractedSelfEvaluation): ExtractedFunds | undefined {
  return x.funds.find((f) => /总额|总金额|合计/.test(f.label)) ?? x.funds[0];
}

