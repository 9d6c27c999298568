/**
 * Model → .xlsx (exceljs): the nine tables formatted as published (one sheet each: title, 编制单位/单位 line,
 * merged multi-row header, figures as numbers with #,##0.00, bold totals, thin borders) and one sheet with the
 * rest of the model as JSON, so that importing the workbook gives the same model back. Bytes out, no files.
 */
import ExcelJS from 'exceljs';
import type { Disclosure, Table } from '../model/schema.js';
import { TABLE_KINDS } from '../model/tables.js';
import { findTable } from '../model/concepts.js';
import { CELL_TEXT_MAX, DATA_SHEET, sheetName, tableLayout } from './layout.js';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The non-table parts of a model, one entry per top-level key, plus each table's own settings. */
function modelData(m: Disclosure): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(m)) if (k !== 'tables' && v !== undefined) out.push([k, v]);
  for (const t of m.tables) {
    const meta: Record<string, unknown> = {};
    if (t.title !== undefined) meta.title = t.title;
    if (t.empty !== undefined) meta.empty = t.empty;
    if (t.note !== undefined) meta.note = t.note;
    const hidden = hiddenValues(t);
    if (Object.keys(hidden).length > 0) meta.hidden = hidden;
    out.push([`table.${t.kind}`, meta]);
  }
  return out;
}

/**
 * Values the published layout does not show, kept so that the workbook reads back to the same model:
 * stated unknowns (null, a blank cell either way) and T4's income rows by fund (the layout prints their 合计).
 */
function hiddenValues(t: Table): Record<string, Record<string, string | null>> {
  const out: Record<string, Record<string, string | null>> = {};
  for (const r of t.rows) {
    const id = r.code ?? r.key;
    if (!id) continue;
    for (const [c, v] of Object.entries(r.values)) {
      const shown = !(t.kind === 't4' && r.side === 'income' && c !== 'total');
      if (v === null || !shown) (out[id] ??= {})[c] = v === null ? null : String(v);
    }
  }
  return out;
}

export async function writeXlsx(m: Disclosure): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'juesuan';
  wb.created = new Date(Date.UTC(m.year + 1, 0, 1));
  for (const kind of TABLE_KINDS) {
    const t = findTable(m, kind);
    if (!t) continue;
    const lay = tableLayout(m, t);
    const ws = wb.addWorksheet(sheetName(kind), { views: [{ state: 'frozen', ySplit: lay.bodyStart }] });
    const last = Math.max(1, lay.columns);
    ws.getCell(1, 1).value = lay.title;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    if (last > 1) ws.mergeCells(1, 1, 1, last);
    ws.getCell(2, 1).value = lay.unitLine;
    if (last > 1) ws.mergeCells(2, 1, 2, last);
    for (const c of lay.cells) {
      const cell = ws.getCell(c.r + 1, c.c + 1);
      cell.value = c.number !== undefined ? Number(c.number) : c.text;
      if (c.number !== undefined) cell.numFmt = '#,##0.00';
      cell.font = { bold: !!c.bold || !!c.header };
      cell.alignment = { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      if (c.rows > 1 || c.cols > 1) ws.mergeCells(c.r + 1, c.c + 1, c.r + c.rows, c.c + c.cols);
    }
    const end = lay.bodyStart + Math.max(0, lay.cells.filter((c) => !c.header).reduce((n, c) => Math.max(n, c.r - lay.bodyStart + 1), 0));
    if (lay.note) {
      ws.getCell(end + 1, 1).value = lay.note;
      if (last > 1) ws.mergeCells(end + 1, 1, end + 1, last);
    }
    ws.columns.forEach((col, i) => {
      col.width = i < 2 && kind !== 't7' ? (kind === 't1' || kind === 't4' ? 34 : i === 0 ? 12 : 30) : 16;
    });
  }
  const data = wb.addWorksheet(DATA_SHEET);
  data.getCell(1, 1).value = '键';
  data.getCell(1, 2).value = 'JSON（请勿改动格式；表中的数字以各表为准）';
  let r = 2;
  for (const [k, v] of modelData(m)) {
    // Short pieces down the rows (a blank key continues the one above): .xls writers cut cells at 255 characters.
    data.getCell(r, 1).value = k;
    const json = JSON.stringify(v);
    for (let i = 0; i === 0 || i < json.length; i += CELL_TEXT_MAX) data.getCell(r++, 2).value = json.slice(i, i + CELL_TEXT_MAX);
  }
  data.getColumn(1).width = 18;
  data.getColumn(2).width = 100;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
