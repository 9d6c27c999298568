/**
 * Reading confidence is not arithmetic: whether a table was read well is decided from how it was read
 * (columns found, every number placed, rows recognised, unit line), never from whether its sums hold, so a
 * table read well with a wrong total gives an error instead of being set aside. A blank cell is not given
 * (null), a dash is a printed zero. DOCX/HTML/text tables go through the same rebuild as a PDF's, and a
 * 部门预算 (budget) PDF, whose tables are not the nine 决算 tables, is not read as them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkBytes } from '../src/engine/check.js';
import { readDocument } from '../src/readers/index.js';
import { rebuildDocTables } from '../src/extract/tables/structured.js';
import { confidenceOf } from '../src/extract/tables/confidence.js';
import { checkTable } from '../src/extract/tables/identities.js';
import type { Table } from '../src/model/schema.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** A hand-made HTML disclosure with one 支出决算表 (T3). */
function t3Html(total: string, basicOf201 = '100.00'): string {
  const rows = [
    ['', '合计', total, '120.00', '30.00', '0.00', '0.00', '0.00'],
    ['201', '一般公共服务支出', '130.00', basicOf201, '30.00', '', '', ''],
    ['208', '社会保障和就业支出', '20.00', '20.00', '—', '', '', ''],
  ];
  const head = ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];
  const tr = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  return `<!doctype html><html><body><h1>某某局2020年度部门决算</h1>
<p>2020年度支出决算表</p><p>编制单位：某某局　　单位：万元</p>
<table>${tr(head, 'th')}${rows.map((r) => tr(r)).join('')}</table>
<p>注：本表反映部门本年度各项支出情况。</p></body></html>`;
}

describe('a table read well whose total is wrong', () => {
  it('should be read with full confidence, the same as the correct table', async () => {
    const good = rebuildDocTables(await readDocument(enc(t3Html('150.00')), 'good.html'));
    const bad = rebuildDocTables(await readDocument(enc(t3Html('160.00')), 'bad.html'));
    expect(good.map((t) => t.table.kind)).toEqual(['t3']);
    expect(bad.map((t) => [t.table.kind, t.confidence, t.flagged])).toEqual([['t3', 1, false]]);
    expect(bad[0].confidence).toBe(good[0].confidence);
  });

  it('should give an error at the total, not a warning that the table could not be read', async () => {
    const r = await checkBytes(enc(t3Html('160.00')), 'bad.html');
    expect(r.findings.filter((f) => f.ruleId === 'table/unreliable')).toEqual([]);
    const errors = r.findings.filter((f) => f.ruleId === 'table/identity' && f.severity === 'error');
    expect(errors.map((f) => [f.actual, f.expected])).toEqual([
      ['160.00', '150.00'], // 合计行：本年支出合计 = 基本 + 项目 + 上缴 + 经营 + 对附属
      ['160.00', '150.00'], // 本年支出合计栏：合计行 = Σ类
    ]);
    expect(errors[0].message).toContain('表3');
    expect(errors[0].message).toContain('“合计”行');
    const at = errors[0].location;
    expect(r.doc!.text.slice(at.offset, at.offset! + at.length!)).toBe('160.00');
  });

  it('should give no table error when the sums hold', async () => {
    const r = await checkBytes(enc(t3Html('150.00')), 'good.html');
    expect(r.findings.filter((f) => f.ruleId.startsWith('table/') && f.severity !== 'info').map((f) => f.message)).toEqual([]);
  });
});

describe('blank and dash cells', () => {
  it('should read a blank cell as not given and a dash as a printed zero', async () => {
    const [t] = rebuildDocTables(await readDocument(enc(t3Html('150.00')), 'x.html'));
    const r208 = t.table.rows.find((r) => r.code === '208')!;
    expect(r208.values.project).toBe('0.00');
    expect(r208.values.remit).toBeNull();
  });

  it('should not check an identity over a blank cell (a blank is no 0)', async () => {
    // 201's 基本支出 left blank: its row sum and the 基本支出 column sum are unknown, not wrong.
    const [t] = rebuildDocTables(await readDocument(enc(t3Html('150.00', '')), 'x.html'));
    expect(t.table.rows.find((r) => r.code === '201')!.values.basic).toBeNull();
    expect(checkTable(t.table).filter((c) => c.verdict === 'wrong')).toEqual([]);
    expect(checkTable(t.table).some((c) => c.label.includes('“基本支出”栏：“合计”行'))).toBe(false);
  });
});

