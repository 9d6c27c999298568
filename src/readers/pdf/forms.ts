/**
 * 绩效自评表 forms of a PDF as source tables, from the text layer's geometry (a PDF has no table structure
 * and our reader no ruling lines): a form runs from its 项目名称 line to its 合计 line (or the next form);
 * its rows are told apart by the vertical gaps (lines of one cell follow at the line pitch, a new row after
 * the cell padding), its cells by horizontal extent across the row's lines, and each cell is placed in the
 * column of the form's widest row (the 绩效指标 header: 一级指标 … 原因) that its centre falls in — so a
 * merged cell spans to the next placed cell, as the DOCX and HTML readers give it. Where the gaps do not
 * separate rows (every gap alike), or no indicator header is found, no table is given: the form is then
 * listed as unread by `extract`, never guessed.
 */
import type { SourceCell, SourceTable } from '../types.js';
import type { PdfLine, PdfPage, PlacedItem } from './lines.js';
import { isPageNumberLine, normalizeText } from '../normalize.js';

const compact = (s: string) => normalizeText(s).replace(/\s+/g, '');
const NUMBER = /^[-+]?[\d,.]+%?$/;
const wide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch);

/** Items split at inner spaces (pdfjs joins neighbouring cells of a line into one item: "计量 指标 年度指标"), placed by width share. */
function pieces(it: PlacedItem): PlacedItem[] {
  if (!/\S\s+\S/.test(it.str)) return [it];
  const weight = (s: string) => [...s].reduce((n, ch) => n + (wide(ch) ? 1 : 0.55), 0);
  const total = weight(it.str) || 1;
  const out: PlacedItem[] = [];
  let pos = 0;
  let off = 0;
  for (const part of it.str.split(/(\s+)/)) {
    const w = (weight(part) / total) * it.w;
    if (part.trim()) out.push({ ...it, str: part, norm: normalizeText(part), x: it.x + pos, w, start: it.start + off, end: it.start + off + part.length });
    pos += w;
    off += part.length;
  }
  return out.length ? out : [it];
}

interface Cluster {
  x0: number;
  x1: number;
  items: PlacedItem[];
}

/** Cells of one row: items whose horizontal extents overlap (across the row's lines) form one cell. */
function cellsOf(items: PlacedItem[]): Cluster[] {
  const out: Cluster[] = [];
  for (const it of [...items].sort((a, b) => a.x - b.x)) {
    const last = out[out.length - 1];
    // touching within a third of a glyph: one cell
    if (last && it.x < last.x1 + it.h / 3) {
      last.items.push(it);
      last.x1 = Math.max(last.x1, it.x + it.w);
    } else out.push({ x0: it.x, x1: it.x + it.w, items: [it] });
  }
  return out;
}

/**
 * Rows of a region. Items are set on exact text lines (same top within 0.6 pt); the lines of one row follow
 * its first line at whole multiples of the line pitch (cells are top-aligned and wrap at the pitch), a new row
 * starts off that lattice (after the cell padding) or on a new page. The pitch is the smallest gap between
 * lines of at least a glyph's height (a smaller one is padding beside a wrapped cell of the row above).
 */
function rowsOf(lines: PdfLine[]): PlacedItem[][] | null {
  const items = lines.flatMap((l) => l.items.flatMap(pieces)).sort((a, b) => a.page - b.page || a.y - b.y);
  const exact: PlacedItem[][] = [];
  for (const it of items) {
    const last = exact[exact.length - 1];
    if (last && last[0].page === it.page && Math.abs(it.y - last[0].y) < 0.6) last.push(it);
    else exact.push([it]);
  }
  const h = Math.min(...items.map((i) => i.h));
  const gaps: number[] = [];
  for (let i = 1; i < exact.length; i++) if (exact[i][0].page === exact[i - 1][0].page) gaps.push(exact[i][0].y - exact[i - 1][0].y);
  const pitches = gaps.filter((g) => g >= 0.9 * h);
  if (!pitches.length) return null;
  const pitch = Math.min(...pitches);
  if (!gaps.some((g) => Math.abs(g / pitch - Math.round(g / pitch)) > 0.1)) return null; // rows not told from wrapped lines
  const rows: PlacedItem[][] = [];
  let top = -Infinity;
  let page = -1;
  for (const line of exact) {
    const k = (line[0].y - top) / pitch;
    if (line[0].page !== page || Math.abs(k - Math.round(k)) > 0.1) {
      rows.push([...line]);
      top = line[0].y;
      page = line[0].page;
    } else rows[rows.length - 1].push(...line);
  }
  return rows;
}

