/**
 * Loading a PDF with pdfjs-dist (legacy build) and collecting its positioned text items, page by page.
 * Coordinates are PDF points with the origin at the page's top-left (after page rotation and crop box).
 * Hidden text (zero-size glyphs, off-page text, whitespace-only items) is dropped here. Every pdfjs failure
 * is turned into a ReadError with a plain Chinese message; page count and time are capped.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ReadError, type SourceDamage } from '../types.js';
import { declaredPageCount, hasPdfHeader } from './declared.js';
import { patchPdfjsWorkerSource } from './font-programs.js'; // skips font programs text does not need
import { openQuick, Unsupported, type QuickDoc } from './quick/index.js';
import { transform } from './matrix.js';
import { brokenStreams } from './streams.js';

export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

export interface PdfItem {
  str: string;
  /** Top-left x, top y, width, height (font size), PDF points, origin top-left. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Baseline y (origin top-left). */
  base: number;
}

export interface PdfRawPage {
  page: number;
  width: number;
  height: number;
  items: PdfItem[];
  /** The page has images (only checked when it has no text). */
  hasImages?: boolean;
}

export interface PdfReadOptions {
  /** Read at most this many pages (default 300); the rest are reported in notes and damage. */
  maxPages?: number;
  /** Stop reading after this many milliseconds (default 60000), within a page too; reported in notes and damage. */
  timeoutMs?: number;
  /** Keep at most this many text items of one page (default 100000; a dense table page has a few thousand). */
  maxPageItems?: number;
  /**
   * 'auto' (default): the quick reader (./quick) where it reads the file exactly as pdfjs would, pdfjs for the
   * rest; 'pdfjs': pdfjs always (for proving the two give the same items).
   */
  reader?: 'auto' | 'pdfjs';
}

export interface PdfLoadResult {
  pages: PdfRawPage[];
  /** Pages as the file declares them, or as pdfjs sees them when that is more. */
  pageCount: number;
  notes: string[];
  /** Pages that could not be read, or only in part, with why. Empty when every page was read whole. */
  damage: SourceDamage[];
  /** Which reader read the text: the quick one (./quick) or pdfjs. */
  reader: 'quick' | 'pdfjs';
}

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = pdfjsRoot + '/cmaps/';

/**
 * pdfjs-dist's legacy build bundles core-js polyfills that replace Array.prototype.push, JSON.parse and
 * JSON.stringify for the whole process (Node 20's V8 fails core-js's strictness probes for them), which makes
 * every push and every JSON call slower — in pdfjs, in the rules, in the report formatters and in the worker
 * pool's messages (profile: the polyfilled push alone was ~5% of a PDF check). pdfjs and its worker module
 * (which pdfjs would otherwise import lazily, polyfilling again, on the first getDocument) are imported once
 * here, and the built-ins are put back; the polyfills only add stricter edge-case behaviour nothing here uses.
 * The additions (Map.getOrInsert, Promise.withResolvers, …) stay: pdfjs needs them on Node 20.
 */
let pdfjsLoading: Promise<Pdfjs> | null = null;
/** How to get pdfjs when a file needs it, set by the CLI's worker threads (src/cli/pdfjs-cache.ts). */
let pdfjsLoader: (() => void) | null = null;

/** Remember the built-ins core-js replaces (push, JSON.parse/stringify); the returned function puts them back. */
export function keepBuiltins(): () => void {
  const native = [
    [Array.prototype, 'push', Array.prototype.push],
    [JSON, 'parse', JSON.parse],
    [JSON, 'stringify', JSON.stringify],
  ] as const;
  return () => {
    for (const [obj, key, fn] of native) {
      if ((obj as unknown as Record<string, unknown>)[key] !== fn) Object.defineProperty(obj, key, { value: fn, writable: true, configurable: true, enumerable: false });
    }
  };
}
/**
 * Use this pdfjs (with globalThis.pdfjsWorker already set) instead of importing it: the CLI's worker threads
 * load both modules from a V8 code cache (src/cli/pdfjs-cache.ts).
 */
export function providePdfjs(lib: Pdfjs): void {
  pdfjsLoading = Promise.resolve(lib);
}
/**
 * Call `load` (which may providePdfjs) the first time a file needs pdfjs: most PDFs are read by the quick
 * reader, and loading pdfjs costs more than reading them.
 */
