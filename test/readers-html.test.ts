/**
 * HTML reader: a published-looking GBK page with navigation chrome, a breadcrumb, a footer and a data table
 * with rowspan/colspan; the chrome goes, the table and the text stay, offsets are exact.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../src/readers/html.js';
import { ReadError, type SourceDoc } from '../src/readers/types.js';

const PAGE = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>北碚区人民政府办公室2020年度部门决算 - 首页</title>
<style>.nav{color:red}</style><script>var menu = "首页 机构概况";</script></head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<nav><ul><li>网站地图</li><li>无障碍</li></ul></nav>
<div id="mainMenu"><ul><li>机构概况</li><li>政策文件</li></ul></div>
<div class="position">您当前的位置：首页 &gt; 财政资金 &gt; 部门决算</div>
<div class="content">
  <h1>重庆市北碚区人民政府办公室2020年度部门决算</h1>
  <p class="info">发布时间：2021-09-10</p>
  <h2>一、部门基本情况</h2>
  <p>&nbsp;&nbsp;2020年度收入总计１，９１８．２５万元，
     支出总计1,918.25万元。<br>收支較上年决算数减少332.06万元。</p>
  <table border="1">
    <caption>表1 收入支出决算总表</caption>
    <thead><tr><th rowspan="2">项目</th><th colspan="2">金额（万元）</th></tr>
    <tr><th>本年</th><th>上年</th></tr></thead>
    <tbody><tr><td>收入合计</td><td>1,911.05</td><td>2,062.86</td></tr>
    <tr><td>&nbsp;</td><td></td><td></td></tr></tbody>
  </table>
  <p>附件：<a href="x.xls">决算公开表.xls</a></p>
</div>
<aside class="related"><p>相关链接</p></aside>
<div class="footer">版权所有：重庆市北碚区人民政府 渝ICP备05003300号</div>
</body></html>`;

function read(html: string, enc = 'gbk'): SourceDoc {
  return readHtml(new Uint8Array(iconv.encode(html, enc)), 'beibei.html');
}

describe('readHtml', () => {
  const doc = read(PAGE);

  it('drops the chrome and keeps the content as lines', () => {
    expect(doc.format).toBe('html');
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '重庆市北碚区人民政府办公室2020年度部门决算',
      '发布时间：2021-09-10',
      '一、部门基本情况',
      '2020年度收入总计１，９１８．２５万元， 支出总计1,918.25万元。',
      '收支較上年决算数减少332.06万元。',
      '表1 收入支出决算总表',
      '项目\t金额（万元）',
      '本年\t上年',
      '收入合计\t1,911.05\t2,062.86',
      '附件：决算公开表.xls',
    ]);
    for (const chrome of ['首页', '网站地图', '机构概况', '您当前的位置', '版权所有', '相关链接', 'color', 'var menu']) {
      expect(doc.text).not.toContain(chrome);
    }
    expect(doc.notes.some((n) => n.includes('GB2312'))).toBe(true);
    expect(doc.notes.some((n) => n.includes('导航'))).toBe(true);
  });

  it('keeps headings and the table with spans and exact offsets', () => {
    expect(doc.headings!.map((h) => [h.level, doc.text.slice(h.start, h.end)])).toEqual([
      [1, '重庆市北碚区人民政府办公室2020年度部门决算'],
      [2, '一、部门基本情况'],
    ]);
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0];
    expect(t.rows.map((r) => r.map((c) => [c.text, c.rowSpan ?? 1, c.colSpan ?? 1]))).toEqual([
      [['项目', 2, 1], ['金额（万元）', 1, 2]],
      [['本年', 1, 1], ['上年', 1, 1]],
      [['收入合计', 1, 1], ['1,911.05', 1, 1], ['2,062.86', 1, 1]],
    ]);
    for (const r of t.rows) for (const c of r) expect(doc.text.slice(c.start, c.end)).toBe(c.text);
  });

  it('normalises in norm only', () => {
    expect(doc.norm.length).toBe(doc.text.length);
    expect(doc.norm).toContain('收入总计1,918.25万元');
    expect(doc.norm).toContain('收支较上年');
    expect(doc.text).toContain('收支較上年');
  });

  it('reads a UTF-8 page without a meta charset, and an <article> header stays', () => {
    const d = readHtml(
      new TextEncoder().encode('<html><body><article><header><h2>决算说明</h2></header><p>本部门无国有资本经营预算。</p></article><footer>主办单位</footer></body></html>'),
      'a.htm',
    );
    expect(d.text).toBe('决算说明\n本部门无国有资本经营预算。\n');
  });

  it('drops class-named header/bottom bars but keeps a header that holds the title', () => {
    const d = readHtml(
      new TextEncoder().encode(
        '<html><body><div class="header">政府门户网站 无障碍</div><div class="article-header"><h1>2020年度部门决算</h1></div>' +
          '<div class="dqwz">当前位置：首页</div><p>正文</p><div class="bottom">网站标识码 5001090001</div></body></html>',
      ),
      'h.html',
    );
    expect(d.text).toBe('2020年度部门决算\n正文\n');
  });

  it('reads a layout table as blocks, not as a data table', () => {
    const d = readHtml(
      new TextEncoder().encode('<html><body><table><tr><td><p>第一段</p><table><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table></td></tr></table></body></html>'),
      'layout.html',
    );
    expect(d.text).toBe('第一段\n甲\t1\n乙\t2\n');
    expect(d.tables).toHaveLength(1);
  });

  it('trusts the bytes over a wrong meta charset', () => {
    const d = readHtml(new TextEncoder().encode(PAGE), 'utf8-but-says-gb2312.html');
    expect(d.text).toContain('重庆市北碚区人民政府办公室2020年度部门决算');
    expect(d.notes.some((n) => n.includes('实际为 UTF-8'))).toBe(true);
  });

  it('refuses a page without text', () => {
    expect(() => readHtml(new TextEncoder().encode('<html><body><nav>首页</nav><script>x()</script></body></html>'), 'e.html')).toThrow(ReadError);
    try {
      readHtml(new TextEncoder().encode('<html><body>  </body></html>'), 'e.html');
    } catch (e) {
      expect((e as ReadError).code).toBe('empty');
    }
  });
});
