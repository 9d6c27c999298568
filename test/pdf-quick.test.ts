/**
 * The quick PDF text reader (src/readers/pdf/quick) gives pdfjs's text items to the last bit, or leaves the
 * file to pdfjs. Proved here against pdfjs in this process (its worker as the reader loads it, which
 * test/pdf-speed.test.ts proves item-identical to pdfjs as shipped):
 * - every corpus PDF and our own pdfmake PDFs (both examples) are read by the quick reader; every raw item
 *   (text, transform, width, height, end of line, the whitespace items included) and every page's viewport
 *   equal pdfjs's getTextContent and getViewport; the reader's placed items, notes and damage equal those of
 *   the pdfjs path; a full check's findings and document text are the same;
 * - hand-made pages exercise what the corpus may not: TJ spacing, Tc/Tw/Tz/Ts/TL, ' and ", q/Q with cm, a
 *   rotated text matrix, text off the page, marked content, a form with a matrix and its own resources, a
 *   composite font whose ToUnicode range carries into the next byte, /W ranges, rotated and cropped pages;
 * - files the quick reader does not read exactly go to pdfjs, with pdfjs's results: a standard Type1 font,
 *   encryption, an inline image, an unknown operator, a Flate stream failing zlib's check (then also named
 *   as damaged), a page tree whose /Count lies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/engine/check.js';
import { loadPdf, PDFJS_OPTIONS, type PdfReadOptions } from '../src/readers/pdf/load.js';
import { openQuick, Unsupported } from '../src/readers/pdf/quick/index.js';
import { Lexer } from '../src/readers/pdf/quick/syntax.js';
import { OP, OP_NAMES } from '../src/readers/pdf/quick/text.js';
import { ReadError } from '../src/readers/types.js';
import { inflateInThread } from '../src/cli/inflate.js';
import { CORPUS_ROOT, corpusPdfs } from './pdf-items-digest.js';
import { pdfFromObjects, makePdf } from './pdf-fixtures.js';
import * as H from './hostile-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const corpus = corpusPdfs();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-pdf-quick-'));
const RENDERED = ['cq-beibei-zfb-2020', 'sh-putuo-shehuigongzuobu-2024'];
const renderedFile = (ex: string) => path.join(dir, `${ex}.pdf`);

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Pdfjs;

beforeAll(async () => {
  inflateInThread(); // as `juesuan check` reads (src/cli/inflate.ts)
  for (const ex of RENDERED) {
    execFileSync(process.execPath, ['bin/juesuan.cjs', 'render', `examples/${ex}.json`, '--format', 'pdf', '-o', renderedFile(ex)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  // pdfjs as the reader loads it (its patched worker), then the same module here
  await loadPdf(makePdf([{ runs: [{ text: 'warm', x: 72, y: 700 }] }]), 'warm.pdf', { reader: 'pdfjs' });
  pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
}, 120_000);

interface RawPage {
  items: string[];
  viewport: string;
}

/** pdfjs's text items and viewport per page, with the reader's options. */
async function pdfjsPages(bytes: Uint8Array): Promise<RawPage[]> {
  const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: bytes.slice() }).promise;
  const out: RawPage[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent({ disableNormalization: true });
      const vp = page.getViewport({ scale: 1 });
      out.push({
        items: tc.items.map((i) => JSON.stringify('str' in i ? [i.str, i.transform, i.width, i.height, i.hasEOL] : i)),
        viewport: JSON.stringify([vp.transform, vp.width, vp.height]),
      });
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

/** The quick reader's raw items and viewport per page (whitespace items with their transforms, as pdfjs). */
function quickPages(bytes: Uint8Array): RawPage[] {
  const q = openQuick(bytes, { whitespaceTransforms: true });
  return Array.from({ length: q.numPages }, (_, i) => {
    const page = q.page(i + 1, () => false);
    return {
      items: page.items.map((it) => JSON.stringify([it.str, it.transform, it.width, it.height, it.hasEOL])),
      viewport: JSON.stringify([page.viewport.transform, page.viewport.width, page.viewport.height]),
    };
  });
}

async function expectSameRaw(bytes: Uint8Array, what: string): Promise<number> {
  const [a, b] = [await pdfjsPages(bytes), quickPages(bytes)];
  expect(b.length, what).toBe(a.length);
  let n = 0;
  a.forEach((pa, i) => {
    expect(b[i].viewport, `${what}, page ${i + 1}: viewport`).toBe(pa.viewport);
    expect(b[i].items, `${what}, page ${i + 1}`).toEqual(pa.items);
    n += pa.items.length;
  });
  return n;
}

/** The reader's result with pdfjs and with the default (the quick reader where it can). */
async function bothReaders(bytes: Uint8Array, file: string, opts: PdfReadOptions = {}) {
  const viaPdfjs = await loadPdf(bytes, file, { ...opts, reader: 'pdfjs' });
  const auto = await loadPdf(bytes, file, opts);
  return { viaPdfjs, auto };
}

const strip = (r: Awaited<ReturnType<typeof loadPdf>>) => JSON.stringify({ ...r, reader: undefined });

async function check(bytes: Uint8Array, file: string, reader: 'auto' | 'pdfjs') {
  const r = await checkBytes(bytes, file, {}, { pdf: { reader } });
  return { text: r.doc?.text, findings: r.findings.map((f) => JSON.stringify(f)).sort() };
}

describe('quick PDF reader: the same items as pdfjs, to the last bit', () => {
  it('has the corpus', () => {
    expect(corpus.length, `no corpus PDFs under ${CORPUS_ROOT}`).toBeGreaterThanOrEqual(4);
  });

  it.each([...corpus.map((f) => ['corpus', f]), ...RENDERED.map((ex) => ['pdfmake', ex])])('%s %s: raw items and viewports equal pdfjs’s', async (kind, name) => {
    const bytes = new Uint8Array(fs.readFileSync(kind === 'corpus' ? path.join(CORPUS_ROOT, name) : renderedFile(name)));
    const n = await expectSameRaw(bytes, name);
    expect(n).toBeGreaterThan(500);
    const { viaPdfjs, auto } = await bothReaders(bytes, name);
    expect(auto.reader, `${name} is read by the quick reader`).toBe('quick');
    expect(viaPdfjs.reader).toBe('pdfjs');
    expect(strip(auto)).toBe(strip(viaPdfjs));
  }, 60_000);

  it.each(corpus)('%s: a full check finds the same with either reader', async (f) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));
    const [a, b] = [await check(bytes, f, 'pdfjs'), await check(bytes, f, 'auto')];
    expect(b.text).toBe(a.text);
    expect(b.findings).toEqual(a.findings);
  }, 60_000);

  it('hand-made pages: every text operator, forms, a composite font, rotated and cropped pages', async () => {
    const bytes = operatorsPdf();
    expect(await expectSameRaw(bytes, 'operators.pdf')).toBeGreaterThan(20);
    const { viaPdfjs, auto } = await bothReaders(bytes, 'operators.pdf');
    expect(auto.reader).toBe('quick');
    expect(strip(auto)).toBe(strip(viaPdfjs));
    const text = auto.pages.flatMap((p) => p.items.map((i) => i.str)).join('').replace(/ /g, '');
    for (const s of ['Income1918.25', 'inform', 'marked', '中文ÿĀ12', 'scaled', 'rotated', 'rotatedpage', 'croppedpage']) expect(text).toContain(s);
    expect(text).not.toContain('outside');
  });

  it('hostile pages in the quick font read as pdfjs reads them: a flood, nested forms, many pages', async () => {
    for (const [name, bytes] of [
      ['flood', H.pdfTextFlood(3000, false, 'quick')],
      ['one spot', H.pdfTextFlood(3000, true, 'quick')],
      ['forms', H.pdfNestedForms(8, 'quick')],
      ['pages', H.pdfPages(40, 'quick')],
    ] as const) {
      await expectSameRaw(bytes, name);
      const { viaPdfjs, auto } = await bothReaders(bytes, `${name}.pdf`);
      expect(auto.reader, name).toBe('quick');
      expect(strip(auto), name).toBe(strip(viaPdfjs));
    }
  });

  it('the item cap and the time limit hold on the quick path, with the pdfjs path’s words', async () => {
    // 12 000 items: cut at 5 000 by the quick reader; 40 000 (more than 4 × the cap + 10 000 raw items): left
    // to pdfjs, which drains the page as it always has; the same words either way
    for (const [n, reader] of [[12000, 'quick'], [40000, 'pdfjs']] as const) {
      const capped = await loadPdf(H.pdfTextFlood(n, false, 'quick'), 'flood.pdf', { maxPageItems: 5000 });
      expect(capped.reader).toBe(reader);
      expect(capped.damage).toEqual([{ pages: [1], reason: '页面文字片段超过 5000 个，只读取了前 5000 个', kind: 'limit' }]);
      expect(capped.pages[0].items).toHaveLength(5000);
    }
    // The deadline, without depending on the clock: passed before the first page, nothing is read and the file is
    // refused by name; reached inside a page (the reader asks every thousand operators), the page is cut short.
    const flood = H.pdfTextFlood(300000, false, 'quick');
    const timed = await loadPdf(flood, 'flood.pdf', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(timed).toBeInstanceOf(ReadError);
    expect((timed as ReadError).code).toBe('timeout');
    expect((timed as ReadError).message).toContain('flood.pdf：读取超时');
    const whole = openQuick(flood).page(1, () => false);
    const cut = openQuick(flood).page(1, () => true);
    expect(whole.cut).toBeUndefined();
    expect(cut.cut).toBe('time');
    expect(cut.items.length).toBeGreaterThan(0);
    expect(cut.items.length).toBeLessThan(whole.items.length / 100);
  }, 60_000);
});

