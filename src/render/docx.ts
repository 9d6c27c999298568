/**
 * DOCX renderer: GeneratedDoc → .docx bytes (docx@9), following the official-document layout of
 * GB/T 9704: A4, margins top 37 / bottom 35 / left 28 / right 26 mm (a 156 × 225 mm text block),
 * title 方正小标宋简体 二号 centred, headings 黑体 / 楷体_GB2312 三号, body 仿宋_GB2312 三号 on a
 * fixed 29 pt line with a 2-character first-line indent, page number "— N —" in the footer.
 *
 * Every run names its East Asian font explicitly and carries `language.eastAsia = zh-CN`: without
 * the language tag LibreOffice picks the Japanese glyph variants of the CJK fallback font. The font
 * table (render/docx-fonts.ts) gives each official font an alternate name Windows ships (仿宋, 楷体,
 * SimHei, 宋体) with the GB2312 charset; where none is installed (Linux), LibreOffice falls back to
 * Noto Sans/Serif CJK SC.
 * Tables use real merges (w:gridSpan / w:vMerge via docx's columnSpan / rowSpan).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Cell, DocNode, GeneratedDoc } from '../generate/ast.js';
import { columnFractions, contentWidths, fitColumnWidths, layoutGrid, paragraphIndented, span } from './grid.js';
import { fontTableXml } from './docx-fonts.js';

type TableNode = Extract<DocNode, { type: 'table' }>;
type Block = Paragraph | Table;

/** Millimetres → twentieths of a point. */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  /** Footer sits 7 mm below the text block (GB/T 9704 7.5). */
  footer: mm(35 - 7 - 5),
};
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Font names as installed on Chinese government desktops; Latin fallback for digits and letters. */
export const FONTS = {
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  fang: '仿宋_GB2312',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt, 六号 7.5 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18, liuhao: 15 } as const;
/** Fixed body line: 29 pt (within the 28–29 pt of official documents). */
const BODY_LINE = 580;
/** Two characters of 三号. */
const INDENT_2CH = 2 * 16 * 20;

/**
 * East Asian text is zh-CN (without it LibreOffice draws Japanese glyph variants); Latin text
 * (digits, amounts) is en-US, because with a Chinese locale on Latin text LibreOffice breaks
 * lines inside numbers ("2 / 83.53万元").
 */
const LANG = { value: 'en-US', eastAsia: 'zh-CN' } as const;

function font(eastAsia: string, latin: string = FONTS.latin) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

/** Lines of text as runs separated by breaks (docx has no newline inside w:t). */
function runs(text: string, opts: { font: string; latinFont?: string; size: number; bold?: boolean }): TextRun[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.map(
    (l, i) =>
      new TextRun({
        text: l,
        break: i > 0 ? 1 : undefined,
        font: font(opts.font, opts.latinFont),
        size: opts.size,
        bold: opts.bold,
        language: LANG,
      }),
  );
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const HEADING_STYLE: Record<1 | 2 | 3 | 4, { font: string; bold?: boolean }> = {
  1: { font: FONTS.hei },
  2: { font: FONTS.kai },
  3: { font: FONTS.fang, bold: true },
  4: { font: FONTS.fang },
};

function tableFontSize(columns: number): number {
  return columns > 10 ? SIZE.liuhao : columns > 6 ? SIZE.xiaowu : SIZE.wuhao;
}

/** Left/right cell padding in twips. */
const CELL_MARGIN = 45;

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

function tableBlocks(t: TableNode, breakBefore: boolean): Block[] {
  const blocks: Block[] = [];
  let pendingBreak = breakBefore;
  const takeBreak = () => {
    const b = pendingBreak;
    pendingBreak = false;
    return b;
  };
  if (t.caption) {
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        pageBreakBefore: takeBreak(),
        keepNext: true,
        spacing: { before: 120, after: 120, line: 300, lineRule: LineRuleType.AUTO },
        children: runs(t.caption, { font: FONTS.hei, size: SIZE.sihao }),
      }),
    );
  }
  if (t.subcaption) {
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        pageBreakBefore: takeBreak(),
        keepNext: true,
        spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO },
        children: runs(t.subcaption, { font: FONTS.fang, size: SIZE.wuhao }),
      }),
    );
  }
  if (pendingBreak) {
    blocks.push(new Paragraph({ pageBreakBefore: takeBreak(), spacing: { line: 240 }, children: [] }));
  }

  const rows = [...t.header, ...t.body];
  const grid = layoutGrid(rows);
  const columns = grid.columns;
  if (columns > 0) {
    const fr = columnFractions(columns, t.widths ?? contentWidths(rows, columns, t.header.length));
    const size = tableFontSize(columns);
    // size is in half-points: 1 em = size × 10 twips; padding = left + right cell margins.
    const colW = fitColumnWidths(rows, fr, TEXT_WIDTH, size * 10, 2 * CELL_MARGIN + 20).map((x) => Math.floor(x));
    colW[colW.length - 1] += TEXT_WIDTH - colW.reduce((a, b) => a + b, 0);
    const tableRows = rows.map((cells, r) => {
      const isHeader = r < t.header.length;
      return new TableRow({
        tableHeader: isHeader,
        cantSplit: true,
        children: cells.map((cell, i) => {
          const col = grid.placed[r][i];
          const cs = span(cell.colSpan);
          const rs = Math.min(span(cell.rowSpan), rows.length - r);
          const width = colW.slice(col, col + cs).reduce((a, b) => a + b, 0);
          return tableCell(cell, { isHeader, size, width, cs, rs });
        }),
      });
    });
    blocks.push(
      new Table({
        rows: tableRows,
        columnWidths: colW,
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        layout: TableLayoutType.FIXED,
        alignment: AlignmentType.CENTER,
        borders: BORDERS,
        margins: { top: 30, bottom: 30, left: CELL_MARGIN, right: CELL_MARGIN },
      }),
    );
  }
  if (t.note) {
    blocks.push(
      new Paragraph({
        spacing: { before: 60, line: 300, lineRule: LineRuleType.AUTO },
        children: runs(t.note, { font: FONTS.fang, size: SIZE.wuhao }),
      }),
    );
  }
  return blocks;
}

