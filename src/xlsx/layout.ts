/**
 * The nine tables as sheets, shared by the Excel writer and reader: sheet names, the sheet that carries the
 * rest of the model (texts, 三公, assets, …) and the cell grid of one table as published (title, unit line,
 * nested header, body), taken from the generator's appendix so that the workbook and the documents agree.
 */
import type { Disclosure, Table } from '../model/schema.js';
import { TABLE_SPECS, type TableKind } from '../model/tables.js';
import { tableNode } from '../generate/chongqing/appendix.js';
import { makeCtx } from '../generate/chongqing/context.js';
import { layoutGrid } from '../render/grid.js';
import type { Cell } from '../generate/ast.js';

/** Sheet of table kind: "表1 收入支出决算总表" (at most 31 characters, as Excel requires). */
export function sheetName(kind: TableKind): string {
  const spec = TABLE_SPECS[kind];
  return `表${spec.no} ${spec.title}`.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

/** The sheet holding every part of the model that is not one of the nine tables (JSON, one key per row). */
export const DATA_SHEET = '模型数据';

/** Length of one piece of JSON in the data sheet (legacy .xls writers keep at most 255 characters a cell). */
export const CELL_TEXT_MAX = 250;

interface SheetCell {
  /** 0-based row and column. */
  r: number;
  c: number;
  text: string;
  /** A figure (right-aligned body cell that parses as an amount). */
  number?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Merged area size. */
  rows: number;
  cols: number;
  header?: boolean;
}

interface SheetLayout {
  title: string;
  unitLine: string;
  columns: number;
  cells: SheetCell[];
  /** Row index (0-based) of the first body row, and the number of header rows. */
  headerRows: number;
  bodyStart: number;
  note?: string;
}

/** The published grid of one table: title (row 0), unit line (row 1), header rows, body rows, note. */
export function tableLayout(m: Disclosure, t: Table): SheetLayout {
  const node = tableNode(makeCtx(m), t);
  if (node.type !== 'table') throw new Error('tableNode: not a table');
  const header = node.header;
  const body = node.body;
  const grid = layoutGrid([...header, ...body]);
  const cells: SheetCell[] = [];
  const top = 2;
  grid.slots.forEach((row, r) => {
    row.forEach((slot, c) => {
      if (!slot || !slot.origin) return;
      const cell: Cell = slot.cell;
      const isHeader = r < header.length;
      const num = !isHeader && cell.align === 'right' && cell.text.trim() !== '' ? cell.text.replace(/,/g, '') : undefined;
      cells.push({
        r: r + top, c, text: cell.text, bold: cell.bold, align: cell.align ?? (isHeader ? 'center' : 'left'),
        rows: cell.rowSpan ?? 1, cols: cell.colSpan ?? 1, header: isHeader,
        ...(num !== undefined && /^-?\d+(\.\d+)?$/.test(num) ? { number: num } : {}),
      });
    });
  });
  return {
    title: node.caption ?? TABLE_SPECS[t.kind].title,
    unitLine: node.subcaption ?? `单位：${t.unit}`,
    columns: grid.columns,
    cells,
    headerRows: header.length,
    bodyStart: top + header.length,
    note: node.note,
  };
}