/** Inflate the stream whose data ends just before `end` (an `endstream`), as zlib checks it. */
function inflateSyncOf(bytes: Buffer, end: number): Buffer {
  const raw = bytes.toString('latin1');
  let start = raw.lastIndexOf('stream', end - 1) + 6;
  if (raw[start] === '\r') start++;
  if (raw[start] === '\n') start++;
  let stop = end;
  while (raw[stop - 1] === '\n' || raw[stop - 1] === '\r') stop--;
  return inflateSync(bytes.subarray(start, stop));
}

describe('quick PDF reader: what it leaves to pdfjs', () => {
  const quickObjects = (content: string, extra: string[] = []) =>
    pdfFromObjects(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
        TRUETYPE(6),
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
        content,
        DESCRIPTOR,
        ...extra,
      ],
      1,
    );
  const plain = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;

  it('reads the quick font itself (the control for the cases below)', async () => {
    const r = await loadPdf(quickObjects(plain('BT /F1 12 Tf 72 760 Td (Income 1918.25) Tj ET')), 'ok.pdf');
    expect(r.reader).toBe('quick');
  });

  it.each([
    ['a standard Type1 font (Helvetica)', () => makePdf([{ runs: [{ text: 'Income 1918.25', x: 72, y: 760 }] }])],
    ['an inline image', () => quickObjects(plain('BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI BT /F1 12 Tf 72 760 Td (Income 1918.25) Tj ET'))],
    ['an unknown operator', () => quickObjects(plain('BT /F1 12 Tf 72 760 Td (Income 1918.25) Tj zz ET'))],
    ['a page tree whose /Count lies', () => pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 2 >>', TRUETYPE(6), '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>', plain('BT /F1 12 Tf 72 760 Td (Income) Tj ET'), DESCRIPTOR], 1)],
  ])('%s: pdfjs reads it, as before', async (_, make) => {
    const bytes = make();
    const { viaPdfjs, auto } = await bothReaders(bytes, 'x.pdf');
    expect(auto.reader).toBe('pdfjs');
    expect(strip(auto)).toBe(strip(viaPdfjs));
  });

  it('a content stream inflating beyond 64 MB: the quick reader declines it (its memory stays bounded)', () => {
    const data = deflateSync(Buffer.concat([Buffer.from('BT /F1 12 Tf 72 760 Td (Income) Tj ET\n'), Buffer.alloc(65 << 20, 0x20)]), { level: 9 });
    const bytes = quickObjects(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data.toString('latin1')}\nendstream`);
    expect(() => openQuick(bytes).page(1, () => false)).toThrow(Unsupported);
  });

  it('encryption: pdfjs refuses it by name, as before', async () => {
    const e = await loadPdf(makePdf([{ runs: [{ text: 'x', x: 72, y: 700 }] }], { encrypted: true }), 'enc.pdf').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).code).toBe('encrypted');
  });

  it('a font program failing zlib’s check: the text is as clean (ToUnicode and /W, nothing of the program), no damage', async () => {
    const clean = fs.readFileSync(path.join(CORPUS_ROOT, 'pdf/sh-template-2024-final.pdf'));
    const raw = clean.toString('latin1');
    const num = /\/FontFile2\s+(\d+)\s+0\s+R/.exec(raw)![1];
    const at = raw.indexOf('endstream', raw.search(new RegExp(`(^|\\s)${num}\\s+0\\s+obj\\b`)));
    const spoiled = Buffer.from(clean);
    let k = at - 1;
    while (spoiled[k] === 0x0a || spoiled[k] === 0x0d) k--;
    spoiled[k] ^= 0xff; // the Adler-32 trailer of the font program
    expect(() => inflateSyncOf(spoiled, at)).toThrow(/incorrect data check/);
    const [a, b] = [await loadPdf(new Uint8Array(clean), 'f.pdf'), await loadPdf(new Uint8Array(spoiled), 'f.pdf')];
    expect(b.reader).toBe('quick');
    expect(b.damage).toEqual([]);
    expect(JSON.stringify(b.pages)).toBe(JSON.stringify(a.pages));
  });

  it('a content stream failing zlib’s check: pdfjs reads it, and the page is named as damaged', async () => {
    const data = Buffer.from(deflateSync(Buffer.from('BT /F1 12 Tf 72 760 Td (Income 1918.25) Tj ET', 'latin1')));
    data[data.length - 1] ^= 0xff; // the Adler-32 checksum
    const bytes = quickObjects(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data.toString('latin1')}\nendstream`);
    expect(() => openQuick(bytes).page(1, () => false)).toThrow(Unsupported);
    const r = await loadPdf(bytes, 'broken.pdf');
    expect(r.reader).toBe('pdfjs');
    expect(r.damage.map((d) => d.kind)).toEqual(['partial']);
  });
});

