/**
 * The quick text reader: a PDF's text items without pdfjs, for the files whose text it can read exactly as
 * pdfjs does (./document.ts, ./fonts.ts, ./text.ts say which). Most of a cold PDF check was pdfjs: loading
 * its 3 MB of code and running its general machinery for what is, in a disclosure from Word or WPS, a few
 * fonts with ToUnicode maps and plain text operators. The items are pdfjs's to the last bit — the same text,
 * transform, width and height — which test/pdf-quick.test.ts proves on every corpus PDF and on our own
 * rendered PDFs; anything else throws Unsupported and the reader (../load.ts) uses pdfjs.
 */
import { PdfFile, type PageNode } from './document.js';
import type { QuickFont } from './fonts.js';
import { Dict, type Obj, Stream, Unsupported } from './syntax.js';
import { textContent, type RawTextItem } from './text.js';

export { Unsupported };

const LETTER = [0, 0, 612, 792];

export interface QuickPage {
  items: RawTextItem[];
  /** pdfjs's PageViewport at scale 1: transform, width, height. */
  viewport: { transform: number[]; width: number; height: number };
  hasImages: boolean;
  cut?: 'items' | 'time';
}

export interface QuickDoc {
  numPages: number;
  /** One page's items; `timeUp()` is asked every thousand operators: true cuts the page there ('time'). */
  page(p: number, timeUp: () => boolean): QuickPage;
}

interface QuickOptions {
  /** Whitespace items with their transforms, as pdfjs gives them (for proving the items equal pdfjs's). */
  whitespaceTransforms?: boolean;
  /** More raw items than this on a page: Unsupported (default 4 × 100000). */
  maxRawItems?: number;
}

/** Open a file for the quick reader; throws Unsupported when pdfjs must read it. */
export function openQuick(bytes: Uint8Array, opts: QuickOptions = {}): QuickDoc {
  const file = new PdfFile(bytes);
  const pages = file.pages();
  const fonts = new Map<number, QuickFont>();
  return {
    numPages: pages.length,
    page(p, timeUp) {
      const node = pages[p - 1];
      const view = pageView(file, node);
      const rotate = pageRotate(file, node);
      const unit = file.get(node.dict, 'UserUnit');
      if (typeof unit === 'number' && unit > 0 && unit !== 1) throw new Unsupported('UserUnit');
      const res = pageResources(file, node);
      const items: RawTextItem[] = [];
      const images = { seen: false };
      let cut: 'time' | undefined;
      const ctx = {
        file,
        fonts,
        viewBox: view,
        images,
        whitespaceTransforms: opts.whitespaceTransforms ?? false,
        maxItems: opts.maxRawItems ?? 400_000,
        stop: () => {
          if (!timeUp()) return false;
          cut = 'time';
          return true;
        },
      };
      const content = contents(file, node.dict);
      if (content.length) textContent(ctx, content, res, null, items, 0, new Set());
      return { items, viewport: viewport(view, rotate), hasImages: images.seen, cut };
    },
  };
}

/** The page's content: one stream, or an array of them joined without a separator (pdfjs's StreamsSequenceStream). */
function contents(file: PdfFile, page: Dict): Uint8Array {
  const c = file.get(page, 'Contents');
  if (c === undefined || c === null) return new Uint8Array(0);
  if (c instanceof Stream) return file.decode(c);
  if (!Array.isArray(c)) throw new Unsupported('page contents of unknown kind');
  const parts = c.map((x) => file.resolve(x)).filter((x): x is Stream => x instanceof Stream);
  if (parts.length !== c.length) throw new Unsupported('page contents not all streams');
  const decoded = parts.map((s) => file.decode(s));
  const out = new Uint8Array(decoded.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of decoded) {
    out.set(d, at);
    at += d.length;
  }
  return out;
}

/** Values of an inheritable key from the page up its /Parent chain (pdfjs's getInheritableProperty). */
function inherited(file: PdfFile, node: PageNode, key: string): Obj[] {
  const out: Obj[] = [];
  let d: Obj | undefined = node.dict;
  for (let k = 0; d instanceof Dict && k < 100; k++) {
    const v = file.get(d, key);
    if (v !== undefined) out.push(v);
    d = file.get(d, 'Parent');
  }
  return out;
}

/**
 * pdfjs's Page.resources: the nearest /Resources, or, when the page tree has more than one, their entries
 * merged with the nearest winning (Dict.merge without sub-dictionaries).
 */