export function providePdfjsLazily(load: () => void): void {
  pdfjsLoader = load;
}
function pdfjs(): Promise<Pdfjs> {
  if (!pdfjsLoading && pdfjsLoader) {
    const load = pdfjsLoader;
    pdfjsLoader = null;
    load();
  }
  pdfjsLoading ??= (async () => {
    const restore = keepBuiltins();
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await importTextOnlyWorker();
    restore();
    return lib;
  })();
  return pdfjsLoading;
}

async function importTextOnlyWorker(): Promise<unknown> {
  const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // (no type declarations)
  try {
    const { readFileSync } = await import('node:fs');
    const patched = patchPdfjsWorkerSource(readFileSync(createRequire(import.meta.url).resolve(workerModule), 'utf8'));
    if (patched) {
      return await import('data:text/javascript;base64,' + Buffer.from(patched).toString('base64'));
    }
  } catch {
    // a bundle without node_modules, or a data: import refused: fall through to the library as shipped
  }
  return import(workerModule);
}

const DEFAULT_MAX_PAGES = 300;
const DEFAULT_TIMEOUT_MS = 60000;
const DEFAULT_MAX_PAGE_ITEMS = 100000;
/** Damage entries list at most this many page numbers each (a /Count of a billion is one entry, not a billion). */
const MAX_LISTED_PAGES = 1000;

const pageRange = (from: number, to: number) => Array.from({ length: Math.max(0, Math.min(to, from + MAX_LISTED_PAGES - 1) - from + 1) }, (_, i) => from + i);

/** Add a damaged page, merged into the last entry when it has the same reason and ends on the page before. */
function addDamage(damage: SourceDamage[], pages: number[], reason: string, kind: SourceDamage['kind'] = 'damaged'): void {
  const last = damage[damage.length - 1];
  if (last && last.reason === reason && pages.length && last.pages[last.pages.length - 1] === pages[0] - 1) {
    for (const p of pages) if (last.pages.length < MAX_LISTED_PAGES) last.pages.push(p);
  } else if (pages.length) damage.push({ pages, reason, kind });
}

function toReadError(e: unknown, file: string): ReadError {
  if (e instanceof ReadError) return e;
  const err = e as { name?: string; message?: string };
  const name = err?.name ?? '';
  if (name === 'PasswordException') {
    return new ReadError('encrypted', `${file}：PDF 已加密（需要密码才能打开），无法读取文字。请提供未加密的版本。`);
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new ReadError('corrupt', `${file}：PDF 文件已损坏或不完整，无法读取（${err.message ?? name}）。`);
  }
  return new ReadError('corrupt', `${file}：无法读取此 PDF（${err?.message ?? String(e)}）。`);
}

/** pdfjs's getDocument options for reading text (the quick reader is proven against pdfjs with these). */
export const PDFJS_OPTIONS = {
  cMapUrl: CMAP_URL,
  cMapPacked: true,
  // No standardFontDataUrl: a font the PDF does not embed (Helvetica, 宋体 by name…) would have pdfjs read and
  // convert a font program (FoxitSerif.pfb …) that only drawing uses; text and widths come from the PDF's
  // /Widths and pdfjs's built-in metrics either way (same items on the corpus, ~25 ms less on the Putuo PDF
  // that has one such font).
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  // A broken content stream (bad flate data, a mangled operator) is read past silently by default: the page
  // then yields the text up to the break, and a table on it loses rows without a word (false sums). Stopping
  // makes such a page reject; it is then read again leniently (readLenient) for what can be salvaged, and
  // named as damaged so that the checks resting on it abstain.
  stopAtErrors: true,
  verbosity: 0,
};

/**
 * The limits of one read (pages, time, items per page) and the notes and damage they leave, worded once for
 * both readers (the quick reader and pdfjs), so that a limit reads the same whichever read the file.
 */
