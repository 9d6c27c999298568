import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { renderHtml, escapeHtml } from '../src/render/html.js';
import { sampleDoc } from '../src/render/sample.js';

describe('renderHtml', () => {
  const html = renderHtml(sampleDoc());
  const root = parse(html);

  it('is a self-contained Chinese page with A4 print CSS and the font stacks', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(root.querySelector('html')!.getAttribute('lang')).toBe('zh-CN');
    expect(root.querySelector('title')!.text).toBe('重庆市北碚区人民政府办公室2020年度部门决算情况说明');
    const css = root.querySelector('style')!.text;
    expect(css).toContain('@page');
    expect(css).toContain('size: A4');
    expect(css).toContain('margin: 37mm 26mm 35mm 28mm');
    expect(css).toContain('"FangSong", "仿宋_GB2312"');
    expect(css).toContain('"方正小标宋简体"');
    expect(html).not.toMatch(/<link|<script|src="http/);
  });

  it('writes headings by level, indented paragraphs and a page break', () => {
    expect(root.querySelector('h1.title')!.text).toBe('重庆市北碚区人民政府办公室2020年度部门决算情况说明');
    expect(root.querySelector('p.subtitle')!.text).toBe('（示例）');
    expect(root.querySelectorAll('h2').map((h) => h.text)).toEqual(['一、部门基本情况', '二、名词解释']);
    expect(root.querySelector('h3')!.text).toBe('（一）职能职责');
    const unit = root.querySelectorAll('p').find((p) => p.text === '单位：万元')!;
    expect(unit.classList.contains('right')).toBe(true);
    expect(unit.classList.contains('indent')).toBe(false);
    expect(root.querySelectorAll('p.indent').length).toBeGreaterThan(0);
    expect(root.querySelectorAll('hr.page-break').length).toBe(2);
  });

  it('keeps rowspan and colspan in the table', () => {
    const table = root.querySelector('table')!;
    const head = table.querySelectorAll('thead tr');
    expect(head.length).toBe(2);
    expect(head[0].querySelectorAll('th').map((c) => [c.text, c.getAttribute('rowspan'), c.getAttribute('colspan')])).toEqual([
      ['项目', '2', undefined],
      ['行次', '2', undefined],
      ['本年收入', undefined, '2'],
    ]);
    const body = table.querySelectorAll('tbody tr');
    expect(body[0].querySelector('td')!.getAttribute('rowspan')).toBe('2');
    expect(body[1].querySelectorAll('td').length).toBe(3);
    expect(body[2].querySelector('td')!.getAttribute('colspan')).toBe('2');
    expect(table.querySelectorAll('col').length).toBe(4);
    expect(root.querySelector('figcaption')!.text).toBe('收入支出决算总表');
  });

  it('escapes all text', () => {
    expect(html).toContain('特殊字符 &lt;b&gt;&amp;amp; | * _ 保持原样');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const evil = renderHtml({ title: '</title><script>x</script>', nodes: [{ type: 'table', header: [], body: [[{ text: '<img onerror=1>' }]] }] });
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<img');
  });
});
