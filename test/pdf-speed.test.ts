/**
 * The PDF reader skips embedded font programs of fonts that carry a ToUnicode map (src/readers/pdf/load.ts).
 * Proof that this changes nothing a user sees, on every corpus PDF: the text items are identical to the
 * snapshot recorded with the reader as it was before the change (test/fixtures/pdf-items.snapshot.json), and
 * the findings of a full check are identical with font programs loaded and skipped, in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBytes } from '../src/engine/check.js';
import { loadFontPrograms, patchPdfjsWorkerSource, textOnlyFonts } from '../src/readers/pdf/load.js';
import { CORPUS_ROOT, SNAPSHOT, corpusPdfs, digestPdf, type PdfDigest } from './pdf-items-digest.js';

const files = corpusPdfs();
const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, PdfDigest>;
const bytesOf = (f: string) => new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));

describe('PDF reader without font programs', () => {
  it('has the corpus and a snapshot of every corpus PDF', () => {
    expect(files.length, `no corpus PDFs under ${CORPUS_ROOT} (the shared corpus must sit next to the worktree)`).toBeGreaterThanOrEqual(4);
    expect(Object.keys(snapshot).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s: text items identical to the snapshot taken with font programs loaded', async (f) => {
    const d = await digestPdf(bytesOf(f), f);
    expect(textOnlyFonts(), 'the pdfjs worker could not be patched: the reader runs at the old speed').toBe(true);
    expect(d).toEqual(snapshot[f]);
  }, 60000);

  it.each(files)('%s: findings identical with and without font programs', async (f) => {
    const key = (r: Awaited<ReturnType<typeof checkBytes>>) => r.findings.map((x) => JSON.stringify(x)).sort();
    let withPrograms;
    try {
      loadFontPrograms(true);
      withPrograms = await checkBytes(bytesOf(f), f);
    } finally {
      loadFontPrograms(false);
    }
    const without = await checkBytes(bytesOf(f), f);
    expect(key(without)).toEqual(key(withPrograms));
    expect(without.doc?.text).toBe(withPrograms.doc?.text);
  }, 120000);

  it('patches the worker only where it looks up font files, and refuses a source without that line', () => {
    expect(patchPdfjsWorkerSource('class BaseStream {}\nno font lookup here')).toBeNull();
    const src = 'class BaseStream {}\n      fontFile = descriptor.get("FontFile", "FontFile2", "FontFile3");\n//# sourceMappingURL=x.map';
    const out = patchPdfjsWorkerSource(src)!;
    expect(out).toContain('toUnicode instanceof BaseStream ? null : descriptor.get("FontFile"');
    expect(out).not.toContain('sourceMappingURL');
    expect(out).toContain('globalThis.__juesuanTextOnlyWorker = true');
  });
});