function tableCell(cell: Cell, o: { isHeader: boolean; size: number; width: number; cs: number; rs: number }): TableCell {
  const align = cell.align ?? (o.isHeader ? 'center' : 'left');
  return new TableCell({
    columnSpan: o.cs > 1 ? o.cs : undefined,
    rowSpan: o.rs > 1 ? o.rs : undefined,
    width: { size: o.width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: runs(cell.text, { font: o.isHeader ? FONTS.hei : FONTS.fang, size: o.size, bold: cell.bold }),
      }),
    ],
  });
}

function nodeBlocks(node: DocNode, breakBefore: boolean): Block[] {
  switch (node.type) {
    case 'title': {
      const out: Block[] = [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          pageBreakBefore: breakBefore,
          outlineLevel: 0,
          spacing: { before: 0, after: node.subtitle ? 0 : BODY_LINE, line: 700, lineRule: LineRuleType.EXACT },
          children: runs(node.text, { font: FONTS.title, latinFont: FONTS.title, size: SIZE.erhao }),
        }),
      ];
      if (node.subtitle) {
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: BODY_LINE, line: 700, lineRule: LineRuleType.EXACT },
            // The generator puts the second title line here ("2020年度部门决算情况说明").
            children: runs(node.subtitle, { font: FONTS.title, latinFont: FONTS.title, size: SIZE.erhao }),
          }),
        );
      }
      return out;
    }
    case 'heading': {
      const st = HEADING_STYLE[node.level];
      return [
        new Paragraph({
          pageBreakBefore: breakBefore,
          keepNext: true,
          outlineLevel: node.level,
          indent: { firstLine: INDENT_2CH },
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          children: runs(node.text, { font: st.font, size: SIZE.sanhao, bold: st.bold }),
        }),
      ];
    }
    case 'paragraph':
      return [
        new Paragraph({
          pageBreakBefore: breakBefore,
          alignment: ALIGN[node.align ?? 'justify'],
          indent: paragraphIndented(node) ? { firstLine: INDENT_2CH } : undefined,
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          children: runs(node.text, { font: FONTS.fang, size: SIZE.sanhao }),
        }),
      ];
    case 'table':
      return tableBlocks(node, breakBefore);
    case 'pageBreak':
      return [];
  }
}

function footer(): Footer {
  const children: ParagraphChild[] = [
    new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.fang), size: SIZE.sihao, language: LANG }),
  ];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

/** Build the docx Document object (exposed for tests that inspect structure). */
function buildDocument(doc: GeneratedDoc): Document {
  const blocks: Block[] = [];
  let pendingBreak = false;
  const hasTitle = doc.nodes.some((n) => n.type === 'title');
  const nodes: DocNode[] = hasTitle || !doc.title ? doc.nodes : [{ type: 'title', text: doc.title }, ...doc.nodes];
  for (const node of nodes) {
    if (node.type === 'pageBreak') {
      pendingBreak = blocks.length > 0;
      continue;
    }
    blocks.push(...nodeBlocks(node, pendingBreak));
    pendingBreak = false;
  }
  // Word wants a paragraph after a closing table.
  if (blocks.length === 0 || blocks[blocks.length - 1] instanceof Table) blocks.push(new Paragraph({ children: [] }));

  return new Document({
    title: doc.title,
    creator: 'juesuan',
    description: '部门决算公开',
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.fang), size: SIZE.sanhao, language: LANG },
          paragraph: { spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: PAGE.footer, header: mm(15) },
          },
        },
        footers: { default: footer() },
        children: blocks,
      },
    ],
  });
}

/** Render the document as .docx bytes, its font table naming a fallback for each official font. */
export async function renderDocx(doc: GeneratedDoc): Promise<Uint8Array> {
  const buf = await Packer.toBuffer(buildDocument(doc), false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
