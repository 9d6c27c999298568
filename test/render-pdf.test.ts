/**
 * The built-in PDF writer (render/pdf.ts, fonts from npm packages via cli/fonts.ts): the example's
 * PDF embeds the four role fonts (all Simplified Chinese faces, none Japanese), has a cover, a 目录
 * and "— N —" page numbers, and its text layer gives back every figure of the generated text, both
 * through poppler's pdftotext and through our own PDF reader; our checker finds no error in it.
 * Needs poppler-utils (pdftotext, pdffonts); .ci/run installs it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { validateDisclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown } from '../src/render/md.js';
import { renderPdf } from '../src/render/pdf.js';
import { renderDocx } from '../src/render/docx.js';
import { docxToPdf, findSoffice } from '../src/cli/io.js';
import { isWoff, woffToSfnt } from '../src/render/woff.js';
import { FONT_FILES, loadPdfFonts } from '../src/cli/fonts.js';
import { checkBytes } from '../src/engine/check.js';
import type { CheckResult } from '../src/engine/types.js';

const dir = mkdtempSync(path.join(tmpdir(), 'juesuan-pdf-'));
let pdf: Uint8Array;
let md: string;
let file: string;
let checked: CheckResult;

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is needed: apt-get install poppler-utils (.ci/run installs it)`);
    }
    throw err;
  }
}

/** Amounts, counts and percentages as printed ("1,918.25", "14.8%", "2020"), in order. */
const figures = (s: string) => s.match(/\d[\d,]*(?:\.\d+)?%?/g) ?? [];

/** Each figure with how often it occurs. */
function counts(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Figures of `want` that `got` has fewer times (a figure split over two lines goes missing). */
function missing(want: string[], got: string[]): string[] {
  const g = counts(got);
  return [...counts(want)].filter(([x, n]) => (g.get(x) ?? 0) < n).map(([x, n]) => `${x}×${n - (g.get(x) ?? 0)}`);
}

beforeAll(async () => {
  const v = validateDisclosure(JSON.parse(readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const doc = generate(v.model);
  md = renderMarkdown(doc);
  pdf = await renderPdf(doc, await loadPdfFonts(), { date: new Date('2021-06-01T00:00:00Z') });
  file = path.join(dir, 'cq.pdf');
  writeFileSync(file, pdf);
  checked = await checkBytes(pdf, 'cq.pdf');
}, 240_000);

describe('render/pdf on the example', () => {
  it('should embed the four role fonts as subsets with Unicode maps, and no Japanese face', () => {
    const rows = poppler('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    const names = rows.map((r) => r.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(names.sort()).toEqual(['LXGWWenKai-Regular', 'NotoSansHans-Bold', 'NotoSerifSC-Bold', 'NotoSerifSC-Regular']);
    for (const r of rows) expect(r, r).toMatch(/yes yes yes/);
    expect(rows.join('\n')).not.toMatch(/JP|Japan/i);
    // Subsets keep the file small (the four fonts are 50 MB whole).
    expect(pdf.length).toBeLessThan(1_500_000);
  });

  it('should start with a cover, then the 目录, with "— N —" page numbers from page 2', () => {
    const page = (n: number) => poppler('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-']);
    const cover = page(1).replace(/\s+/g, '');
    expect(cover).toBe('重庆市北碚区人民政府办公室2020年度部门决算情况说明');
    expect(page(2).replace(/\s+/g, '')).toMatch(/^目录一、部门基本情况\d+（一）职能职责\d+/);
    expect(page(2)).toMatch(/—\s*2\s*—/);
    expect(page(5)).toMatch(/—\s*5\s*—/);
  });

  it('should give back every figure of the generated text through pdftotext (none broken across lines)', () => {
    const text = poppler('pdftotext', ['-layout', file, '-']);
    expect(missing(figures(md), figures(text))).toEqual([]);
  });

  it('should give back every figure through our own PDF reader, and check with no error', () => {
    expect(checked.doc?.format).toBe('pdf');
    expect(missing(figures(md), figures(checked.doc!.text))).toEqual([]);
    expect(checked.internalErrors).toEqual([]);
    expect(checked.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  });

  it('should let the checker find all nine tables', () => {
    const kinds = new Set((checked.doc?.rebuiltTables ?? []).map((t) => t.table.kind));
    expect([...kinds].sort()).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
  });
});

describe('the LibreOffice route (render --format pdf --libreoffice)', () => {
  it('should embed the SC faces the DOCX font names map to, and no Japanese face', async () => {
    if (!findSoffice()) throw new Error('LibreOffice (soffice) is needed for this case: apt-get install libreoffice-writer-nogui');
    const v = validateDisclosure(JSON.parse(readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const lo = path.join(dir, 'lo.pdf');
    writeFileSync(lo, await docxToPdf(await renderDocx(generate(v.model))));
    const rows = poppler('pdffonts', [lo]).split('\n').slice(2).filter(Boolean);
    const names = new Set(rows.map((r) => r.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '').replace(/-VKana$/, '')));
    // 方正小标宋简体 → Noto Serif SC Bold, 黑体 → Noto Sans SC (Hans), 楷体_GB2312 → LXGW WenKai, 仿宋_GB2312 → Noto Serif SC.
    // The DOCX sets Times New Roman for Latin text and digits (the template's rule): where Liberation Serif,
    // its metric twin, is installed (a recommended package of LibreOffice), LibreOffice uses it; else a CJK face.
    const sc = ['LXGWWenKai-Regular', 'NotoSansHans-Bold', 'NotoSerifSC-Bold', 'NotoSerifSC-Regular'];
    expect([...names].filter((n) => sc.includes(n)).sort()).toEqual(sc);
    expect([...names].filter((n) => !sc.includes(n) && !/^(LiberationSerif|TimesNewRoman)/.test(n))).toEqual([]);
    expect(rows.join('\n')).not.toMatch(/JP|Japan/i);
  }, 180_000);
});

describe('woffToSfnt', () => {
  it('should turn the WOFF of LXGW WenKai into a font fontkit reads with the same glyphs', () => {
    const require = createRequire(import.meta.url);
    const fontkit = require('fontkit') as { create(b: Buffer): { numGlyphs: number; postscriptName: string; unitsPerEm: number } };
    const [pkg, rel] = FONT_FILES.kai;
    const woff = readFileSync(path.join(path.dirname(require.resolve(`${pkg}/index.css`)), rel));
    expect(isWoff(woff)).toBe(true);
    const sfnt = woffToSfnt(woff, ['morx']);
    const a = fontkit.create(Buffer.from(sfnt));
    const b = fontkit.create(woff);
    expect([a.postscriptName, a.numGlyphs, a.unitsPerEm]).toEqual([b.postscriptName, b.numGlyphs, b.unitsPerEm]);
    expect(a.numGlyphs).toBeGreaterThan(20_000);
  });

  it('should refuse bytes that are not WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow(/WOFF/);
  });
});