function cellText(c: Cluster): SourceCell {
  const items = [...c.items].sort((a, b) => a.y - b.y || a.x - b.x);
  const text = items.map((i) => i.str.trim()).join('');
  return { text, start: items[0].start, end: items[items.length - 1].end };
}

/** One form region (lines from 项目名称 to 合计) as a table, or null where its rows or columns cannot be told. */
function formTable(lines: PdfLine[]): SourceTable | null {
  const rows = rowsOf(lines);
  if (!rows) return null;
  const cells = rows.map(cellsOf);
  const header = cells.find((r) => r.some((c) => /^一级指标/.test(compact(cellText(c).text))) && r.some((c) => /^三级指标/.test(compact(cellText(c).text))));
  if (!header || header.length < 6) return null;
  // Column k starts where the header's k-th label starts (labels sit at the left of their cells); a text cell
  // belongs to the column its first character is in, a number (set to the right of its cell) to the column
  // its last one is in.
  const bounds = header.slice(1).map((c) => c.x0 - 1);
  const columnOf = (c: Cluster) => {
    const x = NUMBER.test(cellText(c).text) ? c.x1 - 1 : c.x0 + 1;
    let k = 0;
    while (k < bounds.length && x >= bounds[k]) k++;
    return k;
  };
  const n = header.length;
  const out: SourceCell[][] = [];
  for (const r of cells) {
    const placed = new Map<number, SourceCell>();
    for (const c of r) {
      const k = columnOf(c);
      const sc = cellText(c);
      const had = placed.get(k);
      placed.set(k, had ? { text: had.text + sc.text, start: had.start, end: sc.end } : sc);
    }
    const cols = [...placed.keys()].sort((a, b) => a - b);
    const row: SourceCell[] = [];
    // leading empty columns stay empty cells (a row under a merged 一级指标 cell)
    if (cols.length && cols[0] > 0) row.push({ text: '', start: placed.get(cols[0])!.start, end: placed.get(cols[0])!.start, colSpan: cols[0] });
    cols.forEach((k, i) => {
      const span = (i + 1 < cols.length ? cols[i + 1] : n) - k;
      row.push({ ...placed.get(k)!, ...(span > 1 ? { colSpan: span } : {}) });
    });
    out.push(row);
  }
  const first = out[0][0];
  const lastRow = out[out.length - 1];
  return { rows: out, start: first.start, end: lastRow[lastRow.length - 1].end, page: lines[0].page };
}

/** Every 自评表 form of the pages, in order. */
export function formTables(pages: PdfPage[]): SourceTable[] {
  const lines = pages.flatMap((p) => p.lines).filter((l) => !isPageNumberLine(l.text));
  const out: SourceTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^项目名称/.test(compact(lines[i].text))) continue;
    let j = i + 1;
    while (j < lines.length && !/^项目名称/.test(compact(lines[j].text)) && !/自评表$/.test(compact(lines[j].text))) {
      if (/^(合计|总计|总分)/.test(compact(lines[j].text))) {
        j++;
        break;
      }
      j++;
    }
    const t = formTable(lines.slice(i, j));
    if (t) out.push(t);
    i = j - 1;
  }
  return out;
}
