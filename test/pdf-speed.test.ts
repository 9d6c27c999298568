/**
 * The PDF reader skips embedded font programs that text does not need and patches TextState.clone
 * (src/readers/pdf/font-programs.ts). Proof that this changes nothing a user sees:
 * - on every corpus PDF and on our own rendered PDFs (pdfmake route and LibreOffice route, both example
 *   styles: LibreOffice's simple Type1 CJK fonts are the case that made a broader skip unsafe), the text items
 *   are identical, at full precision, to those of pdfjs's worker as shipped (test/pdf-items-reference.ts, its
 *   own process), and the skip did happen where it matters (it would otherwise prove nothing);
 * - on every corpus PDF the items equal the snapshot recorded before any of this (test/fixtures/pdf-items.snapshot.json);
 * - findings of a full check are identical with font programs loaded and skipped, in the same run.
 * These run the pdfjs path (reader: 'pdfjs'). The default path reads most files with the quick reader
 * (src/readers/pdf/quick, test/pdf-quick.test.ts): its items are proven identical to the same unpatched
 * reference here too, and on every corpus PDF the snapshot below is taken through it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/engine/check.js';
import { loadPdf } from '../src/readers/pdf/load.js';
import { inflateInThread } from '../src/cli/inflate.js';
import { loadFontPrograms, patchPdfjsWorkerSource, skippedFontPrograms, textOnlyFonts } from '../src/readers/pdf/font-programs.js';
import { CORPUS_ROOT, SNAPSHOT, corpusPdfs, digestPdf, type PdfDigest } from './pdf-items-digest.js';
import type { ReferenceItems } from './pdf-items-reference.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const corpus = corpusPdfs();
const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, PdfDigest>;
const bytesOf = (f: string) => new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));

/** Our own PDFs: each example through pdfmake and through LibreOffice (DOCX → soffice). */
const RENDERED = ['cq-beibei-zfb-2020', 'sh-putuo-shehuigongzuobu-2024'].flatMap((ex) => [
  { name: `${ex} (pdfmake)`, example: ex, args: [] as string[] },
  { name: `${ex} (LibreOffice)`, example: ex, args: ['--libreoffice'] },
]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-pdf-speed-'));
const renderedFile = (name: string) => path.join(dir, name.replace(/[^\w-]+/g, '_') + '.pdf');
const allFiles = () => [...corpus.map((f) => path.join(CORPUS_ROOT, f)), ...RENDERED.map((r) => renderedFile(r.name))];
let reference: Record<string, ReferenceItems> = {};

beforeAll(() => {
  // As `juesuan check` reads them (src/cli/inflate.ts): every Flate stream through pdfjs's own inflate.
  inflateInThread();
  for (const r of RENDERED) {
    execFileSync(process.execPath, ['bin/juesuan.cjs', 'render', `examples/${r.example}.json`, '--format', 'pdf', ...r.args, '-o', renderedFile(r.name)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/pdf-items-reference.ts', ...allFiles()], { cwd: ROOT, maxBuffer: 256 << 20 });
  reference = JSON.parse(out.toString('utf8')) as Record<string, ReferenceItems>;
}, 300_000);

describe('PDF reader without the font programs text does not need', () => {
  it('has the corpus and a snapshot of every corpus PDF', () => {
    expect(corpus.length, `no corpus PDFs under ${CORPUS_ROOT} (the shared corpus must sit next to the worktree)`).toBeGreaterThanOrEqual(4);
    expect(Object.keys(snapshot).sort()).toEqual([...corpus].sort());
  });

  it.each([...corpus, ...RENDERED.map((r) => r.name)])('%s: text items identical to unpatched pdfjs, at full precision', async (name) => {
    const file = corpus.includes(name) ? path.join(CORPUS_ROOT, name) : renderedFile(name);
    const skipped = skippedFontPrograms();
    const r = await loadPdf(new Uint8Array(fs.readFileSync(file)), file, { reader: 'pdfjs' });
    expect(textOnlyFonts(), 'the pdfjs worker could not be patched: the reader runs at the old speed').toBe(true);
    const ref = reference[file];
    expect(ref, `no reference items for ${file}`).toBeDefined();
    expect(r.pageCount).toBe(ref.pageCount);
    expect(r.pages.length).toBe(ref.pages.length);
    r.pages.forEach((p, i) => expect(JSON.stringify(p.items), `${name}, page ${p.page}`).toBe(ref.pages[i]));
    // Every file has fonts whose programs the reader skips (composite CJK fonts with ToUnicode maps, simple
    // TrueType fonts): had none been skipped, this test would prove nothing about the skip.
    expect(skippedFontPrograms() - skipped).toBeGreaterThan(0);
  }, 60_000);

  it('reads a LibreOffice PDF whole: the line that lost 人 and 补 without the Type1 programs', async () => {
    const r = await loadPdf(new Uint8Array(fs.readFileSync(renderedFile('cq-beibei-zfb-2020 (LibreOffice)'))), 'lo.pdf');
    expect(r.reader, 'LibreOffice’s simple Type1 CJK fonts are left to pdfjs').toBe('pdfjs');
    const text = r.pages.flatMap((p) => p.items.map((i) => i.str)).join('');
    expect(text).toContain('对个人和家庭的补助');
  });

  it.each(corpus)('%s: text items identical to the snapshot taken before the skip', async (f) => {
    expect(await digestPdf(bytesOf(f), f)).toEqual(snapshot[f]);
  }, 60_000);

  it.each([...corpus, ...RENDERED.map((r) => r.name)])('%s: the quick reader’s items identical to unpatched pdfjs, at full precision', async (name) => {
    const file = corpus.includes(name) ? path.join(CORPUS_ROOT, name) : renderedFile(name);
    const r = await loadPdf(new Uint8Array(fs.readFileSync(file)), file);
    // the corpus and pdfmake's PDFs are the quick reader's; LibreOffice's (simple Type1 CJK fonts) pdfjs's
    expect(r.reader).toBe(name.includes('LibreOffice') ? 'pdfjs' : 'quick');
    const ref = reference[file];
    expect(r.pageCount).toBe(ref.pageCount);
    r.pages.forEach((p, i) => expect(JSON.stringify(p.items), `${name}, page ${p.page}`).toBe(ref.pages[i]));
  }, 60_000);

  it.each(corpus)('%s: findings identical with and without font programs', async (f) => {
    const key = (r: { findings: unknown[] }) => r.findings.map((x) => JSON.stringify(x)).sort();
    // (through pdfjs: the quick reader reads these files without any font program)
    const viaPdfjs = (bytes: Uint8Array, file: string) => checkBytes(bytes, file, {}, { pdf: { reader: 'pdfjs' } });
    let withPrograms;
    try {
      loadFontPrograms(true);
      withPrograms = await viaPdfjs(bytesOf(f), f);
    } finally {
      loadFontPrograms(false);
    }
    const without = await viaPdfjs(bytesOf(f), f);
    expect(key(without)).toEqual(key(withPrograms));
    expect(without.doc?.text).toBe(withPrograms.doc?.text);
  }, 120_000);

  it('patches the worker where it constructs fonts, and refuses a source without the names it needs', () => {
    expect(patchPdfjsWorkerSource('class BaseStream {}\nno font construction here')).toBeNull();
    const names = ['class ToUnicodeMap {}', 'class IdentityToUnicodeMap {}', 'function normalizeFontName() {}', 'const getStdFontMap = 1;', 'const getNonStdFontMap = 1;', 'function isTrueTypeFile() {}', 'const FONT_IDENTITY_MATRIX = 1;', 'const FontFlags = 1;', ''].join('\n');
    const construct = '    return new Font(fontName.name, fontFile, newProperties, this.options);\n';
    expect(patchPdfjsWorkerSource(construct)).toBeNull();
    const out = patchPdfjsWorkerSource(names + construct + '//# sourceMappingURL=x.map')!;
    expect(out).toContain('fontFile && __juesuanFontProgramNeeded(newProperties, fontFile) ? fontFile : null');
    expect(out).toContain('function __juesuanFontProgramNeeded(p, file)');
    expect(out).not.toContain('sourceMappingURL');
    expect(out).toContain('globalThis.__juesuanTextOnlyWorker = true');
  });
});
