/**
 * .xlsx / .xls → model (SheetJS @e965/xlsx). Reads the nine tables as departments have them: one table per
 * sheet or several per sheet (found by their titles), a unit line (元 or 万元), multi-row merged headers,
 * 科目编码 in one column or in three (类/款/项) or in front of the name, 栏次 rows, empty-table notes.
 * Every cell that cannot be placed is reported with its address (表3!C7); with any problem there is no model.
 * Pure: bytes in, model or problems out.
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel'; // (the .mjs or the .js by the package's conditions: the worker bundle is CommonJS)
import type { Disclosure, Table } from '../model/schema.js';
import { validateDisclosure } from '../model/schema.js';
import { TABLE_SPECS, TABLE_KINDS, type TableKind, type TableSpec } from '../model/tables.js';
import { parseAmount, plain } from '../calc/money.js';
import { DATA_SHEET } from './layout.js';
import { scanCentralDirectory } from '../readers/zip.js';

XLSX.set_cptable(cptable);

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

export interface ImportProblem {
  /** Sheet!A1 address, or the sheet name, or '' for the workbook. */
  at: string;
  message: string;
}

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ImportProblem[],
  ) {
    super(`${file}：无法导入（${problems.length} 处）：\n` + problems.slice(0, 50).map((p) => `  ${p.at ? p.at + '：' : ''}${p.message}`).join('\n') + (problems.length > 50 ? `\n  …另有 ${problems.length - 50} 处` : ''));
    this.name = 'ImportError';
  }
}

type V = string | number | boolean | null;

export interface Sheet {
  name: string;
  rows: V[][];
  /** Merged areas, 0-based inclusive. */
  merges: XLSX.Range[];
  /** Row/column of rows[0][0] on the sheet. */
  r0: number;
  c0: number;
}

