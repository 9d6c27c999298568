import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable, escapeBlock } from '../src/render/md.js';
import { contentWidths, fitColumnWidths, layoutGrid } from '../src/render/grid.js';
import { sampleDoc } from '../src/render/sample.js';
import type { GeneratedDoc } from '../src/generate/ast.js';

describe('layoutGrid', () => {
  it('places cells around row and column spans (HTML semantics)', () => {
    const g = layoutGrid([
      [{ text: 'A', rowSpan: 2 }, { text: 'B', colSpan: 2 }],
      [{ text: 'C' }, { text: 'D' }],
      [{ text: 'E', colSpan: 2 }, { text: 'F' }],
    ]);
    expect(g.columns).toBe(3);
    expect(g.placed).toEqual([[0, 1], [1, 2], [0, 2]]);
    expect(g.slots[1][0]!.cell.text).toBe('A');
    expect(g.slots[1][0]!.origin).toBe(false);
    expect(g.slots[0][2]!.cell.text).toBe('B');
  });
});

describe('fitColumnWidths', () => {
  it('widens a column too narrow for "100%" at the expense of columns with room to spare', () => {
    const rows = [[{ text: '绩效目标说明文字很长很长' }, { text: '100%' }]];
    const w = fitColumnWidths(rows, [0.9, 0.1], 1000, 100, 10);
    expect(w[0] + w[1]).toBeCloseTo(1000, 6);
    expect(w[1]).toBeGreaterThanOrEqual(4 * 0.9 * 100 + 10);
    expect(w[0]).toBeLessThan(900);
  });
  it('keeps the given widths when they already fit, or when nothing can fit', () => {
    expect(fitColumnWidths([[{ text: '1' }, { text: '2' }]], [0.5, 0.5], 1000, 10, 2)).toEqual([500, 500]);
    expect(fitColumnWidths([[{ text: '1234567890' }, { text: '1234567890' }]], [0.5, 0.5], 100, 100, 2)).toEqual([50, 50]);
  });
});

describe('contentWidths', () => {
  it('weighs columns by their longest body cell, ignoring header labels, clamped to 3…14', () => {
    const rows = [
      [{ text: '一般公共预算财政拨款' }, { text: '一般公共预算财政拨款' }, { text: '' }],
      [{ text: '一般公共预算财政拨款收入' }, { text: '1,826.48' }, { text: '' }],
    ];
    const w = contentWidths(rows, 3, 1);
    expect(w[0]).toBe(12);
    expect(w[1]).toBeCloseTo(8 * 0.55, 6);
    expect(w[2]).toBe(3);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleDoc());

  it('writes title, headings by level and paragraphs', () => {
    expect(md.startsWith('# 重庆市北碚区人民政府办公室2020年度部门决算情况说明\n')).toBe(true);
    expect(md).toContain('\n## 一、部门基本情况\n');
    expect(md).toContain('\n### （一）职能职责\n');
    expect(md).toContain('\n#### 1.总体情况。\n');
    expect(md).toContain('\n##### （1）一般公共服务支出\n');
    expect(md).toContain('2020年度收入总计1,918.25万元');
  });

  it('folds a two-row header and keeps merged cells readable', () => {
    const lines = md.split('\n');
    const h = lines.findIndex((l) => l.startsWith('| 项目'));
    expect(lines[h]).toBe('| 项目 | 行次 | 本年收入 / 财政拨款 | 本年收入 / 其他收入 |');
    expect(lines[h + 1]).toBe('| :---: | :---: | ---: | ---: |');
    // rowSpan repeated in the next row, colSpan blank.
    expect(lines[h + 2]).toBe('| 一般公共服务支出 | 1 | 1,462.95 | 0.00 |');
    expect(lines[h + 3]).toBe('| 一般公共服务支出 | 2 | 12.00 | — |');
    expect(lines[h + 4]).toBe('| 合计 |   | 1,474.95 | 0.00 |');
    // every table line has the same number of columns
    for (let i = h; i <= h + 4; i++) expect(lines[i].match(/(?<!\\)\|/g)!.length).toBe(5);
  });

  it('writes caption, unit line, note and a thematic break for page breaks', () => {
    expect(md).toContain('**收入支出决算总表**');
    expect(md).toContain('注：本表反映部门本年度的总收支和年末结转结余情况。');
    expect(md.split('\n').filter((l) => l === '---').length).toBe(2);
  });

  it('escapes Markdown syntax in text and pipes in cells', () => {
    expect(md).toContain('\\<b\\>\\&amp; | \\* \\_');
    expect(escapeBlock('1. 不是列表')).toBe('1\\. 不是列表');
    expect(escapeBlock('# 不是标题')).toBe('\\# 不是标题');
    const t = renderTable({ type: 'table', header: [[{ text: 'a|b' }]], body: [[{ text: 'x\ny' }]] });
    expect(t).toBe('| a\\|b |\n| --- |\n| x<br>y |');
  });

  it('adds the document title when the tree has no title node', () => {
    const d: GeneratedDoc = { title: '某单位决算', nodes: [{ type: 'paragraph', text: '正文' }] };
    expect(renderMarkdown(d)).toBe('# 某单位决算\n\n正文\n');
  });
});
