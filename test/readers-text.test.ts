/**
 * Plain-text reader: the seed and every corpus text file, encodings, tab tables with cell offsets, bad input.
 * Needs ../shared/corpus (the seed and corpus/text); fails loudly when it is missing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { lineColumn } from '../src/core/span.js';
import { normalizeText } from '../src/readers/normalize.js';
import { readText } from '../src/readers/text.js';
import { ReadError, type SourceDoc } from '../src/readers/types.js';

const corpus = path.resolve(process.cwd(), '../shared/corpus');
const seedPath = path.join(corpus, 'seed/cq-beibei-zfb-2020.txt');

function load(p: string): Uint8Array {
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p} (the tests need ../shared/corpus)`);
  return new Uint8Array(readFileSync(p));
}

function expectReadError(fn: () => unknown, code: ReadError['code']): ReadError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    const err = e as ReadError;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    return err;
  }
  throw new Error(`expected ReadError(${code})`);
}

function checkCells(doc: SourceDoc): number {
  let n = 0;
  for (const t of doc.tables) {
    expect(t.start).toBeLessThanOrEqual(t.end);
    for (const row of t.rows) for (const c of row) {
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.start).toBeGreaterThanOrEqual(t.start);
      expect(c.end).toBeLessThanOrEqual(t.end);
      n++;
    }
  }
  return n;
}

describe('readText on the seed', () => {
  const bytes = load(seedPath);
  const doc = readText(bytes, 'cq-beibei-zfb-2020.txt');

  it('reads the whole document with lines and a same-length norm', () => {
    expect(doc.format).toBe('text');
    expect(doc.text).toBe(new TextDecoder().decode(bytes));
    expect(doc.norm.length).toBe(doc.text.length);
    expect(doc.lineStarts.length).toBe(doc.text.split('\n').length);
    expect(doc.text.startsWith('一、部门基本情况')).toBe(true);
    // full-width digits normalised, the Word bookmark residue blanked in norm only
    const i = doc.text.indexOf('１.负责区政府会议');
    expect(doc.norm.slice(i, i + 2)).toBe('1.');
    const b = doc.text.indexOf('[bookmark: _GoBack]');
    expect(b).toBeGreaterThan(0);
    expect(doc.norm.slice(b, b + 19)).toBe(' '.repeat(19));
    expect(doc.norm.slice(b + 19, b + 24)).toBe('公务接待费');
    // a simplified document stays as it is (no character is taken for traditional)
    expect(doc.notes.some((n) => n.includes('繁体'))).toBe(false);
  });

  it('finds the two 自评表 as tables with exact cell offsets', () => {
    expect(doc.tables).toHaveLength(2);
    expect(checkCells(doc)).toBeGreaterThan(200);
    const names = ['信息中心专项经费', '信息化建设政府网站安全等级测评费'];
    doc.tables.forEach((t, k) => {
      expect(t.rows[0][0].text).toBe('北碚区2020年度项目支出绩效自评表');
      const nameRow = t.rows.find((r) => r[0].text === '项目名称')!;
      expect(nameRow.map((c) => c.text)).toEqual(['项目名称', names[k], '自评总分（分)', '100']);
      const contact = t.rows.find((r) => r[0].text === '业务主管部门')!;
      expect(contact[4].text).toBe('联系人\n及电话');
      const header = t.rows.find((r) => r[0].text === '绩效指标')!;
      expect(header).toHaveLength(12);
      expect(header[7].text).toBe('指标权重\n（分)');
      const total = t.rows[t.rows.length - 1];
      expect(total.map((c) => c.text)).toEqual(['合计', '—', '—', '—', '—', '—', '—', '100', '—', '—', '100', '—']);
      // table spans lie inside the 绩效自评结果 section
      expect(doc.text.slice(t.start, t.end)).toContain('项目名称');
    });
    const q = doc.tables[0].rows.find((r) => r[3]?.text === '网络及内网服务可使用性')!;
    expect(q.map((c) => c.text).slice(4, 10)).toEqual(['小时', '＝', '7*24', '20', '7*24%', '100%']);
    expect(doc.tables[0].end).toBeLessThan(doc.tables[1].start);
    // offsets give the line and column of the source file (grep -n: line 68 is "\t信息中心专项经费")
    const name = doc.tables[0].rows.find((r) => r[0].text === '项目名称')![1];
    expect(lineColumn(doc.lineStarts, name.start)).toEqual({ line: 68, column: 2 });
    const back = JSON.parse(JSON.stringify(doc)) as SourceDoc;
    expect(back.tables).toEqual(doc.tables);
    expect(lineColumn(back.lineStarts, back.tables[1].rows[2][1].start).line).toBe(new TextDecoder().decode(bytes).split('\n').indexOf('\t信息化建设政府网站安全等级测评费') + 1);
    expect(doc.text.slice(doc.tables[1].end)).toContain('（三）重点绩效评价结果');
  });

  it('gives the same text from GB18030, UTF-16LE/BE with and without BOM, UTF-8 with BOM', () => {
    const text = doc.text;
    const variants: [string, Uint8Array][] = [
      ['gb18030', iconv.encode(text, 'gb18030')],
      ['utf16le+bom', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])],
      ['utf16le', iconv.encode(text, 'utf16le')],
      ['utf16be+bom', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')])],
      ['utf16be', iconv.encode(text, 'utf16be')],
      ['utf8+bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['utf8 crlf', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')],
    ];
    for (const [name, b] of variants) {
      const d = readText(new Uint8Array(b), `seed-${name}.txt`);
      expect(d.text, name).toBe(text);
      expect(d.tables.length, name).toBe(2);
      expect(d.notes.length, name).toBeGreaterThan(1); // the encoding / line-end note besides the residue note
    }
  });

  it('reads a short GBK text', () => {
    const d = readText(new Uint8Array(iconv.encode('部门决算\n收入合计1,911.05万元', 'gbk')), 'gbk.txt');
    expect(d.text).toBe('部门决算\n收入合计1,911.05万元');
  });
});

describe('readText on corpus/text', () => {
  const dir = path.join(corpus, 'text');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  it('has the corpus', () => expect(files.length).toBeGreaterThan(20));
  for (const f of files) {
    it(`reads ${f}`, () => {
      const bytes = load(path.join(dir, f));
      const d = readText(bytes, f);
      // every byte read: at most 4 bytes a character in any of the encodings (short pages are in the corpus too)
      expect(d.text.length).toBeGreaterThanOrEqual(Math.floor(bytes.length / 4));
      expect(d.text.length).toBeGreaterThan(100);
      expect(d.norm.length).toBe(d.text.length);
      checkCells(d);
    });
  }
  it('converts the traditional pages to readable simplified norm', () => {
    for (const f of files.filter((x) => x.includes('-trad'))) {
      const d = readText(load(path.join(dir, f)), f);
      expect(d.notes.some((n) => n.includes('繁体'))).toBe(true);
      expect(d.norm).toContain('决算');
      expect(d.norm).not.toMatch(/決算|經費|預算|單位|國有|機關/);
    }
    // the pinyin the mirror sites added (政務(wù)) is blanked, so the words read once spaces are skipped
    const d20 = readText(load(path.join(dir, '020-xj-urumqi-zhengwufuwu-2023-partial-trad.txt')), 'x');
    const n20 = d20.norm.replace(/ /g, '');
    for (const w of ['部门决算公开说明', '国有资本经营预算财政拨款', '单位概况', '政务服务中心']) expect(n20).toContain(w);
    const d26 = readText(load(path.join(dir, '026-central-satcm-2016-partial-trad.txt')), 'x');
    expect(d26.norm.replace(/ /g, '')).toContain('国家中医药管理局2016年度部门决算');
    expect(d26.norm.replace(/ /g, '')).toContain('三公”经费支出决算表');
    expect(normalizeText('決算經費預算單位國有機關')).toBe('决算经费预算单位国有机关');
  });
  it('blanks PAGEREF residue and TOC leaders in norm', () => {
    const d = readText(load(path.join(dir, '025-sc-luzhou-zhongyiyiyuan-2023-unit-partial.txt')), 'x');
    const i = d.text.indexOf('一、 主要职责 PAGEREF');
    const line = d.norm.slice(i, d.text.indexOf('\n', i));
    expect(line.trimEnd()).toBe('一、 主要职责');
    expect(d.text.slice(i)).toMatch(/^一、 主要职责 PAGEREF _Toc32310 h 3/);
    const toc = readText(load(path.join(dir, '023-zj-cangnan-2022-toc-partial.txt')), 'x');
    const j = toc.text.indexOf('一、概况');
    expect(toc.norm.slice(j, toc.text.indexOf('\n', j)).trimEnd()).toBe('一、概况');
  });
});

describe('readText tables in other layouts', () => {
  it('reads tab-separated rows and markdown pipe rows', () => {
    const src = '说明\n项目\t本年\t上年\n收入\t1,911.05\t2,062.86\n\n| 项目 | 金额 |\n|---|---|\n| 支出 | 1,918.25 |\n';
    const d = readText(new TextEncoder().encode(src), 't.md', { format: 'md' });
    expect(d.format).toBe('md');
    expect(d.tables.map((t) => t.rows.map((r) => r.map((c) => c.text)))).toEqual([
      [['项目', '本年', '上年'], ['收入', '1,911.05', '2,062.86']],
      [['项目', '金额'], ['支出', '1,918.25']],
    ]);
    checkCells(d);
  });
  it('does not take tab-indented paragraphs for a table', () => {
    const src = '\t一、部门基本情况\n\t本部门无下级预算单位。\n\n\t二、部门决算情况说明\n\n\t收入合计1,911.05万元。\n';
    expect(readText(new TextEncoder().encode(src), 'p.txt').tables).toEqual([]);
  });
});

describe('readText refuses bad input', () => {
  it('empty and whitespace-only files', () => {
    expectReadError(() => readText(new Uint8Array(0), 'a.txt'), 'empty');
    expectReadError(() => readText(new TextEncoder().encode(' \n\t\u3000\n'), 'a.txt'), 'empty');
    expectReadError(() => readText(new Uint8Array([0xef, 0xbb, 0xbf]), 'a.txt'), 'empty');
  });
  it('binary junk', () => {
    let x = 12345;
    const junk = new Uint8Array(8192).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const err = expectReadError(() => readText(junk, 'junk.bin'), 'binary');
    expect(err.message).toContain('junk.bin');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expectReadError(() => readText(png, 'x.png'), 'binary');
  });
  it('a 50 MB text is refused before decoding; the limit is configurable', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const err = expectReadError(() => readText(big, 'big.txt'), 'too-large');
    expect(err.message).toContain('big.txt');
    expectReadError(() => readText(new TextEncoder().encode('部门决算说明'), 's.txt', { maxBytes: 10 }), 'too-large');
  });
});

describe('the traditional → simplified table', () => {
  it('maps every code unit as the pairs of t2s.ts say, and counts what it converts', async () => {
    // The table is a typed array by code unit; the pairs are the reference, read here into a Map.
    const { T2S_PAIRS } = await import('../src/readers/t2s.js');
    const { countTraditional, normalizeChars } = await import('../src/readers/normalize.js');
    const pairs = new Map<string, string>();
    for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) pairs.set(T2S_PAIRS[i]!, T2S_PAIRS[i + 1]!);
    expect(pairs.size).toBeGreaterThan(2900);
    let converted = 0;
    for (let c = 0x3400; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const want = pairs.get(ch);
      if (want === undefined) continue;
      converted++;
      // (NFKC or a radical may change the character first; the table then applies to what it became)
      const nfkc = ch.normalize('NFKC');
      if (nfkc === ch) expect(normalizeChars(ch), `U+${c.toString(16)}`).toBe(want);
    }
    expect(countTraditional([...pairs.keys()].join(''))).toBe(converted);
    expect(countTraditional('部门决算公开，财政拨款')).toBe(0);
    expect(normalizeChars('國有資產')).toBe('国有资产');
  });
});