describe('quick PDF reader: the operators it acts on', () => {
  it('are numbered as their place in the operator table (the interpreter switches on the numbers)', () => {
    const spelled: Record<string, string> = { Tstar: 'T*', quote: "'", dquote: '"' };
    const members = Object.entries(OP).filter(([, v]) => typeof v === 'number') as [string, number][];
    expect(members.length).toBe(23);
    for (const [name, id] of members) expect(OP_NAMES[id], name).toBe(spelled[name] ?? name);
  });
});

describe('quick PDF reader: syntax as pdfjs reads it', () => {
  const first = (s: string) => new Lexer(new Uint8Array(Buffer.from(s, 'latin1'))).next();
  it.each([
    ['-.5', -0.5],
    ['3.', 3],
    ['+1.25', 1.25],
    ['007', 7],
    ['841.89', 841.89],
    ['0.000001', 0.000001],
  ])('the number %s', (src, value) => {
    expect(first(src)).toBe(value);
  });
  it('a second point ends a number, as in pdfjs (1.2.3 is 1.2 then .3)', () => {
    const lx = new Lexer(new Uint8Array(Buffer.from('1.2.3 ', 'latin1')));
    expect([lx.next(), lx.next()]).toEqual([1.2, 0.3]);
  });
  it.each(['--5', '1-2', '.', '-', '1.2x'])('the malformed number %s is left to pdfjs', (src) => {
    expect(() => first(src)).toThrow(Unsupported);
  });
  it('strings: escapes, octal, line continuation, balanced parentheses; hex strings with an odd digit', () => {
    expect(first('(a\\(b\\)c\\n\\101\\7\\\nd(e)f)')).toBe('a(b)c\nA\x07d(e)f');
    expect(first('<41 42 4>')).toBe('AB@');
  });
});

