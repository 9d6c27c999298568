/**
 * Tables inside plain text, recovered with their cell offsets (text.slice(start, end) === cell.text):
 * 1. Word "save as text" layout (the seed's 自评表): every cell on its own line starting with a tab, rows
 *    separated by one blank line, a cell's own line breaks continue on lines without a leading tab,
 *    tables separated by two or more blank lines or by ordinary text after a blank line; at least two rows
 *    must have two or more cells (paragraphs indented with a tab are not tables);
 * 2. tab-separated rows: two or more consecutive lines with tabs inside, one row per line;
 * 3. Markdown pipe rows `| a | b |` (the `|---|` separator line is skipped; with it, a header alone is a table).
 */
import type { SourceCell, SourceTable } from './types.js';

interface Line {
  start: number;
  /** End of line content (before \n). */
  end: number;
  s: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      out.push({ start, end: i, s: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

const isBlank = (l: Line) => l.s.trim() === '' && !l.s.includes('\t');
const WS = /[\s\u3000]/u;

/** A cell spanning [from, to) of text, trimmed of surrounding whitespace. */
function cell(text: string, from: number, to: number): SourceCell {
  let a = from;
  let b = to;
  while (a < b && WS.test(text[a])) a++;
  while (b > a && WS.test(text[b - 1])) b--;
  return { text: text.slice(a, b), start: a, end: b };
}

/** Cells of a tab-separated stretch [from, to) (no newlines inside). */
function tabCells(text: string, from: number, to: number): SourceCell[] {
  const cells: SourceCell[] = [];
  let a = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text.charCodeAt(i) === 9) {
      cells.push(cell(text, a, i));
      a = i + 1;
    }
  }
  return cells;
}

function finish(rows: SourceCell[][], start: number, end: number, out: SourceTable[]): void {
  const kept = rows.filter((r) => r.length > 0);
  if (kept.length > 0) out.push({ rows: kept, start, end });
}

/** Layout 1: one cell per tab-led line. Returns the index of the first line after the table. */
function cellPerLine(text: string, lines: Line[], i0: number, out: SourceTable[]): number {
  const rows: SourceCell[][] = [];
  let row: SourceCell[] = [];
  let last: SourceCell | null = null;
  let blanks = 0;
  let end = lines[i0].end;
  let i = i0;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.s.startsWith('\t')) {
      if (blanks > 1) break;
      if (blanks === 1 && row.length) {
        rows.push(row);
        row = [];
      }
      const cells = tabCells(text, l.start + 1, l.end);
      row.push(...cells);
      last = cells[cells.length - 1];
      blanks = 0;
      end = l.end;
    } else if (isBlank(l)) {
      blanks++;
      last = null;
    } else if (blanks === 0 && last && !l.s.includes('\t')) {
      // Continuation: the cell's text goes on on this line (the cell text then holds the line break).
      const prev = row[row.length - 1];
      Object.assign(prev, cell(text, last.text ? last.start : l.start, l.end));
      last = prev;
      end = l.end;
    } else break;
  }
  if (row.length) rows.push(row);
  // Paragraphs indented with a tab are not a table: ask for at least two rows of two or more cells.
  if (rows.filter((r) => r.length >= 2).length >= 2) finish(rows, lines[i0].start, end, out);
  return i;
}

/** Layouts 2 and 3: one row per line. */
function rowPerLine(text: string, lines: Line[], i0: number, out: SourceTable[], pipe: boolean): number {
  const rows: SourceCell[][] = [];
  let separator = false;
  let i = i0;
  let end = lines[i0].end;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (pipe) {
      const t = l.s.trim();
      if (!(t.startsWith('|') && t.endsWith('|') && t.length > 1)) break;
      end = l.end;
      if (/^\|[\s:|-]+\|$/.test(t) && t.includes('-')) {
        separator = true;
        continue;
      }
      const a = l.start + l.s.indexOf('|') + 1;
      const b = l.start + l.s.lastIndexOf('|');
      const cells: SourceCell[] = [];
      let from = a;
      for (let k = a; k <= b; k++) {
        if (k === b || (text[k] === '|' && text[k - 1] !== '\\')) {
          cells.push(cell(text, from, k));
          from = k + 1;
        }
      }
      rows.push(cells);
    } else {
      if (l.s.startsWith('\t') || !l.s.includes('\t') || isBlank(l)) break;
      rows.push(tabCells(text, l.start, l.end));
      end = l.end;
    }
  }
  // A Markdown table may have a header and no body (an empty table): its separator line makes it one.
  if (rows.length >= 2 || (pipe && separator && rows.length === 1)) finish(rows, lines[i0].start, end, out);
  return Math.max(i, i0 + 1);
}

const isPipeRow = (s: string) => {
  const t = s.trim();
  return t.length > 2 && t.startsWith('|') && t.endsWith('|') && t.slice(1, -1).includes('|');
};

export function findTextTables(text: string): SourceTable[] {
  const lines = splitLines(text);
  const out: SourceTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const s = lines[i].s;
    if (s.startsWith('\t')) i = cellPerLine(text, lines, i, out);
    else if (s.includes('\t') && s.trim() !== '') i = rowPerLine(text, lines, i, out, false);
    else if (isPipeRow(s)) i = rowPerLine(text, lines, i, out, true);
    else i++;
  }
  return out;
}
