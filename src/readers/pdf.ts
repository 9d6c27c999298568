/**
 * The PDF reader: bytes → SourceDoc (text with page and box for every line) plus the positioned pages
 * that table reconstruction works on. A document without any text layer is refused with "needs OCR";
 * pages without text in an otherwise readable document are named in the notes.
 */
import type { Box } from '../core/span.js';
import { ReadError, type SourceDoc, type SourceTable } from './types.js';
import { normalizeText } from './normalize.js';
import { loadPdf, type PdfLoadResult, type PdfReadOptions } from './pdf/load.js';
import { layoutPages, type PdfPage } from './pdf/lines.js';
import { formTables } from './pdf/forms.js';
import { rebuildTables } from '../extract/tables/index.js';
import type { ExtractedTable } from '../extract/table-types.js';
import type { RebuiltTable } from '../extract/tables/index.js';

export type { PdfReadOptions } from './pdf/load.js';
/**
 * The first half of a read: the text taken out (src/readers/index.ts readPdfText, through its loadPdfReader);
 * readLoadedPdf does the rest.
 * @public
 */
export { loadPdf };

export interface PdfRead {
  doc: SourceDoc;
  pages: PdfPage[];
  /** Milliseconds spent in pdfjs (text extraction) and in line layout. */
  timing: { extractMs: number; layoutMs: number };
}

/** Read the text layer of a PDF into lines with positions (no table reconstruction). */
export async function readPdfPages(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}): Promise<PdfRead> {
  const t0 = performance.now();
  const loaded = await loadPdf(bytes, file, opts);
  return pagesOf(loaded, file, performance.now() - t0);
}

/**
 * A PDF whose text a reader has taken out (./pdf/load.ts loadPdf) read the rest of the way: lines, tables,
 * the SourceDoc that readPdf gives for the same bytes. A batch check reads its PDFs on one worker thread and
 * does this on another (src/cli/pool.ts), so that each thread compiles and warms up only its half.
 */
export function readLoadedPdf(loaded: PdfLoadResult, file: string): SourceDoc {
  return withTables(pagesOf(loaded, file, 0)).doc;
}

function pagesOf(loaded: PdfLoadResult, file: string, extractMs: number): PdfRead {
  const t1 = performance.now();
  const notes = [...loaded.notes];
  const textless = loaded.pages.filter((p) => p.items.length === 0);
  if (textless.length === loaded.pages.length) {
    if (loaded.pages.some((p) => p.hasImages)) {
      throw new ReadError('needs-ocr', `${file}：PDF 没有文字层（是扫描件或图片），需要先做文字识别（OCR）才能审核。`);
    }
    throw new ReadError('empty', `${file}：PDF 中没有任何文字。`);
  }
  const scanned = textless.filter((p) => p.hasImages).map((p) => p.page);
  if (scanned.length) notes.push(`第 ${scanned.join('、')} 页没有文字层（可能是扫描页），这些页需要 OCR，未被审核。`);

  const { text, pages, lineStarts } = layoutPages(loaded.pages);
  const lineBoxes: (Box | null)[] = pages.flatMap((p) => p.lines.map((l) => ({ page: l.page, x: l.x, y: l.y, w: l.w, h: l.h })));
  const doc: SourceDoc = {
    file,
    format: 'pdf',
    text,
    norm: normalizeText(text),
    lineStarts: lineStarts.length ? lineStarts : [0],
    lineBoxes,
    pageCount: loaded.pageCount,
    tables: [],
    notes,
  };
  if (loaded.damage.length) doc.damage = loaded.damage;
  return { doc, pages, timing: { extractMs, layoutMs: performance.now() - t1 } };
}

export interface PdfReadWithTables extends PdfRead {
  tables: RebuiltTable[];
  timing: PdfRead['timing'] & { tablesMs: number };
}

/** Read a PDF and rebuild its nine tables; doc.tables gets the rebuilt tables as source tables. */
export async function readPdfWithTables(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}): Promise<PdfReadWithTables> {
  return withTables(await readPdfPages(bytes, file, opts));
}

function withTables(read: PdfRead): PdfReadWithTables {
  const t0 = performance.now();
  const tables = rebuildTables(read.pages);
  read.doc.tables = tables.map(toSourceTable);
  read.doc.rebuiltTables = tables;
  read.doc.formTables = formTables(read.pages);
  for (const t of tables) {
    if (t.confidence < 1) read.doc.notes.push(`${t.title}：重建可信度 ${t.confidence.toFixed(2)}（${t.confidenceNotes.slice(0, 3).join('；')}）`);
  }
  return { ...read, tables, timing: { ...read.timing, tablesMs: performance.now() - t0 } };
}

/** Read a PDF into a SourceDoc (with rebuilt tables in doc.tables). */
export async function readPdf(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}): Promise<SourceDoc> {
  return (await readPdfWithTables(bytes, file, opts)).doc;
}

function toSourceTable(t: ExtractedTable): SourceTable {
  const rows = t.table.rows.map((row, i) => {
    const rs = t.rowSources[i] ?? {};
    const cells = [{ text: row.name, start: rs.start ?? 0, end: rs.end ?? 0 }];
    for (const [col, v] of Object.entries(row.values)) {
      const cs = t.cellSources[i]?.[col] ?? {};
      cells.push({ text: v === null ? '' : String(v), start: cs.start ?? 0, end: cs.end ?? 0 });
    }
    return cells;
  });
  const starts = rows.flatMap((r) => r.map((c) => c.start)).filter((s) => s > 0);
  const ends = rows.flatMap((r) => r.map((c) => c.end));
  return {
    rows,
    start: t.titleAt?.start ?? (starts.length ? starts.reduce((a, b) => Math.min(a, b)) : 0),
    end: ends.length ? ends.reduce((a, b) => Math.max(a, b)) : 0,
    page: t.pages?.[0],
  };
}
