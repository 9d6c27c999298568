/**
 * Geometry of a table region: column bands found from the header rows (labels wrapped over several
 * lines are stacked back together; merged spanning labels are skipped by matching leaf labels in
 * left-to-right order), then body rows built from anchors (lines with amounts or codes) with wrapped
 * name fragments attached to the nearest anchor. Two-sided tables are split into halves by x.
 */
import type { PdfLine, PlacedItem } from '../../readers/pdf/lines.js';
import { compact } from './locate.js';

export type BandRole = 'code' | 'name' | 'value';

export interface BandSpec {
  /** Column key (value bands) or 'code'/'name'; half index for two-sided tables. */
  key: string;
  role: BandRole;
  half: number;
  labels: string[];
  optional?: boolean;
}

export interface Band extends BandSpec {
  x0: number;
  x1: number;
  cx: number;
  found: boolean;
}

export interface GridRow {
  half: number;
  y: number;
  page: number;
  code: PlacedItem[];
  name: PlacedItem[];
  values: Record<string, PlacedItem[]>;
}


const AMOUNT_RE = /^[-−]?\(?[\d,]*\d(\.\d+)?\)?$|^[—–\-－]{1,2}$/;
const CODE_RE = /^\d{2,7}$/;
const isAmount = (s: string) => AMOUNT_RE.test(s.replace(/\s/g, '')) && !/^\d{3,7}$/.test(s.trim());
const isCodeLike = (s: string) => CODE_RE.test(s.trim());

interface Word {
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  cx: number;
}

/**
 * Header words: the items of a line split at wide gaps (tabs), joined where they touch. Narrow columns
 * leave less than a glyph between neighbouring labels ("事业收入 经营收入"), so the items are also split at
 * half-glyph gaps; both segmentations are candidates.
 */
function headerWords(lines: PdfLine[]): Word[] {
  const wide = wordsAt(lines, 1.2);
  const key = (w: Word) => `${w.text}@${w.x0}@${w.y}`;
  const seen = new Set(wide.map(key));
  return [...wide, ...wordsAt(lines, 0.5).filter((w) => !seen.has(key(w)))];
}

function wordsAt(lines: PdfLine[], gap: number): Word[] {
  const words: Word[] = [];
  for (const l of lines) {
    let cur: PlacedItem[] = [];
    const flush = () => {
      if (!cur.length) return;
      const x0 = cur[0].x;
      const x1 = Math.max(...cur.map((i) => i.x + i.w));
      words.push({ text: compact(cur.map((i) => i.norm).join('')), x0, x1, y: Math.min(...cur.map((i) => i.y)), h: cur[0].h, cx: (x0 + x1) / 2 });
      cur = [];
    };
    l.items.forEach((it, k) => {
      if (k > 0) {
        const prev = l.items[k - 1];
        if (it.x - (prev.x + prev.w) > gap * Math.min(it.h, prev.h)) flush();
      }
      cur.push(it);
    });
    flush();
  }
  return words;
}

const MAX_CANDIDATES = 20_000;

/** Candidate labels: single words and vertical stacks of 2–6 aligned words (a long label in a narrow column wraps two characters a line). */
function candidates(words: Word[]): Word[] {
  const out = [...words];
  const sorted = [...words].sort((a, b) => a.y - b.y);
  const extend = (stack: Word[]) => {
    const last = stack[stack.length - 1];
    for (const w of sorted) {
      // a bound for a header of many words drawn over each other (stacks grow as the branching to the sixth power)
      if (out.length >= MAX_CANDIDATES) return;
      if (w.y <= last.y + 0.5 * last.h || w.y > last.y + 2.2 * last.h) continue;
      const aligned = Math.abs(w.cx - last.cx) < 0.9 * w.h || Math.abs(w.x0 - last.x0) < 0.6 * w.h;
      if (!aligned) continue;
      const next = [...stack, w];
      out.push({
        text: next.map((s) => s.text).join(''),
        x0: Math.min(...next.map((s) => s.x0)),
        x1: Math.max(...next.map((s) => s.x1)),
        y: next[0].y,
        h: next[0].h,
        cx: (Math.min(...next.map((s) => s.x0)) + Math.max(...next.map((s) => s.x1))) / 2,
      });
      if (next.length < 6) extend(next);
    }
  };
  for (const w of sorted) extend([w]);
  return out;
}

/** Find the bands in left-to-right order among the header candidates. */
export function findBands(headerLines: PdfLine[], specs: BandSpec[]): { bands: Band[]; missing: string[] } {
  const cands = candidates(headerWords(headerLines));
  const bands: Band[] = [];
  const missing: string[] = [];
  let minX = -Infinity;
  for (const spec of specs) {
    const labels = spec.labels.map(compact);
    const hits = cands.filter((c) => labels.includes(c.text) && c.cx > minX).sort((a, b) => a.cx - b.cx || a.y - b.y);
    const hit = hits[0];
    if (hit) {
      bands.push({ ...spec, x0: hit.x0, x1: hit.x1, cx: hit.cx, found: true });
      minX = hit.cx + 1;
    } else {
      bands.push({ ...spec, x0: NaN, x1: NaN, cx: NaN, found: false });
      if (!spec.optional) missing.push(spec.labels[0]);
    }
  }
  return { bands, missing };
}

