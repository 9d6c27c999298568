/** Identities of one table as data (model/tables.ts) checked by extract/tables/identities.ts. */
import { describe, it, expect } from 'vitest';
import { checkTable } from '../src/extract/tables/identities.js';
import type { Table } from '../src/model/schema.js';

const t8 = (closing: string): Table => ({
  kind: 't8',
  unit: '万元',
  rows: [{ key: 'total', name: '合计', values: { opening: '0.00', income: '84.58', total: '84.58', basic: '0.00', project: '84.58', closing } }],
});

describe('T8 per-row balance: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余', () => {
  it('should hold for a balanced row', () => {
    const b = checkTable(t8('0.00')).filter((i) => i.label.includes('“年初结转和结余”栏 + “本年收入”栏'));
    expect(b.map((i) => i.verdict)).toEqual(['exact']);
  });
  it('should fail for a row that does not balance', () => {
    const b = checkTable(t8('5.00')).filter((i) => i.label.includes('“年初结转和结余”栏 + “本年收入”栏'));
    expect(b.map((i) => [i.verdict, i.stated.toFixed(2), i.expected.toFixed(2)])).toEqual([['wrong', '84.58', '89.58']]);
  });
});
