/**
 * Building text lines from positioned PDF items by geometry, not by content-stream order: items whose
 * vertical centres are within half a glyph height share a line (so Latin digits drawn on a slightly
 * different baseline than the CJK label stay on the label's line), then each line is ordered by x.
 * Gaps wider than a glyph become a tab (a table cell boundary), narrower ones a space or nothing.
 */
import { normalizeText } from '../normalize.js';
import type { PdfItem, PdfRawPage } from './load.js';

/** An item placed in the document text. */
export interface PlacedItem extends PdfItem {
  page: number;
  /** Normalised text (same length as str). */
  norm: string;
  /** Index of its line in the whole document, and [start, end) offsets into the document text. */
  line: number;
  start: number;
  end: number;
}

export interface PdfLine {
  page: number;
  index: number;
  text: string;
  items: PlacedItem[];
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PdfPage {
  page: number;
  width: number;
  height: number;
  lines: PdfLine[];
  items: PlacedItem[];
  hasImages?: boolean;
}

const cy = (i: PdfItem) => i.y + i.h / 2;

const NUMERIC = /^[-—(（]?[\d,，.]+[)）%]?$/;
const wide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch);

/**
 * Some producers emit one text item for neighbouring cells ("1,826.48 201": an amount, then the code
 * of the next column). Split an item at the spaces that stand next to a number, placing each part by
 * its share of the item's width (CJK characters count double), so cells are found by geometry.
 */
export function splitItem(it: PdfItem): PdfItem[] {
  if (!/\s/.test(it.str.trim())) return [it];
  const parts = it.str.split(/(\s+)/);
  const words = parts.filter((p, k) => k % 2 === 0);
  const numericNeighbour = words.some((w, k) => k + 1 < words.length && w && words[k + 1] && (NUMERIC.test(w) || NUMERIC.test(words[k + 1])));
  if (!numericNeighbour) return [it];
  const weight = (s: string) => [...s].reduce((n, ch) => n + (wide(ch) ? 1 : 0.55), 0);
  const total = weight(it.str) || 1;
  const out: PdfItem[] = [];
  let pos = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    const w = (weight(p) / total) * it.w;
    if (k % 2 === 0 && p) out.push({ ...it, str: p, x: it.x + pos, w });
    pos += w;
  }
  return out.length ? out : [it];
}

/** Group a page's items into lines (top to bottom), each sorted left to right. */
function groupLines(items: PdfItem[]): PdfItem[][] {
  const sorted = [...items].sort((a, b) => cy(a) - cy(b) || a.x - b.x);
  const lines: { c: number; h: number; items: PdfItem[]; right: number }[] = [];
  for (const it of sorted) {
    const c = cy(it);
    // Compare with the few most recent lines (a later item may belong to a slightly higher line).
    let target: (typeof lines)[number] | undefined;
    for (let k = lines.length - 1; k >= 0 && k >= lines.length - 3; k--) {
      const l = lines[k];
      if (Math.abs(c - l.c) <= 0.5 * Math.min(it.h, l.h) && !overlapsX(l, it)) {
        target = l;
        break;
      }
    }
    if (target) {
      target.items.push(it);
      target.right = Math.max(target.right, it.x + it.w);
      // The line's centre is that of its tallest/first items: keep the first item's centre as reference.
    } else lines.push({ c, h: it.h, items: [it], right: it.x + it.w });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines.map((l) => l.items);
}

/** Items of a line looked at for overlap: enough for any real line, and a bound for a page of a million glyphs. */
const OVERLAP_SCAN = 512;

function overlapsX(line: { items: PdfItem[]; right: number }, it: PdfItem): boolean {
  // Two items drawn over each other at the same place are different lines (or a duplicate); a
  // substantial horizontal overlap means "not the same line". An item starting right of everything in the line
  // overlaps nothing (the usual left-to-right case, checked in constant time).
  if (it.x >= line.right) return false;
  const items = line.items;
  for (let k = items.length - 1; k >= 0 && k >= items.length - OVERLAP_SCAN; k--) {
    const o = items[k];
    const ov = Math.min(o.x + o.w, it.x + it.w) - Math.max(o.x, it.x);
    if (ov > 0.5 * Math.min(o.w, it.w) && ov > 1) return true;
  }
  return false;
}

/** The separator to put between two neighbouring items of a line. */
function separator(prev: PdfItem, next: PdfItem): string {
  const gap = next.x - (prev.x + prev.w);
  const size = Math.min(prev.h, next.h);
  if (gap > 1.2 * size) return '\t';
  if (gap > 0.25 * size) return ' ';
  return '';
}

/**
 * Lay out all pages as one text: lines joined by \n. Returns the text, the placed lines per page and
 * the line starts. Offsets of every item into the text are recorded on the item.
 */
export function layoutPages(raw: PdfRawPage[]): { text: string; pages: PdfPage[]; lineStarts: number[] } {
  const parts: string[] = [];
  const lineStarts: number[] = [];
  const pages: PdfPage[] = [];
  let offset = 0;
  let index = 0;
  for (const rp of raw) {
    const page: PdfPage = { page: rp.page, width: rp.width, height: rp.height, lines: [], items: [], hasImages: rp.hasImages };
    for (const group of groupLines(rp.items.flatMap(splitItem))) {
      let text = '';
      const placed: PlacedItem[] = [];
      group.forEach((it, k) => {
        if (k > 0) text += separator(group[k - 1], it);
        const start = offset + text.length;
        text += it.str;
        placed.push({ str: it.str, x: it.x, y: it.y, w: it.w, h: it.h, base: it.base, page: rp.page, norm: normalizeText(it.str), line: index, start, end: start + it.str.length });
      });
      let [x, y, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]; // (no Math.min(...): a line may hold 100 000 items)
      for (const i of group) {
        x = Math.min(x, i.x);
        y = Math.min(y, i.y);
        right = Math.max(right, i.x + i.w);
        bottom = Math.max(bottom, i.y + i.h);
      }
      page.lines.push({ page: rp.page, index, text, items: placed, x, y, w: right - x, h: bottom - y });
      for (const p of placed) page.items.push(p);
      lineStarts.push(offset);
      parts.push(text);
      offset += text.length + 1;
      index++;
    }
    pages.push(page);
  }
  return { text: parts.join('\n'), pages, lineStarts };
}
