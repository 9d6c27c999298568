/**
 * Hostile inputs for the fuzz suite (issue 8), generated here so no binary fixture is committed. Each family
 * takes a size, so a test can double it and watch the time: long digit lines, unclosed inline tags and
 * `<a` floods, deep nesting, huge colspan/gridSpan, a PDF page that is one flood of text operators, a page-tree
 * loop, bad character references, and byte mutations of real files with a fixed seed.
 */
import { Buffer } from 'node:buffer';
import { constants as zlibConstants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { prng as rng } from '../bench/render.js';
import { pdfFromObjects } from './pdf-fixtures.js';
import { zip } from './zip-fixtures.js';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** `count` copies of the file, each with `bytesPerCopy` bytes set to random values, positions from the seed. */
export function mutateBytes(bytes: Uint8Array, seed: number, count: number, bytesPerCopy = 1): { at: number[]; bytes: Uint8Array }[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const b = bytes.slice();
    const at: number[] = [];
    for (let k = 0; k < bytesPerCopy; k++) {
      const i = Math.floor(r() * b.length);
      b[i] = Math.floor(r() * 256);
      at.push(i);
    }
    return { at, bytes: b };
  });
}

// ---------- text ----------

/** A 决算-like sentence followed by one line of n digits (the amount and date patterns' worst case). */
export const digitLine = (n: number) => enc(`2020年度收入决算1,918.25万元，比上年增加12.5%。\n${'1'.repeat(n)}\n`);
/** Digits with separators that amount patterns try at every position: "1,1,1,1…" and "1.1.1.1…". */
export const separatedDigits = (n: number) => enc(`支出决算${'1,'.repeat(n >> 1)}万元\n${'1.'.repeat(n >> 1)}年\n`);

/** Long runs of dot leaders, dashes and spaces that never end in a page number (table-of-contents patterns). */
export const leaderRuns = (n: number) => enc(`一、部门基本情况\n${'.'.repeat(n)}x\n${'-'.repeat(n)}x\n收入${' '.repeat(n)}x\n`);

// ---------- HTML ----------

