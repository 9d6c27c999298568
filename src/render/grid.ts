/**
 * Table geometry shared by the renderers. Rows in the AST follow HTML semantics: a cell with
 * rowSpan/colSpan covers the slots below/right of it, and the covered slots are NOT listed again
 * in the following rows. `layoutGrid` places every cell on a rectangular grid so that formats
 * without merged cells (Markdown) can repeat or blank the covered slots, and so that column
 * counts are known before writing DOCX grids.
 */
import type { Cell } from '../generate/ast.js';

interface Slot {
  cell: Cell;
  /** Row/column of the slot that owns the cell (top-left of the merged area). */
  row: number;
  col: number;
  /** True only at the owning (top-left) slot. */
  origin: boolean;
}

interface Grid {
  /** slots[r][c]; a slot is null when no cell reaches it (ragged input). */
  slots: (Slot | null)[][];
  /** placed[r][i]: the column where the i-th listed cell of row r starts. */
  placed: number[][];
  columns: number;
}

export function span(n: number | undefined): number {
  return n !== undefined && Number.isInteger(n) && n > 1 ? n : 1;
}

/** Place rows of cells on a grid. Spans running past the last row are clipped. */
export function layoutGrid(rows: Cell[][]): Grid {
  const slots: (Slot | null)[][] = rows.map(() => []);
  const placed: number[][] = rows.map(() => []);
  let columns = 0;
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (slots[r][c]) c++;
      placed[r].push(c);
      const rs = Math.min(span(cell.rowSpan), rows.length - r);
      const cs = span(cell.colSpan);
      for (let i = 0; i < rs; i++) {
        for (let j = 0; j < cs; j++) {
          slots[r + i][c + j] = { cell, row: r, col: c, origin: i === 0 && j === 0 };
        }
      }
      c += cs;
      columns = Math.max(columns, c);
    }
  });
  for (const row of slots) {
    for (let c = 0; c < columns; c++) if (!row[c]) row[c] = null;
    columns = Math.max(columns, row.length);
  }
  return { slots, placed, columns };
}

/** Column count of a table (header and body together). */
export function columnCount(header: Cell[][], body: Cell[][]): number {
  return layoutGrid([...header, ...body]).columns;
}

/** Relative widths normalised to fractions summing to 1 (equal when absent or unusable). */
export function columnFractions(columns: number, widths: number[] | undefined): number[] {
  if (columns <= 0) return [];
  const ok = widths && widths.length === columns && widths.every((w) => Number.isFinite(w) && w > 0);
  const ws = ok ? widths! : new Array<number>(columns).fill(1);
  const total = ws.reduce((a, b) => a + b, 0);
  return ws.map((w) => w / total);
}

/**
 * Whether a paragraph gets the 2-character first-line indent of official documents. `indent`
 * decides when given; otherwise ordinary (left/justified) paragraphs are indented and centred or
 * right-aligned lines are not.
 */
export function paragraphIndented(node: { indent?: boolean; align?: 'left' | 'center' | 'right' }): boolean {
  return node.indent ?? (node.align === undefined || node.align === 'left');
}

/**
 * Column widths (in any unit, summing to `total`) that leave room for the longest unbreakable
 * piece of each column: a run of Latin letters/digits/punctuation such as "1,918.25" or "100%",
 * or one CJK character. Columns too narrow for their content are widened, taking the space from
 * the columns with the most room to spare. `em` is the font size and `pad` the cell padding
 * (left + right) in the same unit as `total`.
 */
export function fitColumnWidths(rows: Cell[][], fractions: number[], total: number, em: number, pad: number): number[] {
  const grid = layoutGrid(rows);
  const n = fractions.length;
  const need = new Array<number>(n).fill(0);
  rows.forEach((cells, r) =>
    cells.forEach((cell, i) => {
      if (span(cell.colSpan) !== 1) return;
      const c = grid.placed[r][i];
      if (c >= n) return;
      let longest = cell.text.trim() ? 1 : 0; // one CJK character
      for (const tok of cell.text.match(/[\x21-\x7e\u00b7\u2014\u2018-\u201d\uff05]+/g) ?? []) {
        longest = Math.max(longest, tok.length * 0.95); // measured: LibreOffice's Latin fallback needs ~0.9 em for "100%"
      }
      need[c] = Math.max(need[c], longest * em + pad);
    }),
  );
  const w = fractions.map((f) => f * total);
  if (need.reduce((a, b) => a + b, 0) > total) return w; // cannot satisfy everyone: keep the given widths
  for (let iter = 0; iter < n; iter++) {
    const short = w.map((x, c) => Math.max(0, need[c] - x));
    const deficit = short.reduce((a, b) => a + b, 0);
    if (deficit < 1e-6) break;
    const spare = w.map((x, c) => (short[c] > 0 ? 0 : Math.max(0, x - need[c])));
    const spareTotal = spare.reduce((a, b) => a + b, 0);
    if (spareTotal <= 0) break;
    const take = Math.min(1, deficit / spareTotal);
    for (let c = 0; c < n; c++) w[c] = short[c] > 0 ? need[c] : w[c] - spare[c] * take;
  }
  return w;
}

/**
 * Relative widths from the content when the tree gives none: each column weighs as much as its
 * longest single-column body cell (CJK character 1, Latin character ~0.55), clamped to 3…14 so that a
 * long name column does not squeeze the amounts and an empty column keeps some room.
 */
export function contentWidths(rows: Cell[][], columns: number, headerRows = 0): number[] {
  const grid = layoutGrid(rows);
  const w = new Array<number>(columns).fill(0);
  rows.forEach((cells, r) =>
    cells.forEach((cell, i) => {
      // Header labels wrap well; the body decides.
      if (r < headerRows && rows.length > headerRows) return;
      if (span(cell.colSpan) !== 1) return;
      const c = grid.placed[r][i];
      if (c >= columns) return;
      let len = 0;
      for (const ch of cell.text.trim()) len += ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
      w[c] = Math.max(w[c], len);
    }),
  );
  return w.map((x) => Math.min(14, Math.max(3, x)));
}