function pageResources(file: PdfFile, node: PageNode): Dict {
  const found = inherited(file, node, 'Resources');
  if (found.length <= 1 || !(found[0] instanceof Dict)) return found[0] instanceof Dict ? found[0] : new Dict();
  const merged = new Dict();
  for (const d of found) {
    if (!(d instanceof Dict)) continue;
    for (const [k, v] of d.map) if (!merged.map.has(k)) merged.map.set(k, v);
  }
  return merged;
}

const isRect = (a: Obj | undefined): a is number[] => Array.isArray(a) && a.length === 4 && a.every((x) => typeof x === 'number');
const normalizeRect = (r: number[]) => {
  const o = r.slice();
  if (r[0] > r[2]) ((o[0] = r[2]), (o[2] = r[0]));
  if (r[1] > r[3]) ((o[1] = r[3]), (o[3] = r[1]));
  return o;
};

function box(file: PdfFile, node: PageNode, key: string): number[] | null {
  const v = inherited(file, node, key)[0];
  const arr = Array.isArray(v) ? v.map((x) => file.resolve(x)) : v;
  if (!isRect(arr as Obj)) {
    if (v !== undefined) throw new Unsupported(`bad /${key}`);
    return null;
  }
  const r = normalizeRect(arr as number[]);
  if (r[2] - r[0] > 0 && r[3] - r[1] > 0) return r;
  throw new Unsupported(`empty /${key}`);
}

/** pdfjs's Page.view: the crop box within the media box. */
function pageView(file: PdfFile, node: PageNode): number[] {
  const media = box(file, node, 'MediaBox') ?? LETTER;
  const crop = box(file, node, 'CropBox') ?? media;
  if (crop === media || crop.every((x, i) => x === media[i])) return media;
  const xLow = Math.max(Math.min(crop[0], crop[2]), Math.min(media[0], media[2]));
  const xHigh = Math.min(Math.max(crop[0], crop[2]), Math.max(media[0], media[2]));
  const yLow = Math.max(Math.min(crop[1], crop[3]), Math.min(media[1], media[3]));
  const yHigh = Math.min(Math.max(crop[1], crop[3]), Math.max(media[1], media[3]));
  if (xLow > xHigh || yLow > yHigh || !(xHigh - xLow > 0 && yHigh - yLow > 0)) throw new Unsupported('crop box outside the media box');
  return [xLow, yLow, xHigh, yHigh];
}

function pageRotate(file: PdfFile, node: PageNode): number {
  const v = inherited(file, node, 'Rotate')[0];
  let rotate = typeof v === 'number' ? v : 0;
  if (v !== undefined && typeof v !== 'number') throw new Unsupported('bad /Rotate');
  if (rotate % 90 !== 0) rotate = 0;
  else if (rotate >= 360) rotate %= 360;
  else if (rotate < 0) rotate = ((rotate % 360) + 360) % 360;
  return rotate;
}

/** pdfjs's PageViewport at scale 1, no offset. */
function viewport(viewBox: number[], rotation: number): QuickPage['viewport'] {
  const scale = 1;
  const centerX = (viewBox[2] + viewBox[0]) / 2;
  const centerY = (viewBox[3] + viewBox[1]) / 2;
  const [a, b, c, d] = rotation === 180 ? [-1, 0, 0, 1] : rotation === 90 ? [0, 1, 1, 0] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  let offsetCanvasX, offsetCanvasY, width, height;
  if (a === 0) {
    offsetCanvasX = Math.abs(centerY - viewBox[1]) * scale;
    offsetCanvasY = Math.abs(centerX - viewBox[0]) * scale;
    width = (viewBox[3] - viewBox[1]) * scale;
    height = (viewBox[2] - viewBox[0]) * scale;
  } else {
    offsetCanvasX = Math.abs(centerX - viewBox[0]) * scale;
    offsetCanvasY = Math.abs(centerY - viewBox[1]) * scale;
    width = (viewBox[2] - viewBox[0]) * scale;
    height = (viewBox[3] - viewBox[1]) * scale;
  }
  const transform = [a * scale, b * scale, c * scale, d * scale, offsetCanvasX - a * scale * centerX - c * scale * centerY, offsetCanvasY - b * scale * centerX - d * scale * centerY];
  return { transform, width, height };
}