const page = (body: string) => enc(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
export const htmlColspan = (span: number) => page(`<table><tr><td colspan="${span}">收入</td></tr><tr><td>1</td><td>2</td></tr></table>`);
export const htmlRowspan = (span: number) => page(`<table><tr><td rowspan="${span}">收入</td><td>1</td></tr><tr><td>2</td></tr></table>`);
/** n unclosed <span>s, each with a little text. */
export const htmlUnclosedSpans = (n: number) => page('<p>' + '<span>收入'.repeat(n) + '</p>');
/** n nested <div>s (closed). */
export const htmlDeepNesting = (n: number) => page('<div>'.repeat(n) + '收入决算' + '</div>'.repeat(n));
/** n nested tables, each in the cell of the one before. */
export const htmlNestedTables = (n: number) => page('<table><tr><td>'.repeat(n) + '收入' + '</td></tr></table>'.repeat(n));
/** `<a` repeated n times (an unterminated tag soup). */
export const htmlAnchorFlood = (n: number) => page('收入决算' + '<a'.repeat(n));

// ---------- DOCX ----------

function entry(name: string, text: string) {
  const raw = Buffer.from(text, 'utf8');
  const data = deflateRawSync(raw);
  return { name, data, method: 8 as const, crc: crc32(raw), size: raw.length };
}

/** A DOCX whose body is the given WordprocessingML (inside <w:body>). */
export function docxOf(body: string): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return new Uint8Array(
    zip([
      entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
      entry('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
      entry('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    ]),
  );
}
const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (t: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${para(t)}</w:tc>`;
export const docxGridSpan = (span: number) =>
  docxOf(para('收入决算') + `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>${tc('收入', `<w:gridSpan w:val="${span}"/>`)}</w:tr><w:tr>${tc('1')}${tc('2')}</w:tr></w:tbl>`);
export const docxGridBefore = (n: number) => docxOf(para('收入决算') + `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="${n}"/></w:trPr>${tc('1')}</w:tr></w:tbl>`);
export const docxVMerge = (rows: number) =>
  docxOf(para('收入决算') + `<w:tbl>${Array.from({ length: rows }, (_, i) => `<w:tr>${tc('x', `<w:vMerge${i ? '' : ' w:val="restart"'}/>`)}${tc(String(i))}</w:tr>`).join('')}</w:tbl>`);
/** `<a` repeated n times between paragraphs (tag starts that never end: the tokenizer's worst case). */
export const docxAnchorFlood = (n: number) => docxOf(para('收入决算') + '<a'.repeat(n) + para('支出决算'));
/** n comment or processing-instruction starts that are never closed. */
export const docxUnclosedComments = (n: number) => docxOf(para('收入决算') + '<!--<?x'.repeat(n));
/** A tag name n characters long that never ends. */
export const docxLongTagName = (n: number) => docxOf(para('收入决算') + '<w' + 'x'.repeat(n) + para('支出决算'));
/** n unclosed paragraphs. */
export const docxUnclosedParas = (n: number) => docxOf('<w:p><w:r><w:t>收入</w:t></w:r>'.repeat(n));
/** n nested tables. */
export const docxNestedTables = (n: number) => docxOf('<w:tbl><w:tr><w:tc>'.repeat(n) + para('收入') + '</w:tc></w:tr></w:tbl>'.repeat(n));
export const docxBadEntity = (ref = '&#x110000;') => docxOf(para(`收入决算${ref}万元`));
/** One paragraph with a run of n digits. */
export const docxDigitLine = (n: number) => docxOf(para('2020年度收入决算1,918.25万元') + para('1'.repeat(n)));

// ---------- PDF ----------

/** A PDF from object bodies (object i+1 = objs[i]); object 1 must be the catalog. Offsets computed. */
export const rawPdf = (objs: string[]) => pdfFromObjects(objs, 1);

/**
 * The font of the hostile PDFs, by which reader reads them: 'pdfjs' a standard Type1 font (Helvetica, not
 * embedded), which the quick reader (src/readers/pdf/quick) leaves to pdfjs; 'quick' a TrueType font (Arial,
 * not embedded, WinAnsi, with /Widths), which the quick reader reads itself. Object 3 of each file; the quick
 * font's descriptor is its last object.
 */
export type PdfFontKind = 'pdfjs' | 'quick';
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
const QUICK_FONT = (descriptor: number) =>
  `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /FontDescriptor ${descriptor} 0 R /Widths [${Array.from({ length: 95 }, (_, i) => 500 + (i % 7) * 40).join(' ')}] >>`;
const QUICK_DESCRIPTOR = '<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [-665 -325 2000 1006] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>';
/** The objects with object 3 set to the font of that kind (the quick font's descriptor appended). */
function withFont(objs: string[], font: PdfFontKind): string[] {
  if (font === 'pdfjs') return objs.map((o, i) => (i === 2 ? FONT : o));
  return [...objs.map((o, i) => (i === 2 ? QUICK_FONT(objs.length + 1) : o)), QUICK_DESCRIPTOR];
}
const pageObj = (contents: number, parent = 2) =>
  `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 595 842] /Contents ${contents} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`;
const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** One page whose content is one text object with n show-text operators, each one character further right. */
export function pdfTextFlood(n: number, sameSpot = false, font: PdfFontKind = 'pdfjs'): Uint8Array {
  const op = sameSpot ? '(1) Tj ' : '(1) Tj 0.01 0 Td ';
  const content = 'BT /F1 10 Tf 20 800 Td (Income 1918.25) Tj 0 -12 Td ' + op.repeat(n) + 'ET';
  return rawPdf(withFont(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '', pageObj(5), stream(content)], font));
}

/**
 * A flood as real files carry it, the content stream deflated (/FlateDecode): n text objects of one show each
 * (`ET BT (1) Tj`, by default), every one a separate text item — pdfjs's slowest work per byte of stream that
 * we found (2 M: 9.6 s, against 4.9 s for `(1) Tj 0.01 0 Td`, whose shows merge into one item). Ten million fit
 * in 253 KB (the stream inflates to 130 MB), well under the 20 MB input limit: only the reading costs. (In the
 * quick reader's font, keep the stream under its 64 MB: beyond, pdfjs reads the file.)
 */
export function pdfTextFloodDeflated(n: number, op = 'ET BT (1) Tj ', font: PdfFontKind = 'pdfjs'): Uint8Array {
  const block = Buffer.from(op.repeat(10000), 'latin1');
  const head = Buffer.from('BT /F1 10 Tf 20 800 Td (Income 1918.25) Tj 0 -12 Td ', 'latin1');
  const parts = [head, ...Array.from({ length: Math.floor(n / 10000) }, () => block), Buffer.from(op.repeat(n % 10000) + 'ET', 'latin1')];
  const data = deflateSync(Buffer.concat(parts), { level: 9 }).toString('latin1');
  const content = `<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data}\nendstream`;
  return rawPdf(withFont(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '', pageObj(5), content], font));
}

/** A one-page PDF followed by n object headers that never end (the stream check's object scan, ./streams.ts). */
export const pdfEndlessObjects = (n: number) => new Uint8Array(Buffer.concat([Buffer.from(pdfPages(1)), Buffer.from('1 0 obj << /Filter /FlateDecode /A 1 0 R >> '.repeat(n), 'latin1')]));

/** Pages of ordinary text (for mutation and page-count tests). */
export function pdfPages(n: number, font: PdfFontKind = 'pdfjs'): Uint8Array {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '', ''];
  const kids: number[] = [];
  for (let p = 1; p <= n; p++) {
    const content = `BT /F1 12 Tf 72 760 Td (Page ${p} income 1918.25) Tj ET`;
    objs.push(stream(content));
    objs.push(pageObj(objs.length));
    kids.push(objs.length);
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${n} >>`;
  return rawPdf(withFont(objs, font));
}

/** A page tree whose intermediate node lists itself among its kids (a loop), under a root declaring 3 pages. */
export function pdfPageTreeLoop(): Uint8Array {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 3 >>',
    FONT,
    pageObj(5),
    stream('BT /F1 12 Tf 72 760 Td (Page 1 income) Tj ET'),
    '<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 4 0 R] /Count 2 >>',
  ]);
}

