/**
 * PDF renderer: GeneratedDoc → PDF bytes with pdfmake 0.3 (pdfkit), no LibreOffice and no system
 * fonts. The fonts come in as bytes (cli/fonts.ts reads them from npm packages), one per role:
 * title 小标宋-like, hei 黑体-like (part headings, table captions and headers), kai 楷体-like
 * (section headings), fang 仿宋-like (body, tables, page numbers).
 *
 * Layout follows GB/T 9704 as render/docx.ts does: A4, margins top 37 / bottom 35 / left 28 /
 * right 26 mm, body 三号 (16 pt) on a 29 pt line with a two-character first-line indent, page
 * numbers "— N —" in 四号 7 mm below the text block. A cover page and a 目录 (with page numbers)
 * come first. pdfkit embeds subsets of the fonts as CID fonts with a ToUnicode map, so the text
 * layer reads back as written. In tables, a cell that is one number or percentage never wraps, and
 * column widths leave room for the longest number of each column.
 */
import { createRequire } from 'node:module';
import type { Cell, DocNode, GeneratedDoc } from '../generate/ast.js';
import { columnFractions, contentWidths, fitColumnWidths, layoutGrid, paragraphIndented, span } from './grid.js';

const require = createRequire(import.meta.url);

export type FontRole = 'title' | 'hei' | 'kai' | 'fang';
/** Font files (TrueType/OpenType bytes) per role. */
export type PdfFonts = Record<FontRole, Uint8Array>;

interface PdfOptions {
  /** Cover page and 目录 (default true). */
  cover?: boolean;
  /** Creation date written into the PDF info (default: now; tests pass a fixed one). */
  date?: Date;
}

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}
interface PdfKitDocument {
  on(event: string, fn: (arg: never) => void): void;
  end(): void;
}
interface PrinterCtor {
  new (fonts: unknown, vfs: unknown, urlResolver: unknown, localAccessPolicy?: unknown): {
    createPdfKitDocument(doc: unknown, options?: unknown): Promise<PdfKitDocument>;
  };
}

const pt = (mm: number) => (mm * 72) / 25.4;
const PDF_PAGE = {
  width: pt(210),
  height: pt(297),
  top: pt(37),
  bottom: pt(35),
  left: pt(28),
  right: pt(26),
};
const TEXT_WIDTH = PDF_PAGE.width - PDF_PAGE.left - PDF_PAGE.right;

/** 二号 22, 三号 16, 四号 14, 五号 10.5, 小五 9, 六号 7.5 (pt). */
const SIZE = { erhao: 22, sanhao: 16, sihao: 14, wuhao: 10.5, xiaowu: 9, liuhao: 7.5 } as const;
/** Body line pitch (pt), as in the DOCX. */
const BODY_LINE = 29;

const FAMILY: Record<FontRole, string> = { title: 'Title', hei: 'Hei', kai: 'Kai', fang: 'Fang' };

/** A cell that is one amount, count or percentage ("1,918.25", "-3.5%", "—"): never wrapped. */
const NUMERIC = /^[-+−－]?[\d,，.．]+[%％]?$|^[-—–－]+$/;

type Content = Record<string, unknown>;

/**
 * pdfmake's lineHeight is a factor of the font's own line height (pdfkit: ascender − descender,
 * without the line gap); this gives a fixed pitch whatever the font.
 */
function lineFactor(f: FontkitFont, size: number, pitch: number): number {
  const natural = ((f.ascent - f.descent) / f.unitsPerEm) * size;
  return pitch / natural;
}

function tableFontSize(columns: number): number {
  return columns > 10 ? SIZE.liuhao : columns > 6 ? SIZE.xiaowu : SIZE.wuhao;
}

const PAD_X = 2;
const PAD_Y = 1.5;
const RULE = 0.5;
const TABLE_LAYOUT = {
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  paddingLeft: () => PAD_X,
  paddingRight: () => PAD_X,
  paddingTop: () => PAD_Y,
  paddingBottom: () => PAD_Y,
};

