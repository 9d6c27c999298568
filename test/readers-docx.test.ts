/**
 * DOCX reader: a document built here with the `docx` package (heading, paragraphs, a table with a rowSpan
 * and a columnSpan, full-width digits, a traditional character, a radical ⻔, field residue), plus bad input:
 * a truncated DOCX, zip bombs (honest and lying size fields), a zip that is not Word.
 */
import { zip } from './zip-fixtures.js';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph, SimpleField, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../src/readers/docx.js';
import { ReadError, type SourceDoc } from '../src/readers/types.js';

const cell = (text: string, o: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...o });

async function buildDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '一、部门基本情况', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: '（一）职能职责', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun('２０２０年度收入总计１，９１８．２５万元，'), new TextRun('決算公开。')] }),
          new Paragraph({ children: [new TextRun('区政府办公厅⻔户网站'), new TextRun({ text: '（隐藏）', vanish: true })] }),
          new Paragraph({ children: [new TextRun('见第'), new SimpleField('PAGE', '3'), new TextRun('页')] }),
          new Table({
            rows: [
              new TableRow({ children: [cell('项目'), cell('金额（万元）', { columnSpan: 2 })] }),
              new TableRow({ children: [cell('收入', { rowSpan: 2 }), cell('本年'), cell('１，９１１．０５')] }),
              new TableRow({ children: [cell('上年'), cell('2,062.86')] }),
            ],
          }),
          new Paragraph('二、部门决算情况说明'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function expectReadError(p: Promise<unknown>, code: ReadError['code']): Promise<ReadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).code).toBe(code);
    expect((e as ReadError).message).toMatch(/[\u4e00-\u9fff]/);
    return e as ReadError;
  }
  throw new Error(`expected ReadError(${code})`);
}

/** Raw-deflate `size` zero bytes, fed in 1 MB chunks (memory stays small). */
async function deflateZeros(size: number): Promise<Buffer> {
  const z = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  const sink = new PassThrough();
  z.pipe(sink);
  sink.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once('drain', r));
  }
  await new Promise<void>((r) => sink.on('end', () => r()).resume() && z.end());
  return Buffer.concat(out);
}

/** A one-entry zip written by hand, so the size fields can say whatever the test wants. */
/** One deflated entry whose declared size may lie (CRC 0: the reader must refuse before checking it). */
function zipOf(name: string, deflated: Buffer, declaredSize: number): Uint8Array {
  return new Uint8Array(zip([{ name, data: deflated, method: 8, crc: 0, size: declaredSize, declaredSize }]));
}

