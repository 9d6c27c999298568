/**
 * A blank model for `juesuan template`: the nine tables with their named rows and no figures, and placeholder
 * texts (（请填写…）) that a person replaces. Not a valid disclosure until filled in.
 */
import type { Disclosure, Table } from './schema.js';
import { TABLE_SPECS, TABLE_KINDS } from './tables.js';

const FILL = '（请填写）';

export function blankModel(year: number): Disclosure {
  const tables: Table[] = TABLE_KINDS.map((kind) => {
    const spec = TABLE_SPECS[kind];
    const named = (spec.namedRows ?? []).map((n) => ({ key: n.key, name: n.label, ...(n.side ? { side: n.side } : {}), values: {} }));
    const total = spec.namedRows ? [] : [{ key: 'total', name: '合计', values: {} }];
    return { kind, unit: '万元', rows: [...named, ...total] };
  });
  const item = {};
  return {
    schemaVersion: 1,
    body: { name: '（请填写单位名称）', level: '部门', region: { province: FILL } },
    year,
    style: { template: 'chongqing', pctDp: 1, zeroBase: 'hundred', wording: {} },
    profile: { functions: [FILL], institutions: FILL, composition: FILL },
    tables,
    comparatives: {},
    sanGong: { total: {}, abroad: item, vehiclePurchase: item, vehicleOperation: item, reception: item, quantities: {} },
    operatingCosts: { current: '0.00' },
    meetings: { current: '0.00' },
    training: { current: '0.00' },
    assets: { asOf: `${year}年12月31日`, vehicles: {} as Disclosure['assets']['vehicles'] },
    procurement: { goods: '0.00', works: '0.00', services: '0.00', sme: '0.00', micro: '0.00' },
    performance: { projectCount: 0, formCount: 0, funds: '0.00', selfEvaluations: [] },
    glossary: [],
    contact: { phone: FILL },
  };
}
