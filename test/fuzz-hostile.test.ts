/**
 * Fuzz suite (issue 8 item 5): hostile inputs of every family in test/hostile-fixtures.ts, and byte mutations
 * of the corpus PDFs and of a generated DOCX with a fixed seed. Asserts: no crash (a document or a ReadError
 * that names the file, never another exception or an unhandled rejection), bounded time and memory, damage
 * reported as a finding. Timing is a property, not a figure: an input four times as long must not take more
 * than six times the CPU time (linear: 4×, quadratic: 16×; median of three runs, CPU time of this process so
 * that load from other processes counts less).
 * Bounded in count and time: about a minute and a half on two cores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/engine/check.js';
import { brokenStreams } from '../src/readers/pdf/streams.js';
import { loadPdf } from '../src/readers/pdf/load.js';
import { readDocument, ReadError, type SourceDoc } from '../src/readers/index.js';
import { generate } from '../src/generate/index.js';
import { validateDisclosure } from '../src/model/schema.js';
import { renderDocx } from '../src/render/index.js';
import * as H from './hostile-fixtures.js';
import { CORPUS_ROOT, corpusPdfs } from './pdf-items-digest.js';

const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  await readDocument(H.pdfPages(1), 'warm.pdf'); // pdfjs loaded before any clock runs
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Median CPU milliseconds of fn over `runs` runs. */
async function cost(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    await fn();
    t.push(cpuMs() - c0);
  }
  return median(t);
}

/** Read or check; a ReadError must name the file, anything else thrown is a crash. */
async function run(bytes: Uint8Array, file: string, check: boolean): Promise<SourceDoc | ReadError> {
  try {
    return check ? (await checkBytes(bytes, file)).doc! : await readDocument(bytes, file);
  } catch (e) {
    if (e instanceof ReadError) {
      expect(e.message, 'a read error names the file').toContain(file);
      return e;
    }
    throw e;
  }
}

interface Family {
  name: string;
  ext: string;
  make: (n: number) => Uint8Array;
  /** Base size: the test times n and 2n. */
  n: number;
}

const FAMILIES: Family[] = [
  { name: 'digit line (text)', ext: '.txt', make: H.digitLine, n: 2000 },
  { name: 'separated digits (text)', ext: '.txt', make: H.separatedDigits, n: 2000 },
  { name: 'dot leaders and spaces without a page number (text)', ext: '.txt', make: H.leaderRuns, n: 8000 },
  { name: 'unclosed <span>s (HTML)', ext: '.html', make: H.htmlUnclosedSpans, n: 2000 },
  { name: 'deep nesting (HTML)', ext: '.html', make: H.htmlDeepNesting, n: 6000 },
  { name: 'nested tables (HTML)', ext: '.html', make: H.htmlNestedTables, n: 250 },
  { name: '<a flood (HTML)', ext: '.html', make: H.htmlAnchorFlood, n: 25000 },
  { name: '<a flood (DOCX)', ext: '.docx', make: H.docxAnchorFlood, n: 25000 },
  { name: 'unclosed comments (DOCX)', ext: '.docx', make: H.docxUnclosedComments, n: 10000 },
  { name: 'endless tag name (DOCX)', ext: '.docx', make: H.docxLongTagName, n: 50000 },
  { name: 'unclosed paragraphs (DOCX)', ext: '.docx', make: H.docxUnclosedParas, n: 1000 },
  { name: 'nested tables (DOCX)', ext: '.docx', make: H.docxNestedTables, n: 250 },
  { name: 'vertical merges (DOCX)', ext: '.docx', make: H.docxVMerge, n: 250 },
  { name: 'digit line (DOCX)', ext: '.docx', make: H.docxDigitLine, n: 2000 },
  { name: 'text-operator flood (PDF)', ext: '.pdf', make: (n) => H.pdfTextFlood(n), n: 2500 },
  { name: 'text operators on one spot (PDF)', ext: '.pdf', make: (n) => H.pdfTextFlood(n, true), n: 2500 },
  // The same in a font the quick reader reads itself (src/readers/pdf/quick), not pdfjs. It reads 2 500
  // operators in a few ms, where FLOOR_MS would pass any growth: so sizes whose 4n takes well over the floor
  // (0.3–1.5 s here), deflated (a 4n stream stays under the quick reader's 64 MB, or pdfjs would read it).
  { name: 'text-operator flood (PDF, quick reader)', ext: '.pdf', make: (n) => H.pdfTextFloodDeflated(n, '(1) Tj 0.01 0 Td ', 'quick'), n: 900_000 },
  { name: 'text operators on one spot (PDF, quick reader)', ext: '.pdf', make: (n) => H.pdfTextFloodDeflated(n, '(1) Tj ', 'quick'), n: 2_000_000 },
  { name: 'object headers that never end (PDF)', ext: '.pdf', make: H.pdfEndlessObjects, n: 20000 },
];

