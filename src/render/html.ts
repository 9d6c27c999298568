/**
 * HTML renderer: GeneratedDoc → one self-contained page (no external assets). Print CSS follows
 * the official-document layout (A4, GB/T 9704 margins 37/35/28/26 mm, 仿宋 body, 小标宋 title);
 * tables keep real rowspan/colspan.
 */
import type { Cell, DocNode, GeneratedDoc } from '../generate/ast.js';
import { columnCount, columnFractions, contentWidths, paragraphIndented, span } from './grid.js';

type TableNode = Extract<DocNode, { type: 'table' }>;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESC[ch]);
}

/** Escaped text with line breaks kept. */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "Times New Roman", serif; font-size: 14pt; } }
:root { --body-font: "FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", serif; }
html { background: #f3f3f3; }
body { font-family: var(--body-font); font-size: 16pt; line-height: 28.5pt; color: #000;
  background: #fff; max-width: 156mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; box-sizing: content-box; }
h1.title { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-size: 22pt;
  font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 14pt; }
p.subtitle { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; line-height: 1.5; margin: -14pt 0 14pt; }
h2, h3, h4, h5 { font-size: 16pt; margin: 0; text-indent: 2em; line-height: 28.5pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
h3 { font-family: "楷体_GB2312", "KaiTi", "楷体", "Noto Serif CJK SC", serif; font-weight: normal; }
h4 { font-family: var(--body-font); font-weight: bold; }
h5 { font-family: var(--body-font); font-weight: normal; }
p { margin: 0; text-align: justify; }
p.indent { text-indent: 2em; }
p.left { text-align: left; } p.center { text-align: center; } p.right { text-align: right; }
figure.table { margin: 10pt 0; break-inside: auto; }
figure.table figcaption { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 14pt; line-height: 1.6; }
figure.table .subcaption { font-size: 10.5pt; line-height: 1.6; text-align: right; }
figure.table .note { font-size: 10.5pt; line-height: 1.6; margin-top: 4pt; text-indent: 0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.35; table-layout: fixed; }
table.dense { font-size: 9pt; } table.xdense { font-size: 7.5pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; word-break: break-all; }
th { font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.l, th.l { text-align: left; } td.c, th.c { text-align: center; } td.r, th.r { text-align: right; }
td.b { font-weight: bold; }
hr.page-break { border: 0; border-top: 1px dashed #bbb; margin: 18pt -26mm 18pt -28mm; }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; }
  hr.page-break { break-after: page; border: 0; margin: 0; height: 0; }
}
`;

function cellHtml(tag: 'th' | 'td', cell: Cell): string {
  const attrs: string[] = [];
  if (span(cell.rowSpan) > 1) attrs.push(`rowspan="${span(cell.rowSpan)}"`);
  if (span(cell.colSpan) > 1) attrs.push(`colspan="${span(cell.colSpan)}"`);
  const cls: string[] = [];
  if (cell.align) cls.push(cell.align[0]);
  if (cell.bold && tag === 'td') cls.push('b');
  if (cls.length) attrs.push(`class="${cls.join(' ')}"`);
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${textHtml(cell.text)}</${tag}>`;
}

function tableHtml(t: TableNode): string {
  const cols = columnCount(t.header, t.body);
  const fr = columnFractions(cols, t.widths ?? contentWidths([...t.header, ...t.body], cols, t.header.length));
  const density = cols > 10 ? ' class="xdense"' : cols > 6 ? ' class="dense"' : '';
  const out: string[] = ['<figure class="table">'];
  if (t.caption) out.push(`<figcaption>${textHtml(t.caption)}</figcaption>`);
  if (t.subcaption) out.push(`<div class="subcaption">${textHtml(t.subcaption)}</div>`);
  out.push(`<table${density}>`);
  if (cols > 0) out.push(`<colgroup>${fr.map((f) => `<col style="width:${(f * 100).toFixed(2)}%">`).join('')}</colgroup>`);
  if (t.header.length) {
    out.push('<thead>');
    for (const row of t.header) out.push(`<tr>${row.map((c) => cellHtml('th', c)).join('')}</tr>`);
    out.push('</thead>');
  }
  out.push('<tbody>');
  for (const row of t.body) out.push(`<tr>${row.map((c) => cellHtml('td', c)).join('')}</tr>`);
  out.push('</tbody></table>');
  if (t.note) out.push(`<p class="note">${textHtml(t.note)}</p>`);
  out.push('</figure>');
  return out.join('\n');
}

function nodeHtml(node: DocNode): string {
  switch (node.type) {
    case 'title':
      return (
        `<h1 class="title">${textHtml(node.text)}</h1>` +
        (node.subtitle ? `\n<p class="subtitle">${textHtml(node.subtitle)}</p>` : '')
      );
    case 'heading': {
      const tag = `h${node.level + 1}`;
      return `<${tag}>${textHtml(node.text)}</${tag}>`;
    }
    case 'paragraph': {
      const cls: string[] = [];
      if (paragraphIndented(node)) cls.push('indent');
      if (node.align) cls.push(node.align);
      return `<p class="${cls.join(' ')}">${textHtml(node.text)}</p>`;
    }
    case 'table':
      return tableHtml(node);
    case 'pageBreak':
      return '<hr class="page-break">';
  }
}

/** Render the document as a complete HTML page. */
export function renderHtml(doc: GeneratedDoc): string {
  const parts: string[] = [];
  if (!doc.nodes.some((n) => n.type === 'title') && doc.title) parts.push(`<h1 class="title">${textHtml(doc.title)}</h1>`);
  for (const n of doc.nodes) parts.push(nodeHtml(n));
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="juesuan">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...parts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