const norm = (s: string) =>
  s.normalize('NFKC').replace(/\s+/g, '').replace(/[“”"]/g, '"').replace(/[（]/g, '(').replace(/[）]/g, ')');

const text = (v: V | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

function addr(s: Sheet, r: number, c: number): string {
  return `${s.name}!${XLSX.utils.encode_cell({ r: r + s.r0, c: c + s.c0 })}`;
}

/** Value of a cell with merged areas filled from their top-left cell (for headers). */
function filled(s: Sheet): V[][] {
  const out = s.rows.map((r) => [...r]);
  for (const m of s.merges) {
    const v = s.rows[m.s.r - s.r0]?.[m.s.c - s.c0] ?? null;
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) {
      const rr = r - s.r0;
      const cc = c - s.c0;
      if (rr < 0 || cc < 0) continue;
      (out[rr] ??= [])[cc] = v;
    }
  }
  return out;
}

// ---- titles ----------------------------------------------------------------------------------------

const TITLES: { kind: TableKind; key: string }[] = TABLE_KINDS.flatMap((k) =>
  [TABLE_SPECS[k].title, ...TABLE_SPECS[k].titleVariants].map((t) => ({ kind: k, key: norm(t) })),
).sort((a, b) => b.key.length - a.key.length);

/** The table a title row names (longest title contained in the row's text), or null. */
function titleKind(row: V[]): TableKind | null {
  const cells = row.map(text).filter((t) => t !== '');
  if (cells.length === 0 || cells.length > 2) return null;
  const t = norm(cells.join(''));
  if (!/决算.*表|表$/.test(t) || t.length > 80) return null;
  return TITLES.find((x) => t.includes(x.key))?.kind ?? null;
}

// ---- columns ---------------------------------------------------------------------------------------

interface ColumnMap {
  code: number[];
  name: number | null;
  values: Map<number, string>;
}

function labelMatches(spec: TableSpec, key: string, path: string[]): boolean {
  const col = spec.columns.find((c) => c.key === key)!;
  const parts = col.label.split('·').map(norm);
  const lastOk = [parts[parts.length - 1], ...(col.variants ?? []).map(norm)];
  const last = path[path.length - 1];
  if (!lastOk.includes(last)) return false;
  return parts.slice(0, -1).every((p) => path.some((x) => x === p || x.includes(p)));
}

/** Header path of one column: distinct texts top-down (merged cells filled). */
function headerPath(hdr: V[][], c: number): string[] {
  const out: string[] = [];
  for (const r of hdr) {
    const t = norm(text(r[c]));
    if (t && out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

function mapColumns(spec: TableSpec, hdr: V[][], from: number, to: number, problems: ImportProblem[], s: Sheet, hdrRow: number): ColumnMap {
  const map: ColumnMap = { code: [], name: null, values: new Map() };
  for (let c = from; c < to; c++) {
    const path = headerPath(hdr, c);
    if (path.length === 0) continue;
    const last = path[path.length - 1];
    if (/^(科目)?编码$|^功能分类科目编码$|^经济分类科目编码$|^类$|^款$|^项$/.test(last) || (path.includes('科目编码') && /^(类|款|项)$/.test(last))) {
      map.code.push(c);
      continue;
    }
    if (/^(科目名称|项目|名称|项目\(按功能分类\)|项目\(按经济分类\))$/.test(last) || /^科目名称/.test(last)) {
      if (map.name === null) map.name = c;
      continue;
    }
    const keys = spec.columns.map((x) => x.key).filter((k) => labelMatches(spec, k, path));
    const free = keys.filter((k) => ![...map.values.values()].includes(k));
    if (free.length > 0) map.values.set(c, free[0]);
    else if (last !== '栏次') problems.push({ at: addr(s, hdrRow, c), message: `表头“${path.join('／')}”不是${spec.title}的列（应为 ${spec.columns.map((x) => x.label.replace(/·/g, '／')).join('、')}）` });
  }
  return map;
}

// ---- rows --------------------------------------------------------------------------------------------

function codeOf(s: Sheet, cells: V[], cols: number[]): string {
  const parts = cols.map((c) => text(cells[c])).filter((t) => t !== '');
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0].replace(/\s/g, '');
  // 类 | 款 | 项 in three columns: either full codes (201, 20103, 2010301) or 2-digit parts.
  const [a, b, c] = parts;
  if (b && b.startsWith(a)) return (c && c.startsWith(b) ? c : b).replace(/\s/g, '');
  return (a + (b ? b.padStart(2, '0') : '') + (c ? c.padStart(2, '0') : '')).replace(/\s/g, '');
}

function namedKey(spec: TableSpec, name: string, side?: 'income' | 'expense'): string | null {
  const n = norm(name).replace(/^[一二三四五六七八九十]+、/, '');
  for (const r of spec.namedRows ?? []) {
    if (side && r.side && r.side !== side) continue;
    if ([r.label, ...(r.variants ?? [])].map(norm).includes(n)) return r.key;
  }
  return null;
}

function amountOf(s: Sheet, v: V, r: number, c: number, problems: ImportProblem[]): string | undefined {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? plain(parseAmount(v)!) : undefined;
  const d = parseAmount(String(v));
  if (d === null) {
    problems.push({ at: addr(s, r, c), message: `“${String(v).slice(0, 30)}”不是金额` });
    return undefined;
  }
  return plain(d);
}

const isNumberLike = (v: V | undefined) => typeof v === 'number' || (typeof v === 'string' && /^\s*-?[\d,，]+(\.\d+)?\s*$/.test(v));

/** A merged area inside the body that covers more than one figure cell: the figures cannot be placed. */
function checkBodyMerges(s: Sheet, top: number, bottom: number, valueCols: number[], problems: ImportProblem[]): void {
  for (const m of s.merges) {
    const r1 = m.s.r - s.r0;
    const r2 = m.e.r - s.r0;
    if (r2 < top || r1 > bottom) continue;
    const covers = valueCols.filter((c) => c + s.c0 >= m.s.c && c + s.c0 <= m.e.c);
    // A text line merged across the table (a note, 合计 over code and name) is fine; a merged figure is not.
    const v = s.rows[r1]?.[m.s.c - s.c0] ?? null;
    const textLine = typeof v === 'string' && v.trim() !== '' && !isNumberLike(v) && r1 === r2;
    if (!textLine && (covers.length > 1 || (covers.length === 1 && r2 > r1))) {
      problems.push({ at: `${s.name}!${XLSX.utils.encode_range(m)}`, message: '表体中的合并单元格跨越了多个数字单元格，无法确定数字属于哪一格，请取消合并' });
    }
  }
}

interface Region {
  sheet: Sheet;
  kind: TableKind;
  titleRow: number;
  end: number;
}

function readTable(reg: Region, problems: ImportProblem[]): Table {
  const { sheet: s, kind } = reg;
  const spec = TABLE_SPECS[kind];
  const fill = filled(s);
  const title = text(s.rows[reg.titleRow].find((v) => text(v) !== '') ?? null);
  const table: Table = { kind, unit: '万元', rows: [] };
  const t = norm(title);
  if (!t.endsWith(norm(spec.title))) table.title = title.replace(/^.*?\d{4}\s*年度?/, '').trim() || undefined;
  if (table.title && norm(table.title) === norm(spec.title)) delete table.title;
  let r = reg.titleRow + 1;
  // Unit / 编制单位 lines.
  for (; r < reg.end; r++) {
    const line = s.rows[r]?.map(text).filter((x) => x !== '') ?? [];
    if (line.length === 0) continue;
    const joined = line.join(' ');
    const u = /单位[:：]\s*(万元|元)/.exec(joined);
    if (u || /编制单位|公开\d+表|^表\d/.test(norm(joined))) {
      if (u) table.unit = u[1] as '万元' | '元';
      continue;
    }
    break;
  }
  const hdrTop = r;
  // Header: rows until the first row with a figure (栏次 rows belong to the header).
  let bodyTop = hdrTop;
  for (; bodyTop < reg.end; bodyTop++) {
    const row = s.rows[bodyTop] ?? [];
    const first = norm(text(row.find((v) => text(v) !== '') ?? null));
    if (first === '栏次') continue;
    if (bodyTop > hdrTop && row.some((v, c) => c > 0 && isNumberLike(v)) && !row.every((v) => v === null || /^\d{1,2}$/.test(text(v)) || /^[A-Z]$/.test(text(v)))) break;
    if (/空表/.test(first)) break;
  }
  // 栏次 rows number the columns (1, 2, 3 …): not part of any column's name.
  const hdr = fill.slice(hdrTop, bodyTop).filter((row) => norm(text(row.find((v) => text(v) !== '') ?? null)) !== '栏次');
  const width = Math.max(0, ...s.rows.slice(hdrTop, reg.end).map((x) => x.length));
  const bodyRows: number[] = [];
  for (let i = bodyTop; i < reg.end; i++) bodyRows.push(i);

  // Empty table note anywhere in the region.
  for (const i of bodyRows) {
    const line = (s.rows[i] ?? []).map(text).filter((x) => x !== '').join('');
    if (/空表/.test(line) && !(s.rows[i] ?? []).some(isNumberLike)) {
      table.empty = true;
      // The standard note is what the generator prints for an empty table anyway.
      if (line !== spec.emptyNote) table.note = line;
    }
  }

  const twoSided = kind === 't1' || kind === 't4';
  if (twoSided) {
    // 收入 block | 支出 block: the second 项目 column starts the expense side.
    const itemCols: number[] = [];
    for (let c = 0; c < width; c++) if (/^项目$|^科目$|^项目\(按功能分类\)$/.test(norm(text(hdr[hdr.length - 1]?.[c] ?? null)))) itemCols.push(c);
    if (itemCols.length < 2) {
      problems.push({ at: addr(s, hdrTop, 0), message: `${spec.title}：找不到收入、支出两侧的“项目”列` });
      return table;
    }
    const [inName, outName] = itemCols;
    const inCols = new Map<number, string>();
    for (let c = inName + 1; c < outName; c++) {
      const p = headerPath(hdr, c);
      if (p.length === 0) continue;
      if (kind === 't1') inCols.set(c, 'amount');
      else inCols.set(c, 'total');
    }
    const outMap = kind === 't1' ? new Map([[outName + 1, 'amount']]) : mapColumns(spec, hdr, outName + 1, width, problems, s, hdrTop).values;
    const codeSplit = (name: string) => /^(\d{3}(?:\d{2}){0,2})\s*(.*)$/.exec(name.trim());
    checkBodyMerges(s, bodyTop, reg.end - 1, [...inCols.keys(), ...outMap.keys()], problems);
    for (const i of bodyRows) {
      const cells = s.rows[i] ?? [];
      for (const [side, nameCol, cols] of [['income', inName, inCols], ['expense', outName, outMap]] as const) {
        const name = text(cells[nameCol]);
        const values: Record<string, string> = {};
        for (const [c, key] of cols) {
          const a = amountOf(s, cells[c], i, c, problems);
          if (a !== undefined) values[key] = a;
        }
        if (!name) {
          if (Object.keys(values).length > 0) problems.push({ at: addr(s, i, nameCol), message: '有数字但没有项目名称，无法归属' });
          continue;
        }
        if (/空表/.test(name)) continue;
        const cs = side === 'expense' ? codeSplit(name) : null;
        if (cs) {
          table.rows.push({ code: cs[1], side, name: cs[2] || cs[1], values });
          continue;
        }
        const key = namedKey(spec, name, side);
        if (!key) {
          problems.push({ at: addr(s, i, nameCol), message: `“${name}”不是${spec.title}${side === 'income' ? '收入' : '支出'}方的项目` });
          continue;
        }
        table.rows.push({ key, side, name, values });
      }
    }
    return table;
  }

  const cm = mapColumns(spec, hdr, 0, width, problems, s, hdrTop);
  if (cm.values.size === 0) {
    problems.push({ at: addr(s, hdrTop, 0), message: `${spec.title}：表头中找不到任何数字列（应为 ${spec.columns.map((x) => x.label.replace(/·/g, '／')).join('、')}）` });
    return table;
  }
  checkBodyMerges(s, bodyTop, reg.end - 1, [...cm.values.keys()], problems);
  for (const i of bodyRows) {
    const cells = s.rows[i] ?? [];
    const values: Record<string, string> = {};
    for (const [c, key] of cm.values) {
      const a = amountOf(s, cells[c], i, c, problems);
      if (a !== undefined) values[key] = a;
    }
    let code = codeOf(s, cells, cm.code);
    let name = cm.name !== null ? text(cells[cm.name]) : '';
    const lead = text(cells.find((v) => text(v) !== '') ?? null);
    if (/空表/.test(lead) && Object.keys(values).length === 0) continue;
    if (!code) {
      const cs = /^(\d{3}(?:\d{2}){0,2})\s+(.+)$/.exec(name);
      if (cs) [code, name] = [cs[1], cs[2]];
    }
    if (kind === 't7') {
      if (Object.keys(values).length === 0) continue;
      table.rows.push({ key: 'total', name: name || '合计', values });
      continue;
    }
    if (!code && !name && /^合\s*计$/.test(lead)) name = '合计';
    if (code && !/^\d{3}(\d{2}){0,2}$/.test(code)) {
      if (/^合\s*计$/.test(code)) {
        name = '合计';
        code = '';
      } else {
        problems.push({ at: addr(s, i, cm.code[0] ?? 0), message: `“${code}”不是3、5或7位的科目编码` });
        continue;
      }
    }
    if (!code && !name) {
      if (Object.keys(values).length > 0) problems.push({ at: addr(s, i, cm.name ?? 0), message: '有数字但没有科目编码或名称，无法归属' });
      continue;
    }
    if (code) {
      table.rows.push({ code, name: name || code, values });
      continue;
    }
    if (/^合\s*计$/.test(norm(name))) {
      table.rows.push({ key: 'total', name, values });
      continue;
    }
    const key = namedKey(spec, name);
    if (key) {
      table.rows.push({ key, name, values });
      continue;
    }
    if (Object.keys(values).length > 0 || !/^注|说明/.test(name)) {
      problems.push({ at: addr(s, i, cm.name ?? 0), message: `“${name}”没有科目编码，也不是${spec.title}的合计行` });
    }
  }
  // A table printed with its header and no row is an empty table (its note may stand outside the grid).
  if (table.rows.length === 0) table.empty = true;
  return table;
}

/** Most an .xlsx may inflate to (its parts' declared sizes; a workbook of nine tables is well under 10 MB). */
const MAX_XLSX_INFLATED = 200 * 1024 * 1024;
/** Most rows and columns a sheet's cells may span (the nine tables have a few hundred rows, under 30 columns). */
const MAX_SHEET_ROWS = 65536;
const MAX_SHEET_COLS = 1024;

/** An .xlsx (a zip) whose parts declare more than MAX_XLSX_INFLATED is refused before anything is inflated. */
function refuseZipBomb(bytes: Uint8Array, file: string): void {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return; // not a zip: .xls (OLE) or a text workbook
  let entries;
  try {
    entries = scanCentralDirectory(bytes, file);
  } catch {
    throw new ImportError(file, [{ at: '', message: '不是可读取的 Excel 工作簿（zip 目录损坏或文件不完整）' }]);
  }
  const declared = entries.reduce((n, e) => n + (e.uncompressed < 0 ? Infinity : e.uncompressed), 0);
  if (declared > MAX_XLSX_INFLATED) {
    const size = Number.isFinite(declared) ? `${(declared / 1048576).toFixed(0)} MB` : '大小未知（zip64）';
    throw new ImportError(file, [{ at: '', message: `解压后${size}，超过了 ${MAX_XLSX_INFLATED / 1048576} MB 的上限（疑似压缩炸弹），未读取` }]);
  }
}

/**
 * The range a sheet's cells really span: its dimension (`!ref`) may claim the whole grid (A1:XFD1048576), and
 * reading it row by row would build a million rows. A sheet whose cells still span more than the caps is refused.
 */
function cellRange(ws: XLSX.WorkSheet, name: string, file: string): XLSX.Range | null {
  let range: XLSX.Range | null = null;
  for (const key of Object.keys(ws)) {
    if (key.charCodeAt(0) === 33) continue; // '!ref', '!merges' …
    const { r, c } = XLSX.utils.decode_cell(key);
    if (!range) range = { s: { r, c }, e: { r, c } };
    else {
      if (r < range.s.r) range.s.r = r;
      if (c < range.s.c) range.s.c = c;
      if (r > range.e.r) range.e.r = r;
      if (c > range.e.c) range.e.c = c;
    }
  }
  if (range && (range.e.r - range.s.r >= MAX_SHEET_ROWS || range.e.c - range.s.c >= MAX_SHEET_COLS)) {
    throw new ImportError(file, [{
      at: `${name}!${XLSX.utils.encode_range(range)}`,
      message: `工作表的单元格跨 ${range.e.r - range.s.r + 1} 行、${range.e.c - range.s.c + 1} 列，超过了 ${MAX_SHEET_ROWS} 行、${MAX_SHEET_COLS} 列的上限（九张表远小于此），未读取`,
    }]);
  }
  return range;
}

function loadSheets(wb: XLSX.WorkBook, file: string): Sheet[] {
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const cells = cellRange(ws, name, file);
    if (cells) ws['!ref'] = XLSX.utils.encode_range(cells);
    else delete ws['!ref'];
    const ref = ws['!ref'];
    const range = ref ? XLSX.utils.decode_range(ref) : { s: { r: 0, c: 0 }, e: { r: -1, c: -1 } };
    const rows = ref ? (XLSX.utils.sheet_to_json<V[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }) as V[][]) : [];
    return { name, rows, merges: ws['!merges'] ?? [], r0: range.s.r, c0: range.s.c };
  });
}

/** The rest of the model from the data sheet: key | JSON piece, a blank key continuing the key above. */
function readData(s: Sheet, problems: ImportProblem[]): Record<string, unknown> {
  const pieces: { key: string; row: number; json: string }[] = [];
  s.rows.forEach((row, i) => {
    if (i === 0) return;
    const key = text(row[0]);
    const piece = row.slice(1).map((v) => (v === null ? '' : String(v))).join('');
    if (key) pieces.push({ key, row: i, json: piece });
    else if (piece && pieces.length > 0) pieces[pieces.length - 1].json += piece;
  });
  const out: Record<string, unknown> = {};
  for (const p of pieces) {
    try {
      out[p.key] = JSON.parse(p.json);
    } catch (err) {
      problems.push({ at: addr(s, p.row, 1), message: `“${p.key}”的 JSON 无法解析（${(err as Error).message}）` });
    }
  }
  return out;
}

/**
 * The nine tables found in sheets by their titles (several a sheet allowed). Problems are collected with cell
 * addresses; `missing` lists the kinds no sheet has.
 */
export function tablesOfSheets(sheets: Sheet[], problems: ImportProblem[]): { tables: Table[]; missing: TableKind[] } {
  const regions: Region[] = [];
  for (const s of sheets) {
    const starts: { row: number; kind: TableKind }[] = [];
    s.rows.forEach((row, i) => {
      const k = titleKind(row);
      if (k) starts.push({ row: i, kind: k });
    });
    starts.forEach((st, j) => regions.push({ sheet: s, kind: st.kind, titleRow: st.row, end: starts[j + 1]?.row ?? s.rows.length }));
  }
  const tables: Table[] = [];
  const missing: TableKind[] = [];
  for (const kind of TABLE_KINDS) {
    const found = regions.filter((r) => r.kind === kind);
    if (found.length === 0) {
      missing.push(kind);
      continue;
    }
    if (found.length > 1) {
      problems.push({ at: found.map((f) => addr(f.sheet, f.titleRow, 0)).join('、'), message: `表${TABLE_SPECS[kind].no}“${TABLE_SPECS[kind].title}”出现了 ${found.length} 次` });
      continue;
    }
    tables.push(readTable(found[0], problems));
  }
  return { tables, missing };
}

interface ImportOptions {
  /** A model that supplies what the workbook does not (texts, 三公, assets …) when it has no data sheet. */
  base?: Disclosure;
}

/** Read a workbook into a validated model, or throw ImportError listing every problem with its cell. */
export function readXlsx(bytes: Uint8Array, file: string, opts: ImportOptions = {}): Disclosure {
  if (bytes.length > MAX_XLSX_BYTES) {
    throw new ImportError(file, [{ at: '', message: `文件有 ${(bytes.length / 1048576).toFixed(1)} MB，超过了 20 MB 的上限，未读取` }]);
  }
  refuseZipBomb(bytes, file);
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, WTF: false });
  } catch (err) {
    throw new ImportError(file, [{ at: '', message: `不是可读取的 Excel 工作簿（${(err as Error).message}）` }]);
  }
  const problems: ImportProblem[] = [];
  const sheets = loadSheets(wb, file);
  const { tables, missing } = tablesOfSheets(sheets.filter((s) => s.name !== DATA_SHEET), problems);
  for (const kind of missing) problems.push({ at: '', message: `缺少表${TABLE_SPECS[kind].no}“${TABLE_SPECS[kind].title}”（没有哪张工作表有这个标题）` });
  const dataSheet = sheets.find((s) => s.name === DATA_SHEET);
  const data: Record<string, unknown> = dataSheet ? readData(dataSheet, problems) : {};
  if (!dataSheet && !opts.base) {
    problems.push({ at: '', message: `没有“${DATA_SHEET}”工作表：说明文字、“三公”、资产等不在九张表里的内容请用 --base 模型.json 给出` });
  }
  if (problems.length > 0) throw new ImportError(file, problems);
  const base: Record<string, unknown> = opts.base ? structuredClone(opts.base) : {};
  const model: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(data)) if (!k.startsWith('table.')) model[k] = v;
  for (const t of tables) {
    const meta = (data[`table.${t.kind}`] ?? {}) as { title?: string; empty?: boolean; note?: string; hidden?: Record<string, Record<string, string | null>> };
    if (meta.title !== undefined) t.title = meta.title;
    if (meta.empty !== undefined) t.empty = meta.empty;
    if (meta.note !== undefined) t.note = meta.note;
    for (const [id, values] of Object.entries(meta.hidden ?? {})) {
      const row = t.rows.find((r) => (r.code ?? r.key) === id);
      if (row) for (const [c, v] of Object.entries(values)) if (!(c in row.values)) row.values[c] = v;
    }
  }
  model.tables = tables;
  const r = validateDisclosure(model);
  if (!r.ok) throw new ImportError(file, r.issues.map((i) => ({ at: i.path, message: i.message })));
  return r.model;
}

