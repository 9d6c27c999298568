/**
 * The nine tables of a DOCX, HTML or text document go through the same rebuild as a PDF's: the document's
 * lines and its structural tables (cells with offsets and merges, readers/*) are laid out as positioned
 * lines — each paragraph one line, each table row one line whose cells sit at their grid columns (merged
 * cells span their columns; a cell merged from above is not repeated) — and then located, banded and read
 * exactly like glyph positions. Cell sources keep the cells' offsets into the document text (no page).
 */
import type { PdfLine, PdfPage, PlacedItem } from '../../readers/pdf/lines.js';
import type { SourceDoc, SourceTable } from '../../readers/types.js';
import type { CellSource } from '../table-types.js';
import { locateTables } from './locate.js';
import { rebuildTable, type RebuiltTable } from './index.js';

/** Glyph height, column width and row pitch of the layout (in the units the PDF heuristics use). */
const H = 10;
const COL = 12 * H;
const PAD = 1.5 * H;
/** Rows far enough apart that no row is taken for a wrapped fragment of its neighbour. */
const PITCH = 3 * H;

interface Laid {
  pages: PdfPage[];
  /** Table index of each line that is a table row. */
  tableOf: Map<PdfLine, number>;
}

class Layout {
  readonly lines: PdfLine[] = [];
  readonly tableOf = new Map<PdfLine, number>();
  private y = 0;
  constructor(private readonly doc: SourceDoc) {}

  private item(start: number, end: number, x: number, w: number): PlacedItem {
    const str = this.doc.text.slice(start, end);
    return { str, norm: this.doc.norm.slice(start, end), x, y: this.y, w, h: H, base: this.y + H, page: 1, line: this.lines.length, start, end };
  }

  private push(items: PlacedItem[], table?: number): void {
    const text = items.map((i) => i.str).join('\t');
    const x = items.length ? Math.min(...items.map((i) => i.x)) : 0;
    const r = items.length ? Math.max(...items.map((i) => i.x + i.w)) : 0;
    const line: PdfLine = { page: 1, index: this.lines.length, text, items, x, y: this.y, w: r - x, h: H };
    this.lines.push(line);
    if (table !== undefined) this.tableOf.set(line, table);
    this.y += PITCH;
  }

  /** A paragraph: one item, without Markdown heading and emphasis marks around it. */
  paragraph(start: number, end: number): void {
    const t = this.doc.text;
    while (start < end && /\s/.test(t[start])) start++;
    while (end > start && /\s/.test(t[end - 1])) end--;
    if (this.doc.format === 'md') {
      const lead = /^(#{1,6}\s+|>\s*)?(\*\*|__)?/.exec(t.slice(start, end))![0].length;
      start += lead;
      const tail = /(\*\*|__)$/.exec(t.slice(start, end));
      if (tail) end -= tail[0].length;
    }
    if (end > start) this.push([this.item(start, end, 0, (end - start) * H)]);
  }

  /** A table: one line per row, each cell at its grid column (rowspans of the rows above are skipped). */
  table(t: SourceTable, index: number): void {
    const taken: number[] = []; // per grid column: rows still covered by a cell from above
    for (const row of t.rows) {
      const items: PlacedItem[] = [];
      let col = 0;
      for (const c of row) {
        while ((taken[col] ?? 0) > 0) col++;
        const span = Math.max(1, c.colSpan ?? 1);
        for (let k = 0; k < span; k++) taken[col + k] = Math.max(taken[col + k] ?? 0, c.rowSpan ?? 1);
        if (c.end > c.start) items.push(this.item(c.start, c.end, col * COL + PAD, span * COL - 2 * PAD));
        col += span;
      }
      for (let k = 0; k < taken.length; k++) if (taken[k]) taken[k]--;
      if (this.doc.format === 'md' && items.some((i) => i.str.includes(' / '))) this.levels(items, index);
      else this.push(items, index);
    }
  }

  /**
   * A Markdown header row flattened from a merged header ("预算数 / 公务用车购置及运行维护费 / 小计") is laid
   * out again as one line per level, neighbouring cells with the same path so far sharing one spanning label.
   */
  private levels(cells: PlacedItem[], index: number): void {
    const paths = cells.map((c) => {
      const parts: { start: number; end: number }[] = [];
      let from = c.start;
      for (const p of c.str.split(' / ')) {
        parts.push({ start: from, end: from + p.length });
        from += p.length + 3;
      }
      return parts;
    });
    const depth = Math.max(...paths.map((p) => p.length));
    for (let level = 0; level < depth; level++) {
      const items: PlacedItem[] = [];
      for (let k = 0; k < cells.length; k++) {
        const part = paths[k][level];
        if (!part) continue;
        const key = (j: number) => paths[j].slice(0, level + 1).map((p) => this.doc.text.slice(p.start, p.end)).join('/');
        if (k > 0 && paths[k - 1][level] && key(k - 1) === key(k)) {
          const prev = items[items.length - 1];
          prev.w = cells[k].x + cells[k].w - prev.x;
          continue;
        }
        items.push(this.item(part.start, part.end, cells[k].x, cells[k].w));
      }
      this.push(items, index);
    }
  }

  pages(): Laid {
    const page: PdfPage = { page: 1, width: 0, height: this.y, lines: this.lines, items: this.lines.flatMap((l) => l.items) };
    return { pages: [page], tableOf: this.tableOf };
  }
}

/** Lay out a structured document's lines and tables as one page of positioned lines. */
function layoutDocument(doc: SourceDoc): Laid {
  const layout = new Layout(doc);
  const tables = [...doc.tables].sort((a, b) => a.start - b.start);
  const starts = doc.lineStarts;
  let k = 0;
  let laid = -1;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : doc.text.length;
    while (k < tables.length && tables[k].end < start) k++;
    const t = tables[k];
    if (t && start >= t.start && start <= t.end) {
      if (laid !== k) layout.table(t, (laid = k));
      continue;
    }
    layout.paragraph(start, end);
  }
  return layout.pages();
}

function withoutPage(s: CellSource): CellSource {
  return s.start === undefined ? {} : { start: s.start, end: s.end };
}

/**
 * Find and rebuild the nine tables of a DOCX, HTML or text document. A table's body ends where its
 * structural table ends (the paragraph after it is its note), so text after the last table is no row.
 */
export function rebuildDocTables(doc: SourceDoc): RebuiltTable[] {
  if (!doc.tables.length) return [];
  const { pages, tableOf } = layoutDocument(doc);
  const regions = locateTables(pages, {
    bodyEnds: (prev, line) => prev !== undefined && tableOf.has(prev) && tableOf.get(prev) !== tableOf.get(line),
  });
  return regions.map((region) => {
    const t = rebuildTable(region);
    return {
      ...t,
      titleAt: t.titleAt && withoutPage(t.titleAt),
      bodyNameAt: t.bodyNameAt && withoutPage(t.bodyNameAt),
      cellSources: t.cellSources.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, withoutPage(v)]))),
      rowSources: t.rowSources.map(withoutPage),
      pages: undefined,
      confidenceNotes: t.confidenceNotes.map((n) => n.replace(/\(第\d+页\)/g, '')),
    };
  });
}
