/**
 * Leaves in, every total derived (model/derive.ts): a leaves-only model renders consistent tables and text;
 * a stated figure that contradicts a derived one is refused with its JSON path, expected and actual value;
 * changing one 项 moves every dependent figure, and the rendered documents check with no error in every format.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { deriveModel } from '../src/model/derive.js';
import { cellValue, conceptValue } from '../src/model/concepts.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown, renderHtml, renderDocx } from '../src/render/index.js';
import { checkBytes } from '../src/engine/check.js';
import { runRender } from '../src/cli/commands/render.js';
import { docxToPdf, findSoffice, UserError } from '../src/cli/io.js';
import { leavesModel, EXAMPLE_PATH, type Loose } from './leaves-fixture.js';
import { readFileSync } from 'node:fs';

function valid(m: Loose): Disclosure {
  const r = validateDisclosure(m);
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
  return r.model;
}

const v = (m: Disclosure, kind: Parameters<typeof cellValue>[1], row: string, col: string) => cellValue(m, kind, row, col)?.toFixed(2);

describe('derivation of a leaves model', () => {
  it('should derive 款, 类, table totals, T2/T3/T4/T7 and the balance from the leaves', () => {
    const m = valid(leavesModel());
    expect(v(m, 't5', '20103', 'total')).toBe('1450.00');
    expect(v(m, 't5', '201', 'basic')).toBe('1250.00');
    expect(v(m, 't5', 'total', 'total')).toBe('1800.00');
    expect(v(m, 't6', 'personnel', 'amount')).toBe('1150.00');
    expect(v(m, 't6', 'total', 'amount')).toBe('1600.00');
    expect(v(m, 't3', 'total', 'project')).toBe('284.58');
    expect(v(m, 't4', '234', 'fund')).toBe('84.58');
    expect(v(m, 't4', 'out.closing', 'general')).toBe('7.20');
    expect(v(m, 't1', 'in.grand', 'amount')).toBe('1891.78');
    expect(v(m, 't1', 'out.total', 'amount')).toBe('1884.58');
    expect(v(m, 't1', 'out.closing', 'amount')).toBe('7.20');
    expect(v(m, 't2', 'total', 'fiscal')).toBe('1884.58');
    expect(v(m, 't7', 'total', 'actual.vehicle')).toBe('32.76');
    expect(m.sanGong.total.actual).toBe('43.22');
    expect(m.procurement.total).toBe('768.56');
    expect(conceptValue(m, '一般公共预算财政拨款支出:201')?.toFixed(2)).toBe('1450.00');
  });

  it('should keep the seed example as printed: its 0.01 drifts are rounding, not conflicts', () => {
    const r = validateDisclosure(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(v(r.model, 't5', 'total', 'total')).toBe('1833.68');
    expect(r.drift?.map((d) => d.path)).toContain('tables[4].rows[0].values.total');
  });

  it('should refuse a stated total that contradicts the leaves, naming path, expected and actual', () => {
    const m = leavesModel();
    m.tables[4].rows.push({ key: 'total', name: '合计', values: { total: '1900.00' } });
    const r = validateDisclosure(m);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.issues.find((x) => x.path === `tables[4].rows[${m.tables[4].rows.length - 1}].values.total`);
    expect(i).toMatchObject({ expected: '1800.00', actual: '1900.00' });
    expect(i!.message).toContain('应为 1800.00');
  });

  it('should treat a figure beyond rounding as a conflict and within rounding as drift', () => {
    const m = leavesModel();
    m.tables[0].rows.push({ key: 'in.total', side: 'income', name: '本年收入合计', values: { amount: '1884.59' } });
    const stated = validateDisclosure(m, { derive: false });
    if (!stated.ok) throw new Error(JSON.stringify(stated.issues));
    const d = deriveModel(stated.model);
    expect(d.conflicts).toEqual([]);
    expect(d.drift.map((x) => x.path)).toEqual(['tables[0].rows[11].values.amount']);
    m.tables[0].rows[11].values.amount = '1885.58';
    expect(validateDisclosure(m).ok).toBe(false);
  });

  it('should make render stop with exit 2 and name the path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-derive-'));
    const m = leavesModel();
    m.tables[4].rows.push({ key: 'total', name: '合计', values: { basic: '1.00' } });
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(m));
    const err = await runRender(file, { format: 'md', output: path.join(dir, 'out.md') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(/tables\[4\]\.rows\[\d+\]\.values\.basic: 应为 1600\.00.*实为 1\.00/);
  });
});

describe('a 项 raised beyond what the year had', () => {
  it('should make render stop: a negative 年末结转和结余 is named, not printed as its absolute value', () => {
    const edited = leavesModel();
    edited.tables[4].rows.find((r: Loose) => r.code === '2010302').values.project = '250.00';
    const r = validateDisclosure(edited);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path} ${i.actual}`)).toEqual([
      expect.stringMatching(/^tables\[0\]\.rows\[\d+\]\.values\.amount -42\.80$/),
      expect.stringMatching(/^tables\[3\]\.rows\[\d+\]\.values\.total -42\.80$/),
      expect.stringMatching(/^tables\[3\]\.rows\[\d+\]\.values\.general -42\.80$/),
    ]);
    expect(r.issues[0].message).toContain('年末结转和结余”不能为负');
  });
});

describe('changing one 项 amount', () => {
  const base = valid(leavesModel());
  const edited = leavesModel();
  edited.tables[4].rows.find((r: Loose) => r.code === '2010302').values.project = '150.00';
  const m = valid(edited);

  it('should move every dependent figure: subtotals, totals, cross-table figures, balance', () => {
    expect(v(base, 't5', '201', 'total')).toBe('1450.00');
    expect(v(m, 't5', '20103', 'project')).toBe('150.00');
    expect(v(m, 't5', '201', 'total')).toBe('1400.00');
    expect(v(m, 't5', 'total', 'project')).toBe('150.00');
    expect(v(m, 't3', 'total', 'total')).toBe('1834.58');
    expect(v(m, 't4', '201', 'general')).toBe('1400.00');
    expect(v(m, 't4', 'out.total', 'total')).toBe('1834.58');
    expect(v(m, 't4', 'out.closing', 'general')).toBe('57.20');
    expect(v(m, 't1', '201', 'amount')).toBe('1400.00');
    expect(v(m, 't1', 'out.total', 'amount')).toBe('1834.58');
    expect(v(m, 't1', 'out.closing', 'amount')).toBe('57.20');
  });

  it('should move the narrative: amounts, shares and changes', () => {
    const before = renderMarkdown(generate(base));
    const after = renderMarkdown(generate(m));
    expect(before).toContain('一般公共预算财政拨款支出1,800.00万元');
    expect(after).toContain('一般公共预算财政拨款支出1,750.00万元');
    expect(after).toContain('一般公共服务支出1,400.00万元，占80.0%');
    expect(before).toContain('一般公共服务支出1,450.00万元，占80.6%');
    expect(after).toMatch(/支出合计1,834\.58万元，较上年决算数减少408\.53万元/);
  });

  it('should render documents that our checker passes with no error in md, html, docx and pdf', async () => {
    const doc = generate(m);
    const enc = (s: string) => new TextEncoder().encode(s);
    const docx = await renderDocx(doc);
    const outputs: [string, Uint8Array][] = [['x.md', enc(renderMarkdown(doc))], ['x.html', enc(renderHtml(doc))], ['x.docx', docx]];
    if (!findSoffice()) throw new Error('LibreOffice (soffice) is needed for the PDF case: apt-get install libreoffice-writer-nogui fonts-noto-cjk');
    outputs.push(['x.pdf', await docxToPdf(docx)]);
    for (const [file, bytes] of outputs) {
      const r = await checkBytes(bytes, file);
      expect(r.internalErrors, file).toEqual([]);
      expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${file}: ${f.ruleId} ${f.message}`)).toEqual([]);
    }
  }, 120_000);
});