/**
 * Families whose check is still superlinear outside the readers (the reader alone is linear: tested below).
 * Each entry names the code that must change; the test for it is expected to fail until then, and fails loudly
 * ("expected to fail but passed") once it is fixed: then remove the entry.
 */
const AWAITING: Record<string, string> = {
};

/** Four times the input must not take more than six times the time; below FLOOR_MS the clock is noise (JIT warm-up, GC). */
const RATIO = 6;
const FLOOR_MS = 250;

function linear(t1: number, t2: number): boolean {
  return t2 <= FLOOR_MS || t2 <= RATIO * Math.max(t1, FLOOR_MS / RATIO);
}

describe('fuzz: each hostile family reads in linear time', () => {
  it.each(FAMILIES)('$name: reader time at 4n ≤ 6× time at n', async (f) => {
    const file = 'hostile' + f.ext;
    const [a, b] = [f.make(f.n), f.make(4 * f.n)];
    await run(a, file, false);
    const t1 = await cost(() => run(a, file, false));
    const t2 = await cost(() => run(b, file, false));
    expect(linear(t1, t2), `reader CPU ms at n=${f.n}: ${t1.toFixed(0)}, at 4n: ${t2.toFixed(0)}`).toBe(true);
  }, 120000);
});

describe('fuzz: the quick reader’s families are its own', () => {
  it.each(FAMILIES.filter((f) => f.name.includes('quick reader')))('$name at 4n is read by the quick reader, not pdfjs', async (f) => {
    expect((await loadPdf(f.make(4 * f.n), 'hostile.pdf', { maxPageItems: 1e9 })).reader).toBe('quick');
  }, 60000);
});

describe('fuzz: each hostile family checks in linear time (readers, structure, claims, rules)', () => {
  for (const f of FAMILIES) {
    const awaiting = AWAITING[f.name];
    const test = awaiting ? it.fails : it;
    test(`${f.name}: check time at 4n ≤ 6× time at n${awaiting ? ` — awaits ${awaiting}` : ''}`, async () => {
      const file = 'hostile' + f.ext;
      const [a, b] = [f.make(f.n), f.make(4 * f.n)];
      const t1 = await cost(() => run(a, file, true), 1);
      const t2 = await cost(() => run(b, file, true), 1);
      expect(linear(t1, t2), `check CPU ms at n=${f.n}: ${t1.toFixed(0)}, at 4n: ${t2.toFixed(0)}`).toBe(true);
    }, 120000);
  }
});

describe('fuzz: spans, entities, page trees', () => {
  const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
  it.each([
    ['colspan="1000000000" (HTML)', '.html', H.htmlColspan(1e9), H.htmlColspan(2)],
    ['rowspan="1000000000" (HTML)', '.html', H.htmlRowspan(1e9), H.htmlRowspan(2)],
    ['gridSpan 1000000000 (DOCX)', '.docx', H.docxGridSpan(1e9), H.docxGridSpan(2)],
    ['gridBefore 1000000000 (DOCX)', '.docx', H.docxGridBefore(1e9), H.docxGridBefore(2)],
  ] as const)('%s: checked in the time and memory of a span of 2', async (_, ext, huge, small) => {
    const h0 = heapMb();
    const tHuge = await cost(() => run(huge, 'span' + ext, true), 1);
    const tSmall = await cost(() => run(small, 'span' + ext, true), 1);
    expect(heapMb() - h0).toBeLessThan(200);
    expect(linear(tSmall, tHuge), `CPU ms: span 2 ${tSmall.toFixed(0)}, huge ${tHuge.toFixed(0)}`).toBe(true);
    const doc = (await run(huge, 'span' + ext, false)) as SourceDoc;
    const spans = doc.tables.flatMap((t) => t.rows.flat()).map((c) => Math.max(c.colSpan ?? 1, c.rowSpan ?? 1));
    expect(Math.max(...spans)).toBeLessThanOrEqual(2);
  }, 60000);

  it('a character reference naming no character (&#x110000;) reads as U+FFFD', async () => {
    const doc = (await run(H.docxBadEntity('&#x110000;&#0;&#99999999;'), 'entity.docx', true)) as SourceDoc;
    expect(doc.text).toContain('收入决算\ufffd\ufffd\ufffd万元');
  });

  it('a page-tree loop is a damaged page, named as such (not a timeout)', async () => {
    const r = await checkBytes(H.pdfPageTreeLoop(), 'loop.pdf');
    expect(r.doc?.damage?.flatMap((d) => d.pages)).toEqual([2, 3]);
    const f = r.findings.filter((x) => x.ruleId === 'doc/damaged');
    expect(f.map((x) => x.severity)).toEqual(['error', 'error']);
    expect(f[0].message).toMatch(/^第2页无法读取/);
  });
});

