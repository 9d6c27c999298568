/**
 * Turning grid cells into model rows: amounts as printed (cleaned, never floats), a dash as a printed
 * zero, a blank cell as null (not given: a blank is not a printed 0, and no identity is checked over it),
 * and where every cell and row came from (offsets into the document text, page, box).
 */
import { cleanNumberText, parseAmount } from '../../calc/money.js';
import type { Row } from '../../model/schema.js';
import type { PlacedItem } from '../../readers/pdf/lines.js';
import type { CellSource } from '../table-types.js';
import type { GridRow } from './grid.js';
import { joinText } from './grid.js';

export interface BuiltRow {
  row: Row;
  source: CellSource;
  cells: Record<string, CellSource>;
  /** Problems met while reading this row (two numbers in one cell, unreadable amount). */
  problems: string[];
}

/** The value written for a dash cell ("—", "-": a printed zero). */
const ZERO_CELL = '0.00';

export function sourceOf(items: PlacedItem[]): CellSource {
  if (!items.length) return {};
  const x = Math.min(...items.map((i) => i.x));
  const y = Math.min(...items.map((i) => i.y));
  const r = Math.max(...items.map((i) => i.x + i.w));
  const b = Math.max(...items.map((i) => i.y + i.h));
  const page = items[0].page;
  const same = items.filter((i) => i.line === items[0].line);
  return {
    start: Math.min(...same.map((i) => i.start)),
    end: Math.max(...same.map((i) => i.end)),
    page,
    box: { page, x, y, w: r - x, h: b - y },
  };
}

/** Read one cell's amount: the cleaned printed text ("9746.50"), ZERO_CELL for a dash, null when blank. */
export function cellAmount(items: PlacedItem[], problems: string[], where: string): string | null {
  if (!items.length) return null;
  if (items.length > 1) problems.push(`${where}：一个单元格里有 ${items.length} 个数`);
  const raw = items.map((i) => i.norm).join('');
  const v = parseAmount(raw);
  if (v === null) {
    problems.push(`${where}：无法读成金额“${raw}”`);
    return null;
  }
  const s = cleanNumberText(raw);
  return /\d/.test(s) ? s : ZERO_CELL;
}

/** Build a model row from a grid row with the given column mapping (band key → model column). */
export function makeRow(
  g: GridRow,
  columns: string[],
  base: { key?: string; code?: string; name: string; side?: 'income' | 'expense' },
  bandToColumn: (band: string) => string = (b) => b,
): BuiltRow {
  const problems: string[] = [];
  const values: Record<string, string | null> = {};
  const cells: Record<string, CellSource> = {};
  for (const col of columns) values[col] = null;
  for (const [band, items] of Object.entries(g.values)) {
    const col = bandToColumn(band);
    if (!columns.includes(col)) continue;
    values[col] = cellAmount(items, problems, `${base.name}·${col}`);
    cells[col] = sourceOf(items);
  }
  const row: Row = { name: base.name || '（无名称）', values };
  if (base.key) row.key = base.key;
  if (base.code) row.code = base.code;
  if (base.side) row.side = base.side;
  return { row, source: sourceOf([...g.code, ...g.name]), cells, problems };
}

/** The printed code of a row: its code items' digits joined ("201 06 01" → "2010601"). */
export function codeOf(g: GridRow): string | undefined {
  const digits = [...g.code].sort((a, b) => a.x - b.x).map((i) => i.norm.trim()).join('');
  return /^\d{3}(\d{2}){0,2}$/.test(digits) ? digits : undefined;
}

export function nameOf(g: GridRow): string {
  return joinText(g.name).replace(/\s+/g, '');
}
