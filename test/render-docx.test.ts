import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx, PAGE } from '../src/render/docx.js';
import { sampleDoc } from '../src/render/sample.js';
import { docxToPdf, findSoffice } from '../src/cli/io.js';

async function documentXml(bytes: Uint8Array): Promise<{ doc: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await zip.file('word/document.xml')!.async('string');
  return { doc, zip };
}

/** Plain text of a WordprocessingML part (w:t contents, one paragraph per line). */
function text(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe('renderDocx', () => {
  it('writes a valid DOCX zip with the Chinese text, in reading order', async () => {
    const bytes = await renderDocx(sampleDoc());
    expect(bytes[0]).toBe(0x50); // PK
    expect(bytes[1]).toBe(0x4b);
    const { doc, zip } = await documentXml(bytes);
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const t = text(doc);
    const order = ['重庆市北碚区人民政府办公室2020年度部门决算情况说明', '一、部门基本情况', '收入支出决算总表', '一般公共服务支出', '1,474.95', '二、名词解释'];
    let at = -1;
    for (const s of order) {
      const i = t.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain('特殊字符 <b>&amp; | * _ 保持原样'.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('has real merged cells: gridSpan for colSpan, vMerge restart/continue for rowSpan', async () => {
    const { doc } = await documentXml(await renderDocx(sampleDoc()));
    const table = doc.slice(doc.indexOf('<w:tbl>'), doc.indexOf('</w:tbl>'));
    const rows = table.split('</w:tr>').slice(0, -1);
    expect(rows.length).toBe(5); // 2 header + 3 body
    const cells = (r: string) => r.split('</w:tc>').slice(0, -1);
    // header row 1: 项目 (vMerge restart), 行次 (restart), 本年收入 (gridSpan 2)
    expect(cells(rows[0]).length).toBe(3);
    expect(cells(rows[0])[0]).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(cells(rows[0])[2]).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(text(cells(rows[0])[2])).toContain('本年收入');
    // header row 2: two continuation cells then 财政拨款, 其他收入
    const r2 = cells(rows[1]);
    expect(r2.length).toBe(4);
    expect(r2[0]).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
    expect(r2[1]).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
    expect(text(r2[2])).toContain('财政拨款');
    // body: 一般公共服务支出 merged over two rows, 合计 across two columns
    expect(cells(rows[2])[0]).toMatch(/restart/);
    expect(cells(rows[3])[0]).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
    expect(cells(rows[4])[0]).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(text(cells(rows[4])[0])).toContain('合计');
    // header rows repeat on each page
    expect(rows[0]).toContain('<w:tblHeader');
    expect(table).toMatch(/<w:tblGrid>(<w:gridCol w:w="\d+"\/>){4}<\/w:tblGrid>/);
  });

  it('follows the official-document layout: A4, GB/T 9704 margins, fonts, zh-CN, page number', async () => {
    const { doc, zip } = await documentXml(await renderDocx(sampleDoc()));
    expect(doc).toMatch(new RegExp(`<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"`));
    expect([PAGE.width, PAGE.height]).toEqual([11906, 16838]);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)![1];
    expect(mar).toContain(`w:top="${PAGE.top}"`);
    expect(mar).toContain(`w:bottom="${PAGE.bottom}"`);
    expect(mar).toContain(`w:left="${PAGE.left}"`);
    expect(mar).toContain(`w:right="${PAGE.right}"`);
    expect([PAGE.top, PAGE.bottom, PAGE.left, PAGE.right]).toEqual([2098, 1984, 1587, 1474]);
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('w:eastAsia="楷体_GB2312"');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toMatch(/<w:sz w:val="44"\/>/); // 二号 title
    expect(doc).toMatch(/<w:sz w:val="32"\/>/); // 三号 body
    expect(doc).toMatch(/<w:spacing w:line="580" w:lineRule="exact"\/>/);
    expect(doc).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(doc).toContain('<w:pageBreakBefore/>');
    // every run carries zh-CN for East Asian text
    const runs = doc.match(/<w:r>.*?<\/w:r>/g)!.filter((r) => r.includes('<w:t'));
    expect(runs.length).toBeGreaterThan(10);
    // zh-CN for East Asian text; en-US for digits, or LibreOffice breaks lines inside numbers
    for (const r of runs) expect(r).toMatch(/<w:lang w:val="en-US" w:eastAsia="zh-CN"\/>/);
    const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
    const footer = await zip.file(footerName)!.async('string');
    expect(footer).toMatch(/— <\/w:t>.*PAGE.*<w:t[^>]*> —/s);
  });

  it('converts to PDF with LibreOffice and pdftotext finds the title', async () => {
    expect(findSoffice(), 'soffice is needed (apt-get install libreoffice-writer-nogui; .ci/run installs it)').toBeTruthy();
    const pdf = await docxToPdf(await renderDocx(sampleDoc()));
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-docx-test-'));
    try {
      const f = path.join(dir, 'a.pdf');
      writeFileSync(f, pdf);
      // (no pdftotext is a missing tool, not a passed check: the test fails and says how to install it)
      let txt: string;
      try {
        txt = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
      } catch (e) {
        throw new Error(`pdftotext is needed for the text check (apt-get install poppler-utils; .ci/run installs it): ${String(e)}`);
      }
      const flat = txt.replace(/\s+/g, '');
      expect(flat).toContain('重庆市北碚区人民政府办公室2020年度部门');
      expect(flat).toContain('收入支出决算总表');
      expect(txt).toMatch(/—\s*2\s*—/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