/** A TrueType font the quick reader reads (Arial, not embedded, WinAnsi, /Widths 32–126), descriptor object `d`. */
const TRUETYPE = (d: number) =>
  `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /FontDescriptor ${d} 0 R /Widths [${Array.from({ length: 95 }, (_, i) => 278 + (i % 9) * 61).join(' ')}] >>`;
const DESCRIPTOR = '<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [-665 -325 2000 1006] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>';

/** Three pages exercising the text operators (see the file's header). */
function operatorsPdf(): Uint8Array {
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Test-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    '2 beginbfchar <0041> <4E2D> <0042> <6587> endbfchar',
    '2 beginbfrange <0043> <0044> <00FF> <0045> <0046> [<0031> <0032>] endbfrange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const page1 = [
    'BT /F1 12 Tf 72 760 Td (Income 1918.25) Tj',
    '0 -14 Td [(A) -120 (B) 30 (C) -500 (D) 0 (E) () -40] TJ',
    'T* 2 Tc 1 Tw (x y  z) Tj 0 Tc 0 Tw',
    '150 Tz 0 -14 Td (wide text) Tj 100 Tz',
    '5 Ts (up) Tj 0 Ts (down) Tj',
    '14 TL (line one) \' 3 1 (line two) "',
    '0 -20 TD (after TD) Tj T* (next) Tj',
    'ET',
    'q 0.5 0 0 0.5 100 100 cm BT /F1 20 Tf 0 0 Td (scaled) Tj ET Q',
    'q 0 1 -1 0 300 300 cm BT /F1 10 Tf 0 0 Td (rotated) Tj ET Q',
    'BT /F1 10 Tf 700 500 Td (outside) Tj -800 0 Td (left) Tj ET',
    '/P <</MCID 0 /Alt (a >> b)>> BDC BT /F1 9 Tf 72 100 Td (marked) Tj ET EMC',
    '/Span BMC BT /F1 9 Tf 72 90 Td (span) Tj ET EMC',
    '/Fm1 Do',
    'BT /F1 10 Tf 1 0 0.3 1 72 300 Tm (skewed) Tj 1 0 0 1 72 280 Tm (plain) Tj ET',
    'BT /F2 11 Tf 72 200 Td <00410042> Tj [<0043> -200 <0044> 300 <00450046>] TJ ET',
    'BT /F1 8 Tf 72 60 Td (a) Tj (b) Tj 30 0 Td (c) Tj 0 -3 Td (d) Tj -60 0 Td (e) Tj ET',
  ].join('\n');
  const form = 'BT /F1 8 Tf 10 10 Td (in form) Tj ET';
  const page2 = 'BT /F1 12 Tf 72 500 Td (rotated page) Tj ET BT /F2 12 Tf 80 480 Td <0041> Tj ET';
  const page3 = 'BT /F1 12 Tf 100 700 Td (cropped page) Tj 300 0 Td (beyond the crop box) Tj ET';
  const s = (c: string, extra = '') => `<< /Length ${c.length}${extra} >>\nstream\n${c}\nendstream`;
  const res = '/Resources << /Font << /F1 3 0 R /F2 8 0 R >> /XObject << /Fm1 7 0 R >> >>';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R 12 0 R 14 0 R] /Count 3 >>',
    TRUETYPE(6),
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R ${res} >>`,
    s(page1),
    DESCRIPTOR,
    s(form, ' /Type /XObject /Subtype /Form /BBox [0 0 200 200] /Matrix [1 0 0 1 50 50] /Resources << /Font << /F1 3 0 R >> >>'),
    '<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+TestCID /Encoding /Identity-H /DescendantFonts [9 0 R] /ToUnicode 11 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+TestCID /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 10 0 R /DW 900 /W [65 [500 600] 67 68 700] >>',
    '<< /Type /FontDescriptor /FontName /AAAAAA+TestCID /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
    s(cmap),
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Rotate 90 /Contents 13 0 R ${res} >>`,
    s(page2),
    `<< /Type /Page /Parent 2 0 R /MediaBox [10 20 605 862] /CropBox [50 60 400 800] /Rotate 180 /Contents 15 0 R ${res} >>`,
    s(page3),
  ];
  return pdfFromObjects(objs, 1);
}
