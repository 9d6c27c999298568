/**
 * Text items as pdfjs gives them unpatched: run as its own process (`npx tsx test/pdf-items-reference.ts
 * FILE…`), it hands the PDF reader the pdfjs worker module exactly as shipped (every embedded font program
 * parsed, no change to pdfjs's code) and prints, per file, the reader's items at full precision as JSON.
 * test/pdf-speed.test.ts compares them with what the reader gives with its patched worker. A separate process
 * is needed because pdfjs takes its worker module once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReferenceItems {
  pageCount: number;
  /** Per page, JSON of its items (text, x, y, w, h, base: full precision). */
  pages: string[];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule);
  const { loadPdf } = await import('../src/readers/pdf/load.js');
  const { textOnlyFonts } = await import('../src/readers/pdf/font-programs.js');
  const out: Record<string, ReferenceItems> = {};
  for (const f of process.argv.slice(2)) {
    const r = await loadPdf(new Uint8Array(fs.readFileSync(f)), f, { reader: 'pdfjs' });
    out[f] = { pageCount: r.pageCount, pages: r.pages.map((p) => JSON.stringify(p.items)) };
  }
  if (textOnlyFonts()) throw new Error('the reference must run on the unpatched pdfjs worker');
  process.stdout.write(JSON.stringify(out));
}