class ReadLimits {
  readonly maxPages: number;
  readonly timeoutMs: number;
  readonly maxItems: number;
  readonly deadline: number;
  readonly notes: string[] = [];
  readonly damage: SourceDamage[] = [];
  timedOut = false;
  constructor(
    private readonly file: string,
    opts: PdfReadOptions,
    started: number,
  ) {
    this.maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxItems = opts.maxPageItems ?? DEFAULT_MAX_PAGE_ITEMS;
    this.deadline = started + this.timeoutMs;
  }
  /** How many of the `seen` pages to read; those past the page cap are noted. */
  pagesToRead(seen: number): number {
    if (seen > this.maxPages) {
      this.notes.push(`PDF 共 ${seen} 页，只读取了前 ${this.maxPages} 页（maxPages=${this.maxPages}）。`);
      addDamage(this.damage, pageRange(this.maxPages + 1, seen), `超过读取页数上限 ${this.maxPages} 页，未读取`, 'limit');
    }
    return Math.min(seen, this.maxPages);
  }
  /** Before page p of `limit`: false (and noted) once the deadline has passed. */
  mayRead(p: number, limit: number, seen: number): boolean {
    if (Date.now() < this.deadline) return true; // (>=: a budget of 0 reads nothing, however fast the open was)
    this.notes.push(`读取超时（${this.timeoutMs} 毫秒），只读取了前 ${p - 1} 页（共 ${seen} 页）。`);
    addDamage(this.damage, pageRange(p, limit), `读取超时（${this.timeoutMs} 毫秒），未读取`, 'limit');
    this.timedOut = true;
    return false;
  }
  /** Page p was cut by the item cap or the deadline. */
  pageCut(p: number, cut: 'items' | 'time' | undefined): void {
    if (cut === 'items') addDamage(this.damage, [p], `页面文字片段超过 ${this.maxItems} 个，只读取了前 ${this.maxItems} 个`, 'limit');
    if (cut === 'time') {
      this.notes.push(`读取超时（${this.timeoutMs} 毫秒），第 ${p} 页只读取了一部分。`);
      addDamage(this.damage, [p], `读取超时（${this.timeoutMs} 毫秒），只读取了一部分`, 'limit');
    }
  }
  /** No page was read of a file that has some: refused as timed out when the deadline is why. */
  nothingRead(seen: number, read: number): void {
    if (read === 0 && seen > 0 && this.timedOut) throw new ReadError('timeout', `${this.file}：读取超时，在 ${this.timeoutMs} 毫秒内没有读完任何一页。`);
  }
}