function tableContent(t: Extract<DocNode, { type: 'table' }>, lineOf: (role: FontRole, size: number, pitch: number) => number): Content[] {
  const out: Content[] = [];
  if (t.caption) {
    out.push({ text: t.caption, style: 'caption', headlineLevel: 1, tocItem: true, tocStyle: 'tocTable', tocMargin: [32, 0, 0, 0] });
  }
  if (t.subcaption) out.push({ text: t.subcaption, style: 'subcaption' });
  const rows = [...t.header, ...t.body];
  const grid = layoutGrid(rows);
  const n = grid.columns;
  if (n > 0) {
    const size = tableFontSize(n);
    const room = TEXT_WIDTH - n * 2 * PAD_X - (n + 1) * RULE;
    const fr = columnFractions(n, t.widths ?? contentWidths(rows, n, t.header.length));
    // Latin digits of Noto Serif are ~0.55 em; fitColumnWidths counts 0.95 em per character (safe).
    const widths = fitColumnWidths(rows, fr, room, size, 0.5);
    const line = lineOf('fang', size, size * 1.35);
    const body = grid.slots.map((slots, r) => {
      const isHeader = r < t.header.length;
      return slots.map((slot) => {
        if (!slot) return { text: '' };
        if (!slot.origin) return {};
        const cell: Cell = slot.cell;
        const text = cell.text;
        const align = cell.align ?? (isHeader ? 'center' : 'left');
        const c: Content = {
          text,
          alignment: align,
          font: isHeader ? FAMILY.hei : FAMILY.fang,
          bold: !isHeader && !!cell.bold,
          fontSize: size,
          lineHeight: line,
        };
        if (NUMERIC.test(text.trim())) c.noWrap = true;
        const cs = span(cell.colSpan);
        const rs = Math.min(span(cell.rowSpan), rows.length - r);
        if (cs > 1) c.colSpan = cs;
        if (rs > 1) c.rowSpan = rs;
        return c;
      });
    });
    out.push({
      table: { headerRows: Math.min(t.header.length, rows.length), dontBreakRows: true, widths, body },
      layout: 'official',
    });
  }
  if (t.note) out.push({ text: t.note, style: 'note' });
  return out;
}

function nodeContent(
  node: DocNode,
  lineOf: (role: FontRole, size: number, pitch: number) => number,
  styles: Record<string, Content>,
): Content[] {
  switch (node.type) {
    case 'title':
      return [
        { text: node.text, style: 'title' },
        ...(node.subtitle ? [{ text: node.subtitle, style: 'title' }] : []),
        { text: ' ', style: 'body' },
      ];
    case 'heading': {
      const style = `h${node.level}`;
      const toc = node.level <= 2;
      return [
        {
          text: node.text,
          // pdfmake applies neither a named style's lineHeight nor leadingIndent to toc items: inline them.
          ...styles[style],
          // pdfmake ignores leadingIndent on toc items; headings are one line, so a margin does the same.
          margin: [2 * SIZE.sanhao, 0, 0, 0],
          headlineLevel: 1,
          ...(toc ? { tocItem: true, tocStyle: `toc${node.level}`, tocMargin: node.level === 1 ? [0, 2, 0, 0] : [16, 0, 0, 0] } : {}),
        },
      ];
    }
    case 'paragraph':
      return [
        {
          text: node.text,
          style: 'body',
          alignment: node.align ?? 'justify',
          leadingIndent: paragraphIndented(node) ? 2 * SIZE.sanhao : 0,
        },
      ];
    case 'table':
      return tableContent(node, lineOf);
    case 'pageBreak':
      return [];
  }
}

/** Cover: the title lines in the title face, about a third down the page. */
function cover(doc: GeneratedDoc): Content[] {
  const t = doc.nodes.find((n): n is Extract<DocNode, { type: 'title' }> => n.type === 'title');
  const lines = t ? [t.text, ...(t.subtitle ? [t.subtitle] : [])] : [doc.title];
  return [
    { text: '', margin: [0, 150, 0, 0] },
    ...lines.map((l) => ({ text: l, style: 'coverTitle' })),
  ];
}

