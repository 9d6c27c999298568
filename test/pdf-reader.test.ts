/**
 * The PDF reader on hand-made and damaged input: lines by position (not stream order), hidden and
 * off-page text dropped, and a clear ReadError (or a bounded run with a note) for 0-byte, non-PDF,
 * truncated, encrypted, image-only and 500-page files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf, readPdfPages } from '../src/readers/pdf.js';
import { ReadError } from '../src/readers/types.js';
import { makePdf } from './pdf-fixtures.js';

const corpus = path.resolve(process.cwd(), '../shared/corpus/pdf');
const hasCorpus = fs.existsSync(corpus);

async function readError(p: Promise<unknown>): Promise<ReadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return e as ReadError;
  }
  throw new Error('expected a ReadError');
}

describe('PDF reader: lines and text', () => {
  it('builds lines by position: reverse stream order and a digit baseline 2pt off stay right', async () => {
    const bytes = makePdf([
      {
        runs: [
          { text: 'Second line', x: 50, y: 600 },
          { text: '123.45', x: 300, y: 702 }, // drawn before its label, 2pt higher
          { text: 'Label', x: 50, y: 700 },
          { text: 'Title', x: 50, y: 760 },
        ],
      },
    ]);
    const { doc } = await readPdfPages(bytes, 'order.pdf');
    expect(doc.text.split('\n')).toEqual(['Title', 'Label\t123.45', 'Second line']);
    expect(doc.norm.length).toBe(doc.text.length);
    expect(doc.lineStarts).toEqual([0, 6, 19]);
    const box = doc.lineBoxes![1]!;
    expect(box.page).toBe(1);
    // Origin top-left: the label's top is at 842 − 700 − 12 = 130.
    expect(box.y).toBeGreaterThan(125);
    expect(box.y).toBeLessThan(131);
    expect(box.x).toBeCloseTo(50, 0);
  });

  it('drops off-page and zero-size text', async () => {
    const bytes = makePdf([
      { runs: [{ text: 'Visible', x: 50, y: 700 }, { text: 'Offpage', x: 900, y: 700 }, { text: 'Below', x: 50, y: -40 }, { text: 'Tiny', x: 50, y: 500, size: 0 }] },
    ]);
    const { doc } = await readPdfPages(bytes, 'hidden.pdf');
    expect(doc.text).toBe('Visible');
  });

  it('reports pages without a text layer in a readable document', async () => {
    const bytes = makePdf([{ runs: [{ text: 'Page one', x: 50, y: 700 }] }, { image: true }]);
    const doc = await readPdf(bytes, 'mixed.pdf');
    expect(doc.pageCount).toBe(2);
    expect(doc.notes.join('\n')).toMatch(/第 2 页没有文字层.*OCR/);
  });
});

describe('PDF reader: bad input', () => {
  it('0-byte file → empty', async () => {
    const e = await readError(readPdf(new Uint8Array(0), 'zero.pdf'));
    expect(e.code).toBe('empty');
    expect(e.message).toContain('空');
  });

  it('not a PDF → corrupt', async () => {
    const e = await readError(readPdf(new Uint8Array(Buffer.from('PK\x03\x04 this is a zip, not a pdf')), 'x.pdf'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('不是 PDF');
  });

  it('image-only PDF (no text layer) → needs-ocr', async () => {
    const e = await readError(readPdf(makePdf([{ image: true }, { image: true }]), 'scan.pdf'));
    expect(e.code).toBe('needs-ocr');
    expect(e.message).toMatch(/OCR/);
    expect(e.message).toMatch(/扫描/);
  });

  it('PDF with pages but nothing on them → empty', async () => {
    const e = await readError(readPdf(makePdf([{}, {}]), 'blank.pdf'));
    expect(e.code).toBe('empty');
  });

  it('encrypted PDF (user password) → encrypted', async () => {
    const e = await readError(readPdf(makePdf([{ runs: [{ text: 'secret', x: 50, y: 700 }] }], { encrypted: true }), 'locked.pdf'));
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('加密');
  });

  it('a PDF cut after its header → corrupt', async () => {
    const full = makePdf([{ runs: [{ text: 'Hello', x: 50, y: 700 }] }]);
    const e = await readError(readPdf(full.slice(0, 20), 'cut.pdf'));
    expect(['corrupt', 'empty']).toContain(e.code);
  });

  it('needs the corpus PDFs in ../shared/corpus/pdf', () => {
    expect(hasCorpus, `${corpus} is missing`).toBe(true);
  });

  it('truncated real PDFs → a ReadError or a partial document, never a crash', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, 'sh-putuo-shehuigongzuobu-2024.pdf')));
    for (const frac of [0.1, 0.5, 0.9]) {
      const cut = bytes.slice(0, Math.floor(bytes.length * frac));
      try {
        const doc = await readPdf(cut, `cut-${frac}.pdf`);
        expect(doc.format).toBe('pdf');
        expect(doc.norm.length).toBe(doc.text.length);
      } catch (e) {
        expect(e).toBeInstanceOf(ReadError);
        expect(['corrupt', 'empty', 'needs-ocr']).toContain((e as ReadError).code);
      }
    }
  }, 60000);

  it('500-page PDF → reads the first 300 pages (default maxPages) and says so', async () => {
    const pages = Array.from({ length: 500 }, (_, i) => ({ runs: [{ text: `Page ${i + 1}`, x: 50, y: 700 }] }));
    const bytes = makePdf(pages);
    const doc = await readPdf(bytes, 'long.pdf');
    expect(doc.pageCount).toBe(500);
    const lines = doc.text.split('\n');
    expect(lines.length).toBe(300);
    expect(lines[299]).toBe('Page 300');
    expect(doc.notes.join('\n')).toContain('只读取了前 300 页');
    const small = await readPdf(bytes, 'long.pdf', { maxPages: 5 });
    expect(small.text.split('\n')).toEqual(['Page 1', 'Page 2', 'Page 3', 'Page 4', 'Page 5']);
  }, 120000);

  it('a time budget of zero ends in a timeout ReadError, not a hang', async () => {
    const pages = Array.from({ length: 50 }, (_, i) => ({ runs: [{ text: `Page ${i + 1}`, x: 50, y: 700 }] }));
    const e = await readError(readPdf(makePdf(pages), 'slow.pdf', { timeoutMs: 0 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toContain('超时');
  });
});