describe('readDocx', () => {
  let bytes: Uint8Array;
  let doc: SourceDoc;
  beforeAll(async () => {
    bytes = await buildDocx();
    doc = await readDocx(bytes, '北碚区政府办2020决算.docx');
  });

  it('reads paragraphs, headings and the table as lines', () => {
    expect(doc.format).toBe('docx');
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '一、部门基本情况',
      '（一）职能职责',
      '２０２０年度收入总计１，９１８．２５万元，決算公开。',
      '区政府办公厅⻔户网站',
      '见第3页',
      '项目\t金额（万元）',
      '收入\t本年\t１，９１１．０５',
      '上年\t2,062.86',
      '二、部门决算情况说明',
    ]);
    expect(doc.headings!.map((h) => [h.level, doc.text.slice(h.start, h.end)])).toEqual([
      [1, '一、部门基本情况'],
      [2, '（一）职能职责'],
    ]);
  });

  it('normalises full-width digits, traditional characters and radicals in norm, same length', () => {
    expect(doc.norm.length).toBe(doc.text.length);
    expect(doc.norm).toContain('2020年度收入总计1,918.25万元,决算公开。');
    expect(doc.norm).toContain('区政府办公厅门户网站');
    expect(doc.norm).toContain('1,911.05');
    expect(doc.notes.some((n) => n.includes('繁体'))).toBe(true);
  });

  it('gives the table with rowSpan/colSpan and exact cell offsets, surviving JSON', () => {
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0];
    const shape = t.rows.map((r) => r.map((c) => [c.text, c.rowSpan ?? 1, c.colSpan ?? 1]));
    expect(shape).toEqual([
      [['项目', 1, 1], ['金额（万元）', 1, 2]],
      [['收入', 2, 1], ['本年', 1, 1], ['１，９１１．０５', 1, 1]],
      [['上年', 1, 1], ['2,062.86', 1, 1]],
    ]);
    const back = JSON.parse(JSON.stringify(doc)) as SourceDoc;
    expect(back).toEqual(doc);
    for (const row of back.tables[0].rows) for (const c of row) {
      expect(back.text.slice(c.start, c.end)).toBe(c.text);
      expect(back.norm.slice(c.start, c.end)).toBe(doc.norm.slice(c.start, c.end));
    }
    expect(back.text.slice(back.tables[0].start, back.tables[0].end)).toBe('项目\t金额（万元）\n收入\t本年\t１，９１１．０５\n上年\t2,062.86');
  });

  it('leaves field codes out (PAGEREF, TOC) and keeps field results', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const field =
      '<w:p><w:r><w:t xml:space="preserve">一、概况</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc25831 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>删除的字</w:delText></w:r></w:del><w:r><w:t>&lt;保留&gt;</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>第一部分 单位概况</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>12</w:t></w:r></w:p>';
    zip.file('word/document.xml', xml.replace('<w:body>', '<w:body>' + field));
    const styles = await zip.file('word/styles.xml')!.async('string');
    zip.file('word/styles.xml', styles.replace('</w:styles>', '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style></w:styles>'));
    const d = await readDocx(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })), 'f.docx');
    expect(d.text.startsWith('一、概况3\n<保留>\n第一部分 单位概况 12\n')).toBe(true);
    // the table of contents keeps its page number in text; norm blanks it
    expect(d.norm.split('\n')[2]).toBe('第一部分 单位概况   ');
    expect(d.notes.some((n) => n.includes('目录'))).toBe(true);
    expect(d.text).not.toContain('PAGEREF');
    expect(d.text).not.toContain('删除');
  });
});

describe('readDocx refuses bad input', () => {
  it('a truncated DOCX → corrupt, naming the file', async () => {
    const bytes = await buildDocx();
    const err = await expectReadError(readDocx(bytes.subarray(0, Math.floor(bytes.length / 2)), '半截.docx'), 'corrupt');
    expect(err.message).toContain('半截.docx');
    // damaged data inside an intact directory
    const zip = await JSZip.loadAsync(bytes);
    const broken = zipOf('word/document.xml', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x13, 0x37]), 1000);
    await expectReadError(readDocx(broken, 'broken.docx'), 'corrupt');
    expect(Object.keys(zip.files).length).toBeGreaterThan(3);
  });

  it('a zip that is not a Word document → unsupported', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    await expectReadError(readDocx(await zip.generateAsync({ type: 'uint8array' }), 'a.xlsx'), 'unsupported');
  });

  describe('zip bombs (a 400 MB entry of zeros, deflated to well under 1 MB)', () => {
    const SIZE = 400 * 1024 * 1024;
    let deflated: Buffer;
    beforeAll(async () => {
      deflated = await deflateZeros(SIZE);
    });
    it('is small on disk', () => expect(deflated.length).toBeLessThan(1024 * 1024));
    it('honest size fields: refused from the directory, before inflating', async () => {
      const err = await expectReadError(readDocx(zipOf('word/document.xml', deflated, SIZE), 'bomb.docx'), 'zip-bomb');
      expect(err.message).toContain('声明的解压大小');
    });
    it('lying size fields: refused while inflating, once the budget is spent', async () => {
      const err = await expectReadError(readDocx(zipOf('word/document.xml', deflated, 1234), 'liar.docx'), 'zip-bomb');
      expect(err.message).toContain('实际解压');
    });
    it('too many entries', async () => {
      const zip = new JSZip();
      for (let i = 0; i < 60; i++) zip.file(`f${i}.xml`, 'x');
      const b = await zip.generateAsync({ type: 'uint8array' });
      await expectReadError(readDocx(b, 'many.docx', { maxEntries: 50 }), 'zip-bomb');
    });
  });
});
