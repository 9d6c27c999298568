/**
 * Shared plumbing for the readers: assembling extracted text line by line while recording the offsets of
 * table cells and headings, and turning the result into a SourceDoc (norm, line starts, notes).
 * No I/O here.
 */
import { lineStarts } from '../core/span.js';
import { blankResidue, countTraditional, normalizeChars } from './normalize.js';
import type { SourceCell, SourceDoc, SourceFormat, SourceHeading, SourceTable } from './types.js';

/** A cell handed to the builder: its text (newlines and tabs are folded to spaces) and merge spans. */
export interface CellInput {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

/** Tabs and line breaks inside a paragraph or cell become spaces: the text keeps one line per paragraph/row. */
function flatten(s: string): string {
  return s.replace(/\r\n?|\n|\t|\u2028|\u2029|\v|\f/g, ' ');
}

/**
 * Spans capped at the table's real width and height (`minWidth` when the source declares its columns): a
 * colSpan reaches at most the table's right edge, a rowSpan at most its last row.
 * `colspan="1000000000"` in 175 bytes of HTML would otherwise have every grid built from the table allocate
 * a billion slots. Returns new cells; the input is not changed.
 */
function capSpans(rows: CellInput[][], minWidth = 0): CellInput[][] {
  // No cell spans more columns than the widest row has cells; a row is then as wide as its capped spans add up
  // to (two cells of colspan 2 over one of colspan 4 stay so), but never wider than four times the cells there are.
  const cells = rows.reduce((n, r) => n + r.length, 0);
  const widest = rows.reduce((w, r) => Math.max(w, r.length), 1);
  const spanned = rows.reduce((w, r) => Math.max(w, r.reduce((n, c) => n + Math.max(1, Math.min(c.colSpan ?? 1, widest)), 0)), 1);
  const width = Math.max(minWidth, Math.min(spanned, 4 * cells), widest);
  return rows.map((row, r) => {
    let col = 0;
    return row.map((c) => {
      const colSpan = Math.max(1, Math.min(c.colSpan ?? 1, width - col));
      const rowSpan = Math.max(1, Math.min(c.rowSpan ?? 1, rows.length - r));
      col += colSpan;
      return colSpan === c.colSpan && rowSpan === c.rowSpan ? c : { ...c, colSpan, rowSpan };
    });
  });
}

export class TextBuilder {
  private parts: string[] = [];
  private pos = 0;
  readonly tables: SourceTable[] = [];
  readonly headings: SourceHeading[] = [];

  get offset(): number {
    return this.pos;
  }

  /** Append one paragraph as a line (blank paragraphs are kept as empty lines only if `keepEmpty`). */
  line(raw: string, keepEmpty = false): { start: number; end: number } | null {
    const s = flatten(raw).replace(/\s+$/u, '');
    if (!s.trim() && !keepEmpty) return null;
    const start = this.pos;
    this.push(s + '\n');
    return { start, end: start + s.length };
  }

  heading(raw: string, level: number): void {
    const r = this.line(raw);
    if (!r) return;
    const lead = this.text().slice(r.start, r.end).search(/\S/u);
    this.headings.push({ level, start: r.start + Math.max(lead, 0), end: r.end });
  }

  /** Append a table: one line per row, cells separated by \t. Cells keep their trimmed offsets. Spans are capped. */
  table(rows: CellInput[][], extra: Partial<SourceTable> = {}): SourceTable | null {
    const kept = capSpans(rows.filter((r) => r.length > 0));
    if (kept.length === 0) return null;
    const start = this.pos;
    const out: SourceCell[][] = [];
    for (const row of kept) {
      const cells: SourceCell[] = [];
      row.forEach((c, i) => {
        if (i > 0) this.push('\t');
        const flat = flatten(c.text);
        const lead = flat.length - flat.trimStart().length;
        const body = flat.trim();
        const cStart = this.pos + lead;
        this.push(flat);
        const cell: SourceCell = { text: body, start: cStart, end: cStart + body.length };
        if (c.rowSpan && c.rowSpan > 1) cell.rowSpan = c.rowSpan;
        if (c.colSpan && c.colSpan > 1) cell.colSpan = c.colSpan;
        cells.push(cell);
      });
      this.push('\n');
      out.push(cells);
    }
    const t: SourceTable = { ...extra, rows: out, start, end: this.pos - 1 };
    this.tables.push(t);
    return t;
  }

  text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }

  private push(s: string): void {
    this.parts.push(s);
    this.pos += s.length;
  }
}

/** Build the SourceDoc: normalised text of the same length, line starts, and notes on what was normalised. */
export function finishDoc(
  file: string,
  format: SourceFormat,
  text: string,
  tables: SourceTable[],
  notes: string[],
  extra: Partial<SourceDoc> = {},
  /** Extra [start, end) ranges to blank in norm (e.g. page numbers of a Word table of contents). */
  blank: [number, number][] = [],
): SourceDoc {
  const chars = normalizeChars(text);
  let norm = blankResidue(text, chars);
  if (blank.length) {
    const a = norm.split('');
    for (const [s, e] of blank) for (let i = s; i < e; i++) if (a[i] !== '\n') a[i] = ' ';
    norm = a.join('');
  }
  if (norm !== chars) {
    let n = 0;
    for (let i = 0; i < norm.length; i++) if (norm[i] !== chars[i]) n++;
    notes.push(`Word 域代码残留或目录引导符共 ${n} 个字符，已在规范化文本中置为空格`);
  }
  const trad = countTraditional(text);
  if (trad > 0) notes.push(`含繁体字 ${trad} 个，已在规范化文本中转换为简体`);
  if (norm.length !== text.length) throw new Error('normalisation changed the text length');
  return { ...extra, file, format, text, norm, lineStarts: lineStarts(text), tables, notes };
}