describe('fuzz: a page flooded with text operators is cut, not run for minutes', () => {
  it.each(['pdfjs', 'quick'] as const)('the item cap cuts the page and says so (warning, not error): %s reader', async (font) => {
    const bytes = H.pdfTextFlood(font === 'quick' ? 12000 : 30000, false, font);
    const doc = (await readDocument(bytes, 'flood.pdf', { pdf: { maxPageItems: 5000 } })) as SourceDoc;
    expect(doc.damage).toEqual([{ pages: [1], reason: '页面文字片段超过 5000 个，只读取了前 5000 个', kind: 'limit' }]);
    expect(doc.text).toContain('Income 1918.25');
    expect((await loadPdf(bytes, 'flood.pdf', { maxPageItems: 5000 })).reader).toBe(font);
  });

  it('the time limit holds inside a page: pdfjs reader', async () => {
    // 2 000 000 text objects on one page, deflated: pdfjs takes ~10 s to read them all. With a limit of 1 s the
    // page is always started (pdfjs is loaded and opens the file in tens of ms) and never finished, so the cut is
    // inside it on any machine: asserted, not either outcome. (How soon after the limit it stops is measured by
    // npm run bench:hostile, not asserted here.)
    const bytes = H.pdfTextFloodDeflated(2_000_000);
    const read = await loadPdf(bytes, 'flood.pdf', { timeoutMs: 1000, maxPageItems: 1e9 });
    expect(read.reader).toBe('pdfjs');
    expect(read.damage).toEqual([{ pages: [1], reason: '读取超时（1000 毫秒），只读取了一部分', kind: 'limit' }]);
    expect(read.pages[0]!.items.length).toBeGreaterThan(0);
  }, 60000);

  it('the time limit holds inside a page: quick reader', async () => {
    // 9 000 000 text operators on one page, 63 MB of stream (under the quick reader's 64 MB), ~0.6 s to read
    // here: the quick reader opens the file at once, so the 150 ms run out inside the page, never before it.
    // (test/pdf-quick.test.ts cuts a page without the clock; this is the same through the deadline)
    const bytes = H.pdfTextFloodDeflated(9_000_000, '(1) Tj ', 'quick');
    const read = await loadPdf(bytes, 'flood.pdf', { timeoutMs: 150, maxPageItems: 1e9 });
    expect(read.reader).toBe('quick');
    const cut = { pages: [1], reason: '读取超时（150 毫秒），只读取了一部分', kind: 'limit' };
    expect(read.damage).toEqual([cut]);
    expect(((await readDocument(bytes, 'flood.pdf', { pdf: { timeoutMs: 150, maxPageItems: 1e9 } })) as SourceDoc).damage).toEqual([cut]);
  }, 60000);
});

