/**
 * Model files refuse what no real disclosure holds, naming the JSON path: control characters in text,
 * numbers JSON turns into Infinity (`1e309`), amounts beyond 10¹² 万元, negative 三公经费, negative counts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDisclosure } from '../src/model/schema.js';
import { parseModel } from '../src/model/parse.js';
import { ReadError } from '../src/readers/types.js';

const EXAMPLE = path.join(process.cwd(), 'examples/cq-beibei-zfb-2020.json');
const base = (): Record<string, any> => JSON.parse(readFileSync(EXAMPLE, 'utf8'));

function issues(model: unknown): { path: string; message: string }[] {
  const r = validateDisclosure(model);
  return r.ok ? [] : r.issues;
}

describe('model limits', () => {
  it('should accept the bundled example', () => {
    expect(issues(base())).toEqual([]);
  });

  it('should refuse a control character with the JSON path and the code point', () => {
    const m = base();
    m.body.name = `区政府办\u0007`;
    const found = issues(m);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('body.name');
    expect(found[0].message).toContain('U+0007');
  });

  it('should say what is wrong with a year of 1e309 instead of "expected a number, received a number"', () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace(/"year":\s*\d+/, '"year": 1e309');
    let err: unknown;
    try {
      parseModel(new TextEncoder().encode(text), 'm.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect((err as Error).message).toContain('m.json: year: 数值超出范围');
    expect((err as Error).message).not.toMatch(/received a number|收到 number/);
  });

  it('should refuse an amount beyond 10¹² 万元 and a negative 三公经费, with their paths', () => {
    const m = base();
    const t = m.tables.find((x: { unit?: string }) => (x.unit ?? '万元') === '万元');
    const row = t.rows.find((r: { values: Record<string, unknown> }) => Object.keys(r.values).length > 0);
    const col = Object.keys(row.values)[0];
    row.values[col] = '5000000000000';
    m.sanGong.total.actual = -1;
    const found = issues(m);
    const tIndex = m.tables.indexOf(t);
    const rIndex = t.rows.indexOf(row);
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining([`tables[${tIndex}].rows[${rIndex}].values.${col}`, 'sanGong.total.actual']));
    expect(found.find((i) => i.path === 'sanGong.total.actual')!.message).toContain('不能为负数');
  });
});