/** Deeply nested form XObjects (each draws the next): recursion depth n in the content-stream evaluator. */
export function pdfNestedForms(n: number, font: PdfFontKind = 'pdfjs'): Uint8Array {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '', '', stream('BT /F1 12 Tf 72 760 Td (Top income) Tj ET /X6 Do')];
  objs[3] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /X6 6 0 R >> >> >>';
  for (let i = 0; i < n; i++) {
    const id = objs.length + 1;
    const body = i + 1 < n ? `/X${id + 1} Do` : 'BT /F1 12 Tf 72 700 Td (Deep) Tj ET';
    objs.push(`<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /X${id + 1} ${id + 1} 0 R >> >> /Length ${body.length} >>\nstream\n${body}\nendstream`);
  }
  return rawPdf(withFont(objs, font));
}

// ---------- workbooks (juesuan import) ----------

const XLSX_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const xlsxParts = () => [
  entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
  entry('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
  entry('xl/workbook.xml', `<?xml version="1.0"?><workbook ${XLSX_NS} ${R_NS}><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  entry('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
];

/** A workbook of one sheet whose dimension and one cell claim the whole grid (A1:XFD1048576). */
export function xlsxHugeDimension(ref = 'XFD1048576'): Uint8Array {
  const sheet = `<?xml version="1.0"?><worksheet ${XLSX_NS}><dimension ref="A1:${ref}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>收入支出决算总表</t></is></c></row><row r="${ref.replace(/^[A-Z]+/, '')}"><c r="${ref}"><v>1</v></c></row></sheetData></worksheet>`;
  return new Uint8Array(zip([...xlsxParts(), entry('xl/worksheets/sheet1.xml', sheet)]));
}

/**
 * A workbook whose sheet inflates to `mb` megabytes (spaces inside the sheet XML). Each part is deflated on its
 * own and flushed without ending the stream (Z_SYNC_FLUSH), so the megabyte of spaces is compressed once and
 * its blocks repeated: making a gigabyte bomb takes a megabyte. Sizes are declared honestly unless `lie` (the
 * sheet then claims 1000 bytes, and only inflating it tells).
 */
export function xlsxZipBomb(mb: number, lie = false): Uint8Array {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const head = Buffer.from(`<?xml version="1.0"?><worksheet ${XLSX_NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`);
  const tail = Buffer.from('</sheetData></worksheet>');
  const flush = { finishFlush: zlibConstants.Z_SYNC_FLUSH };
  const spaces = deflateRawSync(chunk, flush);
  const data = Buffer.concat([deflateRawSync(head, flush), ...Array.from({ length: mb }, () => spaces), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < mb; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const size = head.length + mb * chunk.length + tail.length;
  return new Uint8Array(zip([...xlsxParts(), { name: 'xl/worksheets/sheet1.xml', data, method: 8, crc, size: size >>> 0, ...(lie ? { declaredSize: 1000 } : {}) }]));
}

/** `mb` megabytes of bytes from the seed that are no workbook at all (named .xlsx by the caller). */
export function junkBytes(mb: number, seed = 1): Uint8Array {
  const r = rng(seed);
  const b = new Uint8Array(mb << 20);
  for (let i = 0; i < b.length; i += 4) {
    const v = Math.floor(r() * 2 ** 32);
    b[i] = v & 255;
    b[i + 1] = (v >> 8) & 255;
    b[i + 2] = (v >> 16) & 255;
    b[i + 3] = (v >>> 24) & 255;
  }
  return b;
}