/** Open the document and collect text items of up to maxPages pages. */
export async function loadPdf(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}): Promise<PdfLoadResult> {
  if (bytes.length === 0) throw new ReadError('empty', `${file}：文件是空的（0 字节）。`);
  if (!hasPdfHeader(bytes)) throw new ReadError('corrupt', `${file}：不是 PDF 文件（文件开头没有“%PDF-”标记）。`);
  const started = Date.now();
  if (opts.reader !== 'pdfjs') {
    const quick = readQuick(bytes, file, new ReadLimits(file, opts, started));
    if (quick) return quick;
  }
  const limits = new ReadLimits(file, opts, started);
  const { timeoutMs, deadline, maxItems, notes, damage } = limits;
  const lib = await pdfjs();
  const { getDocument } = lib;

  const task = getDocument({ ...PDFJS_OPTIONS, data: bytes.slice() }); // (pdfjs may detach the buffer it is given)
  let doc;
  let lenient: ReturnType<typeof getDocument> | undefined;
  try {
    doc = await withTimeout(task.promise, timeoutMs, file);
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw toReadError(e, file);
  }
  try {
    const seen = doc.numPages;
    const declared = declaredPageCount(bytes);
    const pageCount = Math.max(seen, declared ?? 0);
    if (declared !== null && declared > seen) {
      addDamage(damage, pageRange(seen + 1, declared), `文件声明共 ${declared} 页，只能解析出 ${seen} 页（交叉引用表或页面树已损坏）`);
    }
    const limit = limits.pagesToRead(seen);
    const pages: PdfRawPage[] = [];
    /** A page that rejected, read again as pdfjs does by default (errors read past), opened only when needed. */
    const readLenient = async (p: number) => {
      lenient ??= getDocument({ ...PDFJS_OPTIONS, data: bytes.slice(), stopAtErrors: false });
      const ldoc = await withTimeout(lenient.promise, Math.max(0, deadline - Date.now()), file);
      return readPage(lib, ldoc, p, deadline, maxItems);
    };
    const pageRefs: (number | null)[] = [];
    for (let p = 1; p <= limit; p++) {
      if (!limits.mayRead(p, limit, seen)) break;
      try {
        const read = await readPage(lib, doc, p, deadline, maxItems);
        pageRefs[p - 1] = read.ref;
        pages.push(read.page);
        limits.pageCut(p, read.cut);
      } catch (e) {
        const why = ((e as Error)?.message ?? String(e)).slice(0, 120);
        const salvaged = await readLenient(p).catch(() => null);
        if (salvaged && salvaged.page.items.length > 0) {
          pageRefs[p - 1] = salvaged.ref;
          pages.push(salvaged.page);
          notes.push(`第 ${p} 页内容有损坏（${why}），只读出了其中能读的部分。`);
          addDamage(damage, [p], `页面内容有损坏（${why}），只读出一部分`, 'partial');
        } else {
          notes.push(`第 ${p} 页无法读取，已跳过（${why}）。`);
          addDamage(damage, [p], `页面无法解析（${why}）`);
        }
      }
    }
    limits.nothingRead(seen, pages.length);
    if (pages.length === 0 && seen > 0) {
      throw new ReadError('corrupt', `${file}：PDF 文件已损坏，${seen} 页中没有一页能够读取（${damage[0]?.reason ?? ''}）。`);
    }
    if (!limits.timedOut) streamDamage(bytes, pages, pageRefs, damage, notes);
    damage.sort((a, b) => a.pages[0] - b.pages[0]);
    return { pages, pageCount, notes, damage, reader: 'pdfjs' };
  } catch (e) {
    throw toReadError(e, file);
  } finally {
    // A page cut by the deadline may leave pdfjs's destroy waiting on the cancelled task: do not wait long.
    await Promise.race([
      Promise.all([doc.destroy().catch(() => undefined), lenient?.destroy().catch(() => undefined)]),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
  }
}

/**
 * The file read by the quick reader (./quick), with the same limits, notes and damage as the pdfjs path above,
 * or null when the quick reader cannot read it exactly as pdfjs would (then pdfjs reads it from the start).
 */
function readQuick(bytes: Uint8Array, file: string, limits: ReadLimits): PdfLoadResult | null {
  const { maxItems, deadline, notes, damage } = limits;
  try {
    // A page of more raw items than a few times the cap is left to pdfjs, which drains such a page as it always has.
    const doc: QuickDoc = openQuick(bytes, { maxRawItems: 4 * maxItems + 10_000 });
    // (No declaredPageCount: it catches pdfjs rebuilding a damaged cross-reference table, and the quick reader
    // rebuilds nothing: it reads the table as written, every object where the table says, and every /Count
    // of the page tree must match the pages found, or pdfjs reads the file.)
    const seen = doc.numPages;
    const limit = limits.pagesToRead(seen);
    const pages: PdfRawPage[] = [];
    for (let p = 1; p <= limit; p++) {
      if (!limits.mayRead(p, limit, seen)) break;
      const read = doc.page(p, () => Date.now() >= deadline);
      const vp = read.viewport;
      const items: PdfItem[] = [];
      if (placeItems(vp, read.items, maxItems, items)) read.cut = 'items';
      const out: PdfRawPage = { page: p, width: vp.width, height: vp.height, items };
      if (items.length === 0 && !read.cut) out.hasImages = read.hasImages;
      pages.push(out);
      limits.pageCut(p, read.cut);
    }
    limits.nothingRead(seen, pages.length);
    // No scan for damaged streams (./streams.ts, on the pdfjs path below): every stream this reader took text
    // from (contents, forms, ToUnicode maps, object streams) was inflated by zlib, which checks its Adler-32,
    // and one that failed sent the file to pdfjs. The streams it did not read (font programs, images) give no
    // text here: a font's widths come from /W or /Widths, its characters from ToUnicode or WinAnsi.
    damage.sort((a, b) => a.pages[0] - b.pages[0]);
    return { pages, pageCount: seen, notes, damage, reader: 'quick' };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    if (e instanceof ReadError) throw e;
    // A failure the quick reader did not foresee (a bug, or input it did not expect): pdfjs reads the file.
    // (The tests assert that every corpus PDF is the quick reader's, so such a fall-back cannot hide there.)
    return null;
  }
}

/**
 * Pages that read without an error but reach a Flate stream failing zlib's check (./streams.ts): named as
 * damaged in part. A broken stream no page could be traced to, in a file whose pages could not all be walked
 * (object streams), damages every page read: which page it serves is unknown.
 */
function streamDamage(bytes: Uint8Array, pages: PdfRawPage[], refs: (number | null)[], damage: SourceDamage[], notes: string[]): void {
  const found = brokenStreams(bytes, refs);
  if (!found) return;
  const already = new Set(damage.flatMap((d) => d.pages));
  const objects = (ns: number[]) => `对象 ${ns.slice(0, 5).join('、')}${ns.length > 5 ? ' 等' : ''}：${found.broken.get(ns[0])}`;
  for (const [p, ns] of found.pages) {
    if (already.has(p)) continue;
    already.add(p);
    addDamage(damage, [p], `页面用到的压缩数据流已损坏（${objects(ns)}），文字可能缺失或有误`, 'partial');
  }
  if (found.unplaced.length) {
    const why = `文件中的压缩数据流已损坏（${objects(found.unplaced)}），无法确定属于哪一页`;
    notes.push(`${why}，所有页的检查结果都不完整。`);
    for (const { page } of pages) if (!already.has(page)) addDamage(damage, [page], why, 'partial');
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, file: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadError('timeout', `${file}：打开 PDF 超时（${ms} 毫秒）。`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A CJK character or CJK/full-width punctuation. */
const CJK = '\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef';
const SPACED_CJK = new RegExp(`([${CJK}]) (?=[${CJK}])`, 'g');

/**
 * pdfjs puts a space inside an item wherever the glyphs stand apart by more than a fraction of the font
 * size, so a justified Chinese line with character spacing ("计 1,918.25 万 元 。 收 支 较 上 年 决 算 数",
 * LibreOffice's output for the seed) reads with a space between every two characters and no phrase in it
 * matches. A single space between two CJK characters is never part of Chinese text: it is dropped. Spaces
 * next to digits or Latin letters ("1,826.48 201") are kept.
 */
export function closeCjkSpacing(str: string): string {
  return str.includes(' ') ? str.replace(SPACED_CJK, '$1') : str;
}

type PdfDoc = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/**
 * One page's text items. The items are streamed, so a page of a million text operators is cut at the
 * deadline or at `maxItems` (cancelling the stream stops pdfjs's work on it) instead of running for minutes
 * and gigabytes: the time limit holds within a page, not only between pages.
 */
async function readPage({ OPS }: Pdfjs, doc: PdfDoc, p: number, deadline: number, maxItems: number): Promise<{ page: PdfRawPage; cut?: 'items' | 'time'; ref: number | null }> {
  const page = await doc.getPage(p);
  const vp = page.getViewport({ scale: 1 });
  const items: PdfItem[] = [];
  let cut: 'items' | 'time' | undefined;
  const reader = page.streamTextContent({ disableNormalization: true }).getReader();
  for (;;) {
    if (Date.now() >= deadline) {
      cut = 'time';
      // No reader.cancel(): pdfjs then still enqueues the chunks already posted into the closed stream, an
      // unhandled rejection that kills the process. Destroying the document (after the last page) ends the task.
      break;
    }
    const { value, done } = await reader.read();
    if (done) {
      reader.releaseLock();
      break;
    }
    if (cut === 'items') continue; // past the cap: drained (cancelling here left pdfjs's destroy waiting forever)
    if (placeItems(vp, (value as { items: unknown[] }).items, maxItems, items)) cut = 'items';
  }
  const out: PdfRawPage = { page: p, width: vp.width, height: vp.height, items };
  if (items.length === 0 && !cut && Date.now() < deadline) {
    const ops = await page.getOperatorList();
    out.hasImages = ops.fnArray.some(
      (f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject || f === OPS.paintImageMaskXObject,
    );
  }
  // (no page.cleanup(): it drops the font cache, and fonts would be parsed again on every page)
  return { page: out, cut, ref: page.ref?.num ?? null };
}

type TextItem = { str: string; transform: number[]; width: number; height: number };
type Viewport = { transform: number[]; width: number; height: number };

/**
 * Text items (pdfjs's, or the quick reader's in the same form; anything else skipped) placed on the page into
 * `into`, up to the item cap: true when the cap cut them (the rest is dropped). Both readers cap here.
 */
function placeItems(vp: Viewport, raws: Iterable<unknown>, maxItems: number, into: PdfItem[]): boolean {
  for (const raw of raws) {
    if (!raw || typeof raw !== 'object' || !('str' in raw)) continue;
    if (into.length >= maxItems) return true;
    const item = placeItem(vp, raw as TextItem);
    if (item) into.push(item);
  }
  return false;
}

/** A pdfjs text item placed on the page (top-left origin), or null when it is blank, invisible or off-page. */
function placeItem(vp: Viewport, raw: TextItem): PdfItem | null {
  const str = closeCjkSpacing(raw.str);
  if (str.trim() === '') return null;
  const m = transform(vp.transform, raw.transform); // (pdfjs's Util.transform, the same arithmetic)
  const size = Math.hypot(m[2], m[3]);
  if (!(size >= 1)) return null; // zero-size (invisible) text
  const vertical = Math.abs(m[1]) > Math.abs(m[0]);
  const w = vertical ? raw.height || size : raw.width;
  const x = m[4];
  const base = m[5];
  const y = base - size;
  // Off-page text (outside the crop box) is not shown to readers.
  if (x > vp.width || x + w < 0 || y > vp.height || base < 0) return null;
  return { str, x, y, w, h: size, base };
}
