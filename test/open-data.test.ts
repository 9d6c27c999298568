/**
 * Open data: the long CSV (one figure a line, 万元) and the Fiscal Data Package describing it.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { CSV_FIELDS, longRows, toCsv } from '../src/export/csv.js';
import { dataPackage } from '../src/export/fdp.js';
import { runExport } from '../src/cli/commands/export.js';
import { EXAMPLE_PATH, leavesModel } from './leaves-fixture.js';

function valid(data: unknown): Disclosure {
  const r = validateDisclosure(data);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}

describe('long CSV', () => {
  const m = valid(leavesModel());
  it('should give one line per stated figure with classification code, level, parent and direction', () => {
    const rows = longRows(m);
    const x = rows.find((r) => r.table === 't5' && r.row === '2010302' && r.measure === 'project')!;
    expect(x).toMatchObject({ functional_code: '2010302', functional_level: '项', functional_parent: '20103', direction: 'expenditure', amount: '200.00', year: 2020, phase: '决算' });
    const e = rows.find((r) => r.table === 't6' && r.row === '30201')!;
    expect(e).toMatchObject({ economic_code: '30201', economic_level: '款', economic_parent: '302', functional_code: '' });
    expect(rows.find((r) => r.table === 't1' && r.row === 'in.general')!.direction).toBe('revenue');
    expect(rows.find((r) => r.table === 't1' && r.row === 'in.opening')!.direction).toBe('balance');
    // Every figure of every table, no more: the count equals the stated cells.
    const cells = m.tables.reduce((n, t) => n + t.rows.reduce((k, r) => k + Object.values(r.values).filter((v) => v !== null).length, 0), 0);
    expect(rows.length).toBe(cells);
  });

  it('should convert tables in 元 to 万元', () => {
    const lm = leavesModel();
    lm.tables[4].unit = '元';
    for (const r of lm.tables[4].rows) for (const k of Object.keys(r.values)) r.values[k] = String(Number(r.values[k]) * 10000);
    const rows = longRows(valid(lm));
    expect(rows.find((r) => r.table === 't5' && r.row === '2010302' && r.measure === 'project')!.amount).toBe('200.00');
  });

  it('should quote fields per RFC 4180 and start with the header', () => {
    const lm = leavesModel();
    lm.tables[4].rows.find((r: { code?: string }) => r.code === '2010302').name = '一般行政管理事务，"其他"';
    const csv = toCsv(valid(lm));
    expect(csv.split('\n')[0]).toBe(CSV_FIELDS.join(','));
    expect(csv).toContain('"一般行政管理事务，""其他"""');
  });
});

describe('Fiscal Data Package', () => {
  it('should describe the CSV: CNY, factor 10000, phase executed, direction, both classification hierarchies', () => {
    const m = valid(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
    const p = dataPackage(m) as Record<string, any>;
    expect(p.profile).toBe('fiscal-data-package');
    expect(p.model.measures.amount).toMatchObject({ currency: 'CNY', factor: 10000, phase: 'executed', source: 'amount' });
    expect(p.model.dimensions['functional-classification'].classificationType).toBe('functional');
    expect(p.model.dimensions['economic-classification'].attributes.parent).toMatchObject({ source: 'economic_parent', parent: 'code' });
    expect(p.model.dimensions.direction.attributes.direction.source).toBe('direction');
    expect(p.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual([...CSV_FIELDS]);
    // Every source the model names is a CSV field.
    const sources = JSON.stringify(p.model).match(/"source":"([a-z_]+)"/g)!.map((s) => s.split('"')[3]);
    for (const s of sources) expect(CSV_FIELDS as readonly string[]).toContain(s);
  });

  it('should write datapackage.json and the CSV into a new directory, never into an existing one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-fdp-'));
    const a = await runExport(EXAMPLE_PATH, { format: 'fdp', output: path.join(dir, 'pkg') });
    const b = await runExport(EXAMPLE_PATH, { format: 'fdp', output: path.join(dir, 'pkg') });
    expect(a.map((p) => path.relative(dir, p))).toEqual(['pkg/datapackage.json', 'pkg/juesuan-long.csv']);
    expect(b.map((p) => path.relative(dir, p))).toEqual(['pkg.v2/datapackage.json', 'pkg.v2/juesuan-long.csv']);
    expect(readdirSync(dir).sort()).toEqual(['pkg', 'pkg.v2']);
    const pkg = JSON.parse(readFileSync(a[0], 'utf8'));
    expect(pkg.resources[0].path).toBe('juesuan-long.csv');
  });
});