describe('fuzz: byte mutations of real files (fixed seed)', () => {
  const pdfs = corpusPdfs();
  it('has the corpus', () => {
    expect(pdfs.length, `no corpus PDFs under ${CORPUS_ROOT}`).toBeGreaterThanOrEqual(4);
  });

  // 4 mutations of one byte per corpus PDF: every outcome is a document or a named ReadError; a document
  // with fewer pages read than the file declares carries damage and a doc/damaged error.
  it.each(pdfs)('%s: 4 one-byte mutations', async (f) => {
    const orig = new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));
    const name = path.basename(f).replace(/\.pdf$/, '.mut.pdf');
    for (const [k, m] of H.mutateBytes(orig, 20261127 + f.length, 4).entries()) {
      let r;
      try {
        r = await checkBytes(m.bytes, name);
      } catch (e) {
        expect(e, `mutation ${k} at ${m.at}: ${String(e)}`).toBeInstanceOf(ReadError);
        expect((e as Error).message).toContain(name);
        continue;
      }
      const doc = r.doc!;
      const read = new Set(doc.lineBoxes?.map((b) => b?.page));
      const damaged = new Set(doc.damage?.flatMap((d) => d.pages) ?? []);
      // every page either has text, is named damaged, or was textless in the original too (noted)
      for (let p = 1; p <= (doc.pageCount ?? 0); p++) {
        if (!read.has(p) && !damaged.has(p)) expect(doc.notes.join('\n'), `mutation ${k} at ${m.at}: page ${p} neither read nor named`).toMatch(new RegExp(`第 [^页]*\\b${p}\\b[^页]*页`));
      }
      if (damaged.size) expect(r.findings.some((x) => x.ruleId === 'doc/damaged')).toBe(true);
    }
  }, 300000);

  it('a byte that breaks the cross-reference table: the lost pages are named and the check is not clean', async () => {
    const f = 'pdf/sh-putuo-guihuaziyuan-2024.pdf';
    const b = new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));
    b[23284] = 0; // inside an xref entry: pdfjs then rebuilds the table and finds 8 of 30 pages
    const r = await checkBytes(b, 'broken.pdf');
    const pages = r.doc!.damage!.flatMap((d) => d.pages).sort((x, y) => x - y);
    expect(pages).toEqual(Array.from({ length: 23 }, (_, i) => i + 8));
    const errors = r.findings.filter((x) => x.ruleId === 'doc/damaged' && x.severity === 'error');
    expect(errors.map((x) => x.message).join('\n')).toContain('第9—30页无法读取：文件声明共 30 页，只能解析出 8 页');
  }, 60000);

  // 8 mutations of 64 bytes per corpus PDF: bytes changed inside content streams that pdfjs read past silently
  // lost table rows and gave false table/cross and table/identity errors (5 of these 32 mutants before pages
  // were read with stopAtErrors). Now such a page is named damaged and the checks resting on it abstain: no
  // error appears that the clean file does not have, except doc/damaged's own.
  // And 32 mutations of 16 bytes of one file: 3 of them changed bytes inside Flate streams that decode without
  // any error (pdfjs does not check the Adler-32 checksum), losing a row of 表2: found by the stream check.
  const cases = [...pdfs.map((f) => [f, 8, 64] as const), ['pdf/sh-putuo-shehuigongzuobu-2024.pdf', 32, 16] as const];
  it.each(cases)('%s: %i mutations of %i bytes give no error the clean file lacks (other than doc/damaged)', async (f, count, size) => {
    const orig = new Uint8Array(fs.readFileSync(path.join(CORPUS_ROOT, f)));
    const key = (x: { ruleId: string; message: string }) => `${x.ruleId} ${x.message}`;
    const clean = new Set((await checkBytes(orig, 'mut.pdf')).findings.filter((x) => x.severity === 'error').map(key));
    let damagedMutants = 0;
    for (const [k, m] of H.mutateBytes(orig, 20261127 + f.length, count, size).entries()) {
      const r = await checkBytes(m.bytes, 'mut.pdf').catch((e: unknown) => e);
      if (r instanceof ReadError) continue;
      if (r instanceof Error) throw r;
      const res = r as Awaited<ReturnType<typeof checkBytes>>;
      const extra = res.findings.filter((x) => x.severity === 'error' && x.ruleId !== 'doc/damaged' && !clean.has(key(x)));
      expect(extra.map(key), `mutant ${k}`).toEqual([]);
      if (res.doc?.damage?.length) damagedMutants++;
    }
    // 64 changed bytes in a few hundred KB land in content streams: the damage is seen, not read past
    expect(damagedMutants).toBeGreaterThanOrEqual(4);
  }, 300000);

  it('a page whose content stream breaks mid-way: read in part and named (a warning)', async () => {
    // A text page then a page with a stream that ends inside an array: pdfjs stops on page 2 with stopAtErrors;
    // the lenient reading gives the text before the break.
    const objs = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
      '<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 760 Td (Page one income) Tj ET\nendstream',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
      '<< /Length 52 >>\nstream\nBT /F1 12 Tf 72 760 Td (Before the break) Tj [(cut) 1\nendstream',
    ];
    const r = await checkBytes(H.rawPdf(objs), 'partial.pdf');
    expect(r.doc!.text).toContain('Before the break');
    expect(r.doc!.damage).toEqual([{ pages: [2], reason: expect.stringMatching(/^页面内容有损坏（.+），只读出一部分$/), kind: 'partial' }]);
    const f = r.findings.filter((x) => x.ruleId === 'doc/damaged');
    expect(f.map((x) => [x.severity, x.messageId])).toEqual([['warning', 'partial']]);
    expect(f[0].message).toMatch(/^第2页内容已损坏：页面内容有损坏（.+），只读出一部分。/);
  }, 60000);

  it('a content stream whose checksum fails (pdfjs reads it without a word) names the pages that use it', async () => {
    const content = (t: string) => Buffer.from(`BT /F1 12 Tf 72 760 Td (${t}) Tj ET`, 'latin1');
    const flate = (b: Buffer, spoil: boolean) => {
      const z = deflateSync(b);
      if (spoil) z[z.length - 1] ^= 0xff; // the Adler-32 trailer: the data still inflates, the check fails
      return `<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`;
    };
    const pdf = (spoil: boolean) =>
      H.rawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
        flate(content('Page one income'), false),
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
        flate(content('Page two income'), spoil),
      ]);
    const clean = await checkBytes(pdf(false), 'adler.pdf');
    expect(clean.doc!.damage).toBeUndefined();
    const r = await checkBytes(pdf(true), 'adler.pdf');
    expect(r.doc!.text).toContain('Page two income');
    expect(r.doc!.damage).toEqual([{ pages: [2], reason: '页面用到的压缩数据流已损坏（对象 7：校验和不符），文字可能缺失或有误', kind: 'partial' }]);
    expect(r.findings.filter((x) => x.ruleId === 'doc/damaged').map((x) => x.severity)).toEqual(['warning']);
    // A producer that leaves the Adler-32 off (or a /Length 4 bytes short): the deflate data is whole and pdfjs
    // reads every character, so this is no damage. Cut inside the data, it is.
    const streamOf = (z: Buffer) => `<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`;
    const withStream = (z: Buffer) => H.rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
      streamOf(z),
    ]);
    const whole = deflateSync(Buffer.from(Array.from({ length: 40 }, (_, i) => `BT /F1 12 Tf 72 ${800 - 18 * i} Td (Income without a checksum ${i}) Tj ET`).join('\n'), 'latin1'));
    const noAdler = await checkBytes(withStream(whole.subarray(0, whole.length - 4)), 'no-adler.pdf');
    expect(noAdler.doc!.text).toContain('Income without a checksum');
    expect(noAdler.doc!.damage).toBeUndefined();
    await expect(checkBytes(withStream(whole.subarray(0, Math.floor(whole.length / 2))), 'cut.pdf')).rejects.toThrow(/cut\.pdf：PDF 文件已损坏/);
    // An encrypted file's streams are no zlib data until pdfjs decrypts them: not judged.
    const junk = (trailer: string) => new Uint8Array(Buffer.from(`5 0 obj << /Filter /FlateDecode /Length 5 >> stream\nxxxxx\nendstream endobj trailer << ${trailer} >>`, 'latin1'));
    expect(brokenStreams(junk(''), [])?.broken).toEqual(new Map([[5, '压缩数据无效']]));
    expect(brokenStreams(junk('/Encrypt 9 0 R'), [])).toBeNull();
  });

  it('a generated DOCX: 40 one-byte mutations, each a document or a named ReadError', async () => {
    const v = validateDisclosure(JSON.parse(fs.readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
    if (!v.ok) throw new Error('example model invalid');
    const docx = await renderDocx(generate(v.model));
    for (const m of H.mutateBytes(docx, 7, 40)) await run(m.bytes, 'seed.mut.docx', true);
  }, 120000);

  it('no unhandled promise rejection in the whole suite', () => {
    expect(rejections.map(String)).toEqual([]);
  });
});