describe('confidenceOf', () => {
  const t: Table = { kind: 't6', unit: '万元', rows: [{ key: 'total', name: '基本支出合计', values: { amount: '999.00' } }, { key: 'personnel', name: '人员经费合计', values: { amount: '1.00' } }, { key: 'public', name: '公用经费合计', values: { amount: '1.00' } }] };
  const clean = { missing: [], stray: 0, problems: [], unplaced: [], unitFound: true };
  it('should not look at the sums (999 ≠ 1 + 1 is still a table read well)', () => {
    expect(confidenceOf(t, clean).confidence).toBe(1);
  });
  it('should fall with reading evidence: columns not found, numbers not placed, rows not recognised', () => {
    expect(confidenceOf(t, { ...clean, missing: ['决算数'], stray: 3 }).confidence).toBeLessThan(0.8);
    expect(confidenceOf(t, { ...clean, unplaced: ['未识别的行“甲”', '未识别的行“乙”', '未识别的行“丙”'] }).confidence).toBeLessThan(0.8);
    expect(confidenceOf(t, { ...clean, unitFound: false }).confidence).toBe(0.95);
  });
});

describe('text tables go through the same rebuild', () => {
  it('should read a tab-separated 基本支出决算表 and check it', async () => {
    const rows = ['科目编码\t科目名称\t决算数', '301\t工资福利支出\t80.00', '302\t商品和服务支出\t20.00', '人员经费合计\t\t80.00', '公用经费合计\t\t20.00', '基本支出合计\t\t110.00'];
    const text = ['某某局2020年度部门决算', '2020年度一般公共预算财政拨款基本支出决算表', '单位：万元', ...rows, ''].join('\n');
    const r = await checkBytes(enc(text), 'x.txt');
    expect(r.doc!.rebuiltTables!.map((t) => [t.table.kind, t.confidence])).toEqual([['t6', 1]]);
    const e = r.findings.filter((f) => f.ruleId === 'table/identity' && f.severity === 'error');
    expect(e.map((f) => [f.actual, f.expected])).toEqual([['110.00', '100.00']]);
    const at = e[0].location;
    expect(r.doc!.text.slice(at.offset, at.offset! + at.length!)).toBe('110.00');
  });
});

describe('a 部门预算 (budget) PDF', () => {
  const file = path.resolve(process.cwd(), '../shared/corpus/budget/js-gaoyuan-2019-budget.pdf');
  it('should not be read as the nine 决算 tables (abstain rather than misread)', async () => {
    expect(existsSync(file), `${file} is missing (the shared corpus must sit next to the repository)`).toBe(true);
    const r = await checkBytes(new Uint8Array(readFileSync(file)), 'budget.pdf');
    expect(r.doc!.rebuiltTables).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId.startsWith('table/'))).toEqual([]);
  }, 60_000);
});

describe('a row without any figure', () => {
  const t5 = (): Table => ({
    kind: 't5',
    unit: '万元',
    rows: [
      { key: 'total', name: '合计', values: { total: '150.00', basic: null, project: null } },
      { code: '201', name: '一般公共服务支出', values: { total: '150.00', basic: null, project: null } },
      { code: '208', name: '社会保障和就业支出', values: { total: null, basic: null, project: null } },
    ],
  });
  it('should stand for nothing in a printed table (a template row left blank): 合计 = Σ类 is checked', () => {
    expect(checkTable(t5()).map((c) => [c.label, c.verdict])).toEqual([['“合计”栏：“合计”行 = “201 一般公共服务支出”行', 'exact']]);
  });
  it('should be unknown in a model (a figure the text does not state): 合计 = Σ类 is not checked', () => {
    expect(checkTable(t5(), { blankRowsUnknown: true })).toEqual([]);
  });
});