/** Index of the first line that holds an amount or a classification code (the end of the header). */
export function headerEnd(lines: PdfLine[], isDataText?: (t: string) => boolean): number {
  for (let i = 0; i < lines.length; i++) {
    for (const it of lines[i].items) {
      const t = it.norm.trim();
      if (isAmount(t) && /\d/.test(t)) return i;
      if (/^\d{3}(\d{2}){0,2}$/.test(t)) return i;
      if (isDataText?.(compact(t))) return i;
    }
  }
  return lines.length;
}

function distToBand(it: PlacedItem, b: Band): number {
  const c = it.x + it.w / 2;
  if (c >= b.x0 && c <= b.x1) return 0;
  return Math.min(Math.abs(c - b.x0), Math.abs(c - b.x1));
}

/** The half an x position belongs to: halves are split after each half's last band. */
function halfOf(x: number, splits: number[]): number {
  let h = 0;
  while (h < splits.length && x >= splits[h]) h++;
  return h;
}

/**
 * Build the grid of body rows. `ownRow(text, half)` says whether a text-only line in a half is a row
 * of its own (a named row or a numbered subject) rather than a wrapped fragment.
 */
export function buildGrid(body: PdfLine[], bands: Band[], ownRow: (text: string, half: number) => boolean): { rows: GridRow[]; stray: PlacedItem[] } {
  const found = bands.filter((b) => b.found);
  const halves = Math.max(...bands.map((b) => b.half)) + 1;
  const splits: number[] = [];
  for (let h = 0; h + 1 < halves; h++) {
    const last = found.filter((b) => b.half === h);
    const next = found.filter((b) => b.half === h + 1);
    const right = last.length ? Math.max(...last.map((b) => b.x1)) : 0;
    const left = next.length ? Math.min(...next.map((b) => b.x0)) : right;
    splits.push(Math.min(right + 0.6 * (left - right), right + 12));
  }
  const rows: GridRow[] = [];
  const stray: PlacedItem[] = [];
  const floating: { half: number; item: PlacedItem }[] = [];
  const valueBands = found.filter((b) => b.role === 'value');
  for (const line of body) {
    const perHalf = new Map<number, GridRow>();
    const texts = new Map<number, PlacedItem[]>();
    const get = (h: number) => {
      let r = perHalf.get(h);
      if (!r) perHalf.set(h, (r = { half: h, y: line.y + line.h / 2, page: line.page, code: [], name: [], values: {} }));
      return r;
    };
    for (const it of line.items) {
      const t = it.norm.trim();
      const h = halfOf(it.x, splits);
      const codeBand = found.find((b) => b.role === 'code' && b.half === h);
      if (isCodeLike(t) && codeBand && (distToBand(it, codeBand) < 3 * it.h || it.x < codeBand.x1)) {
        get(h).code.push(it);
      } else if (isAmount(t) && valueBands.length) {
        const best = valueBands.reduce((a, b) => (distToBand(it, b) < distToBand(it, a) ? b : a));
        if (distToBand(it, best) > 4 * it.h) stray.push(it);
        else (get(best.half).values[best.key] ??= []).push(it);
      } else {
        if (!texts.has(h)) texts.set(h, []);
        texts.get(h)!.push(it);
      }
    }
    for (const [h, items] of texts) {
      const r = perHalf.get(h);
      if (r) r.name.push(...items);
      else if (ownRow(compact(items.map((i) => i.norm).join('')), h)) get(h).name.push(...items);
      else for (const item of items) floating.push({ half: h, item });
    }
    rows.push(...[...perHalf.values()].sort((a, b) => a.half - b.half));
  }
  // Attach wrapped fragments to the nearest row of the same half on the same page.
  for (const f of floating) {
    const fy = f.item.y + f.item.h / 2;
    let best: GridRow | undefined;
    for (const r of rows) {
      if (r.half !== f.half || r.page !== f.item.page) continue;
      if (!best || Math.abs(r.y - fy) < Math.abs(best.y - fy)) best = r;
    }
    if (best && Math.abs(best.y - fy) < 2.2 * f.item.h) best.name.push(f.item);
    else stray.push(f.item);
  }
  for (const r of rows) r.name.sort((a, b) => a.y - b.y || a.x - b.x);
  return { rows, stray };
}

/** Text of items in reading order (wrapped names joined without spaces). */
export function joinText(items: PlacedItem[]): string {
  return items.map((i) => i.str.trim()).join('');
}