function toUint8(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Render the document tree to PDF bytes. */
export async function renderPdf(doc: GeneratedDoc, fonts: PdfFonts, opts: PdfOptions = {}): Promise<Uint8Array> {
  const fontkit = require('fontkit') as { create(b: Uint8Array): FontkitFont };
  const Printer = (require('pdfmake/js/Printer.js') as { default: PrinterCtor }).default;
  const files = new Map<string, Uint8Array>();
  const metrics = {} as Record<FontRole, FontkitFont>;
  for (const role of Object.keys(FAMILY) as FontRole[]) {
    const bytes = fonts[role];
    files.set(`${role}.font`, bytes);
    metrics[role] = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  const lineOf = (role: FontRole, size: number, pitch: number) => lineFactor(metrics[role], size, pitch);
  const vfs = {
    existsSync: (name: string) => files.has(name),
    readFileSync: (name: string) => {
      const b = files.get(name);
      if (!b) throw new Error(`PDF 字体 ${name} 未提供`);
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    },
  };
  const urlResolver = { resolve: () => {}, resolved: async () => {} };
  const family = (role: FontRole, bold: FontRole = role) => ({
    normal: `${role}.font`,
    bold: `${bold}.font`,
    italics: `${role}.font`,
    bolditalics: `${bold}.font`,
  });
  const fontDefs = {
    [FAMILY.title]: family('title'),
    [FAMILY.hei]: family('hei'),
    [FAMILY.kai]: family('kai'),
    // Bold body text (level-3 headings, bold cells) takes the heavy serif.
    [FAMILY.fang]: family('fang', 'title'),
  };

  const bodyLine = lineOf('fang', SIZE.sanhao, BODY_LINE);
  const styles: Record<string, Content> = {
    coverTitle: { font: FAMILY.title, fontSize: 26, alignment: 'center', lineHeight: lineOf('title', 26, 46) },
    title: { font: FAMILY.title, fontSize: SIZE.erhao, alignment: 'center', lineHeight: lineOf('title', SIZE.erhao, 35) },
    h1: { font: FAMILY.hei, fontSize: SIZE.sanhao, lineHeight: lineOf('hei', SIZE.sanhao, BODY_LINE) },
    h2: { font: FAMILY.kai, fontSize: SIZE.sanhao, lineHeight: lineOf('kai', SIZE.sanhao, BODY_LINE) },
    h3: { font: FAMILY.fang, bold: true, fontSize: SIZE.sanhao, lineHeight: bodyLine },
    h4: { font: FAMILY.fang, fontSize: SIZE.sanhao, lineHeight: bodyLine },
    body: { font: FAMILY.fang, fontSize: SIZE.sanhao, lineHeight: bodyLine },
    caption: { font: FAMILY.hei, fontSize: SIZE.sihao, alignment: 'center', margin: [0, 8, 0, 4] },
    subcaption: { font: FAMILY.fang, fontSize: SIZE.wuhao, alignment: 'right', margin: [0, 0, 0, 2] },
    note: { font: FAMILY.fang, fontSize: SIZE.wuhao, lineHeight: lineOf('fang', SIZE.wuhao, 16), margin: [0, 3, 0, 0] },
    tocTitle: { font: FAMILY.hei, fontSize: SIZE.erhao, alignment: 'center', margin: [0, 0, 0, 18] },
    toc1: { font: FAMILY.hei, fontSize: SIZE.sanhao, lineHeight: lineOf('hei', SIZE.sanhao, 26) },
    toc2: { font: FAMILY.kai, fontSize: SIZE.sihao, lineHeight: lineOf('kai', SIZE.sihao, 23) },
    tocTable: { font: FAMILY.fang, fontSize: SIZE.sihao, lineHeight: lineOf('fang', SIZE.sihao, 23) },
    tocNumber: { font: FAMILY.fang, fontSize: SIZE.sihao },
  };

  const body: Content[] = [];
  let breakNext = false;
  for (const node of doc.nodes) {
    if (node.type === 'pageBreak') {
      breakNext = body.length > 0;
      continue;
    }
    const parts = nodeContent(node, lineOf, styles);
    if (breakNext && parts.length > 0) {
      parts[0] = { ...parts[0], pageBreak: 'before' };
      breakNext = false;
    }
    body.push(...parts);
  }

  const withCover = opts.cover ?? true;
  const content: Content[] = withCover
    ? [
        ...cover(doc),
        {
          toc: { title: { text: '目　录', style: 'tocTitle' }, textStyle: 'toc2', numberStyle: 'tocNumber' },
          pageBreak: 'before',
        },
        { stack: body, pageBreak: 'before' },
      ]
    : body;

  const definition = {
    pageSize: 'A4',
    pageMargins: [PDF_PAGE.left, PDF_PAGE.top, PDF_PAGE.right, PDF_PAGE.bottom],
    info: { title: doc.title, creator: 'juesuan', producer: 'juesuan (pdfmake)', creationDate: opts.date ?? new Date() },
    language: 'zh-CN',
    content,
    footer: (page: number) =>
      withCover && page === 1
        ? null
        : { text: `— ${page} —`, alignment: 'center', font: FAMILY.fang, fontSize: SIZE.sihao, margin: [0, pt(7), 0, 0] },
    // Keep a heading with what follows it.
    pageBreakBefore: (node: { headlineLevel?: number }, rest: { getFollowingNodesOnPage(): unknown[] }) =>
      node.headlineLevel === 1 && rest.getFollowingNodesOnPage().length === 0,
    defaultStyle: { font: FAMILY.fang, fontSize: SIZE.sanhao, lineHeight: bodyLine },
    styles,
  };

  const printer = new Printer(fontDefs, vfs, urlResolver, () => false);
  const pdf = await printer.createPdfKitDocument(definition, { tableLayouts: { official: TABLE_LAYOUT } });
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    pdf.on('data', (c: Uint8Array) => chunks.push(c));
    pdf.on('end', () => resolve(toUint8(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
