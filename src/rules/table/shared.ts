/**
 * Helpers shared by the rules on rebuilt tables: which tables are reliable enough for arithmetic, how a
 * table is named in messages, and a cell as a printed number with where it was printed.
 */
import type { CheckInput } from '../../engine/types.js';
import type { SourceDoc } from '../../readers/types.js';
import { TABLE_CONFIDENCE_THRESHOLD, type ExtractedTable } from '../../extract/table-types.js';
import { TABLE_SPECS, type TableKind } from '../../model/tables.js';
import { findRow } from '../../model/concepts.js';
import { printedOf, type Printed } from '../../calc/compare.js';
import { blankRow, cellName } from '../../extract/tables/identities.js';
import type { Row } from '../../model/schema.js';
import { isPageNumberLine } from '../../readers/normalize.js';
import { isSpace } from '../../core/text.js';

export type Span = { start: number; end: number };

/** Flagged by the rebuild (RebuiltTable.flagged) or below the confidence threshold. */
export function isReliable(t: ExtractedTable): boolean {
  return !(t as { flagged?: boolean }).flagged && t.confidence >= TABLE_CONFIDENCE_THRESHOLD;
}

/** The tables arithmetic rules may run on. */
export function reliableTables(input: CheckInput): ExtractedTable[] {
  return input.tables.filter(isReliable);
}

/** The first reliable table of a kind (a document has one of each). */
export function reliableTable(input: CheckInput, kind: TableKind): ExtractedTable | undefined {
  return reliableTables(input).find((t) => t.table.kind === kind);
}

/** "表1（收入支出决算总表）". */
export function tableLabel(t: ExtractedTable): string {
  const spec = TABLE_SPECS[t.table.kind];
  return `表${spec.no}（${t.title || spec.title}）`;
}

export interface Cell {
  table: ExtractedTable;
  rowIndex: number;
  row: Row | undefined;
  col: string;
  /** The cell's printed value; null when it is not given (blank, unreadable, or null/absent in a model). */
  printed: Printed | null;
  /** As printed ("0.00" when the row is absent). */
  raw: string;
  /** Where the cell (else its row, else the table title) was printed. */
  at?: Span;
}

function spanOf(s: { start?: number; end?: number } | undefined): Span | undefined {
  return s && s.start !== undefined && s.end !== undefined ? { start: s.start, end: s.end } : undefined;
}

function rowIndexOf(t: ExtractedTable, row: string): number {
  const r = findRow(t.table, row);
  return r ? t.table.rows.indexOf(r) : -1;
}

/**
 * A cell by row index and column. A row the table does not print, or prints without any figure (a template
 * row left blank), reads as a printed zero (callers that must not assume so test rowIndex); a blank cell of
 * a row that prints other figures is not given, and so is every cell of a model's row without figures.
 */
export function cellAt(t: ExtractedTable, i: number, col: string): Cell {
  const row = i >= 0 ? t.table.rows[i] : undefined;
  const v = row && (t.fromModel || !blankRow(row)) ? row.values[col] : '0.00';
  const at = (i >= 0 ? spanOf(t.cellSources[i]?.[col]) ?? spanOf(t.rowSources[i]) : undefined) ?? spanOf(t.titleAt);
  return { table: t, rowIndex: i, row, col, printed: printedOf(v), raw: v === null || v === undefined ? '' : String(v), at };
}

/** A cell by row (key, code or 'total') and column. */
export function cell(t: ExtractedTable, row: string, col: string): Cell {
  return cellAt(t, rowIndexOf(t, row), col);
}

/** 表5“201 一般公共服务支出”行“合计”栏. */
export function cellLabel(c: Cell): string {
  return `表${TABLE_SPECS[c.table.table.kind].no}${cellName(c.table.table, { row: c.rowIndex, col: c.col })}`;
}

/** Rows of a table keyed by classification code with a given length (3: 类, 5: 款, 7: 项). */
export function codeRows(t: ExtractedTable, len?: number): { row: Row; index: number }[] {
  return t.table.rows.map((row, index) => ({ row, index })).filter((x) => x.row.code && (len === undefined || x.row.code.length === len));
}

/** Text with whitespace removed and a map back to offsets (names and phrases wrap across lines in PDFs). */
export function compactText(text: string): { s: string; map: number[] } {
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    // A page-number line between the two halves of a wrapped name ("事业单位\n— 21 —\n医疗（项）") is skipped too.
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      const eol = text.indexOf('\n', i);
      if ((eol < 0 ? text.length : eol) - i <= 24 && isPageNumberLine(text.slice(i, eol < 0 ? text.length : eol))) {
        i = eol < 0 ? text.length : eol;
        continue;
      }
    }
    if (isSpace(text.charCodeAt(i))) continue;
    parts.push(text[i]);
    map.push(i);
  }
  map.push(text.length);
  return { s: parts.join(''), map };
}

/** The document's normalised text compacted (compactText): built once per document, for the rules that ask. */
export function compactNorm(doc: SourceDoc): { s: string; map: number[] } {
  let c = COMPACT.get(doc);
  if (!c) COMPACT.set(doc, (c = compactText(doc.norm)));
  return c;
}
const COMPACT = new WeakMap<SourceDoc, { s: string; map: number[] }>();

/** Compare names loosely: spaces, bracket widths, 与/和/及 folded. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[与及]/g, '和')
    .replace(/[()（）\s“”"]/g, '');
}
