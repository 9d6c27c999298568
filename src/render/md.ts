/**
 * Markdown renderer: GeneratedDoc → CommonMark/GFM text. Tables become pipe tables; a pipe table
 * has exactly one header row and no merged cells, so multi-row headers are folded into one
 * ("本年收入 / 财政拨款"), a cell merged down several rows is repeated in each row (every row then
 * reads on its own), and a cell merged across columns is written once with the rest left blank.
 */
import type { Cell, DocNode, GeneratedDoc } from '../generate/ast.js';
import { layoutGrid } from './grid.js';

type TableNode = Extract<DocNode, { type: 'table' }>;

/** Escape characters that would start Markdown syntax at the beginning of a block. */
export function escapeBlock(text: string): string {
  const oneLine = text.replace(/\r\n?/g, '\n');
  return oneLine
    .split('\n')
    .map((line) => {
      let l = line.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/&(?=#?\w+;)/g, '\\&');
      if (/^\s{0,3}(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|={2,}\s*$|-{2,}\s*$)/.test(l)) {
        l = l.replace(/^(\s*)(\d{1,9})([.)])/, '$1$2\\$3').replace(/^(\s*)([#>+=-])/, '$1\\$2');
      }
      return l;
    })
    .join('  \n');
}

/** Text of a table cell: pipes escaped, line breaks as <br>. */
function escapeCell(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([\\|`*_[\]<>])/g, '\\$1')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/\n/g, '<br>')
    .trim();
}

function headerLabels(table: TableNode, columns: number): string[] {
  const grid = layoutGrid(table.header);
  const labels: string[] = [];
  for (let c = 0; c < columns; c++) {
    const parts: string[] = [];
    for (const row of grid.slots) {
      const slot = row[c];
      if (!slot) continue;
      const t = slot.cell.text.trim();
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    labels.push(parts.join(' / '));
  }
  return labels;
}

function alignMarker(cells: (Cell | null)[]): string {
  const counts = { left: 0, center: 0, right: 0 };
  for (const c of cells) if (c?.align) counts[c.align]++;
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), 'left');
  if (counts[best] === 0) return '---';
  return best === 'right' ? '---:' : best === 'center' ? ':---:' : '---';
}

export function renderTable(table: TableNode): string {
  const out: string[] = [];
  if (table.caption) out.push(`**${escapeCell(table.caption)}**`, '');
  if (table.subcaption) out.push(escapeBlock(table.subcaption), '');
  // Header and body on one grid, so that widths agree even if the two disagree on column count.
  const all = layoutGrid([...table.header, ...table.body]);
  const columns = all.columns;
  if (columns > 0) {
    const bodySlots = all.slots.slice(table.header.length);
    const header = table.header.length > 0 ? headerLabels(table, columns) : new Array<string>(columns).fill('');
    const line = (cells: string[]) => `| ${cells.map((t) => t || ' ').join(' | ')} |`;
    out.push(line(header.map(escapeCell)));
    const markers: string[] = [];
    for (let c = 0; c < columns; c++) markers.push(alignMarker(bodySlots.map((r) => (r[c] && r[c]!.col === c ? r[c]!.cell : null))));
    out.push(`| ${markers.join(' | ')} |`);
    for (const row of bodySlots) {
      const texts: string[] = [];
      for (let c = 0; c < columns; c++) {
        const slot = row[c];
        // Repeat down (rowSpan), blank across (colSpan).
        texts.push(slot && slot.col === c ? escapeCell(slot.cell.text) : '');
      }
      out.push(line(texts));
    }
  }
  if (table.note) out.push('', escapeBlock(table.note));
  return out.join('\n');
}

function renderNode(node: DocNode): string {
  switch (node.type) {
    case 'title':
      return node.subtitle ? `# ${escapeCell(node.text)}\n\n${escapeBlock(node.subtitle)}` : `# ${escapeCell(node.text)}`;
    case 'heading':
      return `${'#'.repeat(node.level + 1)} ${escapeCell(node.text)}`;
    case 'paragraph':
      return escapeBlock(node.text);
    case 'table':
      return renderTable(node);
    case 'pageBreak':
      return '---';
  }
}

/** Render the document as Markdown (ends with a newline). */
export function renderMarkdown(doc: GeneratedDoc): string {
  const blocks: string[] = [];
  if (!doc.nodes.some((n) => n.type === 'title') && doc.title) blocks.push(`# ${escapeCell(doc.title)}`);
  for (const n of doc.nodes) {
    const b = renderNode(n);
    if (b) blocks.push(b);
  }
  return blocks.join('\n\n') + '\n';
}
