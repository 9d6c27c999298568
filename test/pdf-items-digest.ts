/**
 * A digest of what the PDF reader extracts from a file: per page the number of text items and a SHA-256 of
 * the items (text, and position rounded to 0.01 pt), and a SHA-256 of the laid-out document text. Used to
 * prove that a change inside the reader (how pdfjs is told to load fonts, …) changes no extracted item:
 * test/fixtures/pdf-items.snapshot.json was recorded with the reader as it was before such a change
 * (`npx tsx test/pdf-items-digest.ts` rewrites it; do that only when a change of items is intended).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPdf, type PdfReadOptions } from '../src/readers/pdf/load.js';
import { readPdfPages } from '../src/readers/pdf.js';

export const SNAPSHOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/pdf-items.snapshot.json');
export const CORPUS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/corpus');

export interface PdfDigest {
  pageCount: number;
  pages: { page: number; items: number; sha: string }[];
  textSha: string;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const r = (x: number) => Math.round(x * 100) / 100;

export async function digestPdf(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}): Promise<PdfDigest> {
  const loaded = await loadPdf(bytes, file, opts);
  const read = await readPdfPages(bytes, file, opts);
  return {
    pageCount: loaded.pageCount,
    pages: loaded.pages.map((p) => ({
      page: p.page,
      items: p.items.length,
      sha: sha(JSON.stringify(p.items.map((i) => [i.str, r(i.x), r(i.y), r(i.w), r(i.h), r(i.base)]))),
    })),
    textSha: sha(read.doc.text),
  };
}

/** Every PDF of the corpus (pdf/ and budget/), relative to the corpus root. */
export function corpusPdfs(): string[] {
  return ['pdf', 'budget'].flatMap((d) =>
    fs.existsSync(path.join(CORPUS_ROOT, d)) ? fs.readdirSync(path.join(CORPUS_ROOT, d)).filter((f) => f.endsWith('.pdf')).sort().map((f) => `${d}/${f}`) : [],
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out: Record<string, PdfDigest> = {};
  for (const f of corpusPdfs()) out[f] = await digestPdf(new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f))), f);
  fs.writeFileSync(SNAPSHOT, JSON.stringify(out, null, 1) + '\n');
  process.stdout.write(`wrote ${SNAPSHOT}: ${Object.keys(out).length} PDFs\n`);
}
